--liquibase formatted sql

--changeset keyframe:002-stream-state-log
-- Every state change of a recording session, so the timeline can say why a stream did not record.
-- Written asynchronously by the StreamManager's sessions; a lost row only makes a gap's cause "unknown".
CREATE TABLE stream_state_log (
    id                 BIGSERIAL    PRIMARY KEY,
    camera_id          VARCHAR(64)  NOT NULL,
    stream_id          VARCHAR(64)  NOT NULL,
    at                 TIMESTAMPTZ  NOT NULL,
    from_state         VARCHAR(16)  NOT NULL,
    to_state           VARCHAR(16)  NOT NULL,
    reason             TEXT
);
CREATE INDEX idx_stream_state_log_camera_at ON stream_state_log (camera_id, at);
--rollback DROP TABLE stream_state_log;

--changeset keyframe:002-cleanup-audit-segment-times
-- The time range of a deleted segment, so the timeline can name deletions (retention) as a gap's cause.
ALTER TABLE cleanup_audit ADD COLUMN segment_start TIMESTAMPTZ, ADD COLUMN segment_end TIMESTAMPTZ;
--rollback ALTER TABLE cleanup_audit DROP COLUMN segment_start, DROP COLUMN segment_end;
