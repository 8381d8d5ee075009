package io.keyframe.platform.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The control API answers at the server root, e.g. {@code POST /recording/start/{camera_id}}. */
@ApplicationPath("/")
public class KeyframeApplication extends Application {
}
