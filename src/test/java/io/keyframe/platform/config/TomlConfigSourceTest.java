package io.keyframe.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSpecShapeAsDottedKeys() throws Exception {
        Path file = write("""
                [recording]
                root = "/srv/recordings"
                segment_duration_secs = 120

                [storage.cleanup]
                enabled = true
                max_retention_days = 30
                max_disk_usage_percent = 80
                check_interval_secs = 3600
                """);
        TomlConfigSource source = new TomlConfigSource(file);
        assertEquals("/srv/recordings", source.getValue("recording.root"));
        assertEquals("120", source.getValue("recording.segment_duration_secs"));
        assertEquals("true", source.getValue("storage.cleanup.enabled"));
        assertEquals("30", source.getValue("storage.cleanup.max_retention_days"));
        assertEquals("80", source.getValue("storage.cleanup.max_disk_usage_percent"));
        assertEquals("3600", source.getValue("storage.cleanup.check_interval_secs"));
        assertEquals(150, source.getOrdinal());
    }

    @Test
    void arraysBecomeMicroProfileLists() throws Exception {
        TomlConfigSource source = new TomlConfigSource(write("tags = [\"a\", \"b,c\"]\n"));
        assertEquals("a,b\\,c", source.getValue("tags"));
    }

    @Test
    void invalidTomlNamesTheFileAndTheVariable() throws Exception {
        Path file = write("[storage.cleanup\nenabled = true\n");
        var error = assertThrows(InvalidConfigurationException.class, () -> new TomlConfigSource(file));
        assertEquals("KEYFRAME_CONFIG", error.key());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("nope.toml");
        var error = assertThrows(InvalidConfigurationException.class, () -> new TomlConfigSource(missing));
        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
    }

    @Test
    void noFileMeansNoProperties() {
        assertTrue(new TomlConfigSource((Path) null).getPropertyNames().isEmpty());
    }

    private Path write(String toml) throws Exception {
        Path file = dir.resolve("keyframe.toml");
        Files.writeString(file, toml);
        return file;
    }
}
