package io.keyframe.platform.rest;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Typed reads of a JSON request body with clear 400 messages naming the field. */
public final class JsonInput {

    private JsonInput() {
    }

    public static JsonObject object(JsonValue value, String what) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest(what + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    public static boolean has(JsonObject json, String field) {
        return json.containsKey(field);
    }

    public static String string(JsonObject json, String field, String prefix) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw ApiException.badRequest(prefix + field + " must be a string");
    }

    public static Integer integer(JsonObject json, String field, String prefix) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                // falls through to the error
            }
        }
        throw ApiException.badRequest(prefix + field + " must be a whole number");
    }

    public static Boolean bool(JsonObject json, String field, String prefix) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw ApiException.badRequest(prefix + field + " must be true or false");
    }

    public static JsonArray array(JsonObject json, String field, String prefix) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonArray a) {
            return a;
        }
        throw ApiException.badRequest(prefix + field + " must be an array");
    }
}
