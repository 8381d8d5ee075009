package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LocalSignInTest {

    @Test
    void onlyLoopbackLiteralsCountAsThisMachine() {
        assertTrue(LocalSignIn.isLoopback("127.0.0.1"));
        assertTrue(LocalSignIn.isLoopback("127.0.0.2"));
        assertTrue(LocalSignIn.isLoopback("::1"));
        assertTrue(LocalSignIn.isLoopback("0:0:0:0:0:0:0:1"));
        assertFalse(LocalSignIn.isLoopback("10.0.0.5"));
        assertFalse(LocalSignIn.isLoopback("192.168.1.20"));
        assertFalse(LocalSignIn.isLoopback("fe80::1"));
        // never a name lookup, never a guess
        assertFalse(LocalSignIn.isLoopback("localhost"));
        assertFalse(LocalSignIn.isLoopback(""));
        assertFalse(LocalSignIn.isLoopback(null));
    }

    @Test
    void basicCredentialsAreSplitAtTheFirstColon() {
        String token = Base64.getEncoder().encodeToString("operator:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"operator", "pa:ss"}, LocalSignIn.decode(token));
        assertNull(LocalSignIn.decode("not base64!"));
        assertNull(LocalSignIn.decode(Base64.getEncoder().encodeToString(":nouser".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void userNamesAreCutAndStrippedOfControlCharactersForTheLog() {
        assertEquals("a?b", LocalSignIn.printable("a\nb"));
        assertEquals(65, LocalSignIn.printable("x".repeat(200)).length());
    }
}
