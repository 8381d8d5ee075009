--liquibase formatted sql

--changeset keyframe:004-camera-accept-events
-- An 'off' camera records around events only when this is set; the other modes always accept events.
ALTER TABLE camera ADD COLUMN accept_events BOOLEAN NOT NULL DEFAULT FALSE;
--rollback ALTER TABLE camera DROP COLUMN accept_events;

--changeset keyframe:004-stream-manual-override
-- The spec's start/stop routes in every mode: 'on' or 'off' wins over mode, schedule and events
-- until cleared (DELETE /recording/override/…) or the camera's mode changes.
ALTER TABLE stream ADD COLUMN manual_override VARCHAR(8) CHECK (manual_override IN ('on', 'off'));
-- what the start/stop routes asked before overrides existed stays asked
UPDATE stream s SET manual_override = CASE WHEN s.recording_desired THEN 'on' ELSE 'off' END
  FROM camera c WHERE c.camera_id = s.camera_id
   AND ((s.recording_desired AND c.recording_mode <> 'continuous') OR (NOT s.recording_desired AND c.recording_mode = 'continuous'));
--rollback ALTER TABLE stream DROP COLUMN manual_override;

--changeset keyframe:004-schedule-exception
-- Dated exceptions to the weekly schedule, in the camera's schedule_time_zone: a whole day
-- (start_minute and end_minute NULL) or a range of it, on or off.
CREATE TABLE recording_schedule_exception (
    id                 BIGSERIAL    PRIMARY KEY,
    camera_id          VARCHAR(64)  NOT NULL REFERENCES camera (camera_id) ON DELETE CASCADE,
    day                DATE         NOT NULL,
    recording          BOOLEAN      NOT NULL,
    start_minute       SMALLINT     CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute         SMALLINT     CHECK (end_minute BETWEEN 1 AND 1440),
    note               VARCHAR(200),
    CHECK ((start_minute IS NULL) = (end_minute IS NULL)),
    CHECK (start_minute IS NULL OR start_minute < end_minute)
);
CREATE INDEX idx_recording_schedule_exception_camera ON recording_schedule_exception (camera_id, day);
--rollback DROP TABLE recording_schedule_exception;

--changeset keyframe:004-event-open
-- Events without an end yet are looked up on every segment insert and timer tick.
CREATE INDEX idx_recording_event_open ON recording_event (camera_id) WHERE end_time IS NULL;
ALTER TABLE recording_event ADD COLUMN origin VARCHAR(16) NOT NULL DEFAULT 'api'
    CHECK (origin IN ('api', 'mqtt', 'ui', 'schedule'));
--rollback DROP INDEX idx_recording_event_open; ALTER TABLE recording_event DROP COLUMN origin;
