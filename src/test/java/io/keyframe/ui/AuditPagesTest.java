package io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyframe.retention.control.CleanupAudit;
import io.keyframe.retention.control.StorageQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The audit table's paging over keyset cursors, against an in-memory audit of 25 entries. */
class AuditPagesTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    /** Entries 25 … 1, newest first; a camera filter keeps the odd ids. */
    private final List<CleanupAudit.Entry> all = LongStream.rangeClosed(1, 25).map(i -> 26 - i)
            .mapToObj(id -> new CleanupAudit.Entry(id, T0.plusSeconds(id), id % 2 == 1 ? "odd" : "even", "main", id,
                    "f" + id, 100L, "retention_age", "timer", null, null, null)).toList();
    private final List<CleanupAudit.Query> asked = new ArrayList<>();

    private final StorageQueries fake = new StorageQueries() {
        @Override
        public List<CleanupAudit.Entry> audit(CleanupAudit.Query query) {
            asked.add(query);
            return all.stream()
                    .filter(e -> query.cameraId() == null || query.cameraId().equals(e.cameraId()))
                    .filter(e -> query.after() == null || e.at().isBefore(query.after().at())
                            || (e.at().equals(query.after().at()) && e.id() < query.after().id()))
                    .limit(query.limit()).toList();
        }

        @Override
        public long auditCount(CleanupAudit.Query query, int cap) {
            return Math.min(cap, audit(new CleanupAudit.Query(query.cameraId(), null, null, query.reason(), null,
                    Integer.MAX_VALUE)).size());
        }
    };

    private static List<Long> ids(List<CleanupAudit.Entry> page) {
        return page.stream().map(CleanupAudit.Entry::id).toList();
    }

    @Test
    void nextPagesContinueFromTheCursorOfThePageBefore() {
        AuditPages pages = new AuditPages(fake);
        assertEquals(25, pages.count(Map.of()));
        asked.clear();
        assertEquals(List.of(25L, 24L, 23L, 22L, 21L, 20L, 19L, 18L, 17L, 16L), ids(pages.load(0, 10, Map.of(), Map.of())));
        assertEquals(List.of(15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L), ids(pages.load(10, 10, Map.of(), Map.of())));
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), ids(pages.load(20, 10, Map.of(), Map.of())));
        assertEquals(3, asked.size(), "one query a page");
        assertEquals(16L, asked.get(1).after().id());
        // back again: the cursor is known
        assertEquals(List.of(15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L), ids(pages.load(10, 10, Map.of(), Map.of())));
        assertEquals(4, asked.size());
    }

    @Test
    void aJumpReadsThePagesBeforeItAndBeyondTheEndIsEmpty() {
        AuditPages pages = new AuditPages(fake);
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), ids(pages.load(20, 10, Map.of(), Map.of())));
        assertEquals(3, asked.size());
        assertEquals(List.of(), pages.load(40, 10, Map.of(), Map.of()));
    }

    @Test
    void newFiltersAndPageSizesForgetTheCursors() {
        AuditPages pages = new AuditPages(fake);
        pages.load(0, 10, Map.of(), Map.of());
        pages.filter("odd", null);
        assertEquals(13, pages.count(Map.of()));
        assertEquals(List.of(25L, 23L, 21L, 19L, 17L), ids(pages.load(0, 5, Map.of(), Map.of())));
        assertEquals(List.of(15L, 13L, 11L, 9L, 7L), ids(pages.load(5, 5, Map.of(), Map.of())));
        assertEquals("odd", asked.get(asked.size() - 1).cameraId());
    }
}
