package io.keyframe.platform.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of request bodies and query parameters, with 400s that name what is wrong. */
public final class Requests {

    private Requests() {
    }

    public static JsonObject jsonObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON object is required as the request body");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return JsonInput.object(value, "the request body");
        } catch (JsonException e) {
            throw ApiException.badRequest("the request body is not valid JSON");
        }
    }

    /** An ISO-8601 instant such as {@code 2026-11-24T18:10:00Z}, or the fallback when absent. */
    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 UTC time such as 2026-11-24T18:10:00Z");
        }
    }

    public static int wholeNumber(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
    }

    /**
     * A row id from a path or query: a positive whole number that fits a {@code BIGINT}; anything
     * else ({@code ..}, {@code -1}, {@code 10^30}) is a 400 naming {@code what} (e.g. "a segment id").
     */
    public static long id(String what, String value) {
        if (value != null && value.matches("[1-9][0-9]{0,18}")) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                // over Long.MAX_VALUE: falls through
            }
        }
        throw ApiException.badRequest(what + " is a positive whole number");
    }
}
