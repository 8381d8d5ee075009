package io.keyframe.segment.control;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file layout of the spec, in UTC so that names sort in time order and DST never repeats an
 * hour: {@code {root}/{camera}/YYYY/MM/DD/HH/cam{camera}_{YYYYMMDDTHHMMSSZ}.mp4}. A non-primary
 * stream puts its stream id before the time: {@code cam{camera}_{stream}_{time}.mp4}. When a name
 * is taken (two files in one second), {@code _1}, {@code _2} … are appended, which still sorts
 * after the first name.
 */
public final class SegmentPaths {

    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("cam([A-Za-z0-9_-]{1,64})_(\\d{8}T\\d{6}Z)(?:_\\d+)?\\.mp4");

    private SegmentPaths() {
    }

    /** The path for a file whose first frame is at {@code start}, without checking the disk. */
    public static Path path(Path root, CameraId camera, StreamId stream, boolean primary, Instant start) {
        String prefix = primary ? "cam" + camera.value() : "cam" + camera.value() + "_" + stream.value();
        return root.resolve(camera.value()).resolve(FOLDERS.format(start)).resolve(prefix + "_" + STAMP.format(start) + ".mp4");
    }

    /** Like {@link #path}, with {@code _1}, {@code _2} … appended while the name is taken. */
    public static Path freePath(Path root, CameraId camera, StreamId stream, boolean primary, Instant start) {
        Path candidate = path(root, camera, stream, primary, start);
        String base = candidate.getFileName().toString().replace(".mp4", "");
        for (int i = 1; Files.exists(candidate); i++) {
            candidate = candidate.resolveSibling(base + "_" + i + ".mp4");
        }
        return candidate;
    }

    /** The second of the first frame encoded in a file name, if the name is one of ours. */
    public static Optional<Instant> startFromName(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(STAMP.parse(matcher.group(2), Instant::from));
    }

    /**
     * The file a {@code segment.file_path} names, only if it lies under {@code root}: absolute
     * paths, {@code ..} steps and symbolic links that lead out of the root give empty. The root is
     * absolute and normalised ({@code KeyframeSettings} makes it so).
     */
    public static Optional<Path> underRoot(Path root, String relative) {
        if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path candidate;
        try {
            Path given = Path.of(relative);
            if (given.isAbsolute()) {
                return Optional.empty();
            }
            candidate = root.resolve(given).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (!candidate.startsWith(root) || candidate.equals(root)) {
            return Optional.empty();
        }
        try {
            Path realRoot = root.toRealPath();
            Path real = candidate.toRealPath();
            return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.of(candidate); // missing: the caller reports it as such
        }
    }

    /** {@code file} relative to {@code root}, with forward slashes, as stored in {@code segment.file_path}. */
    public static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Where the H.264 rendition of segment {@code id} is cached: {@code {root}/.keyframe/renditions/{id}.mp4}. */
    public static Path renditionOf(Path root, long id) {
        return root.resolve(".keyframe").resolve("renditions").resolve(id + ".mp4");
    }

    /** Where the JPEG thumbnail of segment {@code id} is cached: {@code {root}/.keyframe/thumbnails/{id}.jpg}. */
    public static Path thumbnailOf(Path root, long id) {
        return root.resolve(".keyframe").resolve("thumbnails").resolve(id + ".jpg");
    }

    /** A time interval {@code [start, end)}. */
    public record Span(Instant start, Instant end) {
        public boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    /**
     * The time a folder of the dated layout covers: {@code camera/yyyy} a year,
     * {@code camera/yyyy/MM} a month, {@code …/dd} a day, {@code …/HH} an hour (UTC); empty for
     * the camera folder itself and for anything outside the layout.
     */
    public static Optional<Span> folderSpan(Path root, Path dir) {
        if (!dir.startsWith(root)) {
            return Optional.empty();
        }
        Path relative = root.relativize(dir);
        int depth = relative.getNameCount();
        if (depth < 2 || depth > 5) {
            return Optional.empty();
        }
        int[] parts = new int[4];
        for (int i = 1; i < depth; i++) {
            String part = relative.getName(i).toString();
            if (!part.matches(i == 1 ? "\\d{4}" : "\\d{2}")) {
                return Optional.empty();
            }
            parts[i - 1] = Integer.parseInt(part);
        }
        try {
            java.time.ZonedDateTime start = java.time.ZonedDateTime.of(parts[0], depth > 2 ? parts[1] : 1,
                    depth > 3 ? parts[2] : 1, depth > 4 ? parts[3] : 0, 0, 0, 0, ZoneOffset.UTC);
            java.time.ZonedDateTime end = switch (depth) {
                case 2 -> start.plusYears(1);
                case 3 -> start.plusMonths(1);
                case 4 -> start.plusDays(1);
                default -> start.plusHours(1);
            };
            return Optional.of(new Span(start.toInstant(), end.toInstant()));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
