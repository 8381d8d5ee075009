package io.keyframe.segment.control;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bounds-checked access to the boxes inside a {@code moov} box held in memory. Offsets inside
 * {@link Mp4BoxHeader}s are positions in the buffer; field reads are relative to a box's payload
 * and throw {@link Malformed} instead of reading past the box.
 */
final class Mp4Boxes {

    /** A box too short for the field being read, or a required box that is missing. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** More direct children than any real {@code moov} level holds; bounds work on crafted input. */
    static final int MAX_CHILDREN = 10_000;
    private static final long UNKNOWN_32 = 0xFFFF_FFFFL;

    private final ByteBuffer bytes;
    private final long fileOffset;
    private final List<String> problems;

    /**
     * @param bytes      the whole box, header included, from position 0 to its limit
     * @param fileOffset where the box starts in the file, for messages
     * @param problems   where structural problems are reported
     */
    Mp4Boxes(ByteBuffer bytes, long fileOffset, List<String> problems) {
        this.bytes = bytes;
        this.fileOffset = fileOffset;
        this.problems = problems;
    }

    /** The outermost box, or empty (and a problem) if the buffer does not hold one completely. */
    Optional<Mp4BoxHeader> root() {
        Optional<Mp4BoxHeader> root = Mp4BoxHeader.decode(bytes.duplicate().position(0), 0, bytes.limit());
        if (root.isEmpty() || root.get().exceeds(bytes.limit())) {
            report("invalid box header at offset " + fileOffset);
            return Optional.empty();
        }
        return root;
    }

    /**
     * The boxes inside {@code parent}, after {@code skip} payload bytes of its own fields. A child
     * with an invalid header or one that overruns the parent ends the list and is reported, as
     * does reaching {@link #MAX_CHILDREN}; fewer than 8 trailing bytes are ignored.
     */
    List<Mp4BoxHeader> children(Mp4BoxHeader parent, int skip) {
        List<Mp4BoxHeader> children = new ArrayList<>();
        long end = parent.end();
        long at = parent.payloadOffset() + skip;
        while (end - at >= 8) {
            if (children.size() == MAX_CHILDREN) {
                report("more than " + MAX_CHILDREN + " boxes inside " + parent.type()
                        + " at offset " + (fileOffset + parent.offset()));
                break;
            }
            ByteBuffer view = bytes.duplicate().limit((int) end).position((int) at);
            Optional<Mp4BoxHeader> child = Mp4BoxHeader.decode(view, at, end);
            if (child.isEmpty()) {
                report("invalid box header inside " + parent.type() + " at offset " + (fileOffset + at));
                break;
            }
            if (child.get().exceeds(end)) {
                report(child.get().type() + " box at offset " + (fileOffset + at) + " overruns its " + parent.type());
                break;
            }
            children.add(child.get());
            at = child.get().end();
        }
        return children;
    }

    /** All children of {@code parent} of the given type. */
    List<Mp4BoxHeader> all(Mp4BoxHeader parent, String type) {
        return children(parent, 0).stream().filter(box -> box.type().equals(type)).toList();
    }

    /** The first child of {@code parent} of the given type. */
    Optional<Mp4BoxHeader> child(Mp4BoxHeader parent, String type) {
        return all(parent, type).stream().findFirst();
    }

    /** The first child of the given type; {@link Malformed} if there is none. */
    Mp4BoxHeader required(Mp4BoxHeader parent, String type) {
        return child(parent, type).orElseThrow(() -> new Malformed("no " + type + " box in " + parent.type()));
    }

    /** The unsigned byte at {@code at} in the payload. */
    int u8(Mp4BoxHeader box, int at) {
        return Byte.toUnsignedInt(bytes.get(index(box, at, 1)));
    }

    /** The unsigned 16-bit value at {@code at} in the payload. */
    int u16(Mp4BoxHeader box, int at) {
        return Short.toUnsignedInt(bytes.getShort(index(box, at, 2)));
    }

    /** The unsigned 32-bit value at {@code at} in the payload. */
    long u32(Mp4BoxHeader box, int at) {
        return Integer.toUnsignedLong(bytes.getInt(index(box, at, 4)));
    }

    /** The 64-bit value at {@code at} in the payload (negative when above {@code Long.MAX_VALUE}). */
    long u64(Mp4BoxHeader box, int at) {
        return bytes.getLong(index(box, at, 8));
    }

    /** The four-character code at {@code at} in the payload, or {@code "????"} if not printable. */
    String fourCc(Mp4BoxHeader box, int at) {
        String code = Mp4BoxHeader.typeAt(bytes, index(box, at, 4));
        return code == null ? "????" : code;
    }

    /**
     * The duration declared by an {@code mvhd} or {@code mdhd} box, which share their first fields:
     * version/flags, creation and modification times (32 or 64 bits), timescale, duration.
     *
     * @return the duration, or zero when unknown (timescale 0, or the all-ones "unknown" value)
     */
    Duration declaredDuration(Mp4BoxHeader box) {
        boolean wide = u8(box, 0) == 1;
        long timescale = u32(box, wide ? 20 : 12);
        long units = wide ? u64(box, 24) : u32(box, 16);
        if (!wide && units == UNKNOWN_32) {
            return Duration.ZERO;
        }
        return toDuration(units, timescale);
    }

    /** {@code units / timescale} seconds; zero for a non-positive input. */
    static Duration toDuration(long units, long timescale) {
        if (units <= 0 || timescale <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(units / timescale, (units % timescale) * 1_000_000_000L / timescale);
    }

    /** Adds a problem once, however often the same box is walked. */
    private void report(String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    private int index(Mp4BoxHeader box, int at, int length) {
        if (at < 0 || box.payloadSize() < (long) at + length) {
            throw new Malformed(box.type() + " box at offset " + (fileOffset + box.offset()) + " is too short");
        }
        return (int) (box.payloadOffset() + at);
    }
}
