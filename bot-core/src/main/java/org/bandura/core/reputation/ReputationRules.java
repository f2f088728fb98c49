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

    /** One change the rules ask for, before the daily cap and the floor. */
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
                : List.of(new Change(Role.AUTHOR, -2, "answer downvoted", true),
                        new Change(Role.VOTER, -1, "downvoted an answer", true));
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
     * The change actually applied to a member with {@code current} reputation.
     *
     * @param capRoom how much more vote reputation the member may gain today (ignored for losses and for
     *                changes that do not count toward the cap)
     */
    public static int applied(long current, int delta, boolean countsTowardCap, long capRoom) {
        long wanted = delta;
        if (countsTowardCap && wanted > 0) {
            wanted = Math.min(wanted, Math.max(0, capRoom));
        }
        return (int) (Math.max(FLOOR, current + wanted) - current);
    }

    /** The applied reversal of changes that added {@code net} in total: exact, but never below the floor. */
    public static int reversal(long current, long net) {
        long next = Math.max(FLOOR, current - net);
        return (int) (next - current);
    }
}
