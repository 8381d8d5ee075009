package io.keyframe.segment.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The durable queue between files and rows: one small JSON file per segment under
 * {@code {root}/.keyframe/journal/}, written when the file opens and removed once its row is in
 * the database. It keeps the exact start time of a file cut by a crash, and the rows that could
 * not be written while the database was down. Entries are written atomically (temp file, then
 * rename).
 */
public final class SegmentJournal {

    private static final Logger LOG = Logger.getLogger(SegmentJournal.class.getName());
    private final Path dir;

    public SegmentJournal(Path recordingRoot) {
        this.dir = recordingRoot.resolve(".keyframe").resolve("journal");
    }

    public void write(JournalEntry entry) {
        JsonObject json = Json.createObjectBuilder()
                .add("camera_id", entry.cameraId())
                .add("stream_id", entry.streamId())
                .add("file", entry.file())
                .add("start", entry.start().toString())
                .add("closed", entry.closed())
                .add("duration_ms", entry.durationMs())
                .add("event_type", entry.eventType())
                .build();
        try {
            Files.createDirectories(dir);
            Path target = entryPath(entry.file());
            Path temp = Files.createTempFile(dir, ".entry-", ".tmp");
            Files.writeString(temp, json.toString());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(String file) {
        try {
            Files.deleteIfExists(entryPath(file));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove journal entry of " + file, e);
        }
    }

    /** Every entry, oldest start first; unreadable entries are logged and skipped. */
    public List<JournalEntry> entries() {
        List<JournalEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path path : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try (JsonReader reader = Json.createReader(new StringReader(Files.readString(path)))) {
                    JsonObject json = reader.readObject();
                    entries.add(new JournalEntry(json.getString("camera_id"), json.getString("stream_id"),
                            json.getString("file"), Instant.parse(json.getString("start")),
                            json.getBoolean("closed", false), json.getJsonNumber("duration_ms").longValue(),
                            json.getString("event_type", "continuous")));
                } catch (RuntimeException | IOException e) {
                    LOG.warning("skipping unreadable journal entry " + path + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparing(JournalEntry::start));
        return entries;
    }

    private Path entryPath(String file) {
        // file names are unique across the tree: they hold the camera, the stream and the time
        return dir.resolve(Path.of(file).getFileName().toString() + ".json");
    }
}
