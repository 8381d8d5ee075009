package io.keyframe.security;

import io.keyframe.platform.config.KeyframeSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's {@link SecretCipher}, with its key found once from MicroProfile Config
 * ({@link SecretKeys}). A static holder because JPA converters are created by Hibernate, not CDI.
 * The generated key file goes next to the TOML configuration ({@code KEYFRAME_CONFIG}), or into
 * the recording root when there is none.
 */
public final class StoredSecrets {

    private static final Logger LOG = Logger.getLogger(StoredSecrets.class.getName());
    private static volatile SecretCipher cipher;

    private StoredSecrets() {
    }

    public static SecretCipher cipher() {
        SecretCipher current = cipher;
        if (current == null) {
            synchronized (StoredSecrets.class) {
                if (cipher == null) {
                    cipher = load(ConfigProvider.getConfig());
                }
                current = cipher;
            }
        }
        return current;
    }

    private static SecretCipher load(Config config) {
        SecretKeys.Resolved resolved = SecretKeys.resolve(name -> config.getOptionalValue(name, String.class),
                defaultDirectory(config));
        if (resolved.generated()) {
            LOG.warning("generated the key that encrypts camera passwords at rest: " + resolved.source()
                    + " (mode 600). Back it up with the database: without it the stored camera passwords cannot"
                    + " be read. Or set " + SecretKeys.KEY_VARIABLE + " / " + SecretKeys.KEY_FILE_SETTING + ".");
        } else {
            LOG.info("camera passwords are encrypted at rest (AES-256-GCM) with the key from " + resolved.source());
        }
        return new SecretCipher(resolved.key());
    }

    private static Path defaultDirectory(Config config) {
        String file = System.getProperty("keyframe.config");
        if (file == null || file.isBlank()) {
            file = System.getenv("KEYFRAME_CONFIG");
        }
        if (file != null && !file.isBlank()) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        Optional<String> root = config.getOptionalValue(KeyframeSettings.RECORDING_ROOT, String.class);
        return Path.of(root.orElse("/recordings")).toAbsolutePath();
    }
}
