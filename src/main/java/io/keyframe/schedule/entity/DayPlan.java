package io.keyframe.schedule.entity;

import java.util.ArrayList;
import java.util.List;

/** The minutes of one local day that record: sorted, disjoint, non-touching {@code [start, end)} runs. */
final class DayPlan {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final int[] starts;
    private final int[] ends;

    DayPlan(boolean[] on) {
        List<int[]> runs = new ArrayList<>();
        int m = 0;
        while (m < Minutes.DAY) {
            if (!on[m]) {
                m++;
                continue;
            }
            int start = m;
            while (m < Minutes.DAY && on[m]) {
                m++;
            }
            runs.add(new int[] {start, m});
        }
        starts = runs.stream().mapToInt(r -> r[0]).toArray();
        ends = runs.stream().mapToInt(r -> r[1]).toArray();
    }

    boolean covers(int minute) {
        for (int i = 0; i < starts.length; i++) {
            if (minute >= starts[i] && minute < ends[i]) {
                return true;
            }
        }
        return false;
    }

    /** The first range boundary after {@code nanoOfDay} (since local midnight), or 1440. */
    int nextBoundaryAfter(long nanoOfDay) {
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] * NANOS_PER_MINUTE > nanoOfDay) {
                return starts[i];
            }
            if (ends[i] * NANOS_PER_MINUTE > nanoOfDay) {
                return ends[i];
            }
        }
        return Minutes.DAY;
    }

    /** Never on. */
    boolean empty() {
        return starts.length == 0;
    }

    /** On for the whole day. */
    boolean full() {
        return starts.length == 1 && starts[0] == 0 && ends[0] == Minutes.DAY;
    }
}
