package io.keyframe.export.control;

import io.keyframe.export.entity.ExportRange;
import io.keyframe.export.entity.ExportSegment;
import io.keyframe.platform.rest.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which files an export joins and where it cuts them; a pure function of the segment rows.
 *
 * <p>The chosen files are played back to back as one timeline (gaps between them, for example
 * while a camera was away, are left out). {@code start} and {@code stop} are positions on that
 * timeline: the media is cut at the keyframe at or before {@code start}, and ends with the last
 * frame before {@code stop}.
 *
 * @param parts the files in play order
 * @param start where {@code from} falls on the joined timeline (zero when {@code from} is before the first file)
 * @param stop  where {@code to} falls on the joined timeline, or {@code null} when {@code to} is at or after the end of the last file
 * @param audio whether the files carry AAC audio (all or none of them do)
 */
public record ExportPlan(List<ExportSegment> parts, Duration start, Duration stop, boolean audio) {

    public ExportPlan {
        parts = List.copyOf(parts);
    }

    /**
     * The plan for {@code range}, from segment rows of one stream in any order.
     *
     * @throws ApiException 404 when no segment overlaps the range; 422 when the footage in the
     *                      range changes codec, frame size or audio (one MP4 cannot hold that by
     *                      stream copy), with the time of the change
     */
    public static ExportPlan of(List<ExportSegment> rows, ExportRange range) {
        List<ExportSegment> parts = overlapping(rows, range);
        if (parts.isEmpty()) {
            throw ApiException.notFound("no footage between " + range.from() + " and " + range.to());
        }
        ExportSegment first = parts.get(0);
        for (ExportSegment part : parts) {
            if (!part.joinsWith(first)) {
                throw new ApiException(422, "the footage changes from " + first.describeTracks() + " to "
                        + part.describeTracks() + " at " + part.startTime()
                        + "; export the parts before and after that time separately");
            }
        }
        Duration start = positive(Duration.between(first.startTime(), range.from()));
        ExportSegment last = parts.get(parts.size() - 1);
        Duration beforeLast = Duration.ZERO;
        for (ExportSegment part : parts.subList(0, parts.size() - 1)) {
            beforeLast = beforeLast.plus(part.duration());
        }
        Duration intoLast = Duration.between(last.startTime(), range.to());
        Duration stop = intoLast.compareTo(last.duration()) >= 0 ? null : beforeLast.plus(positive(intoLast));
        return new ExportPlan(parts, start, stop, first.hasAudio());
    }

    /** Segments overlapping the range, in time order, without one that lies wholly inside the one before. */
    private static List<ExportSegment> overlapping(List<ExportSegment> rows, ExportRange range) {
        List<ExportSegment> sorted = rows.stream()
                .filter(s -> s.duration().compareTo(Duration.ZERO) > 0)
                .filter(s -> s.startTime().isBefore(range.to()) && s.endTime().isAfter(range.from()))
                .sorted(Comparator.comparing(ExportSegment::startTime).thenComparing(ExportSegment::id))
                .toList();
        List<ExportSegment> parts = new ArrayList<>();
        Instant reached = Instant.MIN;
        for (ExportSegment s : sorted) {
            if (s.endTime().isAfter(reached)) {
                parts.add(s);
                reached = s.endTime();
            }
        }
        return parts;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Length of the joined timeline that the export covers, before keyframe alignment. */
    public Duration covered() {
        Duration total = Duration.ZERO;
        for (ExportSegment part : parts) {
            total = total.plus(part.duration());
        }
        return (stop == null ? total : stop).minus(start);
    }
}
