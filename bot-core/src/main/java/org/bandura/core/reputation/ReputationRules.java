package org.bandura.core.reputation;

import java.util.List;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.VoteDirection;

/**
 * Who gains or loses how much for what. Pure functions: the service applies them, the README shows the same
 * table, and {@code ReputationRulesTest} proves them.
 */
public final class ReputationRules {

    public static final long STARTING_REPUTATION = 1;
    public static final long FLOOR = 1;

    /** Whose reputation a change touches. */
    public enum Role {
        AUTHOR, VOTER, ACCEPTER
    }

    /**
     * One change the rules ask for, before the daily cap. {@code countsTowardCap} marks gains from votes: they are
     * capped and make up the day's vote gain. Losses never count toward the cap.
     */
    public record Change(Role role, int delta, String reason, boolean countsTowardCap) {
    }

    private ReputationRules() {
    }

    public static List<Change> forVote(PostRef.Kind kind, VoteDirection direction) {
        if (kind == PostRef.Kind.QUESTION) {
            return direction == VoteDirection.UP
                    ? List.of(new Change(Role.AUTHOR, 5, "question upvoted", true))
                    : List.of();
        }
        return direction == VoteDirection.UP
                ? List.of(new Change(Role.AUTHOR, 10, "answer upvoted", true))
                : List.of(new Change(Role.AUTHOR, -2, "answer downvoted", false),
                        new Change(Role.VOTER, -1, "downvoted an answer", false));
    }

    /** Accepting one's own answer earns nothing. Accepts never count toward the daily cap. */
    public static List<Change> forAccept(boolean acceptingOwnAnswer) {
        if (acceptingOwnAnswer) {
            return List.of();
        }
        return List.of(new Change(Role.AUTHOR, 15, "answer accepted", false),
                new Change(Role.ACCEPTER, 2, "accepted an answer", false));
    }

    /**
     * The change written to the ledger: the daily cap clips gains from votes, nothing else changes a delta. The
     * floor is not applied here, so the ledger's sum stays exact and a reversal is always the plain negation.
     *
     * @param capRoom how much more vote reputation the member may gain today (ignored for changes that do not
     *                count toward the cap)
     */
    public static int applied(int delta, boolean countsTowardCap, long capRoom) {
        if (countsTowardCap && delta > 0) {
            return (int) Math.min(delta, Math.max(0, capRoom));
        }
        return delta;
    }

    /** What is shown and compared for an exact total of {@code raw} (1 + the ledger's sum): never below the floor. */
    public static long shown(long raw) {
        return Math.max(FLOOR, raw);
    }
}
