package org.bandura.core.service;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bandura.core.persistence.MemberRepository;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.Sql;
import org.bandura.core.reputation.Badges;
import org.bandura.core.reputation.ReputationRules;

/** Applies {@link ReputationRules} through the ledger: daily cap, exact reversals, badges. */
final class ReputationService {

    private final Stores stores;
    private final CoreSettings settings;
    private final BadgeAwards badges;

    ReputationService(Stores stores, CoreSettings settings, BadgeAwards badges) {
        this.stores = stores;
        this.settings = settings;
        this.badges = badges;
    }

    BadgeAwards badges() {
        return badges;
    }

    /** Who plays which role in one cause. */
    record Parties(long authorId, long actorId) {
        long of(ReputationRules.Role role) {
            return role == ReputationRules.Role.AUTHOR ? authorId : actorId;
        }
    }

    /**
     * Applies the changes of one cause, member by member in id order (so two transactions never wait on each other
     * in a cycle). A gain can only earn a "tag Expert" badge, so that is the only badge checked here.
     */
    void apply(Context context, List<ReputationRules.Change> changes, Parties parties, String causeType, long causeId,
               long questionId) throws SQLException {
        Sql.Writes writes = context.sql().writes();
        apply(context, changes, parties, causeType, causeId, questionId, false, writes);
        writes.send();
    }

    /**
     * Like {@link #apply(Context, List, Parties, String, long, long)}, adding the ledger's writes to {@code writes}
     * (the caller's, which may already hold writes of the same command, and sends them). Writes still pending are
     * sent before anything that reads or locks (the member lock of a capped gain, a badge check), so every statement
     * runs in the same order as if each were sent alone, and takes its row locks in that order.
     *
     * @param answerReachedScoreOne an upvote just took the author's answer from 0 to 1: the author's lock also counts
     *                              their helpful answers, for the Helpful badge (the only other badge a vote can earn)
     */
    void apply(Context context, List<ReputationRules.Change> changes, Parties parties, String causeType, long causeId,
               long questionId, boolean answerReachedScoreOne, Sql.Writes writes) throws SQLException {
        LocalDate today = ReputationLedger.day(context.now());
        List<ReputationRules.Change> inMemberOrder = changes.stream()
                .sorted(Comparator.comparingLong(change -> parties.of(change.role()))).toList();
        for (ReputationRules.Change change : inMemberOrder) {
            long memberId = parties.of(change.role());
            long capRoom = Long.MAX_VALUE;
            long bestTagPoints = Long.MAX_VALUE - change.delta(); // unknown: check badges on any gain
            long helpfulAnswers = -1;
            if (change.countsTowardCap()) {
                writes.send();
                boolean countHelpful = answerReachedScoreOne && change.role() == ReputationRules.Role.AUTHOR;
                MemberRepository.GainStanding standing = stores.members().lockForGain(context.sql(), memberId, today,
                        questionId, Badges.expertCode(""), countHelpful);
                capRoom = settings.dailyVoteCap() - standing.gainedOnDay();
                bestTagPoints = standing.bestTagPointsWithoutBadge();
                helpfulAnswers = standing.helpfulAnswers();
            }
            int applied = ReputationRules.applied(change.delta(), change.countsTowardCap(), capRoom);
            stores.ledger().record(writes, context.workspaceId(), memberId, applied, change.reason(), causeType,
                    causeId, questionId, change.countsTowardCap(), today, context.now());
            if (applied > 0 && bestTagPoints != Long.MIN_VALUE
                    && bestTagPoints + applied >= settings.tagExpertThreshold()) {
                writes.send();
                badges.tagExperts(context, memberId, questionId);
            }
            if (helpfulAnswers > 0) {
                writes.send();
                badges.helpfulReached(context, memberId, questionId, helpfulAnswers);
            }
        }
    }

    /** One change of a vote, with the standing its member's lock will read when it counts toward the cap. */
    record Step(ReputationRules.Change change, long memberId, boolean countHelpful,
                Sql.Answer<Optional<MemberRepository.GainStanding>> standing) {
    }

    /** Badge work a vote's gains call for, run after the ledger's writes were sent. */
    @FunctionalInterface
    interface BadgeCheck {
        void run() throws SQLException;
    }

