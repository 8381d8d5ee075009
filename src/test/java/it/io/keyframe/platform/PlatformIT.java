package it.io.keyframe.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The spine: migrations applied at start-up, health, the root and the error shape. */
@ExtendWith(SharedServer.class)
class PlatformIT {

    @Test
    void migrationsCreateTheTablesAndTheSpecIndexes(KeyframeServer server) throws Exception {
        Set<String> tables = new HashSet<>();
        Map<String, String> indexes = new HashMap<>();
        try (Connection db = server.database().connect(); Statement statement = db.createStatement()) {
            ResultSet rows = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            rows = statement.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'segment'");
            while (rows.next()) {
                indexes.put(rows.getString(1), rows.getString(2));
            }
        }
        assertTrue(tables.containsAll(Set.of("camera", "stream", "segment", "recording_event",
                "recording_schedule", "cleanup_audit", "databasechangelog")), "tables: " + tables);
        assertTrue(indexes.values().stream().anyMatch(d -> d.endsWith("USING btree (camera_id, start_time)")),
                "indexes: " + indexes);
        assertTrue(indexes.values().stream().anyMatch(d -> d.endsWith("USING btree (stream_id, start_time)")),
                "indexes: " + indexes);
    }

    @Test
    void readinessReportsDatabaseAndRecordingRoot(KeyframeServer server) throws Exception {
        HttpResponse<String> response = server.get("/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response.body());
        assertEquals("UP", health.getString("status"));
        Set<String> names = new HashSet<>();
        health.getJsonArray("checks").forEach(c -> names.add(c.asJsonObject().getString("name")));
        assertTrue(names.containsAll(Set.of("database", "recording-root")), "checks: " + names);
    }

    @Test
    void livenessIsUp(KeyframeServer server) throws Exception {
        HttpResponse<String> response = server.get("/health/live");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("UP", json(response.body()).getString("status"));
    }

    @Test
    void rootDescribesTheServiceAndUnknownRoutesAreJson404(KeyframeServer server) throws Exception {
        assertEquals(401, server.get("/").statusCode(), "the description is for signed-in clients");
        HttpResponse<String> root = server.send(server.request("/"));
        assertEquals(200, root.statusCode(), root.body());
        assertEquals("Keyframe", json(root.body()).getString("name"));

        HttpResponse<String> missing = server.get("/no/such/route");
        assertEquals(404, missing.statusCode());
        assertEquals(404, json(missing.body()).getInt("status"));
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
