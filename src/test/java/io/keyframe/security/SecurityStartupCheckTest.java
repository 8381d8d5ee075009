package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityStartupCheckTest {

    private static final Map<String, String> LOCAL = Map.of(
            "KEYFRAME_KEYSTORE_PASSWORD", "keystore-secret",
            "KEYFRAME_ADMIN_PASSWORD", "admin-password-1",
            "KEYFRAME_OPERATOR_PASSWORD", "operator-password-1",
            "KEYFRAME_VIEWER_PASSWORD", "viewer-password-1");

    @Test
    void modesParseAndUnknownValuesAreRefused() {
        // secure by default: unset means local users, never "off"
        assertEquals(SecurityMode.LOCAL, SecurityMode.parse(null));
        assertEquals(SecurityMode.LOCAL, SecurityMode.parse(" "));
        assertEquals(SecurityMode.OFF, SecurityMode.parse("off"));
        assertEquals(SecurityMode.LOCAL, SecurityMode.parse("local"));
        assertEquals(SecurityMode.OIDC, SecurityMode.parse(" OIDC "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecurityMode.parse("oidcc"));
        assertTrue(e.getMessage().contains("off, local or oidc"), e.getMessage());
    }

    @Test
    void offNeedsNothing() {
        assertEquals(List.of(), SecurityStartupCheck.problems(SecurityMode.OFF, name -> Optional.empty()));
    }

    @Test
    void localNeedsThreeLongPasswordsAndAKeystorePassword() {
        assertEquals(List.of(), SecurityStartupCheck.problems(SecurityMode.LOCAL, name -> Optional.ofNullable(LOCAL.get(name))));
        Map<String, String> weak = new java.util.HashMap<>(LOCAL);
        weak.put("KEYFRAME_VIEWER_PASSWORD", "tiny-pw");
        weak.put("KEYFRAME_ADMIN_PASSWORD", "${KEYFRAME_ADMIN_PASSWORD}");
        weak.remove("KEYFRAME_OPERATOR_PASSWORD");
        List<String> problems = SecurityStartupCheck.problems(SecurityMode.LOCAL, name -> Optional.ofNullable(weak.get(name)));
        assertEquals(List.of("KEYFRAME_ADMIN_PASSWORD is not set", "KEYFRAME_OPERATOR_PASSWORD is not set",
                "KEYFRAME_VIEWER_PASSWORD is shorter than 12 characters"), problems);
        // values never appear in the problems
        assertTrue(problems.stream().noneMatch(p -> p.contains("tiny-pw")));
    }

    @Test
    void oidcNeedsAnIssuerAndTheClientSecret() {
        assertEquals(List.of("KEYFRAME_KEYSTORE_PASSWORD is not set", "KEYFRAME_OIDC_ISSUER is not set",
                "KEYFRAME_OIDC_CLIENT_SECRET is not set"), SecurityStartupCheck.problems(SecurityMode.OIDC, name -> Optional.empty()));
    }
}
