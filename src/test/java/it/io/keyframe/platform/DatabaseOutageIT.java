package it.io.keyframe.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness follows the database: DOWN while it is unreachable, UP again when it returns. */
@ExtendWith(SharedServer.class)
class DatabaseOutageIT {

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachable(KeyframeServer server) throws Exception {
        try {
            server.databaseProxy().cut();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> server.get("/health/ready").statusCode() == 503);
            HttpResponse<String> down = server.get("/health/ready");
            JsonObject health = PlatformIT.json(down.body());
            assertEquals("DOWN", health.getString("status"));
            var database = health.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                    .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
            assertEquals("DOWN", database.getString("status"));
            assertTrue(database.getJsonObject("data").getString("reason").contains("unreachable"), down.body());
            assertEquals(200, server.get("/health/live").statusCode(), "liveness must not follow the database");
        } finally {
            server.databaseProxy().restore();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ready(server));
    }

    private static boolean ready(KeyframeServer server) {
        try {
            return server.get("/health/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
