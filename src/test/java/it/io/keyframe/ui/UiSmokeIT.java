package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pages' entry points: a browser asking for / lands on the dashboard; API clients still get JSON. */
@ExtendWith(SharedServer.class)
class UiSmokeIT {

    @Test
    void rootSendsBrowsersToTheDashboardAndApiClientsGetJson(KeyframeServer server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String browserAccept = "text/html,application/xhtml+xml,*/*;q=0.8";
        // signed in or not, a browser goes to the pages (which ask an anonymous one to sign in)
        HttpResponse<String> html = http.send(server.request("/").header("Accept", browserAccept).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, html.statusCode());
        assertEquals("/ui/", URI.create(html.headers().firstValue("Location").orElseThrow()).getPath());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.uri("/")).header("Accept", browserAccept).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, anonymous.statusCode());
        assertEquals("/ui/", URI.create(anonymous.headers().firstValue("Location").orElseThrow()).getPath());
        HttpResponse<String> json = http.send(server.request("/").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"ui\""), json.body());
        // the page sources are not served raw
        assertEquals(404, http.send(HttpRequest.newBuilder(server.uri("/dashboard.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        try (Browser browser = Browser.signedIn(server)) {
            browser.driver().get(server.uri("/").toString());
            assertTrue(browser.driver().getCurrentUrl().endsWith("/ui/dashboard.xhtml"), browser.driver().getCurrentUrl());
            assertEquals("Dashboard · Keyframe", browser.driver().getTitle(), browser.driver().getPageSource());
            // PrimeFaces' own scripts and theme were served
            assertEquals(Boolean.TRUE, browser.script("return typeof PrimeFaces === 'object'"));
            browser.screenshot("smoke");
            // every page this browser opened ran without a Content-Security-Policy violation
            browser.assertNoCspViolations();
        }
    }
}
