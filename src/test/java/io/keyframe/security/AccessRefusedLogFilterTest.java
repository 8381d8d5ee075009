package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AccessRefusedLogFilterTest {

    private static String basic(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheUserNameOfABasicHeaderIsRead() {
        assertEquals("viewer", AccessRefusedLogFilter.basicUser(basic("viewer:s3cret:with:colons")));
        assertEquals("-", AccessRefusedLogFilter.basicUser(basic(":only-password")));
        assertEquals("(malformed)", AccessRefusedLogFilter.basicUser(basic("no-colon-secret")));
        assertEquals("(malformed)", AccessRefusedLogFilter.basicUser("%%%not base64"));
    }

    @Test
    void namesCannotForgeLogLines() {
        assertEquals("eve_INFO_fake", AccessRefusedLogFilter.basicUser(basic("eve\nINFO fake:pw")));
        assertEquals("abc…", AccessRefusedLogFilter.clean("abcdef", 3));
        assertEquals("-", AccessRefusedLogFilter.clean(null, 3));
    }
}
