package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SegmentFilesTest {

    @Test
    void downloadNamesKeepOnlySafeCharacters() {
        assertEquals("camlobby_20261124T181000Z.mp4",
                SegmentFiles.downloadName(7, "lobby/2026/11/24/18/camlobby_20261124T181000Z.mp4"));
        assertEquals("cam_a__b_c.mp4", SegmentFiles.downloadName(7, "x/cam\"a;\r\nb c.mp4".replace("\r\n", "_")));
        assertEquals("segment_7.mp4", SegmentFiles.downloadName(7, "x/.."));
        assertEquals("segment_7.mp4", SegmentFiles.downloadName(7, "x/"));
    }
}
