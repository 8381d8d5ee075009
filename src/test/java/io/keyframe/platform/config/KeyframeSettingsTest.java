package io.keyframe.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings as the server sees them: defaults, then the TOML file, then environment variables. */
class KeyframeSettingsTest {

    private static final String SPEC_TOML = """
            [recording]
            root = "/srv/recordings"
            segment_duration_secs = 120

            [storage.cleanup]
            enabled = false
            max_retention_days = 30
            max_disk_usage_percent = 80
            check_interval_secs = 3600
            """;

    @TempDir
    Path dir;

    @Test
    void fileValuesOverrideDefaults() throws Exception {
        KeyframeSettings settings = KeyframeSettings.from(config(SPEC_TOML, Map.of()));
        assertEquals(Path.of("/srv/recordings"), settings.recordingRoot());
        assertEquals(Duration.ofSeconds(120), settings.segmentDuration());
        assertFalse(settings.cleanup().enabled());
        assertEquals(30, settings.cleanup().maxRetentionDays());
        assertEquals(80, settings.cleanup().maxDiskUsagePercent());
        assertEquals(Duration.ofHours(1), settings.cleanup().checkInterval());
    }

    @Test
    void retentionExtrasAndEventTypeDaysAreRead() throws Exception {
        KeyframeSettings settings = KeyframeSettings.from(config(SPEC_TOML + """
                hysteresis_percent = 5
                safety_max_share_percent = 100

                [storage.cleanup.event_retention_days]
                motion = 90
                alarm = 365
                """, Map.of()));
        assertEquals(5, settings.cleanup().hysteresisPercent());
        assertEquals(100, settings.cleanup().safetyMaxSharePercent());
        assertEquals(100_000, settings.cleanup().maxDeletionsPerRun());
        assertEquals(Map.of("motion", 90, "alarm", 365), settings.cleanup().eventRetentionDays());
        InvalidConfigurationException error = assertThrows(InvalidConfigurationException.class,
                () -> KeyframeSettings.from(config(SPEC_TOML + "hysteresis_percent = 80\n", Map.of())));
        assertEquals("storage.cleanup.hysteresis_percent", error.key());
    }

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        KeyframeSettings settings = KeyframeSettings.from(config(SPEC_TOML,
                Map.of("STORAGE_CLEANUP_MAX_RETENTION_DAYS", "7", "RECORDING_SEGMENT_DURATION_SECS", "60")));
        assertEquals(7, settings.cleanup().maxRetentionDays());
        assertEquals(Duration.ofSeconds(60), settings.segmentDuration());
    }

    @Test
    void defaultsApplyWithoutAFile() {
        Config config = new SmallRyeConfigBuilder().withSources(defaults()).build();
        KeyframeSettings settings = KeyframeSettings.from(config);
        assertEquals(Duration.ofSeconds(180), settings.segmentDuration());
        assertTrue(settings.cleanup().enabled());
        assertEquals(80, settings.cleanup().maxDiskUsagePercent());
    }

    @Test
    void aBadNumberNamesItsKey() throws Exception {
        var error = assertThrows(InvalidConfigurationException.class, () -> KeyframeSettings.from(
                config(SPEC_TOML, Map.of("STORAGE_CLEANUP_MAX_DISK_USAGE_PERCENT", "150"))));
        assertEquals("storage.cleanup.max_disk_usage_percent", error.key());
        assertTrue(error.getMessage().contains("150"), error.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesItsKey() throws Exception {
        var error = assertThrows(InvalidConfigurationException.class, () -> KeyframeSettings.from(
                config(SPEC_TOML.replace("segment_duration_secs = 120", "segment_duration_secs = \"three minutes\""),
                        Map.of())));
        assertEquals("recording.segment_duration_secs", error.key());
        assertTrue(error.getMessage().contains("three minutes"), error.getMessage());
    }

    @Test
    void aBadBooleanNamesItsKey() throws Exception {
        var error = assertThrows(InvalidConfigurationException.class, () -> KeyframeSettings.from(
                config(SPEC_TOML, Map.of("STORAGE_CLEANUP_ENABLED", "sometimes"))));
        assertEquals("storage.cleanup.enabled", error.key());
    }

    private Config config(String toml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("keyframe.toml");
        Files.writeString(file, toml);
        return new SmallRyeConfigBuilder()
                .withSources(defaults(), new TomlConfigSource(file), new EnvConfigSource(env, 300))
                .build();
    }

    private static PropertiesConfigSource defaults() {
        return new PropertiesConfigSource(Map.of(
                "recording.root", "/recordings",
                "recording.segment_duration_secs", "180",
                "storage.cleanup.enabled", "true",
                "storage.cleanup.max_retention_days", "30",
                "storage.cleanup.max_disk_usage_percent", "80",
                "storage.cleanup.check_interval_secs", "3600"), "defaults", 100);
    }
}
