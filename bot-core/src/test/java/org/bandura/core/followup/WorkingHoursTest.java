package org.bandura.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static WorkingHours hours(String text) {
        return WorkingHours.parse(text, ZoneOffset.UTC).hours().orElseThrow();
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
            // hours,                               instant (UTC),          inside?
            "09:00-17:30 mon-fri Europe/Berlin,     2026-11-02T08:00:00Z,   true",  // Mon 09:00 CET, start included
            "09:00-17:30 mon-fri Europe/Berlin,     2026-11-02T07:59:00Z,   false", // Mon 08:59 CET
            "09:00-17:30 mon-fri Europe/Berlin,     2026-11-02T16:30:00Z,   false", // Mon 17:30 CET, end excluded
            "09:00-17:30 mon-fri Europe/Berlin,     2026-11-07T10:00:00Z,   false", // Saturday
            // summer time: 09:00 CEST is 07:00 UTC, winter time 08:00 UTC; the local window stays the same
            "09:00-17:30 mon-fri Europe/Berlin,     2026-07-06T07:00:00Z,   true",
            "09:00-17:30 mon-fri Europe/Berlin,     2026-07-06T15:29:00Z,   true",
            "09:00-17:30 mon-fri Europe/Berlin,     2026-07-06T15:30:00Z,   false",
            // the week DST ends (Sun 25 Oct 2026): Friday before in CEST, Monday after in CET
            "09:00-17:30 mon-fri Europe/Berlin,     2026-10-23T07:00:00Z,   true",
            "09:00-17:30 mon-fri Europe/Berlin,     2026-10-26T07:00:00Z,   false",
            "09:00-17:30 mon-fri Europe/Berlin,     2026-10-26T08:00:00Z,   true",
            // over midnight: the night belongs to the day it starts on
            "22:00-06:00 fri UTC,                   2026-11-06T23:00:00Z,   true",  // Fri 23:00
            "22:00-06:00 fri UTC,                   2026-11-07T05:59:00Z,   true",  // Sat 05:59, Friday's night
            "22:00-06:00 fri UTC,                   2026-11-07T23:00:00Z,   false", // Sat 23:00
            "22:00-06:00 fri UTC,                   2026-11-06T05:00:00Z,   false", // Fri 05:00 is Thursday's night
            "09:00-24:00 daily UTC,                 2026-11-06T23:59:00Z,   true",
            "9-17 sat-sun America/New_York,         2026-11-07T14:00:00Z,   true",  // Sat 09:00 EST
            "9-17 sat-sun America/New_York,         2026-11-09T14:00:00Z,   false", // Monday
    })
    void contains(String text, Instant instant, boolean inside) {
        assertThat(hours(text).contains(instant)).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0} after {1}: {2}")
    @CsvSource({
            "09:00-17:30 mon-fri Europe/Berlin, 2026-11-02T10:00:00Z, 2026-11-02T10:00:00Z", // inside: now
            "09:00-17:30 mon-fri Europe/Berlin, 2026-11-06T17:00:00Z, 2026-11-09T08:00:00Z", // Fri evening → Mon
            "09:00-17:30 mon-fri Europe/Berlin, 2026-10-24T12:00:00Z, 2026-10-26T08:00:00Z", // across DST end
            "09:00-17:30 mon-fri Europe/Berlin, 2026-03-28T12:00:00Z, 2026-03-30T07:00:00Z", // across DST start
            // 02:30 does not exist on 29 Mar 2026 in Berlin: the window opens at 03:30 CEST (01:30 UTC)
            "02:30-04:00 sun Europe/Berlin,     2026-03-28T12:00:00Z, 2026-03-29T01:30:00Z",
            "22:00-06:00 fri UTC,               2026-11-06T12:00:00Z, 2026-11-06T22:00:00Z",
    })
    void nextAvailable(String text, Instant now, Instant expected) {
        assertThat(hours(text).nextAvailable(now)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource(delimiter = '|', value = {
            "''                             | Usage: /expert hours",
            "9to5                           | is not a time window",
            "25:00-26:00                    | HH:MM on a 24-hour clock",
            "09:00-09:00                    | is empty",
            "09:00-17:00 someday            | neither days",
            "09:00-17:00 Mars/Olympus       | neither days",
            "09:00-17:00 mon UTC extra      | Usage: /expert hours",
    })
    void refused(String text, String message) {
        WorkingHours.Parsed parsed = WorkingHours.parse(text, ZoneOffset.UTC);
        assertThat(parsed.hours()).isEmpty();
        assertThat(parsed.error()).contains(message);
    }

    @Test
    @DisplayName("without a zone the remembered one is used; without days, every day")
    void defaults() {
        WorkingHours parsed = WorkingHours.parse("08:00-16:00", BERLIN).hours().orElseThrow();
        assertThat(parsed.zone()).isEqualTo(BERLIN);
        assertThat(parsed.days()).hasSize(7);
        assertThat(parsed.describe()).isEqualTo("08:00-16:00 every day Europe/Berlin");
    }

    @Test
    @DisplayName("days survive the stored mask and read back the way they were typed")
    void daysRoundTrip() {
        WorkingHours weekdays = hours("09:00-17:30 mon-fri Europe/Berlin");
        assertThat(weekdays.daysMask()).isEqualTo("1111100");
        assertThat(WorkingHours.daysFromMask("1111100")).isEqualTo(weekdays.days());
        assertThat(weekdays.describe()).isEqualTo("09:00-17:30 mon-fri Europe/Berlin");
        assertThat(hours("10:00-12:00 sat,mon UTC").describe()).isEqualTo("10:00-12:00 mon,sat UTC");
        assertThat(hours("10:00-12:00 fri-mon UTC").days())
                .containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
    }
}
