package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerGroupsTest {

    @Test
    void theNameFollowsTheRealm() {
        assertEquals("operator", CallerGroups.name("group:Keyframe/operator", "Keyframe"));
        assertEquals("lobby-guards", CallerGroups.name("group:http://127.0.0.1:8180/realms/keyframe/lobby-guards",
                "http://127.0.0.1:8180/realms/keyframe"));
    }

    @Test
    void withoutTheRealmTheLastSegmentIsTheName() {
        assertEquals("lobby-guards", CallerGroups.name("group:https://idp.example/realms/k/lobby-guards", null));
        assertEquals("lobby-guards", CallerGroups.name("group:https://idp.example/realms/k/lobby-guards", "another-realm"));
        assertEquals("viewer", CallerGroups.name("group:viewer", null));
    }

    @Test
    void aPlainNameStaysAsItIs() {
        assertEquals("operator", CallerGroups.name("operator", "Keyframe"));
    }

    @Test
    void aFullGroupPathNeverPosesAsItsLastPart() {
        // Keycloak with "full group path" on: /site-a/guards must not pass for a camera limited to "guards"
        assertEquals("/site-a/guards", CallerGroups.name("group:https://idp/realms/k//site-a/guards", "https://idp/realms/k"));
    }

    @Test
    void namesOfACredentialSkipNullsAndDuplicates() {
        assertEquals(Set.of("admin", "operator"), CallerGroups.names(
                Arrays.asList("group:Keyframe/admin", null, "group:Keyframe/operator", "group:Keyframe/admin"), "Keyframe"));
        assertEquals(Set.of(), CallerGroups.names(null, "Keyframe"));
        assertEquals(Set.of(), CallerGroups.names(List.of("group:Keyframe/"), "Keyframe"));
    }
}
