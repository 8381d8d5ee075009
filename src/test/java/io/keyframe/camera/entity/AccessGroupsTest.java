package io.keyframe.camera.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.platform.rest.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessGroupsTest {

    @Test
    void validNamesAreKeptInOrderOnce() {
        AccessGroups groups = new AccessGroups(List.of("lobby-guards", "Site_A.night", "0ps", "lobby-guards"));
        assertEquals(List.of("lobby-guards", "Site_A.night", "0ps"), groups.names());
        assertTrue(groups.limited());
        assertEquals("lobby-guards,Site_A.night,0ps", groups.column());
        assertEquals(groups, AccessGroups.fromColumn(groups.column()));
    }

    @Test
    void noneMeansEveryViewer() {
        assertFalse(AccessGroups.NONE.limited());
        assertNull(AccessGroups.NONE.column());
        assertEquals(AccessGroups.NONE, AccessGroups.fromColumn(null));
        assertEquals(AccessGroups.NONE, AccessGroups.fromColumn(""));
        assertEquals(AccessGroups.NONE, new AccessGroups(null));
        assertEquals(AccessGroups.NONE, AccessGroups.parseList("  "));
    }

    @Test
    void badNamesAreRefusedWithTheRule() {
        for (String bad : List.of("", "-lead", ".x", "a b", "a,b", "a/b", "grüppe", "x".repeat(65), "group:viewer")) {
            ApiException e = assertThrows(ApiException.class, () -> AccessGroups.of(bad), bad);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("access_groups"), e.getMessage());
        }
        assertEquals(1, AccessGroups.of("x".repeat(64)).names().size());
        assertThrows(ApiException.class, () -> new AccessGroups(java.util.Arrays.asList("a", null)));
    }

    @Test
    void atMost32Groups() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            names.add("g" + i);
        }
        assertEquals(32, new AccessGroups(names).names().size());
        names.add("g32");
        ApiException e = assertThrows(ApiException.class, () -> new AccessGroups(names));
        assertTrue(e.getMessage().contains("at most 32"), e.getMessage());
    }

    @Test
    void thePageFieldTakesCommasAndSpaces() {
        assertEquals(List.of("a", "b", "c"), AccessGroups.parseList(" a, b ,c ").names());
        assertEquals(List.of("a", "b"), AccessGroups.parseList("a b").names());
        assertEquals("a, b", AccessGroups.parseList("a,b").display());
        assertThrows(ApiException.class, () -> AccessGroups.parseList("a, b!"));
    }

    @Test
    void admitsACallerInOneOfTheGroups() {
        AccessGroups groups = AccessGroups.of("operator", "lobby-guards");
        assertTrue(groups.admits(Set.of("viewer", "lobby-guards")));
        assertFalse(groups.admits(Set.of("viewer")));
        assertFalse(groups.admits(Set.of("Operator")), "names are case-sensitive, as Liberty's groups are");
    }
}
