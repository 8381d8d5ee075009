package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.platform.config.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @TempDir
    Path dir;

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static java.util.function.Function<String, Optional<String>> config(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    @Test
    void theVariableWins() {
        SecretKeys.Resolved resolved = SecretKeys.resolve(config(Map.of(SecretKeys.KEY_VARIABLE, " " + KEY + " ")), dir);
        assertArrayEquals(new byte[32], resolved.key());
        assertEquals("environment variable KEYFRAME_SECRET_KEY", resolved.source());
        assertFalse(Files.exists(dir.resolve(SecretKeys.GENERATED_FILE_NAME)));
    }

    @Test
    void aBadVariableIsNamedButNotShown() {
        String wrong = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
        var e = assertThrows(InvalidConfigurationException.class,
                () -> SecretKeys.resolve(config(Map.of(SecretKeys.KEY_VARIABLE, wrong)), dir));
        assertEquals(SecretKeys.KEY_VARIABLE, e.key());
        assertFalse(e.getMessage().contains(wrong));
        assertThrows(InvalidConfigurationException.class,
                () -> SecretKeys.resolve(config(Map.of(SecretKeys.KEY_VARIABLE, "not base64 !")), dir));
    }

    @Test
    void aKeyFileFromTheConfiguration() throws Exception {
        Path file = Files.writeString(dir.resolve("my.key"), KEY + "\n");
        SecretKeys.Resolved resolved = SecretKeys.resolve(config(Map.of(SecretKeys.KEY_FILE_SETTING, file.toString())), dir);
        assertArrayEquals(new byte[32], resolved.key());
        var e = assertThrows(InvalidConfigurationException.class, () -> SecretKeys.resolve(
                config(Map.of(SecretKeys.KEY_FILE_SETTING, dir.resolve("missing.key").toString())), dir));
        assertEquals(SecretKeys.KEY_FILE_SETTING, e.key());
    }

    @Test
    void generatesOnceWithMode600AndKeepsIt() throws Exception {
        SecretKeys.Resolved first = SecretKeys.resolve(config(Map.of()), dir);
        Path file = dir.resolve(SecretKeys.GENERATED_FILE_NAME);
        assertTrue(first.generated());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, first.key().length);
        SecretKeys.Resolved second = SecretKeys.resolve(config(Map.of()), dir);
        assertFalse(second.generated());
        assertArrayEquals(first.key(), second.key());
        assertFalse(first.source().contains(Base64.getEncoder().encodeToString(first.key())));
    }
}
