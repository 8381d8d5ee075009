package it.io.keyframe.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** JSON calls against the server under test, signed in as admin unless told otherwise ({@link #as}). */
public final class Api {

    private final KeyframeServer server;
    /** The {@code Authorization} header sent with every call; null sends none. */
    private final String authorization;

    public Api(KeyframeServer server) {
        this(server, server.authorization());
    }

    private Api(KeyframeServer server, String authorization) {
        this.server = server;
        this.authorization = authorization;
    }

    /** The same calls with another {@code Authorization} header (null: anonymous). */
    public Api as(String authorization) {
        return new Api(server, authorization);
    }

    /** The same calls as one of the local users ({@code admin}, {@code operator}, {@code viewer}). */
    public Api asLocalUser(String user) {
        String password = switch (user) {
            case "admin" -> LocalUsers.ADMIN_PASSWORD;
            case "operator" -> LocalUsers.OPERATOR_PASSWORD;
            case "viewer" -> LocalUsers.VIEWER_PASSWORD;
            default -> throw new IllegalArgumentException(user);
        };
        return as(LocalUsers.basic(user, password));
    }

    /** A response: status code and body (parsed when it is JSON). */
    public record Reply(int status, String body) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String error() {
            return json().getString("error");
        }
    }

    public Reply get(String path) {
        return call(HttpRequest.newBuilder(server.uri(path)).GET());
    }

    public Reply post(String path, String json) {
        return call(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return call(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return call(HttpRequest.newBuilder(server.uri(path)).DELETE());
    }

    private Reply call(HttpRequest.Builder request) {
        try {
            request.header("Accept", "application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = server.send(request);
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A camera JSON with one primary stream. */
    public static String camera(String id, String url, String mode, String extraStreamFields) {
        return Json.createObjectBuilder()
                .add("camera_id", id)
                .add("name", "Camera " + id)
                .add("recording_mode", mode)
                .add("streams", Json.createArrayBuilder().add(Json.createReader(new StringReader(
                        "{\"stream_id\": \"main\", \"primary\": true, \"url\": " + Json.createValue(url)
                                + (extraStreamFields == null ? "" : ", " + extraStreamFields) + "}")).readObject()))
                .build().toString();
    }

    public static String quote(String value) {
        return Json.createValue(value).toString();
    }

    public static boolean isNull(JsonObject json, String field) {
        return json.get(field) == null || json.get(field).getValueType() == JsonValue.ValueType.NULL;
    }
}
