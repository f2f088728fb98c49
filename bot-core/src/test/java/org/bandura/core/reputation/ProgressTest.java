package org.bandura.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.bandura.core.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weeks, streaks and the next badge as pure functions of a fixed clock and the workspace time zone. */
class ProgressTest {

    /** Thursday 2026-11-26 12:00 UTC. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));

    @ParameterizedTest(name = "accepted at {0} → streak {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                                  | 0",
            // this week only
            "2026-11-24T10:00:00Z                                                | 1",
            // last week only: the week isn't over, so the streak stands
            "2026-11-18T10:00:00Z                                                | 1",
            // the week before last only: a whole week without breaks it
            "2026-11-11T10:00:00Z                                                | 0",
            // three weeks in a row, this one included, two accepts in one week count once
            "2026-11-25T08:00:00Z 2026-11-24T08:00:00Z 2026-11-17T08:00:00Z 2026-11-12T08:00:00Z | 3",
            // a gap two weeks ago ends the streak there
            "2026-11-25T08:00:00Z 2026-11-17T08:00:00Z 2026-11-05T08:00:00Z      | 2",
            // an accept after now (clock skew between processes) doesn't count
            "2026-11-27T08:00:00Z                                                | 0",
    })
    void streakInUtc(String acceptedAt, int expected) {
        assertThat(Progress.streak(instants(acceptedAt), clock.instant(), ZoneId.of("UTC"))).isEqualTo(expected);
    }

    @Test
    @DisplayName("weeks begin on Monday in the workspace time zone: Sunday 23:30 UTC is already Monday in Berlin")
    void weeksFollowTheZone() {
        clock.set(Instant.parse("2026-11-23T09:00:00Z")); // Monday
        List<Instant> sundayNightUtc = List.of(Instant.parse("2026-11-22T23:30:00Z"));
        // UTC: Sunday of last week, so the streak stands on last week
        assertThat(Progress.streak(sundayNightUtc, clock.instant(), ZoneId.of("UTC"))).isEqualTo(1);
        assertThat(Progress.weekOf(sundayNightUtc.get(0), ZoneId.of("UTC"))).hasToString("2026-11-16");
        // Berlin (UTC+1): 00:30 on Monday, this week
        assertThat(Progress.weekOf(sundayNightUtc.get(0), ZoneId.of("Europe/Berlin"))).hasToString("2026-11-23");
        assertThat(Progress.weekStart(clock.instant(), ZoneId.of("Europe/Berlin")))
                .isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    }

    @Test
    @DisplayName("a week that crosses the DST change is still one week: the streak counts it once")
    void dstWeek() {
        ZoneId newYork = ZoneId.of("America/New_York"); // DST ends Sunday 2026-11-01 02:00
        clock.set(Instant.parse("2026-11-04T17:00:00Z")); // Wednesday
        List<Instant> accepts = List.of(
                Instant.parse("2026-10-26T04:30:00Z"), // Monday 00:30 EDT: starts the week of Oct 26
                Instant.parse("2026-11-02T04:30:00Z"), // Sunday 23:30 EST: still the week of Oct 26
                Instant.parse("2026-10-20T12:00:00Z")); // the week of Oct 19
        assertThat(Progress.weekOf(accepts.get(1), newYork)).hasToString("2026-10-26");
        assertThat(Progress.weekStart(Instant.parse("2026-11-01T12:00:00Z"), newYork))
                .isEqualTo(Instant.parse("2026-10-26T04:00:00Z"));
        // this week (Nov 2) has none yet; Oct 26 and Oct 19 make 2
        assertThat(Progress.streak(accepts, clock.instant(), newYork)).isEqualTo(2);
        // in UTC the Sunday-night accept falls on Monday Nov 2: this week, then Oct 26 and Oct 19: 3
        assertThat(Progress.streak(accepts, clock.instant(), ZoneId.of("UTC"))).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', value = {
            // answers, accepted, helpful, quick, mentor, curious | held | next
            "0 0 0 0 0 0   | ''                          | 1 more answer to First Answer",
            "3 0 0 0 0 0   | first-answer                | 1 more accepted answer to Solved",
            "9 7 2 1 3 0   | first-answer solved-1       | 3 more accepted answers to Solved ×10",
            "40 12 8 4 3 0 | first-answer solved-1 solved-10 | 1 more answer within 15 min of the question to Quick ×5",
            "40 12 9 5 3 4 | first-answer solved-1 solved-10 quick-5 | 1 more answer with a score of 1 or more to Helpful ×10",
            "40 12 10 5 9 4 | first-answer solved-1 solved-10 quick-5 helpful-10 | 1 more asker accepting your answers to Mentor",
            // kept once earned: a held badge is skipped even if the count fell back below its step
            "40 12 8 5 3 4 | first-answer solved-1 solved-10 quick-5 helpful-10 | 1 more question of yours with an accepted answer to Curious ×5",
    })
    void nextBadge(String counts, String held, String expected) {
        int[] c = Arrays.stream(counts.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        Badges.Counts have = new Badges.Counts(c[0], c[1], c[2], c[3], c[4], c[5]);
        List<String> holding = held.isBlank() ? List.of() : List.of(held.trim().split("\\s+"));
        assertThat(Badges.next(have, holding, Badges.Thresholds.defaults()).map(Badges.Next::text))
                .contains(expected);
    }

    @Test
    @DisplayName("every family earns at its configured steps; labels read as people say them")
    void families() {
        Badges.Thresholds thresholds = Badges.Thresholds.defaults();
        Badges.Counts counts = new Badges.Counts(60, 10, 50, 25, 10, 5);
        assertThat(Badges.earned(counts, java.util.Map.of(), 100, thresholds)).containsExactly("first-answer",
                "solved-1", "solved-10", "helpful-10", "helpful-50", "quick-5", "quick-25", "mentor-10", "curious-5");
        assertThat(Badges.label("helpful-50")).isEqualTo("Helpful ×50");
        assertThat(Badges.label("quick-5")).isEqualTo("Quick ×5");
        assertThat(Badges.label("mentor-10")).isEqualTo("Mentor");
        assertThat(Badges.label("mentor-20")).isEqualTo("Mentor ×20");
        assertThat(Badges.label("curious-25")).isEqualTo("Curious ×25");
        Badges.Thresholds custom = new Badges.Thresholds(List.of(2), List.of(1), java.time.Duration.ofHours(1),
                List.of(3), List.of(1, 2));
        assertThat(Badges.earned(new Badges.Counts(2, 0, 2, 1, 3, 1), java.util.Map.of(), 100, custom))
                .containsExactly("first-answer", "helpful-2", "quick-1", "mentor-3", "curious-1");
        assertThat(Badges.next(new Badges.Counts(2, 1, 2, 1, 3, 1), List.of(), custom).map(Badges.Next::text))
                .contains("1 more question of yours with an accepted answer to Curious ×2");
        assertThat(Badges.next(new Badges.Counts(2, 1, 0, 0, 0, 0), List.of(), custom).map(Badges.Next::text))
                .contains("1 more answer within 1 h of the question to Quick ×1");
    }

    private static List<Instant> instants(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.trim().split("\\s+")).map(Instant::parse).toList();
    }
}
