package io.keyframe.segment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One finalised, verified MP4 file of one stream (read side; rows are inserted by {@code SegmentStore}). */
@Entity
@Table(name = "segment")
public class Segment {

    @Id
    private Long id;

    @Column(name = "camera_id")
    private String cameraId;

    @Column(name = "stream_id")
    private String streamId;

    @Column(name = "start_time")
    private Instant startTime;

    @Column(name = "end_time")
    private Instant endTime;

    @Column(name = "duration_ms")
    private long durationMs;

    @Column(name = "file_path")
    private String filePath;

    @Column(name = "size_bytes")
    private long sizeBytes;

    @Column(name = "event_type")
    private String eventType;

    @Column(name = "video_codec")
    private String videoCodec;

    private Integer width;
    private Integer height;

    @Column(name = "has_audio")
    private boolean hasAudio;

    private String state;

    @Column(name = "legal_hold")
    private boolean legalHold;

    protected Segment() {
    }

    public Long id() {
        return id;
    }

    public String cameraId() {
        return cameraId;
    }

    public String streamId() {
        return streamId;
    }

    public Instant startTime() {
        return startTime;
    }

    public Instant endTime() {
        return endTime;
    }

    public long durationMs() {
        return durationMs;
    }

    /** Relative to the recording root. */
    public String filePath() {
        return filePath;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String eventType() {
        return eventType;
    }

    public String videoCodec() {
        return videoCodec;
    }

    public Integer width() {
        return width;
    }

    public Integer height() {
        return height;
    }

    public boolean hasAudio() {
        return hasAudio;
    }

    public boolean legalHold() {
        return legalHold;
    }
}
