package io.keyframe.platform.db;

/** CDI event: the database schema has been migrated and may be used. */
public record SchemaReady() {
}
