package it.io.keyframe.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Open Liberty server under test, prepared by the build ({@code liberty:create} and
 * {@code liberty:deploy} of server {@code keyframe-it}) and started here with a free HTTP port, a
 * fresh database reached through a {@link TcpProxy}, a temporary recording root and a TOML
 * configuration file. Tests may {@link #kill()} it and {@link #start()} it again.
 *
 * <p>Like {@code bin/keyframe run}, the server runs with {@code KEYFRAME_SECURITY=local} unless a
 * test sets another mode with {@link #env}: the three local users with the passwords of
 * {@link LocalUsers}, HTTPS on a free port. {@link #send} sends requests as they are built;
 * {@link Api} and {@link #authorization()} sign in as admin.
 */
public final class KeyframeServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path wlp = Path.of(System.getProperty("keyframe.wlp.dir", "target/liberty/wlp"));
    private final String serverName = System.getProperty("keyframe.it.server", "keyframe-it");
    private final TestDatabase database = new TestDatabase();
    private final TcpProxy databaseProxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT);
    private final Path workDir;
    private final Path recordingRoot;
    private final Path configFile;
    /** Each instance has its own Liberty output directory: logs, workarea and pid, so several can run at once. */
    private final Path outputDir;
    private final Thread shutdownHook = new Thread(this::stop, "keyframe-it-server-stop");
    private final Map<String, String> extraEnv = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int httpPort;
    private int httpsPort;
    private boolean running;
    private boolean hookRegistered;

    public KeyframeServer(String toml) {
        this(toml, null);
    }

    /** A server recording into {@code root} (e.g. a small dedicated filesystem), or its own folder when null. */
    public KeyframeServer(String toml, Path root) {
        extraEnv.putAll(LocalUsers.environment());
        try {
            Path buildDir = Path.of(System.getProperty("keyframe.build.dir", "target"));
            Files.createDirectories(buildDir);
            workDir = Files.createTempDirectory(buildDir.toAbsolutePath(), "it-server-");
            recordingRoot = root != null ? root.toAbsolutePath() : Files.createDirectories(workDir.resolve("recordings"));
            configFile = workDir.resolve("keyframe.toml");
            outputDir = Files.createDirectories(workDir.resolve("wlp-output"));
            Files.writeString(configFile, "[recording]\nroot = \"" + recordingRoot + "\"\n" + toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new IllegalStateException("no Liberty runtime at " + wlp + ": run the tests with mvn verify");
        }
    }

    /** Adds (or, with a null value, removes) an environment variable for the next {@link #start()}. */
    public KeyframeServer env(String key, String value) {
        if (value == null) {
            extraEnv.remove(key);
        } else {
            extraEnv.put(key, value);
        }
        return this;
    }

    /** {@code KEYFRAME_SECURITY} of the next start: local unless a test chose another mode. */
    public String securityMode() {
        return extraEnv.getOrDefault("KEYFRAME_SECURITY", "off");
    }

    /** The admin's {@code Authorization} header in local mode; null in the other modes (nothing to send). */
    public String authorization() {
        return "local".equals(securityMode()) ? LocalUsers.basic("admin", extraEnv.get("KEYFRAME_ADMIN_PASSWORD")) : null;
    }

    /** A request to {@code path} that carries the admin's credentials, when there are any. */
    public HttpRequest.Builder request(String path) {
        // a hung answer fails the test in a minute instead of holding the build
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        String authorization = authorization();
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    /** The HTTPS port of the running server (local and oidc modes). */
    public int httpsPort() {
        return httpsPort;
    }

    public synchronized KeyframeServer start() {
        httpPort = FreePorts.next();
        Map<String, String> env = new HashMap<>(extraEnv);
        if (!env.containsKey("HTTPS_PORT")) {
            httpsPort = FreePorts.next();
            env.put("HTTPS_PORT", Integer.toString(httpsPort));
        } else {
            httpsPort = Integer.parseInt(env.get("HTTPS_PORT"));
        }
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.putIfAbsent("HTTP_HOST", "127.0.0.1");
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(databaseProxy.port()));
        env.put("DB_NAME", database.name());
        env.put("DB_USER", TestDatabase.ROLE);
        env.put("DB_PASSWORD", TestDatabase.ROLE_PASSWORD);
        env.put("KEYFRAME_CONFIG", configFile.toString());
        deleteTree(messagesLog().getParent());
        int exit = run(env, "start", serverName);
        if (exit != 0) {
            throw new IllegalStateException("server start exited " + exit + "\n" + logTail(60));
        }
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookRegistered = true;
        }
        running = true;
        awaitReady();
        return this;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (logTail(400).contains("CWWKZ0002E")) {
                throw new IllegalStateException("the application failed to start\n" + logTail(80));
            }
            sleep(500);
        }
        throw new IllegalStateException("server not ready within " + READY_TIMEOUT + "\n" + logTail(80));
    }

    /** Stops the server cleanly (recordings are finalised). */
    public synchronized void stop() {
        if (running) {
            run(Map.of(), "stop", serverName);
            running = false;
        }
    }

    private void forgetShutdownHook() {
        if (!hookRegistered) {
            return;
        }
        hookRegistered = false;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already shutting down, or the hook was never added
        }
    }

    /** {@code kill -9}: the server gets no chance to finalise anything. */
    public synchronized void kill() {
        Path pidFile = outputDir.resolve(".pid/" + serverName + ".pid");
        try {
            String pid = Files.readString(pidFile).trim();
            new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
            running = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int run(Map<String, String> env, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(wlp.resolve("bin/server").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server-script.log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("WLP_OUTPUT_DIR", outputDir.toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * GET over HTTPS as admin, trusting the server's self-signed certificate: for what Liberty serves
     * only over TLS in the secure modes ({@code /metrics}).
     */
    public Api.Reply tlsGet(String path) throws IOException {
        return tlsGet(path, authorization());
    }

    /** The same with another {@code Authorization} header (null: anonymous). */
    public Api.Reply tlsGet(String path, String authorization) throws IOException {
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection)
                URI.create("https://127.0.0.1:" + httpsPort + path).toURL().openConnection();
        if (connection instanceof javax.net.ssl.HttpsURLConnection https) {
            https.setSSLSocketFactory(TrustAnyCertificate.context().getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        connection.setInstanceFollowRedirects(false);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        try {
            int status = connection.getResponseCode();
            java.io.InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            return new Api.Reply(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }

    public HttpClient http() {
        return http;
    }

    public TestDatabase database() {
        return database;
    }

    public TcpProxy databaseProxy() {
        return databaseProxy;
    }

    public Path recordingRoot() {
        return recordingRoot;
    }

    public Path messagesLog() {
        return outputDir.resolve(serverName + "/logs/messages.log");
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(messagesLog());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop();
            forgetShutdownHook();
        } finally {
            databaseProxy.close();
            database.close();
            keepLog();
            deleteTree(workDir);
        }
    }

    /** The server's log outlives the server, for reading after a failed run: target/it-logs/. */
    private void keepLog() {
        try {
            Path logs = Files.createDirectories(workDir.getParent().resolve("it-logs"));
            if (Files.exists(messagesLog())) {
                Files.copy(messagesLog(), logs.resolve(workDir.getFileName() + "-messages.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // best effort
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
