package it.io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.keyframe.support.Browser;
import it.io.keyframe.support.KeyframeServer;
import it.io.keyframe.support.SharedServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pages run under a strict script policy: one Content-Security-Policy header whose script-src
 * is {@code 'self'} plus a nonce that is new for every page view, carried by every script of the
 * page and by nothing else (no inline event handlers, no {@code 'unsafe-inline'}, no
 * {@code 'unsafe-eval'}); Chromium enforces it and the pages report no violation.
 */
@ExtendWith(SharedServer.class)
class ContentSecurityPolicyIT {

    private static final String REST = "; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'";
    private static final Pattern POLICY = Pattern.compile(
            "script-src 'self' 'nonce-([A-Za-z0-9+/]{16,}={0,2})'" + Pattern.quote(REST));
    private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern NONCE_ATTRIBUTE = Pattern.compile("\\snonce=\"([^\"]*)\"");
    private static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");
    private static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    /** Every operator page, the error pages, and the two pages open to anyone. */
    private static final List<String> PAGES = List.of("dashboard", "recordings", "events", "schedules", "cameras",
            "storage", "error", "expired");
    private static final List<String> OPEN_PAGES = List.of("login", "signed-out");

    @Test
    void everyPageHasOnePolicyWithAFreshNonceOnAllItsScripts(KeyframeServer server) throws Exception {
        List<String> nonces = new ArrayList<>();
        for (String page : PAGES) {
            nonces.add(checkPage(server, server.request("/ui/" + page + ".xhtml"), page));
        }
        for (String page : OPEN_PAGES) {
            nonces.add(checkPage(server, HttpRequest.newBuilder(server.uri("/ui/" + page + ".xhtml")), page));
        }
        // the same page twice: two nonces
        nonces.add(checkPage(server, server.request("/ui/dashboard.xhtml"), "dashboard"));
        assertEquals(nonces.size(), nonces.stream().distinct().count(), "a nonce was used twice: " + nonces);

        // answers that are not pages carry the policy without a nonce: no inline script at all
        Matcher resource = Pattern.compile("<script[^>]*src=\"([^\"]*keyframe\\.js[^\"]*)\"").matcher(
                server.send(server.request("/ui/dashboard.xhtml")).body());
        assertTrue(resource.find(), "the dashboard does not load keyframe.js");
        for (HttpResponse<String> other : List.of(
                server.send(server.request("/cameras")),
                server.send(server.request(resource.group(1).replace("&amp;", "&"))))) {
            assertEquals(200, other.statusCode(), other.uri().toString());
            assertEquals(List.of("script-src 'self'" + REST), other.headers().allValues("Content-Security-Policy"),
                    other.uri().toString());
        }
    }

