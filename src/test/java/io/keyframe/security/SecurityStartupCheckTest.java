package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void oidcNeedsAnIssuerTheClientSecretAndTheBearerGate() {
        assertEquals(List.of("KEYFRAME_KEYSTORE_PASSWORD is not set", "KEYFRAME_OIDC_ISSUER is not set",
                "KEYFRAME_OIDC_CLIENT_SECRET is not set", "KEYFRAME_BEARER_GATE_JAR is not set"),
                SecurityStartupCheck.problems(SecurityMode.OIDC, name -> Optional.empty()));
    }

    @Test
    void oidcRefusesToStartWithoutTheBearerGateJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("keyframe-bearer-gate.jar");
        Map<String, String> values = new HashMap<>(Map.of("KEYFRAME_KEYSTORE_PASSWORD", "keystore-pw",
                "KEYFRAME_OIDC_ISSUER", "https://idp.example/realms/k", "KEYFRAME_OIDC_CLIENT_SECRET", "s",
                "KEYFRAME_BEARER_GATE_JAR", jar.toString()));
        List<String> missing = SecurityStartupCheck.problems(SecurityMode.OIDC, name -> Optional.ofNullable(values.get(name)));
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("the bearer gate library " + jar + " is missing"), missing.get(0));

        Files.writeString(jar, "a jar");
        assertEquals(List.of(), SecurityStartupCheck.problems(SecurityMode.OIDC, name -> Optional.ofNullable(values.get(name))));
        values.put("KEYFRAME_BEARER_GATE_JAR", "${shared.resource.dir}/keyframe/keyframe-bearer-gate.jar");
        assertEquals(List.of("KEYFRAME_BEARER_GATE_JAR is not set"),
                SecurityStartupCheck.problems(SecurityMode.OIDC, name -> Optional.ofNullable(values.get(name))));
    }
}
