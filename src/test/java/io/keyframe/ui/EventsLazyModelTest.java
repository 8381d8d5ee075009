package io.keyframe.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyframe.event.control.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventsLazyModelTest {

    private static final Instant T = Instant.parse("2026-11-24T18:00:00Z");

    /** 23 events with ids 23 … 1, newest first, as the store lists them; records the queries it got. */
    static final class FakeListing extends EventListing {
        final List<EventStore.Query> queries = new ArrayList<>();

        @Override
        public long count(EventStore.Query query) {
            return 23;
        }

        @Override
        public List<EventRow> page(EventStore.Query query, int skip) {
            queries.add(query);
            return LongStream.iterate(23, id -> id >= 1, id -> id - 1)
                    .filter(id -> query.afterId() == null || id < query.afterId())
                    .limit(query.limit()).skip(skip)
                    .mapToObj(id -> new EventRow(id, "lobby", null, "main", "motion", null, "api", T, T.plusSeconds(5),
                            T.minusSeconds(5), false, null))
                    .toList();
        }
    }

    private static List<Long> ids(List<EventRow> rows) {
        return rows.stream().map(EventRow::id).toList();
    }

    @Test
    void pagesInOrderUseTheCursorOfThePageBefore() {
        FakeListing listing = new FakeListing();
        EventsLazyModel model = new EventsLazyModel(new EventsLazyModel.Filter("lobby", T, T.plus(Duration.ofDays(1)), null),
                listing);
        assertEquals(23, model.count(Map.of()));
        assertEquals(List.of(23L, 22L, 21L, 20L, 19L, 18L, 17L, 16L, 15L, 14L), ids(model.load(0, 10, Map.of(), Map.of())));
        assertEquals(List.of(13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L), ids(model.load(10, 10, Map.of(), Map.of())));
        assertEquals(List.of(3L, 2L, 1L), ids(model.load(20, 10, Map.of(), Map.of())));
        assertEquals(14L, listing.queries.get(1).afterId());
        assertEquals(10, listing.queries.get(1).limit());
        assertEquals(4L, listing.queries.get(2).afterId());
        assertEquals("lobby", listing.queries.get(2).cameraId());
    }

    @Test
    void aJumpAheadReadsOnFromTheNearestKnownCursor() {
        FakeListing listing = new FakeListing();
        EventsLazyModel model = new EventsLazyModel(new EventsLazyModel.Filter(null, T, T.plusSeconds(60), "alarm"), listing);
        assertEquals(List.of(3L, 2L, 1L), ids(model.load(20, 10, Map.of(), Map.of())));
        assertEquals(null, listing.queries.get(0).afterId());
        assertEquals(30, listing.queries.get(0).limit());
        // back to page two: no cursor is known for it yet, so from the start again, skipping ten
        assertEquals(List.of(13L, 12L, 11L, 10L, 9L), ids(model.load(10, 5, Map.of(), Map.of())));
        // the page after it is then read from its cursor
        assertEquals(List.of(8L, 7L, 6L, 5L, 4L), ids(model.load(15, 5, Map.of(), Map.of())));
        assertEquals(9L, listing.queries.get(2).afterId());
        assertEquals(5, listing.queries.get(2).limit());
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertEquals("4 s", EventRow.format(Duration.ofSeconds(4)));
        assertEquals("2 min", EventRow.format(Duration.ofSeconds(120)));
        assertEquals("2 min 5 s", EventRow.format(Duration.ofSeconds(125)));
        assertEquals("1 h 1 min", EventRow.format(Duration.ofSeconds(3660)));
        assertEquals("/ui/recordings.xhtml?camera=lobby&stream=main&at=2026-11-24T17%3A59%3A55Z",
                new EventRow(1, "lobby", null, "main", "motion", null, "api", T, null, T.minusSeconds(5), true, null).getPlayUrl());
    }
}
