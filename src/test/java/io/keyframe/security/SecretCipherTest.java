package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] KEY = key(1);
    private final SecretCipher cipher = new SecretCipher(KEY);

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    @Test
    void roundTripsAndHidesThePassword() {
        String plain = "s3cr\u00e9t p@ss:w/rd \uD83D\uDD11";
        String stored = cipher.encrypt(plain);
        assertTrue(stored.startsWith("enc:v1:"), stored);
        assertFalse(stored.contains("s3cr"), stored);
        assertTrue(SecretCipher.isEncrypted(stored));
        assertEquals(plain, cipher.decrypt(stored));
        assertEquals("", cipher.decrypt(cipher.encrypt("")));
        assertNull(cipher.encrypt(null));
        assertNull(cipher.decrypt(null));
    }

    @Test
    void aFreshNoncePerValue() {
        String a = cipher.encrypt("same");
        String b = cipher.encrypt("same");
        assertNotEquals(a, b);
        byte[] rawA = Base64.getDecoder().decode(a.substring(SecretCipher.PREFIX.length()));
        byte[] rawB = Base64.getDecoder().decode(b.substring(SecretCipher.PREFIX.length()));
        assertEquals(12 + 4 + 16, rawA.length);
        assertNotEquals(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(rawA, 12)),
                Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(rawB, 12)));
    }

    @Test
    void aTamperedValueFailsWithoutShowingIt() {
        String stored = cipher.encrypt("hunter2-secret");
        byte[] raw = Base64.getDecoder().decode(stored.substring(SecretCipher.PREFIX.length()));
        raw[raw.length - 20] ^= 1;
        String tampered = SecretCipher.PREFIX + Base64.getEncoder().encodeToString(raw);
        var e = assertThrows(SecretCipher.UndecryptableSecretException.class, () -> cipher.decrypt(tampered));
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains(tampered.substring(SecretCipher.PREFIX.length())));
        assertThrows(SecretCipher.UndecryptableSecretException.class, () -> cipher.decrypt("enc:v1:not base64!"));
        assertThrows(SecretCipher.UndecryptableSecretException.class, () -> cipher.decrypt("enc:v1:AAAA"));
    }

    @Test
    void aWrongKeyFailsNamingTheVariable() {
        String stored = cipher.encrypt("hunter2-secret");
        var e = assertThrows(SecretCipher.UndecryptableSecretException.class,
                () -> new SecretCipher(key(2)).decrypt(stored));
        assertTrue(e.getMessage().contains("KEYFRAME_SECRET_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void legacyPlainValuesAreRecognisedAndReadUnchanged() {
        assertFalse(SecretCipher.isEncrypted("plain-password"));
        assertFalse(SecretCipher.isEncrypted("enc:v2:whatever"));
        assertFalse(SecretCipher.isEncrypted(null));
        assertEquals("plain-password", cipher.decrypt("plain-password"));
    }

    @Test
    void onlyA256BitKey() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(null));
    }
}
