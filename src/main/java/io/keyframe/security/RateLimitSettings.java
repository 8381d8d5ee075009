package io.keyframe.security;

import io.keyframe.platform.config.ConfigValues;
import org.eclipse.microprofile.config.Config;

/**
 * {@code [security] download_per_minute} (default 600) and {@code export_per_minute} (default 10):
 * requests per minute and principal; 0 turns a limit off.
 */
public record RateLimitSettings(int downloadPerMinute, int exportPerMinute) {

    public static final String DOWNLOAD_PER_MINUTE = "security.download_per_minute";
    public static final String EXPORT_PER_MINUTE = "security.export_per_minute";

    public static RateLimitSettings from(Config config) {
        return new RateLimitSettings(
                (int) ConfigValues.whole(config, DOWNLOAD_PER_MINUTE, 600, 0, 1_000_000),
                (int) ConfigValues.whole(config, EXPORT_PER_MINUTE, 10, 0, 1_000_000));
    }
}
