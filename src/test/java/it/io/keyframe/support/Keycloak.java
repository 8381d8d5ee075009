package it.io.keyframe.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} zip from Maven Central, unpacked into
 * {@code target/keycloak/} by the build) as the OpenID Connect provider of the security tests.
 * It imports {@code src/test/resources/keycloak/keyframe-realm.json}: realm {@code keyframe}, groups
 * {@code viewer}, {@code operator}, {@code admin}, one user in each, the confidential UI client
 * (code flow, PKCE S256), a machine client (client credentials, its service account in
 * {@code operator}), a test-only password-grant client, and {@code other-app} whose tokens lack
 * Keyframe's audience. Every client's tokens carry a {@code groups} claim.
 *
 * <p>The realm signs with an RSA key that this class generates at each start (the realm file has a
 * placeholder, no private key is committed), so tests can make tokens that differ from the
 * provider's in exactly one way: expired, another issuer, another audience.
 *
 * <p>{@code kc.sh build --db=dev-file} runs once per unpacked distribution (about a minute; a
 * marker file remembers it). Each start listens on a free loopback port with its database in a
 * temporary directory, and takes 20-30 s; use {@link Shared} to start one per test JVM.
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "keyframe";
    /** The {@code aud} that Keyframe accepts; the realm's audience mappers add it. */
    public static final String AUDIENCE = "keyframe";
    public static final String UI_CLIENT = "keyframe-ui";
    public static final String UI_SECRET = "keyframe-ui-test-secret";
    public static final String MACHINE_CLIENT = "keyframe-machine";
    public static final String MACHINE_SECRET = "keyframe-machine-test-secret";
    public static final String CLI_CLIENT = "keyframe-test-cli";
    public static final String CLI_SECRET = "keyframe-test-cli-secret";
    public static final String OTHER_CLIENT = "other-app";
    public static final String OTHER_SECRET = "other-app-test-secret";
    /** Test users and their passwords: {@code viewer1}, {@code operator1}, {@code admin1}. */
    public static final Map<String, String> USERS = Map.of(
            "viewer1", "viewer1-Test-pw", "operator1", "operator1-Test-pw", "admin1", "admin1-Test-pw");

    private static final String BUILD_OPTIONS = "--db=dev-file";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path home = Path.of(System.getProperty("keyframe.keycloak.home",
            "target/keycloak/keycloak-26.7.3")).toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread shutdownHook = new Thread(this::stop, "keycloak-it-stop");
    private Path workDir;
    private Process process;
    private int port;
    private Duration startTime;
    private KeyPair signingKeys;

    /** Builds the distribution when needed, then starts it; returns when the realm answers. */
    public static Keycloak start() {
        Keycloak keycloak = new Keycloak();
        try {
            keycloak.launch();
            return keycloak;
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }
    }

    private void launch() {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home + ": run the tests with mvn verify"
                    + " (maven-dependency-plugin unpacks org.keycloak:keycloak-quarkus-dist)");
        }
        try {
            Path buildDir = Path.of(System.getProperty("keyframe.build.dir", "target")).toAbsolutePath();
            Files.createDirectories(buildDir);
            workDir = Files.createTempDirectory(buildDir, "keycloak-");
            buildOnce();
            // --import-realm reads the distribution's data/import; the database lives in workDir
            Path imports = Files.createDirectories(home.resolve("data/import"));
            signingKeys = newRsaKeys();
            String realm;
            try (InputStream in = realmJson()) {
                realm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Files.writeString(imports.resolve("keyframe-realm.json"), realm.replace("@TEST_RSA_PRIVATE_KEY@",
                    Base64.getEncoder().encodeToString(signingKeys.getPrivate().getEncoded())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = FreePorts.next();
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname-strict=false", "--cache=local", "--import-realm",
                "--db-url=jdbc:h2:file:" + workDir.resolve("db/keycloak") + ";NON_KEYWORDS=VALUE");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("keycloak.log").toFile());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().put("JAVA_OPTS_APPEND",
                "-Dquarkus.transaction-manager.object-store.directory=" + workDir.resolve("transaction-logs"));
        Instant started = Instant.now();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitRealm(started);
        // imported: the copy with the private key is not needed any more
        try {
            Files.deleteIfExists(home.resolve("data/import/keyframe-realm.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startTime = Duration.between(started, Instant.now());
        System.out.printf("Keycloak %s started on port %d in %.1f s%n", home.getFileName(), port, startTime.toMillis() / 1000.0);
    }

    private static InputStream realmJson() {
        InputStream in = Keycloak.class.getResourceAsStream("/keycloak/keyframe-realm.json");
        if (in == null) {
            throw new IllegalStateException("keycloak/keyframe-realm.json is not on the test class path");
        }
        return in;
    }

    /** {@code kc.sh build} rewrites the distribution's lib/; run it once per set of build options. */
    private void buildOnce() throws IOException {
        Path marker = home.resolve(".keyframe-built");
        if (Files.exists(marker) && Files.readString(marker).equals(BUILD_OPTIONS)) {
            return;
        }
        Path log = workDir.resolve("keycloak-build.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build", BUILD_OPTIONS)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process build = builder.start();
            if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Files.writeString(marker, BUILD_OPTIONS);
    }

    private void awaitRealm(Instant started) {
        Instant deadline = started.plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited " + process.exitValue() + "\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(300);
        }
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + "\n" + logTail());
    }

    private static KeyPair newRsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key the realm signs its tokens with (tests sign their own tokens with it). */
    public PrivateKey signingKey() {
        return signingKeys.getPrivate();
    }

    /** The {@code kid} under which the realm's JWKS publishes {@link #signingKey()}'s public half. */
    public String signingKid() {
        RSAPublicKey publicKey = (RSAPublicKey) signingKeys.getPublic();
        String modulus = Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned(publicKey.getModulus().toByteArray()));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/certs"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.createReader(new StringReader(response.body())).readObject().getJsonArray("keys")
                    .getValuesAs(JsonObject.class).stream()
                    .filter(key -> modulus.equals(key.getString("n", "")))
                    .map(key -> key.getString("kid"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the realm does not publish the test key: " + response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A big-endian magnitude without the sign byte that {@code BigInteger.toByteArray} may add. */
    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    public int port() {
        return port;
    }

    /** How long the last start took, until the realm's discovery document answered. */
    public Duration startTime() {
        return startTime;
    }

    /** The realm's issuer, exactly as it appears in the tokens' {@code iss}. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** An access token for a test user through the password grant of the test-only client. */
    public String passwordToken(String user) {
        return token(Map.of("grant_type", "password", "client_id", CLI_CLIENT, "client_secret", CLI_SECRET,
                "username", user, "password", USERS.get(user), "scope", "openid"));
    }

    /** An access token of a client's service account (client-credentials grant). */
    public String clientCredentialsToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) {
        String body = form(form);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
            return json.getString("access_token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logTail() {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(workDir.resolve("keycloak.log")));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no Keycloak log)";
        }
    }

    /** Stops Keycloak: TERM to kc.sh (which forwards it to its JVM), then KILL to whatever is left. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        process.destroy();
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added
        }
        if (workDir != null) {
            keepLog();
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort
            }
        }
    }

    private void keepLog() {
        try {
            Path logs = Files.createDirectories(workDir.getParent().resolve("it-logs"));
            Path log = workDir.resolve("keycloak.log");
            if (Files.exists(log)) {
                Files.copy(log, logs.resolve(workDir.getFileName() + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // best effort
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The claims of a JWT (no signature check): for assertions on what the provider issued. */
    public static JsonObject claims(String jwt) {
        String[] parts = jwt.split("\\.");
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8))).readObject();
    }

    /**
     * JUnit extension: one Keycloak for the whole test JVM, resolved as a {@link Keycloak}
     * parameter (also of {@code @BeforeAll} methods), stopped when the JVM's tests end.
     */
    public static class Shared implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Keycloak.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(Holder.class, k -> new Holder(Keycloak.start()), Holder.class)
                    .keycloak;
        }
    }

    private record Holder(Keycloak keycloak) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            keycloak.close();
        }
    }

    /** An {@code application/x-www-form-urlencoded} body. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
