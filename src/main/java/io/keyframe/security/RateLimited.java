package io.keyframe.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a resource whose requests count against the caller's {@link RateLimitFilter} bucket of this kind. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RateLimited {

    Kind value();

    enum Kind {
        /** Segment files, renditions, thumbnails: generous, a seeking browser must never notice. */
        DOWNLOAD,
        /** Exports: each one concatenates footage on the server, so tight. */
        EXPORT
    }
}
