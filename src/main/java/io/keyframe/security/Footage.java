package io.keyframe.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route that returns footage (bytes, pictures, or the list of what was recorded): before it
 * runs, {@link FootageFilter} finds the camera the request is about and lets the caller through only
 * if {@link CameraAccess} says it may see that camera. {@code FootageRoutesTest} fails for a route
 * that reads footage without it, and {@link FootageResponseGuard} refuses to send video or pictures
 * from a route that did not pass the check.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Footage {

    /** Where the camera comes from. */
    Source value();

    enum Source {
        /** The {@code camera_id} path parameter. */
        CAMERA_ID("camera_id"),
        /** The {@code id} path parameter, a segment id: the camera is the segment row's. */
        SEGMENT_ID("id");

        private final String pathParameter;

        Source(String pathParameter) {
            this.pathParameter = pathParameter;
        }

        public String pathParameter() {
            return pathParameter;
        }
    }
}
