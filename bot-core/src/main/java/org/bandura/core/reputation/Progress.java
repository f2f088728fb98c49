package org.bandura.core.reputation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Weekly progress of a member, as pure functions of the clock, the workspace time zone and what they did. */
public final class Progress {

    private Progress() {
    }

    /** The Monday that starts the week (in {@code zone}) containing {@code at}. */
    public static LocalDate weekOf(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The first instant of the week containing {@code now}, in {@code zone}. */
    public static Instant weekStart(Instant now, ZoneId zone) {
        return weekOf(now, zone).atStartOfDay(zone).toInstant();
    }

    /**
     * Consecutive weeks, ending with this week or last week, in each of which at least one of the member's answers
     * was accepted. This week counts when it already has one; without one yet the streak still stands on last week
     * (the week isn't over), and it is broken only by a whole week without.
     *
     * @param acceptedAt when each of the member's currently accepted answers was accepted
     */
    public static int streak(Collection<Instant> acceptedAt, Instant now, ZoneId zone) {
        Set<LocalDate> weeks = new HashSet<>();
        for (Instant at : acceptedAt) {
            if (!at.isAfter(now)) {
                weeks.add(weekOf(at, zone));
            }
        }
        LocalDate week = weekOf(now, zone);
        if (!weeks.contains(week)) {
            week = week.minusWeeks(1);
        }
        int streak = 0;
        while (weeks.contains(week)) {
            streak++;
            week = week.minusWeeks(1);
        }
        return streak;
    }
}
