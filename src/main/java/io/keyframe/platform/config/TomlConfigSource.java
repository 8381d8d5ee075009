package io.keyframe.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads the TOML file named by the environment variable {@code KEYFRAME_CONFIG} (or the system
 * property {@code keyframe.config}) as MicroProfile configuration. Tables become dotted keys:
 * {@code [storage.cleanup] max_retention_days = 30} is {@code storage.cleanup.max_retention_days}.
 *
 * <p>Its ordinal (150) sits above {@code microprofile-config.properties} (100) and below
 * environment variables (300) and system properties (400), so
 * {@code STORAGE_CLEANUP_MAX_RETENTION_DAYS=7} overrides the file.
 */
public class TomlConfigSource implements ConfigSource {

    public static final String ENV_VAR = "KEYFRAME_CONFIG";
    public static final String SYSTEM_PROPERTY = "keyframe.config";
    static final int ORDINAL = 150;

    private final String name;
    private final Map<String, String> properties;

    /** Used by the ServiceLoader: reads the file named by {@code KEYFRAME_CONFIG}, if any. */
    public TomlConfigSource() {
        this(configuredPath());
    }

    public TomlConfigSource(Path file) {
        if (file == null) {
            this.name = "TOML (none: " + ENV_VAR + " not set)";
            this.properties = Map.of();
        } else {
            this.name = "TOML " + file;
            this.properties = Collections.unmodifiableMap(read(file));
        }
    }

    private static Path configuredPath() {
        String value = System.getProperty(SYSTEM_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV_VAR);
        }
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigurationException(ENV_VAR, "configuration file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(file.toFile());
        } catch (IOException e) {
            // Jackson's message names the line and column; it never holds more than the file's own text
            throw new InvalidConfigurationException(ENV_VAR,
                    "configuration file " + file + " is not valid TOML: " + firstLine(e.getMessage()));
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            // MicroProfile's list syntax: comma separated, commas inside elements escaped
            StringBuilder joined = new StringBuilder();
            for (JsonNode element : node) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(element.asText().replace(",", "\\,"));
            }
            out.put(prefix, joined.toString());
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
