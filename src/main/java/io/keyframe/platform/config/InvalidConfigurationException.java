package io.keyframe.platform.config;

/** A configuration value Keyframe cannot start with; the message names the key. */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String message) {
        super("Invalid configuration " + key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
