package it.io.keyframe.mqtt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A private mosquitto broker on a loopback port of its own (never the system broker on 1883), and
 * the {@code mosquitto_pub} / {@code mosquitto_sub} clients (Debian packages {@code mosquitto},
 * {@code mosquitto-clients}; {@code bin/keyframe setup} installs them).
 */
final class Mosquitto implements AutoCloseable {

    static final Path BROKER = Path.of("/usr/sbin/mosquitto");

    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    Mosquitto(int port, Path dir) {
        if (!Files.isExecutable(BROKER)) {
            throw new IllegalStateException(BROKER + " is missing: apt-get install mosquitto mosquitto-clients");
        }
        this.port = port;
        try {
            config = Files.createTempFile(dir, "mosquitto-", ".conf");
            log = Files.createTempFile(dir, "mosquitto-", ".log");
            Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Starts the broker and waits until it accepts connections. */
    Mosquitto start() {
        try {
            process = new ProcessBuilder(BROKER.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + logText());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto not listening on " + port + ": " + logText());
    }

    /** Kills the broker (SIGKILL: no goodbye to the clients) and waits for it to be gone. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code mosquitto_pub} of one message at QoS 1, waiting for it to finish. */
    void publish(String topic, String payload) {
        run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1", "-t", topic, "-m", payload));
    }

    /** A running {@code mosquitto_sub -v} whose lines ("topic payload") are collected. */
    Subscription subscribe(String filter) {
        try {
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1",
                    "-v", "-t", filter).redirectErrorStream(true).start();
            return new Subscription(sub);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Subscription implements AutoCloseable {
        private final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        private Subscription(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "mosquitto-sub-reader");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ": "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
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
    public void close() {
        kill();
        try {
            Files.deleteIfExists(config);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // best effort
        }
    }

}
