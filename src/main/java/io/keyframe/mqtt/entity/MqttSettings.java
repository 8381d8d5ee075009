package io.keyframe.mqtt.entity;

import io.keyframe.platform.config.ConfigValues;
import io.keyframe.platform.config.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code [mqtt]} settings, read once from MicroProfile Config and validated; a bad value stops
 * start-up naming the key.
 *
 * @param enabled           {@code mqtt.enabled}: off by default, so a server without a broker starts quietly
 * @param broker            {@code mqtt.url}: default {@code tcp://127.0.0.1:1883}
 * @param clientId          {@code mqtt.client_id}: default {@code keyframe-<hostname>}; unique per broker
 * @param username          {@code mqtt.username}, or null
 * @param password          {@code mqtt.password}, or null; never logged nor shown
 * @param eventsTopic       {@code mqtt.events_topic}: triggers arrive on {@code {events_topic}/{camera_id}}
 *                          and {@code {events_topic}/{camera_id}/{stream_id}}; default {@code keyframe/events}
 * @param statusTopicPrefix {@code mqtt.status_topic_prefix}: default {@code keyframe/status}
 */
public record MqttSettings(boolean enabled, BrokerAddress broker, String clientId, String username, String password,
                           String eventsTopic, String statusTopicPrefix) {

    public static final String ENABLED = "mqtt.enabled";
    public static final String URL = "mqtt.url";
    public static final String CLIENT_ID = "mqtt.client_id";
    public static final String USERNAME = "mqtt.username";
    public static final String PASSWORD = "mqtt.password";
    public static final String EVENTS_TOPIC = "mqtt.events_topic";
    public static final String STATUS_TOPIC_PREFIX = "mqtt.status_topic_prefix";

    private static final Pattern CLIENT_ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** Reads and validates every key; the first bad one stops start-up with its name. */
    public static MqttSettings from(Config config) {
        boolean enabled = bool(config, ENABLED, false);
        String url = raw(config, URL).orElse("tcp://127.0.0.1:1883");
        BrokerAddress broker;
        try {
            broker = BrokerAddress.parse(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(URL, e.getMessage());
        }
        String clientId = raw(config, CLIENT_ID).filter(s -> !s.isEmpty()).orElseGet(MqttSettings::defaultClientId);
        if (!CLIENT_ID_PATTERN.matcher(clientId).matches()) {
            throw new InvalidConfigurationException(CLIENT_ID,
                    "must be 1 to 128 letters, digits, '.', '_' or '-', got '" + clientId + "'");
        }
        String username = raw(config, USERNAME).filter(s -> !s.isEmpty()).orElse(null);
        if (username != null && (username.getBytes(StandardCharsets.UTF_8).length > 65535
                || username.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidConfigurationException(USERNAME, "must be printable and shorter than 64 KiB");
        }
        // the password is not trimmed: spaces may belong to it; its value never goes into a message
        String password = rawUntrimmed(config, PASSWORD).filter(s -> !s.isEmpty()).orElse(null);
        if (password != null && username == null) {
            throw new InvalidConfigurationException(PASSWORD, "needs " + USERNAME + " (MQTT 3.1.1 sends no password alone)");
        }
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > 65535) {
            throw new InvalidConfigurationException(PASSWORD, "must be shorter than 64 KiB");
        }
        String events = topicPrefix(config, EVENTS_TOPIC, "keyframe/events");
        String status = topicPrefix(config, STATUS_TOPIC_PREFIX, "keyframe/status");
        return new MqttSettings(enabled, broker, clientId, username, password, events, status);
    }

    /** The two filters subscribed to: {@code {events_topic}/+} and {@code {events_topic}/+/+}. */
    public String[] eventFilters() {
        return new String[] {eventsTopic + "/+", eventsTopic + "/+/+"};
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "MqttSettings[enabled=" + enabled + ", broker=" + broker + ", clientId=" + clientId
                + ", username=" + username + ", password=" + (password == null ? "none" : "(set)")
                + ", eventsTopic=" + eventsTopic + ", statusTopicPrefix=" + statusTopicPrefix + "]";
    }

    static String defaultClientId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
        String clean = host.replaceAll("[^A-Za-z0-9._-]", "-");
        String id = "keyframe-" + (clean.isEmpty() ? "localhost" : clean);
        return id.length() > 128 ? id.substring(0, 128) : id;
    }

    /** A topic without wildcards, empty levels or a leading or trailing slash. */
    private static String topicPrefix(Config config, String key, String fallback) {
        String value = raw(config, key).orElse(fallback);
        if (value.isEmpty() || value.startsWith("/") || value.endsWith("/") || value.contains("//")
                || value.contains("+") || value.contains("#") || value.startsWith("$")
                || value.chars().anyMatch(Character::isISOControl) || value.length() > 200) {
            throw new InvalidConfigurationException(key, "must be a topic such as " + fallback
                    + " (no wildcards, empty levels, leading '$' or slash at either end), got '" + value + "'");
        }
        return value;
    }

    private static Optional<String> raw(Config config, String key) {
        return ConfigValues.optional(config, key);
    }

    private static Optional<String> rawUntrimmed(Config config, String key) {
        return ConfigValues.untrimmed(config, key);
    }

    private static boolean bool(Config config, String key, boolean fallback) {
        return ConfigValues.bool(config, key, fallback);
    }
}
