package io.keyframe.security;

import java.util.Locale;

/**
 * How Keyframe authenticates, chosen by the {@code KEYFRAME_SECURITY} variable (environment or
 * Liberty variable). The Liberty side of each mode lives in {@code liberty-config/security-<mode>.xml},
 * which {@code server.xml} includes by the same variable.
 */
public enum SecurityMode {
    /** Every route open (development only; the default until issue 9 turns security on). */
    OFF,
    /** Local users {@code admin}, {@code operator}, {@code viewer}; the API accepts HTTP Basic. */
    LOCAL,
    /** An OpenID Connect provider: code flow + PKCE for /ui/*, Bearer JWTs for the API. */
    OIDC;

    public static final String VARIABLE = "KEYFRAME_SECURITY";

    /** Parses the variable's value (unset: local, the default); a value that names no mode is refused rather than read as "off". */
    public static SecurityMode parse(String value) {
        if (value == null || value.isBlank()) {
            return LOCAL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + " must be off, local or oidc, not '" + value + "'");
        }
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
