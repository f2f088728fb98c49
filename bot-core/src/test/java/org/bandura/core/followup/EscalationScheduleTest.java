package org.bandura.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bandura.core.followup.EscalationSchedule.Decision;
import org.bandura.core.followup.EscalationSchedule.Run;
import org.bandura.core.followup.EscalationSchedule.State;
import org.bandura.core.followup.EscalationSchedule.Step;
import org.bandura.core.followup.EscalationSchedule.Stop;
import org.bandura.core.followup.EscalationSchedule.Timing;
import org.bandura.core.followup.EscalationSchedule.Wait;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationScheduleTest {

    private static final Instant ASKED = Instant.parse("2026-11-02T09:00:00Z");
    private static final Timing DEFAULTS = Timing.defaults();

    /**
     * @param age      question age in minutes
     * @param next     next step, or NONE when all ran
     * @param claimFor minutes of claim left (negative: claim ran out; 0: no claim)
     * @param expected RUN:STEP, WAIT:&lt;minutes after asking&gt;:reason or STOP:reason
     */
    @ParameterizedTest(name = "age {0} min, next {1}, answered {2}, claim {3}: {4}")
    @CsvSource({
            "0,      FIRST,  false,   0, WAIT:30:not due",
            "29,     FIRST,  false,   0, WAIT:30:not due",
            "30,     FIRST,  false,   0, RUN:FIRST",
            "45,     SECOND, false,   0, WAIT:240:not due",
            "240,    SECOND, false,   0, RUN:SECOND",
            "1440,   LAST,   false,   0, RUN:LAST",
            "1500,   NONE,   false,   0, STOP:every step ran",
            "30,     FIRST,  true,    0, STOP:answered",
            "10079,  LAST,   false,   0, RUN:LAST",
            "10080,  LAST,   false,   0, STOP:stale",          // 7 days: never pinged again
            // a claim holds the ladder until it runs out (2 h), then the overdue step runs
            "30,     FIRST,  false, 120, WAIT:150:claimed",
            "200,    SECOND, false, 120, WAIT:320:claimed",
            "30,     SECOND, false,  60, WAIT:240:claimed",    // claim ends before the step is due: wait for the step
            "150,    FIRST,  false,  -1, RUN:FIRST",           // claim ran out without an answer
    })
    void decide(int age, String next, boolean answered, int claimFor, String expected) {
        Instant now = ASKED.plus(Duration.ofMinutes(age));
        Optional<Instant> claimedUntil = claimFor == 0 ? Optional.empty()
                : Optional.of(now.plus(Duration.ofMinutes(claimFor)));
        State state = new State(ASKED, answered, false,
                next.equals("NONE") ? Optional.empty() : Optional.of(Step.valueOf(next)), claimedUntil);
        assertThat(describe(EscalationSchedule.decide(state, DEFAULTS, now))).isEqualTo(expected);
    }

    @Test
    @DisplayName("a deleted question stops the ladder even before anything was due")
    void deleted() {
        State state = new State(ASKED, false, true, Optional.of(Step.FIRST), Optional.empty());
        assertThat(EscalationSchedule.decide(state, DEFAULTS, ASKED)).isEqualTo(new Stop("deleted"));
    }

    @Test
    @DisplayName("steps follow each other and end after the last")
    void order() {
        assertThat(Step.FIRST.next()).contains(Step.SECOND);
        assertThat(Step.SECOND.next()).contains(Step.LAST);
        assertThat(Step.LAST.next()).isEmpty();
    }

    @Test
    @DisplayName("delays that don't grow are refused")
    void timingMustGrow() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Timing(Duration.ofHours(5), Duration.ofHours(4),
                Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String describe(Decision decision) {
        if (decision instanceof Run run) {
            return "RUN:" + run.step();
        }
        if (decision instanceof Wait wait) {
            return "WAIT:" + Duration.between(ASKED, wait.at()).toMinutes() + ":" + wait.reason();
        }
        return "STOP:" + ((Stop) decision).reason();
    }
}
