package io.keyframe.mqtt.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.platform.config.InvalidConfigurationException;
import io.keyframe.platform.config.TomlConfigSource;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [mqtt]} from TOML and environment: defaults, overrides, and a start-up refusal naming the key. */
class MqttSettingsTest {

    @TempDir
    Path dir;

    @Test
    void offByDefaultWithTheDocumentedDefaults() throws Exception {
        MqttSettings settings = MqttSettings.from(config("", Map.of()));
        assertFalse(settings.enabled());
        assertEquals(new BrokerAddress("127.0.0.1", 1883, false), settings.broker());
        assertTrue(settings.clientId().startsWith("keyframe-"), settings.clientId());
        assertNull(settings.username());
        assertNull(settings.password());
        assertArrayEquals(new String[] {"keyframe/events/+", "keyframe/events/+/+"}, settings.eventFilters());
        assertEquals("keyframe/status", settings.statusTopicPrefix());
    }

    @Test
    void tomlSectionAndEnvironmentOverride() throws Exception {
        MqttSettings settings = MqttSettings.from(config("""
                [mqtt]
                enabled = true
                url = "mqtts://broker.example:8884"
                client_id = "nvr-1"
                username = "keyframe"
                password = " s3cret "
                events_topic = "site/a/events"
                status_topic_prefix = "site/a/status"
                """, Map.of("MQTT_CLIENT_ID", "nvr-2")));
        assertTrue(settings.enabled());
        assertEquals(new BrokerAddress("broker.example", 8884, true), settings.broker());
        assertEquals("nvr-2", settings.clientId());
        assertEquals(" s3cret ", settings.password());
        assertArrayEquals(new String[] {"site/a/events/+", "site/a/events/+/+"}, settings.eventFilters());
        assertEquals("site/a/status", settings.statusTopicPrefix());
    }

    @Test
    void passwordIsNeverShown() throws Exception {
        MqttSettings settings = MqttSettings.from(config("[mqtt]\nusername = \"u\"\npassword = \"hunter2\"\n", Map.of()));
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
    }

    @Test
    void badValuesNameTheirKey() {
        assertKey("mqtt.enabled", "[mqtt]\nenabled = \"yes\"\n");
        assertKey("mqtt.url", "[mqtt]\nurl = \"http://broker:1883\"\n");
        assertKey("mqtt.url", "[mqtt]\nurl = \"tcp://user:pw@broker:1883\"\n");
        assertKey("mqtt.url", "[mqtt]\nurl = \"tcp://:1883\"\n");
        assertKey("mqtt.url", "[mqtt]\nurl = \"tcp://broker:1883/path\"\n");
        assertKey("mqtt.client_id", "[mqtt]\nclient_id = \"has space\"\n");
        assertKey("mqtt.password", "[mqtt]\npassword = \"alone\"\n");
        assertKey("mqtt.events_topic", "[mqtt]\nevents_topic = \"keyframe/events/+\"\n");
        assertKey("mqtt.events_topic", "[mqtt]\nevents_topic = \"keyframe/events/\"\n");
        assertKey("mqtt.status_topic_prefix", "[mqtt]\nstatus_topic_prefix = \"keyframe/#\"\n");
    }

    @Test
    void passwordNotInTheMessageOfARefusal() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> MqttSettings.from(config("[mqtt]\npassword = \"hunter2\"\n", Map.of())));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void brokerUrlsWithDefaultPorts() {
        assertEquals(new BrokerAddress("h", 1883, false), BrokerAddress.parse("tcp://h"));
        assertEquals(new BrokerAddress("h", 1883, false), BrokerAddress.parse("mqtt://h/"));
        assertEquals(new BrokerAddress("h", 8883, true), BrokerAddress.parse("ssl://h"));
        assertEquals(new BrokerAddress("::1", 1884, false), BrokerAddress.parse("tcp://[::1]:1884"));
        assertEquals("tcp://[::1]:1884", BrokerAddress.parse("tcp://[::1]:1884").toString());
    }

    private void assertKey(String key, String toml) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> MqttSettings.from(config(toml, Map.of())), toml);
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Invalid configuration " + key + ": "), e.getMessage());
    }

    private Config config(String toml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("keyframe.toml");
        Files.writeString(file, toml);
        return new SmallRyeConfigBuilder()
                .withSources(new TomlConfigSource(file), new EnvConfigSource(env, 300))
                .build();
    }
}
