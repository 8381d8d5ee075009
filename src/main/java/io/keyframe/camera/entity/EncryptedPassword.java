package io.keyframe.camera.entity;

import io.keyframe.security.SecretCipher;
import io.keyframe.security.StoredSecrets;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a camera password encrypted ({@link SecretCipher}); reads both encrypted values and
 * legacy plain ones (which {@code PasswordsAtRest} re-encrypts at start-up).
 */
@Converter
public class EncryptedPassword implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String plain) {
        return plain == null || plain.isEmpty() ? plain : StoredSecrets.cipher().encrypt(plain);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return SecretCipher.isEncrypted(stored) ? StoredSecrets.cipher().decrypt(stored) : stored;
    }
}
