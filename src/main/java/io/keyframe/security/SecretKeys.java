package io.keyframe.security;

import io.keyframe.platform.config.InvalidConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the key that encrypts secrets at rest: the environment variable {@code KEYFRAME_SECRET_KEY}
 * (base64 of 32 bytes), else the file named by {@code security.secret_key_file} (TOML, holding the
 * same base64 text), else a key file generated once, mode 600, in a default directory (next to the
 * configuration file). Error messages name the variable or file, never the key.
 */
public final class SecretKeys {

    public static final String KEY_VARIABLE = "KEYFRAME_SECRET_KEY";
    public static final String KEY_FILE_SETTING = "security.secret_key_file";
    public static final String GENERATED_FILE_NAME = "keyframe-secret.key";

    /** The key and where it came from (for the log: a variable name or a path, never the key). */
    public record Resolved(byte[] key, String source, boolean generated) {
    }

    private SecretKeys() {
    }

    public static Resolved resolve(Function<String, Optional<String>> config, Path defaultDirectory) {
        Optional<String> variable = config.apply(KEY_VARIABLE).map(String::trim).filter(s -> !s.isEmpty());
        if (variable.isPresent()) {
            return new Resolved(decode(variable.get(), KEY_VARIABLE, "the environment variable " + KEY_VARIABLE),
                    "environment variable " + KEY_VARIABLE, false);
        }
        Optional<String> file = config.apply(KEY_FILE_SETTING).map(String::trim).filter(s -> !s.isEmpty());
        if (file.isPresent()) {
            Path path = Path.of(file.get()).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new InvalidConfigurationException(KEY_FILE_SETTING, "key file " + path + " does not exist");
            }
            return new Resolved(decode(read(path), KEY_FILE_SETTING, "key file " + path), "key file " + path, false);
        }
        Path path = defaultDirectory.resolve(GENERATED_FILE_NAME).toAbsolutePath();
        boolean generated = false;
        if (!Files.exists(path)) {
            generated = generate(path);
        }
        return new Resolved(decode(read(path), KEY_FILE_SETTING, "key file " + path), "key file " + path, generated);
    }

    private static boolean generate(Path path) {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(path.getParent());
            Path created;
            try {
                created = Files.createFile(path,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                created = Files.createFile(path);
            }
            Files.write(created, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // another start won the race: use its key
        } catch (IOException e) {
            throw new InvalidConfigurationException(KEY_VARIABLE, "is not set and the key file " + path
                    + " cannot be created (" + e.getClass().getSimpleName() + "); set " + KEY_VARIABLE
                    + " or " + KEY_FILE_SETTING);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new InvalidConfigurationException(KEY_FILE_SETTING, "key file " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static byte[] decode(String base64, String key, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, what + " is not base64 (make one with: openssl rand -base64 32)");
        }
        if (bytes.length != SecretCipher.KEY_BYTES) {
            throw new InvalidConfigurationException(key, what + " must hold " + SecretCipher.KEY_BYTES
                    + " bytes, not " + bytes.length + " (make one with: openssl rand -base64 32)");
        }
        return bytes;
    }
}
