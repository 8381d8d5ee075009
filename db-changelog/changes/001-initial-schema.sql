--liquibase formatted sql

--changeset keyframe:001-camera
CREATE TABLE camera (
    camera_id          VARCHAR(64)  PRIMARY KEY CHECK (camera_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    name               VARCHAR(200) NOT NULL,
    recording_mode     VARCHAR(16)  NOT NULL DEFAULT 'continuous'
                       CHECK (recording_mode IN ('continuous', 'events', 'scheduled', 'off')),
    retention_days     INTEGER      CHECK (retention_days IS NULL OR retention_days BETWEEN 0 AND 36500),
    pre_roll_secs      INTEGER      NOT NULL DEFAULT 5  CHECK (pre_roll_secs BETWEEN 0 AND 300),
    post_roll_secs     INTEGER      NOT NULL DEFAULT 10 CHECK (post_roll_secs BETWEEN 0 AND 3600),
    schedule_time_zone VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
--rollback DROP TABLE camera;

--changeset keyframe:001-stream
CREATE TABLE stream (
    camera_id          VARCHAR(64)  NOT NULL REFERENCES camera (camera_id) ON DELETE CASCADE,
    stream_id          VARCHAR(64)  NOT NULL CHECK (stream_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    url                TEXT         NOT NULL,
    username           VARCHAR(256),
    password           VARCHAR(512),
    is_primary         BOOLEAN      NOT NULL DEFAULT FALSE,
    transport          VARCHAR(8)   NOT NULL DEFAULT 'tcp' CHECK (transport IN ('tcp', 'udp')),
    -- desired state set by the start/stop routes: survives a restart of the server
    recording_desired  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, stream_id)
);
CREATE UNIQUE INDEX stream_one_primary_per_camera ON stream (camera_id) WHERE is_primary;
--rollback DROP TABLE stream;

--changeset keyframe:001-segment
-- One row per finalised, verified MP4 file. Segments outlive their camera's configuration:
-- no foreign key, so deleting a camera never deletes footage (retention does that, audited).
CREATE TABLE segment (
    id                 BIGSERIAL    PRIMARY KEY,
    camera_id          VARCHAR(64)  NOT NULL,
    stream_id          VARCHAR(64)  NOT NULL,
    start_time         TIMESTAMPTZ  NOT NULL,
    end_time           TIMESTAMPTZ  NOT NULL,
    duration_ms        BIGINT       NOT NULL CHECK (duration_ms >= 0),
    file_path          TEXT         NOT NULL UNIQUE,
    size_bytes         BIGINT       NOT NULL CHECK (size_bytes > 0),
    event_type         VARCHAR(32)  NOT NULL DEFAULT 'continuous',
    video_codec        VARCHAR(16),
    width              INTEGER,
    height             INTEGER,
    has_audio          BOOLEAN      NOT NULL DEFAULT FALSE,
    -- 'ready', or 'deleting' while the crash-safe deletion protocol runs
    state              VARCHAR(16)  NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'deleting')),
    legal_hold         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (end_time >= start_time)
);
-- the spec's two indexes, as written
CREATE INDEX idx_segment_camera_start ON segment (camera_id, start_time);
CREATE INDEX idx_segment_stream_start ON segment (stream_id, start_time);
--rollback DROP TABLE segment;

--changeset keyframe:001-recording-event
CREATE TABLE recording_event (
    id                 BIGSERIAL    PRIMARY KEY,
    camera_id          VARCHAR(64)  NOT NULL,
    stream_id          VARCHAR(64),
    event_type         VARCHAR(32)  NOT NULL,
    source             VARCHAR(200),
    start_time         TIMESTAMPTZ  NOT NULL,
    end_time           TIMESTAMPTZ,
    pre_roll_secs      INTEGER      NOT NULL DEFAULT 5,
    post_roll_secs     INTEGER      NOT NULL DEFAULT 10,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX idx_recording_event_camera_start ON recording_event (camera_id, start_time);
--rollback DROP TABLE recording_event;

--changeset keyframe:001-recording-schedule
-- Weekly ranges in the camera's schedule_time_zone; day_of_week 1 = Monday (ISO-8601).
CREATE TABLE recording_schedule (
    id                 BIGSERIAL    PRIMARY KEY,
    camera_id          VARCHAR(64)  NOT NULL REFERENCES camera (camera_id) ON DELETE CASCADE,
    day_of_week        SMALLINT     NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    start_minute       SMALLINT     NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute         SMALLINT     NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (start_minute < end_minute)
);
CREATE INDEX idx_recording_schedule_camera ON recording_schedule (camera_id);
--rollback DROP TABLE recording_schedule;

--changeset keyframe:001-cleanup-audit
CREATE TABLE cleanup_audit (
    id                 BIGSERIAL    PRIMARY KEY,
    at                 TIMESTAMPTZ  NOT NULL DEFAULT now(),
    camera_id          VARCHAR(64),
    stream_id          VARCHAR(64),
    segment_id         BIGINT,
    file_path          TEXT,
    size_bytes         BIGINT,
    reason             VARCHAR(32)  NOT NULL,
    actor              VARCHAR(128) NOT NULL,
    detail             TEXT
);
CREATE INDEX idx_cleanup_audit_camera_at ON cleanup_audit (camera_id, at);
--rollback DROP TABLE cleanup_audit;
