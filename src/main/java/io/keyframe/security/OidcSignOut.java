package io.keyframe.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Sign-out in {@code KEYFRAME_SECURITY=oidc}: OpenID Connect RP-Initiated Logout 1.0. Ending only the
 * Liberty session is not enough, because the provider's own session would sign the browser straight
 * back in at the next page; so the browser is sent on to the provider's end-session endpoint with
 * {@code id_token_hint} (the provider then ends its session without asking), {@code client_id}
 * and {@code post_logout_redirect_uri} (the public page {@link #SIGNED_OUT_PAGE}, which the
 * provider must know as a valid post-logout redirect URI of the client).
 *
 * <p>Liberty's {@code openidConnectClient-1.0} (26.0.0.3) does none of this itself: its
 * configuration has no end-session attribute, and {@code HttpServletRequest.logout()} only clears
 * Liberty's own cookies. The raw ID token is read through Liberty's
 * {@code com.ibm.websphere.security.openidconnect.PropagationHelper} (an {@code ibm-api} class of
 * the OIDC client feature; the ID token is in the subject by default, {@code includeIdTokenInSubject});
 * reflection keeps that class out of the build and out of the other modes, where it does not exist.
 */
final class OidcSignOut {

    /** The page the provider sends the browser back to: public, says "signed out". */
    static final String SIGNED_OUT_PAGE = "/ui/signed-out.xhtml";

    private static final Logger LOG = Logger.getLogger(OidcSignOut.class.getName());
    private static final String KEYCLOAK_LOGOUT_PATH = "/protocol/openid-connect/logout";

    private OidcSignOut() {
    }

    /** The signed-in user's ID token as issued (a JWT), or empty when there is none to be had. */
    static Optional<String> rawIdToken() {
        try {
            Class<?> helper = Class.forName("com.ibm.websphere.security.openidconnect.PropagationHelper");
            Object idToken = helper.getMethod("getIdToken").invoke(null);
            if (idToken == null) {
                return Optional.empty();
            }
            Class<?> type = Class.forName("com.ibm.websphere.security.openidconnect.token.IdToken", false,
                    idToken.getClass().getClassLoader());
            Object raw = type.getMethod("getRawIdToken").invoke(idToken);
            return raw instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // without the hint the provider asks the user to confirm the sign-out: still safe
            LOG.log(Level.FINE, "no ID token for the sign-out hint", e);
            return Optional.empty();
        }
    }

    /**
     * The provider's end-session endpoint: {@code KEYFRAME_OIDC_LOGOUT_URL}, else Keycloak's path
     * under {@code KEYFRAME_OIDC_ISSUER} (the same defaults as {@code security-oidc.xml}).
     */
    static String endSessionEndpoint(Config config) {
        Optional<String> explicit = config.getOptionalValue("KEYFRAME_OIDC_LOGOUT_URL", String.class)
                .map(String::trim).filter(v -> !v.isEmpty() && !v.contains("${"));
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String issuer = config.getValue("KEYFRAME_OIDC_ISSUER", String.class).trim();
        return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + KEYCLOAK_LOGOUT_PATH;
    }

    static String clientId(Config config) {
        return config.getOptionalValue("KEYFRAME_OIDC_CLIENT_ID", String.class)
                .map(String::trim).filter(v -> !v.isEmpty() && !v.contains("${")).orElse("keyframe-ui");
    }

    /** The URL to send the browser to; pure, for unit tests. */
    static String endSessionUrl(String endpoint, String clientId, Optional<String> idTokenHint, String postLogoutRedirectUri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        idTokenHint.ifPresent(token -> parameters.put("id_token_hint", token));
        parameters.put("client_id", clientId);
        parameters.put("post_logout_redirect_uri", postLogoutRedirectUri);
        String query = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return endpoint + (endpoint.contains("?") ? "&" : "?") + query;
    }

    /** {@code scheme://host[:port]/ui/signed-out.xhtml} as the browser reached this server. */
    static String postLogoutRedirectUri(String scheme, String host, int port, String contextPath) {
        boolean defaultPort = "https".equalsIgnoreCase(scheme) && port == 443 || "http".equalsIgnoreCase(scheme) && port == 80;
        String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + authority + (defaultPort || port <= 0 ? "" : ":" + port) + contextPath + SIGNED_OUT_PAGE;
    }
}
