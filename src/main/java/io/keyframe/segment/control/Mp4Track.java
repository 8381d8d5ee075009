package io.keyframe.segment.control;

import java.time.Duration;

/**
 * One {@code trak} box, reduced to what {@link Mp4Inspector} reports.
 *
 * @param handler              the {@code hdlr} handler type: {@code vide}, {@code soun}, …
 * @param sampleEntry          the type of the first {@code stsd} entry ({@code avc1}, {@code mp4a}, …),
 *                             or null when the track has no sample entry
 * @param width                the width in pixels ({@code tkhd}, else the visual sample entry), 0 if unknown
 * @param height               the height in pixels, likewise
 * @param duration             the {@code mdhd} duration in its own timescale, zero if unknown
 * @param startsWithSyncSample no {@code stss} box (every sample is a sync sample) or its first entry is sample 1
 */
record Mp4Track(String handler, String sampleEntry, int width, int height, Duration duration,
                boolean startsWithSyncSample) {

    /** Handler type of a video track. */
    static final String VIDEO = "vide";
    /** Handler type of a sound track. */
    static final String SOUND = "soun";

    /** Offset of the visual sample entry's width field, after the entry's 8-byte header. */
    private static final int VISUAL_ENTRY_WIDTH = 24;

    boolean isVideo() {
        return VIDEO.equals(handler);
    }

    boolean isSound() {
        return SOUND.equals(handler);
    }

    /**
     * Reads a {@code trak} box.
     *
     * @throws Mp4Boxes.Malformed when a box the track needs is missing or too short
     */
    static Mp4Track parse(Mp4Boxes boxes, Mp4BoxHeader trak) {
        Mp4BoxHeader mdia = boxes.required(trak, "mdia");
        String handler = boxes.fourCc(boxes.required(mdia, "hdlr"), 8);
        Duration duration = boxes.declaredDuration(boxes.required(mdia, "mdhd"));
        Mp4BoxHeader stbl = boxes.required(boxes.required(mdia, "minf"), "stbl");

        Mp4BoxHeader stsd = boxes.required(stbl, "stsd");
        Mp4BoxHeader entry = boxes.children(stsd, 8).stream().findFirst().orElse(null);

        int width = 0;
        int height = 0;
        var tkhd = boxes.child(trak, "tkhd");
        if (tkhd.isPresent()) {
            int at = boxes.u8(tkhd.get(), 0) == 1 ? 88 : 76;
            width = (int) (boxes.u32(tkhd.get(), at) >>> 16);
            height = (int) (boxes.u32(tkhd.get(), at + 4) >>> 16);
        }
        if (VIDEO.equals(handler) && entry != null && (width == 0 || height == 0)) {
            width = boxes.u16(entry, VISUAL_ENTRY_WIDTH);
            height = boxes.u16(entry, VISUAL_ENTRY_WIDTH + 2);
        }
        return new Mp4Track(handler, entry == null ? null : entry.type(), width, height, duration,
                startsWithSyncSample(boxes, stbl));
    }

    private static boolean startsWithSyncSample(Mp4Boxes boxes, Mp4BoxHeader stbl) {
        var stss = boxes.child(stbl, "stss");
        if (stss.isEmpty()) {
            return true;
        }
        long entries = boxes.u32(stss.get(), 4);
        return entries > 0 && boxes.u32(stss.get(), 8) == 1;
    }
}
