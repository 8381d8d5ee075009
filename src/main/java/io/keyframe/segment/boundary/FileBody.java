package io.keyframe.segment.boundary;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams {@code length} bytes from {@code first} of an already open file with positional reads
 * into a 256 KiB buffer: never the whole file in memory, and the channel (opened before the
 * response started) keeps serving a file that is deleted meanwhile. Always closes the channel.
 */
public final class FileBody implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(FileBody.class.getName());
    static final int BUFFER = 256 * 1024;

    private final FileChannel channel;
    private final long first;
    private final long length;
    private final String label;

    /** {@code label} names the file in log lines, e.g. {@code segment 42}. */
    public FileBody(FileChannel channel, long first, long length, String label) {
        this.channel = channel;
        this.first = first;
        this.length = length;
        this.label = label;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        try (FileChannel in = channel) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(1, length)));
            long position = first;
            long remaining = length;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int read = in.read(buffer, position);
                if (read < 0) {
                    // the file shrank under us: the client sees a short body, never other bytes
                    throw new IOException(label + " ended early at byte " + position);
                }
                try {
                    output.write(buffer.array(), 0, read);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "client went away while " + label + " was served", e);
                    return;
                }
                position += read;
                remaining -= read;
            }
            try {
                output.flush();
            } catch (IOException e) {
                LOG.log(Level.FINE, "client went away at the end of " + label, e);
            }
        }
    }
}
