package io.keyframe.segment.control;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The content of a {@code moov} box: the movie duration from {@code mvhd} and the tracks.
 *
 * @param declaredDuration the {@code mvhd} duration, zero if missing or unknown
 * @param tracks           the tracks that could be read, in file order
 */
record Mp4Movie(Duration declaredDuration, List<Mp4Track> tracks) {

    Mp4Movie {
        tracks = List.copyOf(tracks);
    }

    /**
     * The movie duration: the {@code mvhd} value, or the longest track when {@code mvhd} says 0
     * (a muxer that was stopped before it wrote the movie header's duration).
     */
    Duration duration() {
        if (declaredDuration.compareTo(Duration.ZERO) > 0) {
            return declaredDuration;
        }
        return tracks.stream().map(Mp4Track::duration).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    /** The first video track. */
    Optional<Mp4Track> video() {
        return tracks.stream().filter(Mp4Track::isVideo).findFirst();
    }

    /** The first sound track. */
    Optional<Mp4Track> sound() {
        return tracks.stream().filter(Mp4Track::isSound).findFirst();
    }

    /**
     * Reads a complete {@code moov} box. Never throws on malformed content: what cannot be read
     * is reported in {@code problems} and left out.
     *
     * @param moov       the whole box, header included, from position 0 to its limit
     * @param fileOffset where the box starts in the file, for messages
     */
    static Mp4Movie parse(ByteBuffer moov, long fileOffset, List<String> problems) {
        Mp4Boxes boxes = new Mp4Boxes(moov, fileOffset, problems);
        Optional<Mp4BoxHeader> root = boxes.root();
        if (root.isEmpty()) {
            return new Mp4Movie(Duration.ZERO, List.of());
        }
        Duration declared = Duration.ZERO;
        try {
            declared = boxes.declaredDuration(boxes.required(root.get(), "mvhd"));
        } catch (Mp4Boxes.Malformed e) {
            problems.add(e.getMessage());
        }
        List<Mp4Track> tracks = new ArrayList<>();
        List<Mp4BoxHeader> traks = boxes.all(root.get(), "trak");
        for (int i = 0; i < traks.size(); i++) {
            try {
                tracks.add(Mp4Track.parse(boxes, traks.get(i)));
            } catch (Mp4Boxes.Malformed e) {
                problems.add("track " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Mp4Movie(declared, tracks);
    }
}
