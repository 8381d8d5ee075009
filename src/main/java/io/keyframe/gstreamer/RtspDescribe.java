package io.keyframe.gstreamer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * One RTSP {@code DESCRIBE} over TCP that returns the camera's SDP, answering a 401 with Digest
 * (MD5) or Basic authentication. Plain Java sockets, no GStreamer: it tells which pipeline to
 * build before building it.
 *
 * <p>After a successful DESCRIBE the connection stays open until {@link #close()}: an RTSP server
 * that tears a shared stream down when its last client leaves (gst-rtsp-server does, and answers
 * 503 to a client that arrives meanwhile) then still holds the stream when the recording pipeline
 * connects. {@link #close()} also ends a running request from another thread.
 *
 * <p>Exception messages name the URL without user information and query, and never hold the
 * password.
 */
public final class RtspDescribe implements AutoCloseable {

    /** Connect and read timeout of the probe. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_PORT = 554;

    private final URI url;
    private final RtspUrls.Credentials credentials;
    private final Duration timeout;
    private final Object lock = new Object();
    private Socket socket;
    private boolean cancelled;

    /**
     * A probe of {@code url}. Credentials come from {@code user}/{@code password}, else from the
     * URL's user information, if any.
     */
    public RtspDescribe(URI url, String user, String password, Duration timeout) {
        this.url = RtspUrls.withoutUserInfo(Objects.requireNonNull(url, "url"));
        this.credentials = user != null
                ? new RtspUrls.Credentials(user, password == null ? "" : password)
                : RtspUrls.userInfo(url).orElse(null);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Sends DESCRIBE (again with credentials after a 401) and returns the SDP.
     *
     * @throws StreamProbeException on refusal, timeout, rejected credentials or any non-200 answer
     */
    public String describe() throws StreamProbeException {
        if (!"rtsp".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new StreamProbeException(StreamProbeException.Kind.UNSUPPORTED, "cannot probe " + RtspUrls.forLogs(url) + ": only rtsp://host/... URLs are supported");
        }
        String target = url.toString();
        try {
            Socket connection = open();
            RtspResponse response = exchange(connection, request(target, 1, null));
            if (response.status() == 401 && credentials != null) {
                String authorization = RtspAuth.authorization(response.headers("WWW-Authenticate"), "DESCRIBE",
                        target, credentials.user(), credentials.password())
                        .orElseThrow(() -> new StreamProbeException(StreamProbeException.Kind.UNSUPPORTED,
                                where() + "the camera asks for an unsupported authentication scheme"));
                response = exchangeAgain(connection, request(target, 2, authorization));
            }
            return sdpOf(response);
        } catch (StreamProbeException e) {
            close();
            throw e;
        } catch (SocketTimeoutException e) {
            close();
            throw new StreamProbeException(StreamProbeException.Kind.TIMEOUT, where() + "no answer within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            close();
            throw new StreamProbeException(StreamProbeException.Kind.UNREACHABLE, where() + "connection refused", e);
        } catch (UnknownHostException e) {
            close();
            throw new StreamProbeException(StreamProbeException.Kind.UNREACHABLE, where() + "unknown host " + url.getHost(), e);
        } catch (IOException e) {
            boolean wasCancelled = isCancelled();
            close();
            throw new StreamProbeException(e instanceof NoRouteToHostException ? StreamProbeException.Kind.UNREACHABLE
                    : StreamProbeException.Kind.FAILED, where() + (wasCancelled ? "cancelled"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Closes the connection; a running {@link #describe()} fails, a later one is refused. */
    @Override
    public void close() {
        synchronized (lock) {
            cancelled = true;
            closeQuietly(socket);
            socket = null;
        }
    }

    private Socket open() throws IOException {
        Socket connection = new Socket();
        synchronized (lock) {
            if (cancelled) {
                throw new IOException("cancelled");
            }
            closeQuietly(socket);
            socket = connection;
        }
        int port = url.getPort() > 0 ? url.getPort() : DEFAULT_PORT;
        try {
            connection.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
            connection.setSoTimeout((int) timeout.toMillis());
            return connection;
        } catch (IOException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Sends the authorised request on the same connection, or on a new one if the camera closed it. */
    private RtspResponse exchangeAgain(Socket connection, String request) throws IOException {
        try {
            return exchange(connection, request);
        } catch (IOException closed) {
            if (isCancelled() || closed instanceof SocketTimeoutException) {
                throw closed;
            }
            return exchange(open(), request);
        }
    }

    private static RtspResponse exchange(Socket connection, String request) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return RtspResponse.read(connection.getInputStream());
    }

    private static String request(String target, int cseq, String authorization) {
        return "DESCRIBE " + target + " RTSP/1.0\r\n"
                + "CSeq: " + cseq + "\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: Keyframe\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "\r\n";
    }

    private String sdpOf(RtspResponse response) throws StreamProbeException {
        String answer = response.status() + (response.reason().isEmpty() ? "" : " " + response.reason());
        return switch (response.status()) {
            case 200 -> {
                if (response.body().isBlank()) {
                    throw new StreamProbeException(where() + "the camera sent no SDP");
                }
                yield response.body();
            }
            case 401 -> throw new StreamProbeException(StreamProbeException.Kind.UNAUTHORIZED, where() + (credentials == null
                    ? "the camera requires credentials (" + answer + ")"
                    : "the camera rejected the credentials (" + answer + ")"));
            case 404 -> throw new StreamProbeException(StreamProbeException.Kind.NOT_FOUND, where() + "no such stream (" + answer + ")");
            default -> throw new StreamProbeException(where() + "the camera answered " + answer);
        };
    }

    private String where() {
        return "DESCRIBE " + RtspUrls.forLogs(url) + ": ";
    }

    private boolean isCancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    private static void closeQuietly(Socket connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}
