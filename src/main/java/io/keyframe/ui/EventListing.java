package io.keyframe.ui;

import io.keyframe.event.control.EventStore;
import io.keyframe.event.entity.RecordingEvent;
import io.keyframe.segment.control.SegmentStore;
import io.keyframe.segment.entity.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of the Events page: the store's list (as {@code GET /events} reads it) with, for
 * each event, the stream to play and the segment whose thumbnail stands for it.
 */
@ApplicationScoped
public class EventListing {

    /** How far after an event's start a segment may begin and still stand for it. */
    private static final Duration THUMBNAIL_WINDOW = Duration.ofHours(1);

    @Inject
    EventStore events;

    @Inject
    SegmentStore segments;

    @Inject
    Clock clock;

    public long count(EventStore.Query query) {
        return events.count(query);
    }

    /** The events {@code query} finds, the first {@code skip} left out. */
    public List<EventRow> page(EventStore.Query query, int skip) {
        Instant now = clock.instant();
        Map<String, String> primaries = new HashMap<>();
        return events.list(query).stream().skip(skip).map(e -> {
            String stream = e.streamId() != null ? e.streamId()
                    : primaries.computeIfAbsent(e.cameraId(), segments::primaryStreamId);
            return EventRow.of(e, stream, segmentFor(e, stream, now), now);
        }).toList();
    }

    /**
     * The segment covering the event's start: segments overlapping [start, …) come in start order,
     * so the first one covers the start if any does; otherwise it is the first recorded after it
     * (an event that started recording, or whose first segment is still being written, has none).
     */
    private Long segmentFor(RecordingEvent e, String stream, Instant now) {
        Instant until = e.keepUntil() != null ? e.keepUntil() : now;
        if (until.isAfter(e.start().plus(THUMBNAIL_WINDOW))) {
            until = e.start().plus(THUMBNAIL_WINDOW);
        }
        if (!until.isAfter(e.start())) {
            until = e.start().plusSeconds(1);
        }
        List<Segment> found = segments.list(e.cameraId(), e.start(), until, stream, null, 1);
        return found.isEmpty() ? null : found.get(0).id();
    }
}
