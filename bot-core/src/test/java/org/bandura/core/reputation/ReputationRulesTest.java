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
        assertThat(changes).allMatch(Change::countsTowardCap);
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

    @ParameterizedTest(name = "at {0} with cap room {3}: {1} ({2}) applies {4}")
    @CsvSource({
            // current, delta, counts toward cap, cap room, applied
            "1,    10, true,  200, 10",
            "195,  10, true,    5,  5",   // the daily cap clips the gain
            "201,  10, true,    0,  0",   // cap reached: nothing more from votes today
            "201,  15, false,   0, 15",   // accepts ignore the cap
            "1,    -2, true,  200,  0",   // never below 1
            "2,    -2, true,  200, -1",
            "50,   -2, true,    0, -2",   // losses are never capped
    })
    void capAndFloor(long current, int delta, boolean capped, long capRoom, int applied) {
        assertThat(ReputationRules.applied(current, delta, capped, capRoom)).isEqualTo(applied);
    }

    @ParameterizedTest(name = "at {0}, reversing {1} applies {2}")
    @CsvSource({
            "11,  10, -10",   // retracted upvote
            "5,   10,  -4",   // the floor still holds
            "1,   -1,   1",   // retracted downvote gives back what it took
            "26,   0,   0",
    })
    void reversal(long current, long net, int applied) {
        assertThat(ReputationRules.reversal(current, net)).isEqualTo(applied);
    }

    private static int sum(List<Change> changes, Role role) {
        return changes.stream().filter(change -> change.role() == role).mapToInt(Change::delta).sum();
    }
}
