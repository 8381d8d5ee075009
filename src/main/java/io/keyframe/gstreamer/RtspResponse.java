package io.keyframe.gstreamer;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One RTSP response (RFC 2326 / 7826): status line, headers and body. Header names are kept in
 * lower case; a header may occur several times ({@code WWW-Authenticate}).
 */
record RtspResponse(int status, String reason, Map<String, List<String>> headers, String body) {

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_BODY = 256 * 1024;

    /** All values of a header, in order; empty when absent. */
    List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of a header, or {@code ""}. */
    String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? "" : values.get(0);
    }

    /** Reads one response; the body is read by its {@code Content-Length} and decoded as UTF-8. */
    static RtspResponse read(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("RTSP/")) {
            throw new IOException("not an RTSP response: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad RTSP status line: " + abbreviate(statusLine), e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            if (headers.size() > MAX_HEADERS) {
                throw new IOException("too many RTSP headers");
            }
        }
        int length = contentLength(headers);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("RTSP body ended after " + body.length + " of " + length + " bytes");
        }
        return new RtspResponse(status, parts.length > 2 ? parts[2].trim() : "", headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static int contentLength(Map<String, List<String>> headers) throws IOException {
        List<String> values = headers.getOrDefault("content-length", List.of());
        if (values.isEmpty()) {
            return 0;
        }
        try {
            int length = Integer.parseInt(values.get(0).trim());
            if (length < 0 || length > MAX_BODY) {
                throw new IOException("RTSP body too large: " + length + " bytes");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + abbreviate(values.get(0)), e);
        }
    }

    /** A line without its CR LF (a lone LF is accepted); headers are ISO-8859-1. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the camera");
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > MAX_LINE) {
                throw new IOException("RTSP header line too long");
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
