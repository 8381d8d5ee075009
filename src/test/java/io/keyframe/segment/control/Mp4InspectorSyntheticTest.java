package io.keyframe.segment.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files assembled box by box, for the corners a muxer does not produce on demand: 64-bit and
 * to-end-of-file sizes, version 1 headers, missing durations, damaged and random bytes.
 */
class Mp4InspectorSyntheticTest {

    private static final byte[] FTYP = box("ftyp", ascii("isom"), u32(512), ascii("isomavc1"));
    private static final byte[] MEDIA = new byte[4096];

    @TempDir
    Path dir;

    @Test
    void minimalMovieIsPlayable() throws Exception {
        Mp4Info info = inspect(FTYP, moov(mvhd(0, 1000, 2500), videoTrak("avc1", 0, 2500, stss(1, 31))), mdat());
        assertTrue(info.playable(), info.problems().toString());
        assertEquals("h264", info.videoCodec());
        assertEquals(640, info.width());
        assertEquals(360, info.height());
        assertEquals(Duration.ofMillis(2500), info.duration());
        assertTrue(info.moovBeforeMdat());
        assertFalse(info.hasAudio());
        assertNull(info.audioCodec());
    }

    @Test
    void sizeFallsBackToTheSampleEntryWithoutTkhd() throws Exception {
        byte[] trak = trak(null, mdia(mdhd(0, 1000, 2500), hdlr("vide"), minfStbl(stsd(visualEntry("hvc1")))));
        Mp4Info info = inspect(FTYP, moov(mvhd(0, 1000, 2500), trak), mdat());
        assertEquals(640, info.width());
        assertEquals(360, info.height());
        assertTrue(info.playable(), info.problems().toString());
    }

    @Test
    void version1HeadersAreRead() throws Exception {
        Mp4Info info = inspect(FTYP, moov(mvhd(1, 90_000, 270_000), videoTrak("hev1", 1, 270_000, null)), mdat());
        assertTrue(info.playable(), info.problems().toString());
        assertEquals("h265", info.videoCodec());
        assertEquals(Duration.ofSeconds(3), info.duration());
        assertEquals(640, info.width());
    }

    @Test
    void zeroMovieDurationFallsBackToTheLongestTrack() throws Exception {
        byte[] sound = trak(null, mdia(mdhd(0, 48_000, 144_000), hdlr("soun"), minfStbl(stsd(box("mp4a", new byte[28])))));
        Mp4Info info = inspect(FTYP, moov(mvhd(0, 1000, 0), videoTrak("avc3", 0, 2000, null), sound), mdat());
        assertEquals(Duration.ofSeconds(3), info.duration());
        assertEquals("h264", info.videoCodec());
        assertTrue(info.hasAudio());
        assertEquals("aac", info.audioCodec());
        assertTrue(info.playable(), info.problems().toString());
    }

    @Test
    void boxSizesOfZeroAndSixtyFourBitsAreWalked() throws Exception {
        byte[] largeFree = concat(u32(1), ascii("free"), u64(16 + 100), new byte[100]);
        byte[] toEndOfFile = concat(u32(0), ascii("mdat"), MEDIA);
        Mp4Info info = inspect(FTYP, largeFree, movie(), toEndOfFile);
        assertTrue(info.playable(), info.problems().toString());
        byte[] largeMdat = concat(u32(1), ascii("mdat"), u64(16 + MEDIA.length), MEDIA);
        assertTrue(inspect(FTYP, movie(), largeMdat).playable());
    }

    @Test
    void mdatSizeThatDisagreesWithTheFileIsTolerated() throws Exception {
        byte[] longerThanFile = concat(u32(1_000_000), ascii("mdat"), MEDIA);
        assertTrue(inspect(FTYP, movie(), longerThanFile).playable());
        byte[] staleSize = concat(u32(8 + 100), ascii("mdat"), MEDIA);
        Mp4Info stale = inspect(FTYP, movie(), staleSize);
        assertTrue(stale.playable(), stale.problems().toString());
    }

