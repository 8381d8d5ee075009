package io.keyframe.camera.entity;

import io.keyframe.platform.rest.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The groups a camera's footage is limited to ({@code access_groups}): empty means every viewer may
 * see it. Names are the identity provider's (or the local registry's) group names, as the caller's
 * groups carry them; validated here for the API and the Cameras page alike.
 */
public record AccessGroups(List<String> names) {

    public static final int MAX_GROUPS = 32;
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final AccessGroups NONE = new AccessGroups(List.of());

    /** The separator of the stored column and of the page's field; never part of a valid name. */
    private static final String SEPARATOR = ",";

    public AccessGroups {
        if (names == null) {
            names = List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw ApiException.badRequest("access_groups: '" + shorten(name) + "' is not a group name (letters, digits, "
                        + "'.', '_' and '-', starting with a letter or digit, at most 64 characters)");
            }
            unique.add(name);
        }
        if (unique.size() > MAX_GROUPS) {
            throw ApiException.badRequest("access_groups must name at most " + MAX_GROUPS + " groups");
        }
        names = List.copyOf(unique);
    }

    public static AccessGroups of(String... names) {
        return new AccessGroups(Arrays.asList(names));
    }

    /** Whether the camera is limited at all (an empty list: every viewer). */
    public boolean limited() {
        return !names.isEmpty();
    }

    /** Whether one of {@code callerGroups} is among these. */
    public boolean admits(Set<String> callerGroups) {
        return names.stream().anyMatch(callerGroups::contains);
    }

    /** The page's field: names separated by commas and/or white space; blank is none. */
    public static AccessGroups parseList(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                names.add(part);
            }
        }
        return new AccessGroups(names);
    }

    /** The stored column: null when not limited. */
    public String column() {
        return names.isEmpty() ? null : String.join(SEPARATOR, names);
    }

    /** Reads the stored column (null or blank: not limited). */
    public static AccessGroups fromColumn(String column) {
        if (column == null || column.isBlank()) {
            return NONE;
        }
        return new AccessGroups(Arrays.asList(column.split(SEPARATOR)));
    }

    /** For the page's field: {@code "a, b"}. */
    public String display() {
        return String.join(", ", names);
    }

    private static String shorten(String name) {
        if (name == null) {
            return "null";
        }
        return name.length() > 70 ? name.substring(0, 70) + "…" : name;
    }
}
