package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    private static final String NONCE = "ZjM5NzQ0MTEtODk1Mi00OWE2LTlmZTgtNjk0OWY4YWRlOGNh";

    @Test
    void theNonceGoesIntoScriptSrcOfTheWholePolicy() {
        assertEquals("script-src 'self' 'nonce-" + NONCE + "'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none';"
                + " object-src 'none'; base-uri 'self'; form-action 'self'",
                SecurityHeadersFilter.withNonce(SecurityHeadersFilter.CSP, NONCE));
        String oidc = SecurityHeadersFilter.csp("https://idp.example");
        assertEquals("script-src 'self' 'nonce-" + NONCE + "'" + oidc.substring("script-src 'self'".length()),
                SecurityHeadersFilter.withNonce(oidc, NONCE));
    }

    @Test
    void primeFacesHeaderIsReplacedByThePolicyWithItsNonce() {
        // what PrimeFaces' CspPhaseListener adds
        assertEquals(SecurityHeadersFilter.withNonce(SecurityHeadersFilter.CSP, NONCE),
                SecurityHeadersFilter.replacing(SecurityHeadersFilter.CSP, "script-src 'self' 'nonce-" + NONCE + "';"));
        // anything else set downstream: the policy without a nonce, nothing of the value copied
        assertEquals(SecurityHeadersFilter.CSP, SecurityHeadersFilter.replacing(SecurityHeadersFilter.CSP, "script-src *"));
        assertEquals(SecurityHeadersFilter.CSP, SecurityHeadersFilter.replacing(SecurityHeadersFilter.CSP, null));
        assertEquals(SecurityHeadersFilter.CSP, SecurityHeadersFilter.replacing(SecurityHeadersFilter.CSP,
                "script-src 'nonce-abc' 'unsafe-inline'; x 'nonce-a;b\r\nSet-Cookie: x'"));
    }
}
