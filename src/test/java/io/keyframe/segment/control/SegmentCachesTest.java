package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCachesTest {

    @TempDir
    Path root;

    @Test
    void aSegmentsCachedFilesAreItsRenditionAndItsThumbnail() {
        assertEquals(List.of(root.resolve(".keyframe/renditions/42.mp4"), root.resolve(".keyframe/thumbnails/42.jpg")),
                SegmentCaches.filesOf(root, 42));
    }

    @Test
    void deletingRemovesBothAndToleratesMissingOnes() throws Exception {
        Path thumbnail = SegmentPaths.thumbnailOf(root, 7);
        Files.createDirectories(thumbnail.getParent());
        Files.write(thumbnail, new byte[] {(byte) 0xFF, (byte) 0xD8});
        SegmentCaches.deleteFor(root, 7);
        assertFalse(Files.exists(thumbnail));
        SegmentCaches.deleteFor(root, 8); // nothing there: no error
        assertTrue(Files.isDirectory(thumbnail.getParent()));
    }

    @Test
    void onlyOurNamesGiveAnId() {
        assertEquals(Optional.of(12L), SegmentCaches.idOf(Path.of("/x/12.jpg")));
        assertEquals(Optional.of(3L), SegmentCaches.idOf(Path.of("3.mp4")));
        assertEquals(Optional.empty(), SegmentCaches.idOf(Path.of("thumbnail.jpg")));
        assertEquals(Optional.empty(), SegmentCaches.idOf(Path.of("0.jpg")));
        assertEquals(Optional.empty(), SegmentCaches.idOf(Path.of("12.jpg.tmp")));
        assertEquals(Optional.empty(), SegmentCaches.idOf(Path.of("99999999999999999999.jpg")));
    }
}