    /**
     * A vote's first half: adds to {@code batch}, member by member in id order, the lock and the standing read of
     * each member whose change counts toward the cap (nothing for the others). The caller sends the batch with its
     * own statements before these (the vote, the post's score: the post's row is locked before the member's, as on
     * {@code /accept}), then passes the steps to {@link #record}.
     *
     * @param answerReachedScoreOne an upvote just took the author's answer from 0 to 1: the author's read also
     *                              counts their helpful answers, for the Helpful badge (the only other badge a vote
     *                              can earn)
     */
    List<Step> lockForVote(Context context, List<ReputationRules.Change> changes, Parties parties, long questionId,
                           boolean answerReachedScoreOne, Sql.Writes batch) {
        LocalDate today = ReputationLedger.day(context.now());
        List<Step> steps = new ArrayList<>();
        for (ReputationRules.Change change : changes.stream()
                .sorted(Comparator.comparingLong(change -> parties.of(change.role()))).toList()) {
            long memberId = parties.of(change.role());
            boolean countHelpful = answerReachedScoreOne && change.role() == ReputationRules.Role.AUTHOR;
            steps.add(new Step(change, memberId, countHelpful, change.countsTowardCap()
                    ? stores.members().lockForGain(batch, memberId, today, questionId, Badges.expertCode(""),
                            countHelpful)
                    : null));
        }
        return steps;
    }

    /**
     * A vote's second half, once the batch of {@link #lockForVote} was sent: adds the ledger's writes to
     * {@code writes} (the daily cap applied from the standings read under the locks) and returns the badge work they
     * call for, to run after the writes were sent. Empty, the usual case, when no gain can earn a badge: the
     * caller may then commit with the writes.
     */
    List<BadgeCheck> record(Context context, List<Step> steps, String causeType, long causeId, long questionId,
                            Sql.Writes writes) throws SQLException {
        LocalDate today = ReputationLedger.day(context.now());
        List<BadgeCheck> checks = new ArrayList<>();
        for (Step step : steps) {
            ReputationRules.Change change = step.change();
            long capRoom = Long.MAX_VALUE;
            long bestTagPoints = Long.MAX_VALUE - change.delta(); // unknown: check badges on any gain
            long helpfulAnswers = -1;
            if (step.standing() != null) {
                MemberRepository.GainStanding standing = step.standing().get()
                        .orElseThrow(() -> new SQLException("member " + step.memberId() + " vanished"));
                capRoom = settings.dailyVoteCap() - standing.gainedOnDay();
                bestTagPoints = standing.bestTagPointsWithoutBadge();
                helpfulAnswers = standing.helpfulAnswers();
            }
            int applied = ReputationRules.applied(change.delta(), change.countsTowardCap(), capRoom);
            stores.ledger().record(writes, context.workspaceId(), step.memberId(), applied, change.reason(), causeType,
                    causeId, questionId, change.countsTowardCap(), today, context.now());
            if (applied > 0 && bestTagPoints != Long.MIN_VALUE
                    && bestTagPoints + applied >= settings.tagExpertThreshold()) {
                checks.add(() -> badges.tagExperts(context, step.memberId(), questionId));
            }
            long helpful = helpfulAnswers;
            if (badges.helpfulStep(helpful)) {
                checks.add(() -> badges.helpfulReached(context, step.memberId(), questionId, helpful));
            }
        }
        return checks;
    }

    /**
     * Adds to {@code writes} the reversal of {@code open}, what one cause added and has not yet taken back (read by
     * the caller, after it took the cause's lock): each part negated on the day it was earned.
     */
    void reverse(Context context, List<ReputationLedger.Open> open, String causeType, long causeId, long questionId,
                 String reason, Sql.Writes writes) {
        for (ReputationLedger.Open part : open) {
            stores.ledger().record(writes, context.workspaceId(), part.memberId(), Math.toIntExact(-part.net()),
                    reason, causeType, causeId, questionId, part.countsTowardCap(), part.earnedOn(), context.now());
        }
    }

    /**
     * Undoes exactly what one cause added and has not yet taken back. Each part is negated on the day it was earned,
     * so a retracted vote also gives back its share of that day's cap, as if it had never been cast.
     */
    void reverse(Context context, String causeType, long causeId, long questionId, String reason) throws SQLException {
        Sql.Writes writes = context.sql().writes();
        reverse(context, causeType, causeId, questionId, reason, writes);
        writes.send();
    }

    /** Like {@link #reverse(Context, String, long, long, String)}, adding the writes to {@code writes}, not sent. */
    void reverse(Context context, String causeType, long causeId, long questionId, String reason, Sql.Writes writes)
            throws SQLException {
        writes.send(); // the ledger read below must see what came before
        for (ReputationLedger.Open part : stores.ledger().openByCause(context.sql(), causeType, causeId)) {
            stores.ledger().record(writes, context.workspaceId(), part.memberId(), Math.toIntExact(-part.net()),
                    reason, causeType, causeId, questionId, part.countsTowardCap(), part.earnedOn(), context.now());
        }
    }

    /** Awards every badge the member now qualifies for; badges already held stay. */
    void awardBadges(Context context, long memberId, long questionId) throws SQLException {
        badges.awardAll(context, memberId, questionId);
    }
}
