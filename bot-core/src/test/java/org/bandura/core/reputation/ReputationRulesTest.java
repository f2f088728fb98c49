package org.bandura.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.VoteDirection;
import org.bandura.core.reputation.ReputationRules.Change;
import org.bandura.core.reputation.ReputationRules.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's reputation table, row by row. */
class ReputationRulesTest {

    @Test
    @DisplayName("every member starts at 1")
    void startingReputation() {
        assertThat(ReputationRules.STARTING_REPUTATION).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}: {2} to author, {3} to voter")
    @CsvSource({
            "ANSWER,   UP,   10,  0",
            "QUESTION, UP,    5,  0",
            "ANSWER,   DOWN, -2, -1",
            "QUESTION, DOWN,  0,  0",
    })
    void votes(PostRef.Kind kind, VoteDirection direction, int author, int voter) {
        List<Change> changes = ReputationRules.forVote(kind, direction);
        assertThat(sum(changes, Role.AUTHOR)).isEqualTo(author);
        assertThat(sum(changes, Role.VOTER)).isEqualTo(voter);
        assertThat(changes).allMatch(change -> change.countsTowardCap() == change.delta() > 0);
    }

    @Test
    @DisplayName("answer accepted: +15 to author, +2 to accepter, outside the daily cap")
    void accept() {
        List<Change> changes = ReputationRules.forAccept(false);
        assertThat(sum(changes, Role.AUTHOR)).isEqualTo(15);
        assertThat(sum(changes, Role.ACCEPTER)).isEqualTo(2);
        assertThat(changes).noneMatch(Change::countsTowardCap);
    }

    @Test
    @DisplayName("accepting one's own answer earns nothing")
    void selfAccept() {
        assertThat(ReputationRules.forAccept(true)).isEmpty();
    }

    @ParameterizedTest(name = "{0} (counts toward cap: {1}) with cap room {2} applies {3}")
    @CsvSource({
            // delta, counts toward cap, cap room, applied
            "10,  true,  200, 10",
            "10,  true,    5,  5",   // the daily cap clips the gain
            "10,  true,    0,  0",   // cap reached: nothing more from votes today
            "10,  true,   -7,  0",   // over the cap (a smaller cap configured later) never takes anything away
            "15,  false,   0, 15",   // accepts ignore the cap
            "-2,  false,   0, -2",   // losses are never capped and never clipped by the floor
    })
    void cap(int delta, boolean countsTowardCap, long capRoom, int applied) {
        assertThat(ReputationRules.applied(delta, countsTowardCap, capRoom)).isEqualTo(applied);
    }

    @ParameterizedTest(name = "an exact total of {0} is shown as {1}")
    @CsvSource({"-9, 1", "0, 1", "1, 1", "2, 2", "226, 226"})
    @DisplayName("the floor of 1 applies only to what is shown")
    void shown(long raw, long shown) {
        assertThat(ReputationRules.shown(raw)).isEqualTo(shown);
    }

    private static int sum(List<Change> changes, Role role) {
        return changes.stream().filter(change -> change.role() == role).mapToInt(Change::delta).sum();
    }
}
