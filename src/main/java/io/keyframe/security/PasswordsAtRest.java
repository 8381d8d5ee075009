package io.keyframe.security;

import io.keyframe.platform.db.SchemaReady;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;

/**
 * Once the schema is there and before any stream resumes: checks that the key opens the stored
 * camera passwords (refusing to start, naming {@code KEYFRAME_SECRET_KEY}, when it does not) and
 * re-encrypts legacy plain ones in one transaction. Running it again changes nothing.
 */
@ApplicationScoped
public class PasswordsAtRest {

    private static final Logger LOG = Logger.getLogger(PasswordsAtRest.class.getName());

    @Inject
    StoredPasswords passwords;

    void onSchemaReady(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) SchemaReady ready) {
        SecretCipher cipher = StoredSecrets.cipher();
        int encrypted;
        try {
            encrypted = passwords.checkAndEncrypt(cipher);
        } catch (SecretCipher.UndecryptableSecretException e) {
            String message = "stored camera passwords cannot be decrypted with the configured key: set "
                    + SecretKeys.KEY_VARIABLE + " (or " + SecretKeys.KEY_FILE_SETTING
                    + ") to the key they were encrypted with; no stream is started";
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
        if (encrypted > 0) {
            LOG.info("encrypted " + encrypted + " camera password(s) stored in plain text by an earlier version");
        }
    }
}