    /** GETs a page and checks its policy and scripts; returns its nonce. */
    private static String checkPage(KeyframeServer server, HttpRequest.Builder request, String page) throws Exception {
        HttpResponse<String> answer = server.send(request);
        assertEquals(200, answer.statusCode(), page + ": " + answer.body());
        List<String> policies = answer.headers().allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), page + " has " + policies.size() + " policies: " + policies);
        Matcher policy = POLICY.matcher(policies.get(0));
        assertTrue(policy.matches(), page + ": " + policies.get(0));
        String nonce = policy.group(1);

        Matcher script = SCRIPT.matcher(answer.body());
        int scripts = 0;
        while (script.find()) {
            scripts++;
            Matcher attribute = NONCE_ATTRIBUTE.matcher(script.group());
            assertTrue(attribute.find(), page + ": a script without a nonce: " + script.group());
            assertEquals(nonce, attribute.group(1), page + ": " + script.group());
        }
        // PrimeFaces' own scripts and its CSP init script are on every page
        assertTrue(scripts >= 2, page + " has " + scripts + " scripts");
        assertTrue(answer.body().contains("PrimeFaces.csp.init("), page + " does not hand PrimeFaces its nonce");
        Matcher tag = TAG.matcher(answer.body());
        while (tag.find()) {
            assertFalse(HANDLER.matcher(tag.group()).find(), page + ": an inline event handler: " + tag.group());
        }
        return nonce;
    }

    @Test
    void chromiumEnforcesThePolicyAndThePagesBreakNothing(KeyframeServer server) {
        try (Browser browser = Browser.start()) {
            // the open pages have no PrimeFaces widget (and no PrimeFaces core script): nothing to wait for
            browser.driver().get(server.uri("/ui/signed-out.xhtml").toString());
            browser.signIn(server, "admin", it.io.keyframe.support.LocalUsers.ADMIN_PASSWORD);
            for (String page : PAGES) {
                browser.driver().get(server.uri("/ui/" + page + ".xhtml").toString());
                awaitPrimeFacesNonce(browser, page);
                assertEquals(Boolean.TRUE, browser.script("return !!(window.PrimeFaces && PrimeFaces.widgets"
                        + " && Object.keys(PrimeFaces.widgets).length > 0)"), page + ": no PrimeFaces widget was created");
            }
            // the watcher sees the pages of the sign-in too
            browser.assertNoCspViolations();

            // the events page's picture fallback (an inline onerror before, events.js now): a
            // picture that cannot be loaded, added as an ajax update would add it, gives way to "no picture"
            browser.driver().get(server.uri("/ui/events.xhtml").toString());
            awaitPrimeFacesNonce(browser, "events");
            browser.script("""
                    var cell = document.createElement('div');
                    cell.innerHTML = '<img class="kf-evt-thumb" id="kf-test-thumb" src="/segments/0/thumbnail" alt="x"/>'
                        + '<span class="kf-evt-nothumb" id="kf-test-nothumb" hidden="hidden">no picture</span>';
                    document.querySelector('main').appendChild(cell);
                    """);
            Awaitility.await("the broken picture gave way").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> (Boolean) browser.script("return document.getElementById('kf-test-thumb').hidden"
                            + " && !document.getElementById('kf-test-nothumb').hidden"));
            browser.assertNoCspViolations();

            // the policy is enforced: an injected inline script, inline handler and eval are refused
            browser.script("""
                    var s = document.createElement('script');
                    s.textContent = 'window.kfInjected = true;';
                    document.body.appendChild(s);
                    var b = document.createElement('button');
                    b.setAttribute('onclick', 'window.kfClicked = true;');
                    document.body.appendChild(b);
                    b.click();
                    // a script of the page (it has the nonce) calling eval, run after this DevTools
                    // evaluation has returned: DevTools lets eval through while its own code runs
                    setTimeout(function () {
                        var x = document.createElement('script');
                        x.setAttribute('nonce', PrimeFaces.csp.NONCE_VALUE);
                        x.textContent = 'try { eval("window.kfEval = true"); } catch (e) { window.kfEvalRefused = true; }';
                        document.body.appendChild(x);
                    }, 0);
                    """);
            Awaitility.await("the nonce'd script ran").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> (Boolean) browser.script("return window.kfEval !== undefined || window.kfEvalRefused !== undefined"));
            assertEquals("injected undefined, clicked undefined, eval undefined, eval refused true", browser.script(
                    "return 'injected ' + window.kfInjected + ', clicked ' + window.kfClicked + ', eval ' + window.kfEval"
                    + " + ', eval refused ' + window.kfEvalRefused"), String.valueOf(browser.cspViolations()));
            List<String> refused = browser.cspViolations();
            assertTrue(refused.stream().anyMatch(v -> v.startsWith("enforce script-src-elem blocked inline")), refused.toString());
            assertTrue(refused.stream().anyMatch(v -> v.startsWith("enforce script-src-attr blocked inline")), refused.toString());
            assertTrue(refused.stream().anyMatch(v -> v.startsWith("enforce script-src blocked eval")), refused.toString());
            assertEquals(3, refused.size(), refused.toString());
            browser.clearCspViolations();
            assertEquals(List.of(), browser.cspViolations());
        }
    }

    /** Waits until PrimeFaces' init script (an inline script with the nonce) has run. */
    private static void awaitPrimeFacesNonce(Browser browser, String page) {
        try {
            Awaitility.await(page + ": PrimeFaces got its nonce").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> (Boolean) browser.script("return !!(window.PrimeFaces && PrimeFaces.csp.NONCE_VALUE)"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(page + ": PrimeFaces has no nonce; violations " + browser.cspViolations()
                    + "; page " + browser.driver().getPageSource(), e);
        }
    }
}
