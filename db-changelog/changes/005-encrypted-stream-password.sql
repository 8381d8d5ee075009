--liquibase formatted sql

--changeset keyframe:005-stream-password-text
-- Camera passwords are stored encrypted (enc:v1: + base64 of nonce, ciphertext and tag), which is
-- longer than the 512 characters a plain password may have.
ALTER TABLE stream ALTER COLUMN password TYPE TEXT;
