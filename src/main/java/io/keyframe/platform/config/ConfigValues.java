package io.keyframe.platform.config;

import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reading single settings from MicroProfile Config with errors that name the key: shared by every
 * settings record ({@link KeyframeSettings}, the MQTT settings). A value that cannot be read is
 * reported without the value itself, which may be a secret.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The value as written, untrimmed (for passwords), or empty. */
    public static Optional<String> untrimmed(Config config, String key) {
        try {
            return config.getOptionalValue(key, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "cannot be read");
        }
    }

    /** The trimmed value, or empty. */
    public static Optional<String> optional(Config config, String key) {
        return untrimmed(config, key).map(String::trim);
    }

    /** {@code true} or {@code false} (any case), or the fallback when unset. */
    public static boolean bool(Config config, String key, boolean fallback) {
        Optional<String> value = optional(config, key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(key, "must be true or false, got '" + value.get() + "'");
        };
    }

    /** A whole number in {@code [min, max]}, or the fallback when unset. */
    public static long whole(Config config, String key, long fallback, long min, long max) {
        Optional<String> value = optional(config, key);
        if (value.isEmpty()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key,
                    "must be a whole number from " + min + " to " + max + ", got '" + value.get() + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidConfigurationException(key, "must be a whole number from " + min + " to " + max + ", got " + parsed);
        }
        return parsed;
    }
}
