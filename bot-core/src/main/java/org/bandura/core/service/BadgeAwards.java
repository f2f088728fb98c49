package org.bandura.core.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.persistence.Sql;
import org.bandura.core.reply.Outgoing;
import org.bandura.core.reputation.Badges;

/**
 * Awards badges and announces each new one once: in the question's thread mentioning exactly the member, or
 * privately when they ran {@code /privacy announcements off}. The announcement is an outbox row written in the
 * same transaction as the badge, so it is posted once, by one process, and only if the badge was really earned.
 *
 * <p>Each path checks only what it can earn: an answer checks every family of its author, an accept the
 * answerer's families and the asker's Curious, a vote only Helpful (when it takes an answer to a score of 1) and
 * tag Expert.
 */
final class BadgeAwards {

    private final Stores stores;
    private final OutboxRepository outbox;
    private final Badges.Thresholds thresholds;
    private final int expertThreshold;

    BadgeAwards(Stores stores, OutboxRepository outbox, Badges.Thresholds thresholds, int expertThreshold) {
        this.stores = stores;
        this.outbox = outbox;
        this.thresholds = thresholds;
        this.expertThreshold = expertThreshold;
    }

    Badges.Thresholds thresholds() {
        return thresholds;
    }

    Badges.Counts counts(Sql sql, long memberId) throws SQLException {
        return stores.badges().counts(sql, memberId, thresholds.quickWithin());
    }

    /** Every badge the member now qualifies for (after an answer or an accept of theirs). */
    void awardAll(Context context, long memberId, long questionId) throws SQLException {
        Badges.Counts counts = counts(context.sql(), memberId);
        Map<String, Long> tagPoints = stores.ledger().tagPoints(context.sql(), memberId);
        award(context, memberId, questionId, Badges.earned(counts, tagPoints, expertThreshold, thresholds));
    }

    /** Only the families listed (the asker of an accepted question can only earn Curious). */
    void awardFamilies(Context context, long memberId, long questionId, Set<Badges.Family> families)
            throws SQLException {
        Badges.Counts counts = counts(context.sql(), memberId);
        List<String> due = new ArrayList<>();
        for (Badges.Family family : EnumSet.copyOf(families)) {
            due.addAll(Badges.earnedIn(family, countOf(counts, family), thresholds));
        }
        award(context, memberId, questionId, due);
    }

    /** An upvote took an answer to a score of 1: Helpful, if the count reached one of its steps. */
    void helpfulReached(Context context, long memberId, long questionId, long helpfulAnswers) throws SQLException {
        if (helpfulStep(helpfulAnswers)) {
            award(context, memberId, questionId, Badges.earnedIn(Badges.Family.HELPFUL,
                    (int) Math.min(Integer.MAX_VALUE, helpfulAnswers), thresholds));
        }
    }

    /** Whether {@code helpfulAnswers} is exactly one of Helpful's steps: only then has {@link #helpfulReached} work. */
    boolean helpfulStep(long helpfulAnswers) {
        return helpfulAnswers > 0 && helpfulAnswers <= Integer.MAX_VALUE
                && thresholds.helpful().contains((int) helpfulAnswers);
    }

    /** Gains in a tag crossed the Expert threshold: award and announce the tag Expert badges now due. */
    void tagExperts(Context context, long memberId, long questionId) throws SQLException {
        List<String> due = stores.badges().dueTagExperts(context.sql(), memberId, questionId, expertThreshold);
        if (!due.isEmpty()) {
            award(context, memberId, questionId, due);
        }
    }

    private void award(Context context, long memberId, long questionId, List<String> due) throws SQLException {
        if (due.isEmpty()) {
            return;
        }
        List<String> held = stores.badges().of(context.sql(), memberId);
        List<String> fresh = new ArrayList<>();
        for (String code : due) {
            if (!held.contains(code) && !fresh.contains(code)) {
                stores.badges().insert(context.sql(), memberId, code, context.now());
                fresh.add(code);
            }
        }
        if (!fresh.isEmpty()) {
            announce(context, memberId, questionId, fresh);
        }
    }

    private void announce(Context context, long memberId, long questionId, List<String> codes) throws SQLException {
        Sql sql = context.sql();
        record Who(String userId, String name, boolean announcements) {
        }
        Who who = sql.one("SELECT user_id, display_name, announcements FROM member WHERE id = ?",
                row -> new Who(row.getString(1), row.getString(2), row.getBoolean(3)), memberId).orElseThrow();
        String badges = codes.stream().map(Badges::label).collect(Collectors.joining(", "));
        String noun = codes.size() == 1 ? "badge" : "badges";
        if (who.announcements()) {
            outbox.add(sql, context.workspaceId(), questionId, Outgoing.Audience.THREAD, null, List.of(who.userId()),
                    "🏅 " + Outgoing.mention(who.userId()) + " earned the " + noun + " " + badges + ". Congratulations!",
                    context.now());
        } else {
            long questionNumber = stores.questions().byId(sql, questionId).number();
            outbox.add(sql, context.workspaceId(), questionId, Outgoing.Audience.PRIVATE, who.userId(), List.of(),
                    "🏅 You earned the " + noun + " " + badges + " (with Q" + questionNumber + "). Congratulations!",
                    context.now());
        }
    }

    private static int countOf(Badges.Counts counts, Badges.Family family) {
        return switch (family) {
            case SOLVED -> counts.accepted();
            case HELPFUL -> counts.helpful();
            case QUICK -> counts.quick();
            case MENTOR -> counts.mentor();
            case CURIOUS -> counts.curious();
        };
    }
}
