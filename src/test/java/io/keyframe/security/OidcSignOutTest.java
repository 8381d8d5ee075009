package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OidcSignOutTest {

    @Test
    void theEndSessionRequestCarriesHintClientAndWhereToComeBack() {
        String url = OidcSignOut.endSessionUrl("https://idp.example/realms/k/protocol/openid-connect/logout", "keyframe-ui",
                Optional.of("a.b.c"), "https://nvr.example:9443/ui/signed-out.xhtml");
        assertEquals("https://idp.example/realms/k/protocol/openid-connect/logout?id_token_hint=a.b.c&client_id=keyframe-ui"
                + "&post_logout_redirect_uri=https%3A%2F%2Fnvr.example%3A9443%2Fui%2Fsigned-out.xhtml", url);
    }

    @Test
    void withoutAnIdTokenTheHintIsLeftOutAndAnExistingQueryIsKept() {
        String url = OidcSignOut.endSessionUrl("https://idp.example/logout?tenant=a", "c&d", Optional.empty(), "https://h/x");
        assertEquals("https://idp.example/logout?tenant=a&client_id=c%26d&post_logout_redirect_uri=https%3A%2F%2Fh%2Fx", url);
        assertTrue(!url.contains("id_token_hint"));
    }

    @Test
    void theSignedOutPageIsAddressedAsTheBrowserReachedTheServer() {
        assertEquals("https://127.0.0.1:9443/ui/signed-out.xhtml", OidcSignOut.postLogoutRedirectUri("https", "127.0.0.1", 9443, ""));
        assertEquals("https://nvr.example/ui/signed-out.xhtml", OidcSignOut.postLogoutRedirectUri("https", "nvr.example", 443, ""));
        assertEquals("http://[::1]:9080/kf/ui/signed-out.xhtml", OidcSignOut.postLogoutRedirectUri("http", "::1", 9080, "/kf"));
    }

    @Test
    void theSignOutFormMayBeRedirectedToTheProviderOnly() {
        String origin = SecurityHeadersFilter.origin("http://127.0.0.1:8180/realms/keyframe/protocol/openid-connect/logout");
        assertEquals("http://127.0.0.1:8180", origin);
        assertEquals("https://idp.example", SecurityHeadersFilter.origin("HTTPS://user@idp.example/logout?x=1"));
        assertEquals(SecurityHeadersFilter.CSP + " http://127.0.0.1:8180", SecurityHeadersFilter.csp(origin));
        assertEquals(SecurityHeadersFilter.CSP, SecurityHeadersFilter.csp(SecurityHeadersFilter.origin("not a url")));
    }
}