    @Test
    void moovAfterMdatIsNotPlayable() throws Exception {
        Mp4Info info = inspect(FTYP, mdat(), movie());
        assertFalse(info.moovBeforeMdat());
        assertEquals("h264", info.videoCodec());
        assertFalse(info.playable());
    }

    @Test
    void missingOrCutMoovIsAProblem() throws Exception {
        Mp4Info none = inspect(FTYP, mdat());
        assertFalse(none.playable());
        assertTrue(none.problems().contains("no moov box"), none.problems().toString());

        byte[] moov = movie();
        Mp4Info cut = inspect(FTYP, Arrays.copyOf(moov, moov.length - 20));
        assertFalse(cut.playable());
        assertTrue(cut.problems().get(0).startsWith("moov box at offset"), cut.problems().toString());
    }

    @Test
    void keyframeAtTheStartIsTakenFromStss() throws Exception {
        assertFalse(inspect(FTYP, moov(mvhd(0, 1000, 2500), videoTrak("avc1", 0, 2500, stss(2, 32))), mdat())
                .startsWithKeyframe());
        assertFalse(inspect(FTYP, moov(mvhd(0, 1000, 2500), videoTrak("avc1", 0, 2500, stss())), mdat())
                .startsWithKeyframe());
        assertTrue(inspect(FTYP, moov(mvhd(0, 1000, 2500), videoTrak("avc1", 0, 2500, null)), mdat())
                .startsWithKeyframe());
    }

    @Test
    void unsupportedVideoAndMissingVideoAreProblems() throws Exception {
        Mp4Info mpeg4 = inspect(FTYP, moov(mvhd(0, 1000, 2500), videoTrak("mp4v", 0, 2500, null)), mdat());
        assertNull(mpeg4.videoCodec());
        assertEquals("unsupported video sample entry mp4v", mpeg4.problems().get(0));
        Mp4Info noVideo = inspect(FTYP, moov(mvhd(0, 1000, 2500)), mdat());
        assertEquals("no video track", noVideo.problems().get(0));
        assertFalse(noVideo.playable());
    }

    @Test
    void childOverrunningItsParentIsReported() throws Exception {
        byte[] trak = videoTrak("avc1", 0, 2500, null);
        ByteBuffer.wrap(trak).putInt(0, trak.length + 50);
        Mp4Info info = inspect(FTYP, moov(mvhd(0, 1000, 2500), trak), mdat());
        assertFalse(info.playable());
        assertTrue(info.problems().get(0).contains("overruns its moov"), info.problems().toString());
    }

    @Test
    void endlessRunsOfTinyBoxesAreCapped() throws Exception {
        ByteBuffer tinyBoxes = ByteBuffer.allocate(8 * (Mp4Boxes.MAX_CHILDREN + 1));
        while (tinyBoxes.hasRemaining()) {
            tinyBoxes.put(box("free"));
        }
        Mp4Info crowdedMoov = inspect(FTYP, moov(mvhd(0, 1000, 2500), tinyBoxes.array(), videoTrak("avc1", 0, 2500, null)),
                mdat());
        assertFalse(crowdedMoov.playable());
        assertTrue(crowdedMoov.problems().get(0).startsWith("more than 10000 boxes inside moov"),
                crowdedMoov.problems().toString());
        Mp4Info crowdedFile = inspect(tinyBoxes.array(), movie(), mdat());
        assertTrue(crowdedFile.problems().contains("more than 10000 top-level boxes"), crowdedFile.problems().toString());
    }

