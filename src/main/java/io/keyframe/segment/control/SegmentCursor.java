package io.keyframe.segment.control;

import io.keyframe.platform.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Position after the last row of a catalog page: the keyset (start_time, id) of that row, handed
 * to clients as an opaque URL-safe string. A client sends it back with the same query to get the
 * next page; rows inserted meanwhile never make a page repeat or skip a row.
 */
public record SegmentCursor(Instant startTime, long id) {

    private static final Pattern FORMAT = Pattern.compile("k1:(-?\\d{1,19})\\.(\\d{1,9}):(\\d{1,19})");

    /** The opaque form, e.g. {@code azE6MTc2NDAwMDAwMC4wOjQy}. */
    public String encode() {
        String plain = "k1:" + startTime.getEpochSecond() + "." + startTime.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** Parses a cursor from a request; anything that is not one of ours is a 400. */
    public static SegmentCursor decode(String value) {
        if (value == null || value.length() > 200) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        Matcher m = FORMAT.matcher(plain);
        if (!m.matches()) {
            throw invalid();
        }
        try {
            return new SegmentCursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                    Long.parseLong(m.group(3)));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("cursor is not a value this server returned as next");
    }
}
