package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyframe.platform.config.InvalidConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void defaultsLetABrowserSeekAndKeepExportsTight() {
        assertEquals(new RateLimitSettings(600, 10), RateLimitSettings.from(config(Map.of())));
    }

    @Test
    void readsTheSecurityTable() {
        assertEquals(new RateLimitSettings(5, 0), RateLimitSettings.from(config(Map.of(
                "security.download_per_minute", "5", "security.export_per_minute", "0"))));
        assertThrows(InvalidConfigurationException.class, () -> RateLimitSettings.from(config(Map.of(
                "security.export_per_minute", "-1"))));
    }
}
