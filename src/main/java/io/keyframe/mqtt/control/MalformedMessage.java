package io.keyframe.mqtt.control;

/** An MQTT message Keyframe drops; the message says why, without the payload. */
public class MalformedMessage extends RuntimeException {

    public MalformedMessage(String reason) {
        super(reason);
    }
}
