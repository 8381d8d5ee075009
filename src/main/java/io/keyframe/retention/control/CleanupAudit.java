package io.keyframe.retention.control;

import io.keyframe.platform.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The cleanup audit as read by {@code GET /cleanup/audit}: rows, the page query and its cursor. */
public final class CleanupAudit {

    private CleanupAudit() {
    }

    /** Times outside these bounds are refused before they reach PostgreSQL (years 1 to 9999). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** One row of {@code cleanup_audit}; every field but id, at, reason and actor may be {@code null}. */
    public record Entry(long id, Instant at, String cameraId, String streamId, Long segmentId, String filePath,
                        Long sizeBytes, String reason, String actor, String detail, Instant segmentStart,
                        Instant segmentEnd) implements java.io.Serializable {
    }

    /**
     * Position after the last entry of a page: its keyset (at, id), handed to clients as an opaque
     * URL-safe string. Entries written meanwhile never make a page repeat or skip one.
     */
    public record Cursor(Instant at, long id) implements java.io.Serializable {

        private static final Pattern FORMAT = Pattern.compile("a1:(-?\\d{1,19})\\.(\\d{1,9}):(\\d{1,19})");

        public String encode() {
            String plain = "a1:" + at.getEpochSecond() + "." + at.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
        }

        /** Parses a cursor from a request; anything that is not one of ours is a 400. */
        public static Cursor decode(String value) {
            if (value == null || value.length() > 200) {
                throw invalid();
            }
            try {
                String plain = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
                Matcher m = FORMAT.matcher(plain);
                if (!m.matches()) {
                    throw invalid();
                }
                Instant at = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                    throw invalid();
                }
                return new Cursor(at, Long.parseLong(m.group(3)));
            } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
                throw invalid();
            }
        }

        private static ApiException invalid() {
            return ApiException.badRequest("cursor is not a value this server returned as next_cursor");
        }
    }

    /**
     * One page of entries, newest first by (at, id), as SQL with its parameters in order. Every
     * filter is optional: {@code from} is inclusive, {@code to} exclusive. With a camera the
     * query reads {@code idx_cleanup_audit_camera_at (camera_id, at)} backwards.
     *
     * @param limit rows to fetch (the store asks one more than a page to know whether more exist)
     */
    public record Query(String cameraId, Instant from, Instant to, String reason, Cursor after, int limit) {

        /** SQL with JDBC-style ordinal parameters {@code ?1 … ?n}, each used once, in order. */
        public String sql() {
            StringBuilder sql = new StringBuilder("SELECT id, at, camera_id, stream_id, segment_id, file_path,"
                    + " size_bytes, reason, actor, detail, segment_start, segment_end FROM cleanup_audit WHERE TRUE");
            int n = filters(sql);
            if (after != null) {
                sql.append(" AND at <= ?").append(n++).append(" AND (at < ?").append(n++)
                        .append(" OR id < ?").append(n++).append(")");
            }
            sql.append(" ORDER BY at DESC, id DESC LIMIT ?").append(n);
            return sql.toString();
        }

        /**
         * How many entries match the filters (cursor and limit ignored), counting at most
         * {@code cap}: a paged table needs a total, and a huge audit is not counted to its end.
         * Parameters: {@link #countParameters(int)}.
         */
        public String countSql() {
            StringBuilder sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM cleanup_audit WHERE TRUE");
            int n = filters(sql);
            return sql.append(" LIMIT ?").append(n).append(") capped").toString();
        }

        /** The values of the {@link #countSql()} parameters. */
        public List<Object> countParameters(int cap) {
            List<Object> values = filterValues();
            values.add(cap);
            return values;
        }

        /** Appends the filter conditions; returns the number of the next parameter. */
        private int filters(StringBuilder sql) {
            int n = 1;
            if (cameraId != null) {
                sql.append(" AND camera_id = ?").append(n++);
            }
            if (from != null) {
                sql.append(" AND at >= ?").append(n++);
            }
            if (to != null) {
                sql.append(" AND at < ?").append(n++);
            }
            if (reason != null) {
                sql.append(" AND reason = ?").append(n++);
            }
            return n;
        }

        private List<Object> filterValues() {
            List<Object> values = new ArrayList<>();
            if (cameraId != null) {
                values.add(cameraId);
            }
            if (from != null) {
                values.add(Timestamp.from(from));
            }
            if (to != null) {
                values.add(Timestamp.from(to));
            }
            if (reason != null) {
                values.add(reason);
            }
            return values;
        }

        /** The values of {@code ?1 … ?n}. */
        public List<Object> parameters() {
            List<Object> values = filterValues();
            if (after != null) {
                values.add(Timestamp.from(after.at()));
                values.add(Timestamp.from(after.at()));
                values.add(after.id());
            }
            values.add(limit);
            return values;
        }
    }
}
