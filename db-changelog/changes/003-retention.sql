--liquibase formatted sql

--changeset keyframe:003-stream-retention
-- Retention per stream (e.g. a sub-stream kept for a year at low bitrate); NULL = the camera's.
ALTER TABLE stream ADD COLUMN retention_days INTEGER
    CHECK (retention_days IS NULL OR retention_days BETWEEN 0 AND 36500);
--rollback ALTER TABLE stream DROP COLUMN retention_days;

--changeset keyframe:003-segment-deletion
-- The crash-safe deletion protocol: a row is marked 'deleting' with why and by whom before its file
-- goes, so a run interrupted at any step is finished (and audited exactly) at the next start.
ALTER TABLE segment ADD COLUMN delete_reason VARCHAR(32), ADD COLUMN delete_actor VARCHAR(128);
CREATE INDEX idx_segment_deleting ON segment (id) WHERE state = 'deleting';
-- disk-usage cleanup takes the oldest footage across all cameras first
CREATE INDEX idx_segment_start ON segment (start_time);
--rollback DROP INDEX idx_segment_start; DROP INDEX idx_segment_deleting; ALTER TABLE segment DROP COLUMN delete_reason, DROP COLUMN delete_actor;

--changeset keyframe:003-legal-hold
-- Legal holds: one segment (segment_id set) or a camera's (stream's) time range. The holds are the
-- truth; segment.legal_hold caches "some hold covers this row", kept in step in the same
-- transaction by the hold routes and by segment inserts, so every deletion path checks one column.
CREATE TABLE legal_hold (
    id                 BIGSERIAL    PRIMARY KEY,
    camera_id          VARCHAR(64)  NOT NULL,
    stream_id          VARCHAR(64),
    segment_id         BIGINT,
    start_time         TIMESTAMPTZ  NOT NULL,
    end_time           TIMESTAMPTZ  NOT NULL,
    reason             TEXT,
    created_by         VARCHAR(128) NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (end_time > start_time)
);
CREATE INDEX idx_legal_hold_camera_start ON legal_hold (camera_id, start_time);
CREATE INDEX idx_legal_hold_segment ON legal_hold (segment_id) WHERE segment_id IS NOT NULL;
--rollback DROP TABLE legal_hold;
