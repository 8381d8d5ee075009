package io.keyframe.mqtt.entity;

/** A status message to publish: QoS 1; {@code retained} for the last state of a stream. */
public record OutboundMessage(String topic, byte[] payload, boolean retained) {
}
