package io.keyframe.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the validated {@link KeyframeSettings} injectable. */
@ApplicationScoped
public class SettingsProducer {

    @Inject
    Config config;

    /** A pseudo-scoped singleton: records are final and cannot be proxied. */
    @Produces
    @Singleton
    KeyframeSettings settings() {
        return KeyframeSettings.from(config);
    }
}
