package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SegmentPaths#underRoot}: a row's file_path never leads out of the recording root. */
class SegmentPathsUnderRootTest {

    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("recordings")).toRealPath();
        Files.createDirectories(root.resolve("lobby/2026"));
        Files.writeString(root.resolve("lobby/2026/a.mp4"), "video");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("lobby/escape.mp4"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("lobby/outdir"), tmp);
    }

    @Test
    void aFileUnderTheRootResolves() {
        assertEquals(Optional.of(root.resolve("lobby/2026/a.mp4")), SegmentPaths.underRoot(root, "lobby/2026/a.mp4"));
        assertEquals(Optional.of(root.resolve("lobby/2026/a.mp4")), SegmentPaths.underRoot(root, "lobby/x/../2026/a.mp4"));
    }

    @Test
    void aMissingFileUnderTheRootResolvesSoItCanBeReportedMissing() {
        assertEquals(Optional.of(root.resolve("lobby/gone.mp4")), SegmentPaths.underRoot(root, "lobby/gone.mp4"));
    }

    @Test
    void pathsLeadingOutOfTheRootAreRefused() {
        for (String bad : new String[] {"../secret.txt", "lobby/../../secret.txt", "/etc/passwd", tmp + "/secret.txt",
                "", ".", "lobby/escape.mp4", "lobby/outdir/secret.txt", "a\0b"}) {
            assertEquals(Optional.empty(), SegmentPaths.underRoot(root, bad), bad);
        }
        assertEquals(Optional.empty(), SegmentPaths.underRoot(root, null));
    }
}
