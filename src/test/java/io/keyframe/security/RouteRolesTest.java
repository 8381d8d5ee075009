package io.keyframe.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route of the control API declares who may call it (a new route without roles fails here),
 * nothing is open to anonymous callers, and only reads are open to viewers.
 */
class RouteRolesTest {

    @Test
    void everyRouteDeclaresItsRolesAndViewersOnlyRead() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> routes = new TreeSet<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                String route = verb + " " + path(resource, method) + " (" + resource.getSimpleName() + "." + method.getName() + ")";
                routes.add(route);
                if (method.isAnnotationPresent(PermitAll.class) || resource.isAnnotationPresent(PermitAll.class)) {
                    problems.add(route + " is open to everyone");
                    continue;
                }
                RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
                if (roles == null) {
                    roles = resource.getAnnotation(RolesAllowed.class);
                }
                if (roles == null) {
                    problems.add(route + " declares no roles");
                    continue;
                }
                Set<String> allowed = Set.of(roles.value());
                if (!Roles.ALL.containsAll(allowed)) {
                    problems.add(route + " names an unknown role: " + allowed);
                }
                if (!allowed.contains(Roles.ADMIN)) {
                    problems.add(route + " shuts admins out: " + allowed);
                }
                if (allowed.contains(Roles.VIEWER) && !allowed.contains(Roles.OPERATOR)) {
                    problems.add(route + " lets viewers in but not operators: " + allowed);
                }
                boolean reads = verb.equals("GET") || verb.equals("HEAD");
                if (!reads && allowed.contains(Roles.VIEWER)) {
                    problems.add(route + " lets viewers change state");
                }
            }
        }
        assertTrue(routes.size() >= 40, "found only " + routes.size() + " routes: " + routes);
        assertEquals(List.of(), problems);
    }

    @Test
    void adminOnlyWhereTheIssueSaysSo() throws Exception {
        for (Class<?> resource : resources()) {
            String root = resource.getAnnotation(Path.class).value();
            boolean adminArea = root.startsWith("/cleanup") || root.startsWith("/holds") || root.startsWith("/recording/prune")
                    || root.endsWith("/holds") || root.endsWith("/hold");
            if (adminArea) {
                assertEquals(Set.of(Roles.ADMIN), Set.of(resource.getAnnotation(RolesAllowed.class).value()), root);
                for (Method m : resource.getDeclaredMethods()) {
                    assertFalse(m.isAnnotationPresent(RolesAllowed.class), root + " " + m.getName() + " widens an admin route");
                }
            }
        }
    }

    /** The HTTP method a resource method answers, or null for a sub-resource locator. */
    static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(HEAD.class)) {
            return "HEAD";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return null;
    }

    private static String path(Class<?> resource, Method method) {
        Path sub = method.getAnnotation(Path.class);
        return resource.getAnnotation(Path.class).value() + (sub == null ? "" : "/" + sub.value());
    }

    /** The classes with {@code @Path} among the compiled main classes. */
    private static List<Class<?>> resources() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of(Roles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, RouteRolesTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
