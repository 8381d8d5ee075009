package io.keyframe.gstreamer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted RTSP server for unit tests: each request (head only, RTSP requests here have no
 * body) is answered by {@code script}; a {@code null} answer closes the connection, an answer of
 * {@link #SILENT} sends nothing, an answer ending in {@link #CLOSE} is sent and the connection closed.
 */
final class FakeRtspServer implements AutoCloseable {

    static final String SILENT = "<silent>";
    static final String CLOSE = "<close>";

    private final ServerSocket server;
    private final Function<String, String> script;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final AtomicInteger hangUps = new AtomicInteger();

    FakeRtspServer(Function<String, String> script) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "fake-rtsp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections the client closed. */
    int hangUps() {
        return hangUps.get();
    }

    /** Every request received, in order. */
    List<String> requests() {
        return requests;
    }

    static String response(String statusLine, String cseqFrom, String headers, String body) {
        String cseq = cseqFrom.lines().filter(l -> l.startsWith("CSeq:")).findFirst().orElse("CSeq: 0");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "RTSP/1.0 " + statusLine + "\r\n" + cseq + "\r\n" + headers
                + (bytes.length > 0 ? "Content-Type: application/sdp\r\nContent-Length: " + bytes.length + "\r\n" : "")
                + "\r\n" + body;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread handler = new Thread(() -> serve(client), "fake-rtsp-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            while (true) {
                String request = readHead(in);
                if (request == null) {
                    hangUps.incrementAndGet();
                    return;
                }
                requests.add(request);
                String answer = script.apply(request);
                if (answer == null) {
                    return;
                }
                if (!answer.equals(SILENT)) {
                    boolean close = answer.endsWith(CLOSE);
                    String text = close ? answer.substring(0, answer.length() - CLOSE.length()) : answer;
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (close) {
                        return;
                    }
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
