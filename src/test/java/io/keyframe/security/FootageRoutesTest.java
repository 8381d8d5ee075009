package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The per-camera footage check cannot be forgotten (Frigate's CVE-2026-33470 was a media route
 * without it): every route that a non-admin may call and that serves footage, lists it, or is about
 * one camera or one segment must carry {@link Footage}, or be named below as not footage, with the
 * reason. A route counts as footage when it
 * <ul>
 * <li>is a read (GET, HEAD) under {@code /segments/{id}/} or with a {@code camera_id} path parameter,</li>
 * <li>declares video, image or octet-stream content, or</li>
 * <li>belongs to a resource that injects a source of footage (segment files, catalog, exports,
 * renditions, thumbnails).</li>
 * </ul>
 * Admin-only routes need no check: an admin sees every camera.
 */
class FootageRoutesTest {

    /** Viewer-readable routes about one camera that show no footage, and why. Keep it short. */
    private static final Map<String, String> NOT_FOOTAGE = Map.of(
            "GET /cameras/{camera_id}", "the camera's settings (name, stream URLs without passwords, access groups)",
            "GET /cameras/{camera_id}/schedule", "the weekly schedule",
            "GET /recording/status/{camera_id}", "the recording state of the streams",
            "GET /recording/status/{camera_id}/{stream_id}", "the recording state of one stream",
            "GET /status/recording/{camera_id}", "stream health numbers (status, not footage; see decisions.md)");

    /** Beans that read footage or its catalog: a resource injecting one serves footage unless named above. */
    private static final Set<String> FOOTAGE_SOURCES = Set.of(
            "io.keyframe.segment.control.SegmentFiles", "io.keyframe.segment.control.SegmentStore",
            "io.keyframe.segment.control.H264Renditions", "io.keyframe.export.control.Thumbnails",
            "io.keyframe.export.control.ExportCache", "io.keyframe.export.control.ExportSegments",
            "io.keyframe.export.control.Renditions", "io.keyframe.export.control.Exporter");

    private static final Pattern MEDIA = Pattern.compile("(?i)(video|image)/.*|application/octet-stream|\\*/\\*");

    @Test
    void everyFootageRouteIsCheckedPerCamera() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> seenExemptions = new TreeSet<>();
        Map<String, String> checked = new TreeMap<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getDeclaredMethods()) {
                String verb = RouteRolesTest.verb(method);
                if (verb == null) {
                    continue;
                }
                String path = path(resource, method);
                String route = verb + " " + path;
                Footage footage = method.isAnnotationPresent(Footage.class) ? method.getAnnotation(Footage.class)
                        : resource.getAnnotation(Footage.class);
                if (footage != null) {
                    checked.put(route, footage.value().name());
                    if (!path.contains("{" + footage.value().pathParameter() + "}")) {
                        problems.add(route + " is @Footage(" + footage.value() + ") but has no {"
                                + footage.value().pathParameter() + "} path parameter");
                    }
                    if (footage.value() == Footage.Source.SEGMENT_ID && !path.startsWith("/segments/{id}")) {
                        problems.add(route + " takes its camera from a segment id but is not under /segments/{id}");
                    }
                    continue;
                }
                if (adminOnly(resource, method)) {
                    continue;
                }
                String why = footageReason(resource, method, verb, path);
                if (why == null) {
                    continue;
                }
                if (NOT_FOOTAGE.containsKey(route)) {
                    seenExemptions.add(route);
                } else {
                    problems.add(route + " (" + resource.getSimpleName() + "." + method.getName() + ") " + why
                            + " but has no @Footage camera access check");
                }
            }
        }
        Set<String> stale = new TreeSet<>(NOT_FOOTAGE.keySet());
        stale.removeAll(seenExemptions);
        if (!stale.isEmpty()) {
            problems.add("exemptions that no longer match a route: " + stale);
        }
        assertEquals(List.of(), problems);
        // the list, so that removing an annotation by mistake shows here too
        for (String route : List.of("GET /segments/{id}/file", "HEAD /segments/{id}/file", "GET /segments/{id}/rendition/h264",
                "HEAD /segments/{id}/rendition/h264", "GET /segments/{id}/thumbnail", "GET /cameras/{camera_id}/export",
                "HEAD /cameras/{camera_id}/export", "GET /cameras/{camera_id}/segments", "GET /cameras/{camera_id}/timeline")) {
            assertTrue(checked.containsKey(route), route + " is not checked: " + checked);
        }
    }

    @Test
    void theRulesCatchARouteWithoutTheCheck() throws Exception {
        // a made-up media route: the rules above must call it footage
        Method unmarked = Unmarked.class.getDeclaredMethod("picture");
        assertTrue(footageReason(Unmarked.class, unmarked, "GET", path(Unmarked.class, unmarked)) != null);
        Method statusLike = Unmarked.class.getDeclaredMethod("count");
        assertTrue(footageReason(Unmarked.class, statusLike, "GET", path(Unmarked.class, statusLike)) != null,
                "a resource that injects the catalog is footage");
    }

    @Path("/pictures")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    static class Unmarked {
        @Inject
        io.keyframe.segment.control.SegmentStore store;

        @GET
        @Path("{name}")
        @Produces("image/png")
        public byte[] picture() {
            return new byte[0];
        }

        @GET
        @Path("count")
        @Produces("application/json")
        public String count() {
            return "{}";
        }
    }

    /** Why the route counts as footage, or null. */
    private static String footageReason(Class<?> resource, Method method, String verb, String path) {
        boolean read = verb.equals("GET") || verb.equals("HEAD");
        if (read && (path.startsWith("/segments/{id}/") || path.contains("{camera_id}"))) {
            return "is about one segment or camera";
        }
        Produces produces = method.isAnnotationPresent(Produces.class) ? method.getAnnotation(Produces.class)
                : resource.getAnnotation(Produces.class);
        if (produces != null && Arrays.stream(produces.value()).anyMatch(t -> MEDIA.matcher(t).matches())) {
            return "produces " + Arrays.toString(produces.value());
        }
        for (Field field : resource.getDeclaredFields()) {
            if (FOOTAGE_SOURCES.contains(field.getType().getName())) {
                return "injects " + field.getType().getSimpleName();
            }
        }
        return null;
    }

    private static boolean adminOnly(Class<?> resource, Method method) {
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : resource.getAnnotation(RolesAllowed.class);
        return roles != null && Set.of(roles.value()).equals(Set.of(Roles.ADMIN));
    }

    /** {@code /cameras/{camera_id}/export}: the class path and the method's, slashes normalised. */
    private static String path(Class<?> resource, Method method) {
        Path sub = method.getAnnotation(Path.class);
        String joined = "/" + resource.getAnnotation(Path.class).value() + (sub == null ? "" : "/" + sub.value());
        String normal = joined.replaceAll("/+", "/");
        return normal.length() > 1 && normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal;
    }

    /** The classes with {@code @Path} among the compiled main classes. */
    private static List<Class<?>> resources() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of(Roles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, FootageRoutesTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    found.add(type);
                }
            }
        }
        assertTrue(found.size() >= 20, "found only " + found.size() + " resources");
        return found;
    }
}
