package io.keyframe.segment.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a recorded segment file is a playable MP4 before it gets a database row.
 *
 * <p>Reads only the top-level box headers and the {@code moov} box, with positioned reads on a
 * {@link FileChannel}; the media data is never read. A file cut short after a crash is expected:
 * with robust muxing the {@code moov} sits at the start and is rewritten about once a second, so a
 * last {@code mdat} box that reaches past the end of the file, or whose size no longer matches it,
 * is not a problem as long as the {@code moov} is complete and comes first.
 *
 * <p>Malformed content never throws: it ends up in {@link Mp4Info#problems()} and makes
 * {@link Mp4Info#playable()} false.
 */
public final class Mp4Inspector {

    /** The largest {@code moov} read into memory; an hour of 30 fps video needs about 1.5 MiB. */
    static final int MAX_MOOV_BYTES = 64 * 1024 * 1024;
    /** A bound on the top-level walk, against files made of millions of tiny boxes. */
    static final int MAX_TOP_LEVEL_BOXES = 10_000;

    private static final Map<String, String> VIDEO_CODECS = Map.of(
            "avc1", "h264", "avc3", "h264", "hvc1", "h265", "hev1", "h265");
    private static final Map<String, String> AUDIO_CODECS = Map.of("mp4a", "aac");

    /** Where the walk over the top-level boxes found the {@code moov} and the first {@code mdat}. */
    private record TopLevel(Mp4BoxHeader moov, long firstMdat) {
    }

    private Mp4Inspector() {
    }

    /**
     * Inspects one file.
     *
     * @throws IOException only when the file cannot be opened or read
     */
    public static Mp4Info inspect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return Mp4Info.unreadable(0, List.of("empty file"));
            }
            List<String> problems = new ArrayList<>();
            TopLevel top = walk(channel, size, problems);
            if (top.moov() == null) {
                return Mp4Info.unreadable(size, problems);
            }
            Optional<Mp4Movie> movie = readMovie(channel, top.moov(), problems);
            if (movie.isEmpty()) {
                return Mp4Info.unreadable(size, problems);
            }
            boolean moovFirst = top.firstMdat() < 0 || top.moov().offset() < top.firstMdat();
            return describe(size, moovFirst, movie.get(), problems);
        }
    }

    /**
     * Walks the top-level boxes until both the {@code moov} and the first {@code mdat} are found.
     * A box that reaches past the end of the file ends the walk; so does an invalid header, which
     * is only a problem while the {@code moov} or the {@code mdat} is still missing (after a crash
     * the bytes behind a stale {@code mdat} size are media data, not a box).
     */
    private static TopLevel walk(FileChannel channel, long fileSize, List<String> problems) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(Mp4BoxHeader.MAX_HEADER_SIZE);
        Mp4BoxHeader moov = null;
        long firstMdat = -1;
        long at = 0;
        for (int count = 0; fileSize - at >= 8 && (moov == null || firstMdat < 0); count++) {
            if (count == MAX_TOP_LEVEL_BOXES) {
                problems.add("more than " + MAX_TOP_LEVEL_BOXES + " top-level boxes");
                break;
            }
            header.clear();
            readFully(channel, header, at);
            header.flip();
            Optional<Mp4BoxHeader> decoded = Mp4BoxHeader.decode(header, at, fileSize);
            if (decoded.isEmpty()) {
                problems.add("invalid box header at offset " + at);
                break;
            }
            Mp4BoxHeader box = decoded.get();
            boolean cut = box.exceeds(fileSize);
            if (box.type().equals("moov") && moov == null) {
                if (cut) {
                    problems.add("moov box at offset " + at + " is cut short");
                    return new TopLevel(null, firstMdat);
                }
                moov = box;
            } else if (box.type().equals("mdat") && firstMdat < 0) {
                firstMdat = at;
            }
            if (cut) {
                break;
            }
            at = box.end();
        }
        if (moov == null) {
            problems.add("no moov box");
        } else if (firstMdat < 0) {
            problems.add("no mdat box");
        }
        return new TopLevel(moov, firstMdat);
    }

    private static Optional<Mp4Movie> readMovie(FileChannel channel, Mp4BoxHeader moov, List<String> problems)
            throws IOException {
        if (moov.size() > MAX_MOOV_BYTES) {
            problems.add("moov box of " + moov.size() + " bytes is larger than " + MAX_MOOV_BYTES);
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) moov.size());
        if (readFully(channel, bytes, moov.offset()) < moov.size()) {
            problems.add("moov box at offset " + moov.offset() + " is cut short");
            return Optional.empty();
        }
        bytes.flip();
        try {
            return Optional.of(Mp4Movie.parse(bytes, moov.offset(), problems));
        } catch (RuntimeException e) {
            // every read is bounds-checked; this only keeps an overlooked corner from escaping
            problems.add("cannot read moov box: " + e);
            return Optional.empty();
        }
    }

    private static Mp4Info describe(long size, boolean moovFirst, Mp4Movie movie, List<String> problems) {
        Optional<Mp4Track> video = movie.video();
        String videoCodec = video.map(track -> VIDEO_CODECS.get(String.valueOf(track.sampleEntry()))).orElse(null);
        if (video.isEmpty()) {
            problems.add("no video track");
        } else if (videoCodec == null) {
            problems.add("unsupported video sample entry " + video.get().sampleEntry());
        }
        Optional<Mp4Track> sound = movie.sound();
        String audioCodec = sound.map(track -> AUDIO_CODECS.get(String.valueOf(track.sampleEntry()))).orElse(null);
        Duration duration = movie.duration();
        return new Mp4Info(size, moovFirst, duration, video.map(Mp4Track::startsWithSyncSample).orElse(false),
                videoCodec, video.map(Mp4Track::width).orElse(0), video.map(Mp4Track::height).orElse(0),
                sound.isPresent(), audioCodec, problems);
    }

    /** Reads from {@code position} until {@code target} is full or the file ends; returns the bytes read. */
    private static int readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        int total = 0;
        while (target.hasRemaining()) {
            int read = channel.read(target, position + total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }
}
