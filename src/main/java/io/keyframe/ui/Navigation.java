package io.keyframe.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.ZoneId;
import java.util.List;

/** The sections of the operator pages, in the order of the top bar. */
@Named
@ApplicationScoped
public class Navigation {

    /** One entry of the top bar: the page name (without {@code .xhtml}) and its title. */
    public record Section(String page, String title) {
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("dashboard", "Dashboard"),
            new Section("cameras", "Cameras"),
            new Section("schedules", "Schedules"),
            new Section("recordings", "Recordings"),
            new Section("events", "Events"),
            new Section("storage", "Storage"));

    public List<Section> getSections() {
        return SECTIONS;
    }

    /** The server's time zone: the pages show times in it. */
    public String getZone() {
        return ZoneId.systemDefault().getId();
    }
}
