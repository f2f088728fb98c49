package org.bandura.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeriodSpecTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    // Sunday 1 November 2026, 03:30 UTC: still Saturday 23:30 in New York, where summer time ends at 02:00 that day.
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T03:30:00Z"), ZoneOffset.UTC);

    @Test
    void theCurrentWeekAndMonthAreTheWorkspaceZones() {
        assertThat(PeriodSpec.current(PeriodSpec.Kind.WEEK, clock, ZoneOffset.UTC).start())
                .isEqualTo(LocalDate.parse("2026-10-26"));
        assertThat(PeriodSpec.current(PeriodSpec.Kind.MONTH, clock, ZoneOffset.UTC).start())
                .isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(PeriodSpec.current(PeriodSpec.Kind.MONTH, clock, NEW_YORK).start())
                .isEqualTo(LocalDate.parse("2026-10-01"));
        PeriodSpec week = PeriodSpec.current(PeriodSpec.Kind.WEEK, clock, NEW_YORK);
        assertThat(week.start()).isEqualTo(LocalDate.parse("2026-10-26"));
        assertThat(week.from(NEW_YORK)).isEqualTo(Instant.parse("2026-10-26T04:00:00Z"));
        assertThat(week.to(NEW_YORK)).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
        assertThat(Duration.between(week.from(NEW_YORK), week.to(NEW_YORK))).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void urlKeysReadBack() {
        PeriodSpec week = PeriodSpec.parse("2026-W44", clock, NEW_YORK).orElseThrow();
        assertThat(week).isEqualTo(PeriodSpec.week(LocalDate.parse("2026-10-28")));
        assertThat(week.key()).isEqualTo("2026-W44");
        assertThat(week.label()).isEqualTo("week of 2026-10-26");
        assertThat(PeriodSpec.parse("2027-W01", clock, NEW_YORK)).contains(PeriodSpec.week(LocalDate.parse("2027-01-04")));
        assertThat(PeriodSpec.parse("2026-W53", clock, NEW_YORK)).contains(PeriodSpec.week(LocalDate.parse("2026-12-28")));
        assertThat(PeriodSpec.parse("2025-W53", clock, NEW_YORK)).isEmpty();
        PeriodSpec month = PeriodSpec.parse("2026-02", clock, NEW_YORK).orElseThrow();
        assertThat(month.endExclusive()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(month.key()).isEqualTo("2026-02");
        assertThat(month.label()).isEqualTo("February 2026");
        assertThat(month.previous().key()).isEqualTo("2026-01");
        assertThat(week.previous().key()).isEqualTo("2026-W43");
        assertThat(PeriodSpec.parse(" week ", clock, NEW_YORK)).contains(PeriodSpec.week(LocalDate.parse("2026-10-31")));
        assertThat(PeriodSpec.parse("month", clock, NEW_YORK)).contains(PeriodSpec.month(LocalDate.parse("2026-10-31")));
        for (String bad : new String[] {"2026-13", "2026-W00", "2026-W54", "yesterday", "", "2026-1-1"}) {
            assertThat(PeriodSpec.parse(bad, clock, NEW_YORK)).as(bad).isEmpty();
        }
        assertThat(PeriodSpec.parse(null, clock, NEW_YORK)).isEmpty();
        assertThatThrownBy(() -> new PeriodSpec(PeriodSpec.Kind.WEEK, LocalDate.parse("2026-10-27")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
