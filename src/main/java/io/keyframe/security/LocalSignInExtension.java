package io.keyframe.security;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps {@link LocalSignIn} out of the application unless {@code KEYFRAME_SECURITY=local}: with
 * security off there is no one to sign in, and with OpenID Connect Liberty's OIDC client and
 * mpJwt authenticate (an application mechanism would take their place).
 */
public class LocalSignInExtension implements Extension {

    void onLocalSignIn(@Observes ProcessAnnotatedType<LocalSignIn> type) {
        if (mode() != SecurityMode.LOCAL) {
            type.veto();
        }
    }

    void onLocalUserStore(@Observes ProcessAnnotatedType<LocalUserStore> type) {
        if (mode() != SecurityMode.LOCAL) {
            type.veto();
        }
    }

    static SecurityMode mode() {
        try {
            return SecurityMode.parse(ConfigProvider.getConfig().getOptionalValue(SecurityMode.VARIABLE, String.class)
                    .orElse(null));
        } catch (IllegalArgumentException e) {
            return SecurityMode.OFF; // SecurityStartupCheck refuses the start with the message
        }
    }
}