    @Test
    void emptyTextAndRandomFilesAreNotPlayable() throws Exception {
        assertEquals(Mp4Info.unreadable(0, List.of("empty file")), inspect());
        byte[] text = "Hello, this is not a video at all.\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        assertFalse(inspect(text).playable());
        Random random = new Random(42);
        for (int i = 0; i < 150; i++) {
            byte[] noise = new byte[1 + random.nextInt(5000)];
            random.nextBytes(noise);
            Mp4Info info = assertDoesNotThrow(() -> inspect(noise));
            assertFalse(info.playable());
            assertFalse(info.problems().isEmpty());
        }
    }

    @Test
    void damagedMoovNeverThrows() throws Exception {
        byte[] moov = movie();
        byte[] good = concat(FTYP, moov, mdat());
        Random random = new Random(7);
        for (int i = 0; i < 600; i++) {
            byte[] damaged = good.clone();
            for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
                damaged[FTYP.length + random.nextInt(moov.length)] = (byte) random.nextInt(256);
            }
            assertDoesNotThrow(() -> inspect(damaged));
        }
    }

    // ---- building files ----

    private Mp4Info inspect(byte[]... parts) throws Exception {
        Path file = Files.write(dir.resolve("test.mp4"), concat(parts));
        return Mp4Inspector.inspect(file);
    }

    private static byte[] movie() {
        return moov(mvhd(0, 1000, 2500), videoTrak("avc1", 0, 2500, stss(1, 31)));
    }

    private static byte[] mdat() {
        return box("mdat", MEDIA);
    }

    private static byte[] moov(byte[]... children) {
        return box("moov", children);
    }

    private static byte[] mvhd(int version, long timescale, long duration) {
        byte[] times = version == 1 ? concat(u64(0), u64(0), u32(timescale), u64(duration))
                : concat(u32(0), u32(0), u32(timescale), u32(duration));
        return box("mvhd", u32((long) version << 24), times, new byte[80]);
    }

    private static byte[] videoTrak(String entry, int version, long duration, byte[] stss) {
        byte[] stbl = stss == null ? minfStbl(stsd(visualEntry(entry))) : minfStbl(stsd(visualEntry(entry)), stss);
        return trak(tkhd(version, 640, 360), mdia(mdhd(version, 1000, duration), hdlr("vide"), stbl));
    }

    private static byte[] trak(byte[] tkhd, byte[] mdia) {
        return tkhd == null ? box("trak", mdia) : box("trak", tkhd, mdia);
    }

    private static byte[] tkhd(int version, int width, int height) {
        int times = version == 1 ? 32 : 20;
        return box("tkhd", u32((long) version << 24), new byte[times + 8 + 8 + 36], u32((long) width << 16),
                u32((long) height << 16));
    }

    private static byte[] mdia(byte[]... children) {
        return box("mdia", children);
    }

    private static byte[] mdhd(int version, long timescale, long duration) {
        byte[] times = version == 1 ? concat(u64(0), u64(0), u32(timescale), u64(duration))
                : concat(u32(0), u32(0), u32(timescale), u32(duration));
        return box("mdhd", u32((long) version << 24), times, u32(0));
    }

    private static byte[] hdlr(String handler) {
        return box("hdlr", u32(0), u32(0), ascii(handler), new byte[13]);
    }

    private static byte[] minfStbl(byte[]... children) {
        return box("minf", box("stbl", children));
    }

    private static byte[] stsd(byte[] entry) {
        return box("stsd", u32(0), u32(1), entry);
    }

    private static byte[] visualEntry(String type) {
        return box(type, new byte[24], new byte[] {0x02, (byte) 0x80, 0x01, 0x68}, new byte[50]);
    }

    private static byte[] stss(long... samples) {
        return box("stss", u32(0), u32(samples.length), u32(samples));
    }

    private static byte[] box(String type, byte[]... parts) {
        byte[] payload = concat(parts);
        return concat(u32(8L + payload.length), ascii(type), payload);
    }

    private static byte[] u32(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        for (long value : values) {
            buffer.putInt((int) value);
        }
        return buffer.array();
    }

    private static byte[] u64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
