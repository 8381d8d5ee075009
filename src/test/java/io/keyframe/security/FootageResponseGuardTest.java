package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

class FootageResponseGuardTest {

    @Test
    void videoPicturesAndBytesAreFootage() {
        assertTrue(FootageResponseGuard.isFootage(new MediaType("video", "mp4")));
        assertTrue(FootageResponseGuard.isFootage(new MediaType("image", "jpeg")));
        assertTrue(FootageResponseGuard.isFootage(MediaType.APPLICATION_OCTET_STREAM_TYPE));
    }

    @Test
    void jsonAndTextAreNot() {
        assertFalse(FootageResponseGuard.isFootage(MediaType.APPLICATION_JSON_TYPE));
        assertFalse(FootageResponseGuard.isFootage(MediaType.TEXT_PLAIN_TYPE));
        assertFalse(FootageResponseGuard.isFootage(MediaType.WILDCARD_TYPE));
        assertFalse(FootageResponseGuard.isFootage(null));
    }
}
