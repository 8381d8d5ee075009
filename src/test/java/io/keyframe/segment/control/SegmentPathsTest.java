package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyframe.camera.entity.CameraId;
import io.keyframe.camera.entity.StreamId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentPathsTest {

    @TempDir
    Path root;

    private final Instant t = Instant.parse("2026-11-24T18:10:07.250Z");

    @Test
    void primaryStreamsUseTheSpecLayoutInUtc() {
        assertEquals(root.resolve("lobby/2026/11/24/18/camlobby_20261124T181007Z.mp4"),
                SegmentPaths.path(root, CameraId.of("lobby"), StreamId.of("main"), true, t));
    }

    @Test
    void otherStreamsPutTheirIdBeforeTheTime() {
        assertEquals(root.resolve("lobby/2026/11/24/18/camlobby_sub_20261124T181007Z.mp4"),
                SegmentPaths.path(root, CameraId.of("lobby"), StreamId.of("sub"), false, t));
    }

    @Test
    void aTakenNameGetsASuffixThatSortsAfterIt() throws Exception {
        Path first = SegmentPaths.freePath(root, CameraId.of("lobby"), StreamId.of("main"), true, t);
        Files.createDirectories(first.getParent());
        Files.createFile(first);
        Path second = SegmentPaths.freePath(root, CameraId.of("lobby"), StreamId.of("main"), true, t);
        assertEquals("camlobby_20261124T181007Z_1.mp4", second.getFileName().toString());
        assertTrue(first.getFileName().toString().compareTo(second.getFileName().toString()) < 0);
        Path later = SegmentPaths.path(root, CameraId.of("lobby"), StreamId.of("main"), true, t.plusSeconds(1));
        assertTrue(second.getFileName().toString().compareTo(later.getFileName().toString()) < 0);
    }

    @Test
    void theStartIsReadBackFromTheName() {
        assertEquals(Optional.of(Instant.parse("2026-11-24T18:10:07Z")),
                SegmentPaths.startFromName(Path.of("camlobby_20261124T181007Z_2.mp4")));
        assertEquals(Optional.empty(), SegmentPaths.startFromName(Path.of("notes.mp4")));
    }

    @Test
    void relativePathsUseForwardSlashes() {
        assertEquals("lobby/2026/11/24/18/x.mp4", SegmentPaths.relative(root, root.resolve("lobby/2026/11/24/18/x.mp4")));
    }

    @Test
    void foldersOfTheDatedLayoutCoverTheirTime() {
        Path root = Path.of("/rec");
        assertEquals(java.util.Optional.of(new SegmentPaths.Span(Instant.parse("2026-11-29T07:00:00Z"), Instant.parse("2026-11-29T08:00:00Z"))),
                SegmentPaths.folderSpan(root, root.resolve("lobby/2026/11/29/07")));
        assertEquals(java.util.Optional.of(new SegmentPaths.Span(Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"))),
                SegmentPaths.folderSpan(root, root.resolve("lobby/2026/11/29")));
        assertEquals(java.util.Optional.of(new SegmentPaths.Span(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))),
                SegmentPaths.folderSpan(root, root.resolve("lobby/2026/12")));
        assertTrue(SegmentPaths.folderSpan(root, root.resolve("lobby")).isEmpty(), "the camera folder stays");
        assertTrue(SegmentPaths.folderSpan(root, root.resolve("lobby/2026/13")).isEmpty(), "no month 13");
        assertTrue(SegmentPaths.folderSpan(root, root.resolve("lobby/tmp/11")).isEmpty(), "outside the layout");
        assertTrue(SegmentPaths.folderSpan(root, Path.of("/elsewhere/lobby/2026")).isEmpty(), "outside the root");
    }
}
