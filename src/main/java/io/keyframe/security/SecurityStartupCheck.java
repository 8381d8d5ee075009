package io.keyframe.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start the application when the security mode is unknown or lacks a secret it needs.
 * Liberty leaves an unset {@code ${VARIABLE}} as its literal text, so without this check a missing
 * {@code KEYFRAME_ADMIN_PASSWORD} would make "${KEYFRAME_ADMIN_PASSWORD}" a valid, well-known password.
 * Names the missing variables, never their values.
 */
@ApplicationScoped
public class SecurityStartupCheck {

    private static final Logger LOG = Logger.getLogger(SecurityStartupCheck.class.getName());
    static final int MIN_PASSWORD_LENGTH = 12;
    /** Where security-oidc.xml loads the bearer gate from (a server.xml variable). */
    static final String BEARER_GATE_JAR = "KEYFRAME_BEARER_GATE_JAR";

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Config config = ConfigProvider.getConfig();
        SecurityMode mode = SecurityMode.parse(config.getOptionalValue(SecurityMode.VARIABLE, String.class).orElse(null));
        List<String> problems = problems(mode, name -> config.getOptionalValue(name, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("security mode '" + mode.configValue() + "' cannot start: "
                    + String.join("; ", problems));
        }
        switch (mode) {
            case OFF -> LOG.warning("security is OFF (" + SecurityMode.VARIABLE + "=off): every route is open to anyone"
                    + " who can reach this server");
            case LOCAL -> LOG.info("security: local users admin, operator, viewer; the API accepts HTTP Basic;"
                    + " HTTPS on port " + config.getOptionalValue("HTTPS_PORT", String.class).orElse("9443"));
            case OIDC -> LOG.info("security: OpenID Connect provider " + config.getValue("KEYFRAME_OIDC_ISSUER", String.class)
                    + "; /ui/* signs in with the code flow, the API takes Bearer tokens; HTTPS on port "
                    + config.getOptionalValue("HTTPS_PORT", String.class).orElse("9443"));
            default -> throw new IllegalStateException(mode.name());
        }
    }

    /** What is missing for a mode, by variable name: pure, for unit tests. */
    static List<String> problems(SecurityMode mode, Function<String, Optional<String>> variables) {
        List<String> problems = new ArrayList<>();
        if (mode == SecurityMode.OFF) {
            return problems;
        }
        require(problems, variables, "KEYFRAME_KEYSTORE_PASSWORD", 6);
        if (mode == SecurityMode.LOCAL) {
            for (String user : List.of("ADMIN", "OPERATOR", "VIEWER")) {
                require(problems, variables, "KEYFRAME_" + user + "_PASSWORD", MIN_PASSWORD_LENGTH);
            }
        } else {
            require(problems, variables, "KEYFRAME_OIDC_ISSUER", 1);
            require(problems, variables, "KEYFRAME_OIDC_CLIENT_SECRET", 1);
            bearerGate(problems, variables.apply(BEARER_GATE_JAR));
        }
        return problems;
    }

    /**
     * The bearer gate (security-oidc.xml) keeps refused tokens out of Liberty's logs; Liberty loads
     * it only at the first request, and without its jar would go on without it. So the jar must be
     * there before the application starts.
     */
    private static void bearerGate(List<String> problems, Optional<String> jar) {
        String path = jar.map(String::trim).orElse("");
        if (path.isEmpty() || path.contains("${")) {
            problems.add(BEARER_GATE_JAR + " is not set");
        } else if (!Files.isRegularFile(Path.of(path))) {
            problems.add("the bearer gate library " + path + " is missing (" + BEARER_GATE_JAR
                    + "; the build puts it there, see README, Security)");
        }
    }

    private static void require(List<String> problems, Function<String, Optional<String>> variables,
            String name, int minLength) {
        Optional<String> value = variables.apply(name).map(String::trim);
        if (value.isEmpty() || value.get().isEmpty() || value.get().startsWith("${")) {
            problems.add(name + " is not set");
        } else if (value.get().length() < minLength) {
            problems.add(name + " is shorter than " + minLength + " characters");
        }
    }
}
