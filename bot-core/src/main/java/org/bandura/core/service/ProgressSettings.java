package org.bandura.core.service;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.bandura.core.reputation.Badges;

/**
 * Member progress and the weekly digest; the launcher fills them from configuration.
 *
 * @param zone       {@code workspace.time-zone}: where weeks begin
 * @param badges     {@code badges.*}: the badge families' steps
 * @param digestDay  {@code digest.day}: the day the weekly digest is posted
 * @param digestTime {@code digest.time}: the time of day it is posted, in {@code zone}
 * @param sla        {@code health.sla}, which the digest's measures share with the dashboard
 */
public record ProgressSettings(ZoneId zone, Badges.Thresholds badges, DayOfWeek digestDay, LocalTime digestTime,
                               Duration sla) {

    public ProgressSettings {
        if (zone == null || badges == null || digestDay == null || digestTime == null || sla == null) {
            throw new IllegalArgumentException("progress settings are incomplete");
        }
    }

    public static ProgressSettings defaults() {
        return new ProgressSettings(ZoneId.of("UTC"), Badges.Thresholds.defaults(), DayOfWeek.MONDAY,
                LocalTime.of(9, 0), Duration.ofHours(4));
    }

    public ProgressSettings withZone(ZoneId newZone) {
        return new ProgressSettings(newZone, badges, digestDay, digestTime, sla);
    }

    public ProgressSettings withBadges(Badges.Thresholds newBadges) {
        return new ProgressSettings(zone, newBadges, digestDay, digestTime, sla);
    }

    public ProgressSettings withDigestAt(DayOfWeek day, LocalTime time) {
        return new ProgressSettings(zone, badges, day, time, sla);
    }
}
