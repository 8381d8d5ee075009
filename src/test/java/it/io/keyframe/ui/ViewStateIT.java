package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Api;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-site request forgery against the pages: a form post is honoured only with the view state
 * the server handed out to that session (state is kept on the server, the field is an unguessable
 * key). The same post with a forged or another session's view state does nothing. Also checks the
 * security headers every answer carries.
 */
@ExtendWith(SharedServer.class)
class ViewStateIT {

    private static final String CAMERA = "csrfcam";
    private static final Pattern TRIGGER = Pattern.compile(
            "<button[^>]*?id=\"([^\"]+)\"[^>]*?class=\"[^\"]*kf-trigger");
    private static final Pattern POLICY = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'; style-src 'self'"
            + " 'unsafe-inline'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta.faces.ViewState\"[^>]*?value=\"([^\"]+)\"");

    @Test
    void aFormPostNeedsTheViewStateOfItsOwnSession(KeyframeServer server) throws Exception {
        Api api = new Api(server);
        var created = api.post("/cameras", Api.camera(CAMERA, "rtsp://127.0.0.1:9/none", "continuous", null));
        assertEquals(201, created.status(), created.body());
        try {
            HttpClient victim = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> page = victim.send(server.request("/ui/dashboard.xhtml").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            Matcher policy = POLICY.matcher(page.headers().firstValue("Content-Security-Policy").orElse(""));
            assertTrue(policy.matches(), page.headers().firstValue("Content-Security-Policy").orElse("no policy"));
            String nonce = policy.group(1);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null));
            assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
            String button = find(TRIGGER, page.body(), "trigger button");
            String viewState = find(VIEW_STATE, page.body(), "view state");

            // an attacker's page posts the form from the victim's browser (victim's cookies) but
            // cannot read the page, so it does not know the view state
            for (String forged : new String[] {"-1234567890:987654321", "stateless", viewState + "0"}) {
                HttpResponse<String> refused = post(victim, server, button, forged, nonce);
                assertFalse(refused.body().contains("Event triggered"), refused.body());
                assertEquals(0, events(api), "a post with view state " + forged + " triggered an event");
            }
            // another session's view state is no better
            HttpClient attacker = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> own = attacker.send(server.request("/ui/dashboard.xhtml").build(),
                    HttpResponse.BodyHandlers.ofString());
            post(victim, server, button, find(VIEW_STATE, own.body(), "view state"), nonce);
            assertEquals(0, events(api), "a post with another session's view state triggered an event");

            // the real one works: the request above was well-formed, only its view state was wrong
            HttpResponse<String> accepted = post(victim, server, button, viewState, nonce);
            assertEquals(200, accepted.statusCode());
            assertTrue(accepted.body().contains("Event triggered"), accepted.body());
            // the nonce belongs to the view: its ajax answers name the same one (PrimeFaces runs their scripts with it)
            assertEquals(page.headers().allValues("Content-Security-Policy"), accepted.headers().allValues("Content-Security-Policy"));
            assertEquals(1, events(api));
        } finally {
            api.delete("/cameras/" + CAMERA);
        }
    }

    private static int events(Api api) {
        return api.get("/events?camera_id=" + CAMERA).json().getJsonArray("events").size();
    }

    private static HttpResponse<String> post(HttpClient client, KeyframeServer server, String button, String viewState,
            String nonce) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", button);
        form.put("jakarta.faces.partial.execute", button);
        form.put("jakarta.faces.partial.render", "dash");
        form.put(button, button);
        form.put("dash", "dash");
        form.put("jakarta.faces.ViewState", viewState);
        // PrimeFaces' CSP mode wants the page's nonce back: without it the action still runs, but
        // rendering the answer fails ("CSP nonce mismatch"); the view state is the guard, not the nonce
        form.put("primefaces.nonce", nonce);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(server.request("/ui/dashboard.xhtml")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String find(Pattern pattern, String html, String what) {
        Matcher m = pattern.matcher(html);
        assertTrue(m.find(), "no " + what + " in the page");
        return m.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }
}
