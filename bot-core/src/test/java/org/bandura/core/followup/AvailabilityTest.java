package org.bandura.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.bandura.core.followup.Availability.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvailabilityTest {

    private static final Instant MONDAY_NOON = Instant.parse("2026-11-02T12:00:00Z");

    /** @param hours "" for none; @param away "" for here, "forever" for no end; @param limit -1 for none */
    private static Availability availability(String hours, String away, int limit) {
        return new Availability(
                hours.isEmpty() ? Optional.empty() : WorkingHours.parse(hours, ZoneOffset.UTC).hours(),
                away.isEmpty() ? Optional.empty()
                        : Optional.of(away.equals("forever") ? Availability.INDEFINITELY : Instant.parse(away)),
                limit < 0 ? Optional.empty() : Optional.of(limit));
    }

    @ParameterizedTest(name = "hours ''{0}'', away ''{1}'', limit {2}, {3} mentions: {4}")
    @CsvSource({
            "'',               '',                     -1, 99, AVAILABLE",
            "09:00-17:00,      '',                     -1,  0, AVAILABLE",
            "13:00-17:00,      '',                     -1,  0, OFF_HOURS",
            "09:00-17:00 sat,  '',                     -1,  0, OFF_HOURS",
            "'',               2026-11-03T00:00:00Z,   -1,  0, AWAY",
            "'',               2026-11-02T12:00:00Z,   -1,  0, AVAILABLE", // away ended exactly now
            "'',               forever,                -1,  0, AWAY",
            "'',               '',                      3,  2, AVAILABLE",
            "'',               '',                      3,  3, OVER_LIMIT",
            "'',               '',                      0,  0, OVER_LIMIT",
            // away wins over hours, hours over the limit: the reason shown is the most lasting one
            "13:00-17:00,      2026-11-03T00:00:00Z,    1,  5, AWAY",
            "13:00-17:00,      '',                      1,  5, OFF_HOURS",
    })
    void verdict(String hours, String away, int limit, int mentions, Verdict expected) {
        assertThat(availability(hours, away, limit).check(MONDAY_NOON, mentions)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "hours ''{0}'', away ''{1}'': back at {2}")
    @CsvSource({
            "'',           '',                   2026-11-02T12:00:00Z",
            "13:00-17:00,  '',                   2026-11-02T13:00:00Z",
            "'',           2026-11-05T08:00:00Z, 2026-11-05T08:00:00Z",
            "09:00-10:00,  2026-11-05T12:00:00Z, 2026-11-06T09:00:00Z", // back Thursday noon, hours start Friday
            "'',           forever,              NONE",
    })
    void nextAvailable(String hours, String away, String expected) {
        assertThat(availability(hours, away, -1).nextAvailable(MONDAY_NOON))
                .isEqualTo(expected.equals("NONE") ? Optional.empty() : Optional.of(Instant.parse(expected)));
    }
}
