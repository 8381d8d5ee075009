package io.keyframe.ui;

import io.keyframe.camera.entity.RecordingMode;
import java.util.regex.Pattern;

/** Texts of the camera page made from the API's values and messages. Pure. */
final class UiText {

    private static final Pattern LEADING_FIELD = Pattern.compile(
            "^(camera_id|stream_id|url|name|retention_days|pre_roll_secs|post_roll_secs|username|password) ");
    private static final String ID_RULE = "must match [A-Za-z0-9_-]{1,64}";

    private UiText() {
    }

    /**
     * An API message as shown next to its field: without the JSON field name it starts with, and
     * with the id rule in words ({@code camera_id must match [A-Za-z0-9_-]{1,64}} →
     * {@code Use 1 to 64 letters, digits, - or _}).
     */
    static String fieldMessage(String message) {
        if (message == null || message.isBlank()) {
            return "Invalid value";
        }
        String text = message.replace(ID_RULE, "must be 1 to 64 letters, digits, - or _ (no spaces)");
        text = LEADING_FIELD.matcher(text).replaceFirst("");
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String mode(RecordingMode mode) {
        if (mode == null) {
            return "";
        }
        return switch (mode) {
            case CONTINUOUS -> "Continuous";
            case EVENTS -> "Events only";
            case SCHEDULED -> "On schedule";
            case OFF -> "Off";
        };
    }
}
