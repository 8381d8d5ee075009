package io.keyframe.security;

import java.util.List;

/**
 * Keyframe's three roles. Each includes the ones before it by configuration, not by code: a
 * route names every role that may call it ({@code @RolesAllowed({VIEWER, OPERATOR, ADMIN})}).
 * The identity provider's groups and the local users' groups carry the same names.
 */
public final class Roles {

    /** Status, catalog, playback, export. */
    public static final String VIEWER = "viewer";
    /** Viewer + start/stop, events, schedules. */
    public static final String OPERATOR = "operator";
    /** Operator + cameras, retention, prune, holds, audit. */
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }
}
