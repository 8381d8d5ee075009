package io.keyframe.mqtt.entity;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the MQTT broker listens: {@code tcp://host[:port]} (or {@code mqtt://}, default port 1883)
 * and {@code ssl://host[:port]} (or {@code mqtts://}, default 8883, TLS with the JVM's trust store).
 * Credentials never go in the URL (it is logged and shown in {@code /health}): they are
 * {@code mqtt.username} and {@code mqtt.password}.
 */
public record BrokerAddress(String host, int port, boolean tls) {

    /** @throws IllegalArgumentException with a message fit to follow the key's name */
    public static BrokerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be a URL such as tcp://127.0.0.1:1883, got '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "mqtts" -> true;
            default -> throw new IllegalArgumentException("must start with tcp://, mqtt://, ssl:// or mqtts://, got '" + url + "'");
        };
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not hold credentials: use mqtt.username and mqtt.password");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("must name a host, e.g. tcp://127.0.0.1:1883, got '" + url + "'");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be only scheme, host and port, got '" + url + "'");
        }
        int port = uri.getPort() < 0 ? (tls ? 8883 : 1883) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new BrokerAddress(host, port, tls);
    }

    @Override
    public String toString() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "ssl://" : "tcp://") + shown + ":" + port;
    }
}
