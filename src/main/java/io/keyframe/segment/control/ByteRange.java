package io.keyframe.segment.control;

import java.util.Locale;
import java.util.Optional;

/**
 * One satisfiable byte range of a representation of {@code size} bytes, {@code first..last}
 * inclusive, and the parser of an HTTP {@code Range} header (RFC 9110, section 14). Pure: no
 * HTTP types, so it is unit-tested on its own.
 *
 * <p>Only single ranges are served. A header that is not a valid {@code bytes} range set, or asks
 * for several ranges, is ignored (the whole file is sent, as the RFC allows); a valid single range
 * that starts at or past the end is unsatisfiable (416).
 */
public record ByteRange(long first, long last) {

    /** What a {@code Range} header asks for. */
    public sealed interface Request permits Full, Partial, Unsatisfiable {
    }

    /** Send the whole representation with 200. */
    public record Full() implements Request {
    }

    /** Send one range with 206. */
    public record Partial(ByteRange range) implements Request {
    }

    /** Answer 416 with {@code Content-Range: bytes *}/size. */
    public record Unsatisfiable() implements Request {
    }

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of a 206, e.g. {@code bytes 0-499/1234}. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The {@code Content-Range} value of a 416: {@code bytes *}/1234. */
    public static String unsatisfiedRange(long size) {
        return "bytes */" + size;
    }

    /** Parses a {@code Range} header against a representation of {@code size} bytes. */
    public static Request parse(String header, long size) {
        if (header == null || size < 0) {
            return new Full();
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return new Full();
        }
        String spec = value.substring("bytes=".length()).trim();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return new Full();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Full();
        }
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        if (firstText.isEmpty()) {
            return suffix(lastText, size);
        }
        Optional<Long> first = number(firstText);
        if (first.isEmpty()) {
            return digits(firstText) ? new Unsatisfiable() : new Full(); // beyond any file: past the end
        }
        long last;
        if (lastText.isEmpty()) {
            last = size - 1;
        } else {
            Optional<Long> parsed = number(lastText);
            if (parsed.isEmpty() && !digits(lastText)) {
                return new Full();
            }
            last = parsed.orElse(Long.MAX_VALUE);
            if (last < first.get()) {
                return new Full(); // invalid: ignored
            }
        }
        if (first.get() >= size) {
            return new Unsatisfiable();
        }
        return new Partial(new ByteRange(first.get(), Math.min(last, size - 1)));
    }

    private static Request suffix(String lengthText, long size) {
        if (!digits(lengthText)) {
            return new Full();
        }
        long length = number(lengthText).orElse(Long.MAX_VALUE);
        if (length == 0 || size == 0) {
            return new Unsatisfiable();
        }
        return new Partial(new ByteRange(Math.max(0, size - length), size - 1));
    }

    private static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal that fits a long; empty for anything else (including overflow). */
    private static Optional<Long> number(String text) {
        if (!digits(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
