package io.keyframe.security.gate;

import com.ibm.wsspi.security.tai.TAIResult;
import com.ibm.wsspi.security.tai.TrustAssociationInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;

/**
 * A Liberty Trust Association Interceptor (shared library, {@code security-oidc.xml}) that runs
 * before mpJwt's own TAI and answers 401 to every Bearer token that {@link TokenScreen} refuses:
 * not a compact RS256 JWS signed by one of the provider's current keys. mpJwt quotes such tokens
 * in full in its error messages and FFDC incidents; the tokens it still sees are authentic, and
 * for those it logs the failed claim only.
 *
 * <p>Liberty calls only the first interceptor whose {@link #isTargetInterceptor} says yes, in the
 * order of their ids: this one says yes only to tokens it refuses, so every other request goes
 * on to mpJwt unchanged. It never authenticates anyone, and never logs.
 *
 * <p>Properties: {@code jwksUri} (required), {@code minRefreshSeconds} (30).
 */
public class BearerGate implements TrustAssociationInterceptor {

    /** Set once the gate is initialised, for the application's start-up check. */
    public static final String ACTIVE_PROPERTY = "io.keyframe.security.bearerGate";

    private volatile TokenScreen screen;

    @Override
    public int initialize(Properties properties) {
        String jwksUri = properties.getProperty("jwksUri");
        if (jwksUri == null || jwksUri.isBlank() || jwksUri.contains("${")) {
            return 1;
        }
        long minRefresh;
        try {
            minRefresh = Long.parseLong(properties.getProperty("minRefreshSeconds", "30"));
        } catch (NumberFormatException e) {
            return 2;
        }
        screen = new TokenScreen(JwksKeys.fromUri(URI.create(jwksUri), Duration.ofSeconds(Math.max(1, minRefresh))));
        System.setProperty(ACTIVE_PROPERTY, "active");
        return 0;
    }

    @Override
    public boolean isTargetInterceptor(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        TokenScreen current = screen;
        // not initialised: refuse every token rather than let mpJwt log it
        return current == null || current.check(authorization.substring(7).trim()) != TokenScreen.Verdict.PASS;
    }

    @Override
    public TAIResult negotiateValidateandEstablishTrust(HttpServletRequest request, HttpServletResponse response)
            throws com.ibm.websphere.security.WebTrustAssociationFailedException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return TAIResult.create(HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public String getType() {
        return "Bearer";
    }

    @Override
    public void cleanup() {
        screen = null;
        System.clearProperty(ACTIVE_PROPERTY);
    }
}
