--liquibase formatted sql

--changeset keyframe:006-camera-access-groups
-- Optional limit of a camera's footage to groups: the group names joined by commas (names match
-- [A-Za-z0-9][A-Za-z0-9._-]{0,63}, so they never hold one); NULL means every viewer may see it.
ALTER TABLE camera ADD COLUMN access_groups TEXT;
