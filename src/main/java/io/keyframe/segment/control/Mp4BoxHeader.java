package io.keyframe.segment.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The header of one ISO BMFF box: a 32-bit size and a four-character type, where size 1 means a
 * 64-bit size follows and size 0 means "up to the end of the enclosing container".
 *
 * @param type       the four-character type, e.g. {@code moov}
 * @param offset     where the box starts, relative to whatever the caller measures from
 * @param headerSize 8, or 16 with a 64-bit size
 * @param size       the declared size including the header; it may reach past the container end
 */
record Mp4BoxHeader(String type, long offset, int headerSize, long size) {

    /** The largest header: 32-bit size, type, 64-bit size. */
    static final int MAX_HEADER_SIZE = 16;

    /** Where the payload starts. */
    long payloadOffset() {
        return offset + headerSize;
    }

    /** The declared end of the box (exclusive). */
    long end() {
        return offset + size;
    }

    /** The declared payload length. */
    long payloadSize() {
        return size - headerSize;
    }

    /** Whether the box declares more bytes than its container holds. */
    boolean exceeds(long containerEnd) {
        return size > containerEnd - offset; // not end() > containerEnd: a 64-bit size may overflow
    }

    /**
     * Decodes the header found in {@code bytes} from its position to its limit (up to
     * {@link #MAX_HEADER_SIZE} bytes are looked at; the buffer is not moved).
     *
     * @param offset       where this header starts in the caller's coordinates
     * @param containerEnd where the enclosing container (or the file) ends, for size 0
     * @return the header, or empty when the bytes cannot be a box header (too few bytes, a size
     *         below the header size, or a type that is not four printable ASCII characters)
     */
    static Optional<Mp4BoxHeader> decode(ByteBuffer bytes, long offset, long containerEnd) {
        int at = bytes.position();
        if (bytes.remaining() < 8) {
            return Optional.empty();
        }
        long size = Integer.toUnsignedLong(bytes.getInt(at));
        String type = typeAt(bytes, at + 4);
        if (type == null) {
            return Optional.empty();
        }
        int headerSize = 8;
        if (size == 1) {
            if (bytes.remaining() < 16) {
                return Optional.empty();
            }
            size = bytes.getLong(at + 8);
            headerSize = 16;
        } else if (size == 0) {
            size = containerEnd - offset;
        }
        if (size < headerSize) {
            return Optional.empty();
        }
        return Optional.of(new Mp4BoxHeader(type, offset, headerSize, size));
    }

    /** Four printable ASCII characters at {@code index}, or null. */
    static String typeAt(ByteBuffer bytes, int index) {
        if (index < 0 || index + 4 > bytes.limit()) {
            return null;
        }
        byte[] chars = new byte[4];
        for (int i = 0; i < 4; i++) {
            byte b = bytes.get(index + i);
            if (b < 0x20 || b > 0x7e) {
                return null;
            }
            chars[i] = b;
        }
        return new String(chars, StandardCharsets.US_ASCII);
    }
}
