package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrossSiteRequestFilterTest {

    @Test
    void changesStartedByAnotherSiteAreRefused() {
        assertTrue(CrossSiteRequestFilter.refused("POST", "cross-site"));
        assertTrue(CrossSiteRequestFilter.refused("DELETE", "same-site"));
        assertTrue(CrossSiteRequestFilter.refused("put", " Cross-Site "));
    }

    @Test
    void readsOwnPagesAndToolsPass() {
        assertFalse(CrossSiteRequestFilter.refused("GET", "cross-site"), "links from other sites still open pages");
        assertFalse(CrossSiteRequestFilter.refused("HEAD", "cross-site"));
        assertFalse(CrossSiteRequestFilter.refused("POST", "same-origin"));
        assertFalse(CrossSiteRequestFilter.refused("POST", "none"));
        assertFalse(CrossSiteRequestFilter.refused("POST", null), "curl and scripts send no Sec-Fetch-Site");
    }
}
