package org.bandura.core.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bandura.core.followup.Availability;
import org.bandura.core.followup.EscalationSchedule.Step;
import org.bandura.core.followup.WorkingHours;
import org.bandura.core.routing.ExpertRanker;

/** Storage of the follow-through: availability, learned-expert opt-outs, claims, routing decisions, ladder steps. */
public final class FollowUpRepository {

    /** What a member set with /expert hours, away and limit; {@code zone} is remembered even without hours. */
    public record AvailabilityRow(Availability availability, ZoneId zone) {
        public static final AvailabilityRow NONE = new AvailabilityRow(Availability.ALWAYS, ZoneId.of("UTC"));
    }

    public record Claim(long memberId, String displayName, String userId, Instant claimedUntil) {
    }

    public record Decision(String stage, String outcome, String memberName, String reason, Instant decidedAt) {
    }

    public AvailabilityRow availability(Sql sql, long memberId) throws SQLException {
        return sql.one("SELECT hours_from, hours_to, days, time_zone, away_until, weekly_limit "
                + "FROM expert_availability WHERE member_id = ?", FollowUpRepository::mapAvailability, memberId)
                .orElse(AvailabilityRow.NONE);
    }

    /** What every member of the workspace who set availability set, by member id (the rest: {@link AvailabilityRow#NONE}). */
    public java.util.Map<Long, AvailabilityRow> availabilities(Sql sql, long workspaceId) throws SQLException {
        java.util.Map<Long, AvailabilityRow> result = new java.util.HashMap<>();
        sql.list("SELECT ea.member_id, ea.hours_from, ea.hours_to, ea.days, ea.time_zone, ea.away_until, ea.weekly_limit "
                + "FROM expert_availability ea JOIN member m ON m.id = ea.member_id WHERE m.workspace_id = ?", row -> {
                    result.put(row.getLong("member_id"), mapAvailability(row));
                    return null;
                }, workspaceId);
        return result;
    }

    /** Mentions per member of the workspace since {@code since}, for the weekly limits of many members at once. */
    public java.util.Map<Long, Integer> mentionCountsSince(Sql sql, long workspaceId, Instant since)
            throws SQLException {
        java.util.Map<Long, Integer> result = new java.util.HashMap<>();
        sql.list("SELECT rm.member_id, COUNT(*) FROM routing_mention rm JOIN member m ON m.id = rm.member_id "
                + "WHERE m.workspace_id = ? AND rm.mentioned_at > ? GROUP BY rm.member_id", row -> {
                    result.put(row.getLong(1), (int) row.getLong(2));
                    return null;
                }, workspaceId, since);
        return result;
    }

    public void saveAvailability(Sql sql, long memberId, Optional<WorkingHours> hours, ZoneId zone,
                                 Optional<Instant> awayUntil, Optional<Integer> weeklyLimit, Instant now)
            throws SQLException {
        Object from = hours.map(window -> window.from().toString()).orElse(null);
        Object to = hours.map(window -> window.to().toString()).orElse(null);
        Object days = hours.map(WorkingHours::daysMask).orElse(null);
        Object away = awayUntil.map(Sql::time).orElse(null);
        Object limit = weeklyLimit.orElse(null);
        int updated = sql.update("UPDATE expert_availability SET hours_from = ?, hours_to = ?, days = ?, time_zone = ?, "
                + "away_until = ?, weekly_limit = ?, updated_at = ? WHERE member_id = ?",
                from, to, days, zone.getId(), away, limit, now, memberId);
        if (updated == 0) {
            sql.update("INSERT INTO expert_availability (member_id, hours_from, hours_to, days, time_zone, away_until, "
                    + "weekly_limit, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    memberId, from, to, days, zone.getId(), away, limit, now);
        }
    }

    /** Ids per statement when reading rows for many members at once. */
    static final int IDS_PER_READ = 500;

    /** {@link #availability} for many members in a few statements; members without a row get {@link AvailabilityRow#NONE}. */
    public Map<Long, AvailabilityRow> availabilities(Sql sql, Collection<Long> memberIds) throws SQLException {
        Map<Long, AvailabilityRow> found = new HashMap<>();
        for (List<Long> ids : chunks(memberIds)) {
            sql.list("SELECT member_id, hours_from, hours_to, days, time_zone, away_until, weekly_limit "
                    + "FROM expert_availability WHERE member_id IN (" + Sql.marks(ids.size()) + ")",
                    row -> found.put(row.getLong("member_id"), mapAvailability(row)), ids.toArray());
        }
        return found;
    }

    /** A member's mentions in the weekly-limit window, and the open questions among those in the give-up window. */
    public record MentionCounts(int inLimitWindow, int openLoad) {
        public static final MentionCounts NONE = new MentionCounts(0, 0);
    }

    /**
     * For each member: mentions since {@code limitSince} (the weekly limit) and open questions they were mentioned
     * on since {@code giveUpSince} (older open questions are stale and nobody is pinged about them any more); one
     * pass over each member's mentions in the longer window, in a few statements. Members without any are absent.
     */
    public Map<Long, MentionCounts> mentionCounts(Sql sql, Collection<Long> memberIds, Instant limitSince,
                                                  Instant giveUpSince) throws SQLException {
        Map<Long, MentionCounts> counts = new HashMap<>();
        Instant earliest = limitSince.isBefore(giveUpSince) ? limitSince : giveUpSince;
        for (List<Long> ids : chunks(memberIds)) {
            Object[] args = new Object[ids.size() + 3];
            args[0] = limitSince;
            args[1] = giveUpSince;
            System.arraycopy(ids.toArray(), 0, args, 2, ids.size());
            args[ids.size() + 2] = earliest;
            // The question is looked up per mention by primary key (a join let PostgreSQL scan every question), and
            // only for mentions in the give-up window.
            sql.list("SELECT rm.member_id, "
                    + "SUM(CASE WHEN rm.mentioned_at > ? THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN rm.mentioned_at > ? AND (SELECT q.answer_count FROM question q "
                    + "WHERE q.id = rm.question_id AND q.deleted_at IS NULL) = 0 THEN 1 ELSE 0 END) "
                    + "FROM routing_mention rm WHERE rm.member_id IN (" + Sql.marks(ids.size()) + ") "
                    + "AND rm.mentioned_at > ? GROUP BY rm.member_id",
                    row -> counts.put(row.getLong(1), new MentionCounts(row.getInt(2), row.getInt(3))), args);
        }
        return counts;
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_READ) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IDS_PER_READ)));
        }
        return chunks;
    }


    /** Everyone already mentioned for the question: never mentioned twice. */
    public List<Long> mentioned(Sql sql, long questionId) throws SQLException {
        return sql.list("SELECT member_id FROM routing_mention WHERE question_id = ? ORDER BY mention_rank",
                row -> row.getLong(1), questionId);
    }

    public int nextMentionRank(Sql sql, long questionId) throws SQLException {
        return (int) sql.count("SELECT COALESCE(MAX(mention_rank), 0) + 1 FROM routing_mention WHERE question_id = ?",
                questionId);
    }

    /**
     * Members who earned {@code threshold} reputation in one of the tags without declaring it, unless they opted
     * out of that tag: routed as "learned" experts.
     */
    public List<ExpertRanker.Candidate> learnedCandidates(Sql sql, Collection<Long> tagIds, long threshold)
            throws SQLException {
        if (tagIds.isEmpty()) {
            return List.of();
        }
        String marks = Sql.marks(tagIds.size());
        Object[] args = new Object[tagIds.size() + 1];
        int i = 0;
        for (Long id : tagIds) {
            args[i++] = id;
        }
        args[i] = threshold;
        return sql.list("SELECT m.id, m.last_mentioned_at, SUM(tr.points) AS tag_points FROM tag_reputation tr "
                        + "JOIN member m ON m.id = tr.member_id WHERE tr.tag_id IN (" + marks + ") AND tr.points >= ? "
                        + "AND NOT EXISTS (SELECT 1 FROM expert_opt_out o WHERE o.member_id = tr.member_id "
                        + "AND o.tag_id = tr.tag_id) "
                        + "AND NOT EXISTS (SELECT 1 FROM expert_subscription e WHERE e.member_id = tr.member_id "
                        + "AND e.tag_id = tr.tag_id) GROUP BY m.id, m.last_mentioned_at",
                row -> new ExpertRanker.Candidate(row.getLong("id"), 0, row.getLong("tag_points"),
                        Sql.instant(row, "last_mentioned_at")), args);
    }

    /** Names of the tag's learned experts (not declared, not opted out), best first. */
    public List<String> learnedExpertNames(Sql sql, long tagId, long threshold, int limit) throws SQLException {
        return sql.list("SELECT m.display_name, tr.points FROM tag_reputation tr JOIN member m ON m.id = tr.member_id "
                + "WHERE tr.tag_id = ? AND tr.points >= ? AND NOT EXISTS (SELECT 1 FROM expert_opt_out o "
                + "WHERE o.member_id = tr.member_id AND o.tag_id = tr.tag_id) AND NOT EXISTS (SELECT 1 FROM "
                + "expert_subscription e WHERE e.member_id = tr.member_id AND e.tag_id = tr.tag_id) "
                + "ORDER BY tr.points DESC, m.id FETCH FIRST " + limit + " ROWS ONLY",
                row -> row.getString(1) + " (" + row.getLong(2) + ", learned)", tagId, threshold);
    }

    public boolean isLearnedExpert(Sql sql, long memberId, long tagId, long threshold) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM tag_reputation tr WHERE tr.member_id = ? AND tr.tag_id = ? "
                + "AND tr.points >= ? AND NOT EXISTS (SELECT 1 FROM expert_opt_out o WHERE o.member_id = tr.member_id "
                + "AND o.tag_id = tr.tag_id)", memberId, tagId, threshold) > 0;
    }

    public void optOut(Sql sql, long memberId, long tagId, Instant now) throws SQLException {
        if (sql.count("SELECT COUNT(*) FROM expert_opt_out WHERE member_id = ? AND tag_id = ?", memberId, tagId) == 0) {
            sql.update("INSERT INTO expert_opt_out (member_id, tag_id, created_at) VALUES (?, ?, ?)",
                    memberId, tagId, now);
        }
    }

    /** The live claim on a question; a claim past its end counts as released. */
    public Optional<Claim> activeClaim(Sql sql, long questionId, Instant now) throws SQLException {
        return sql.one("SELECT c.member_id, m.display_name, m.user_id, c.claimed_until FROM question_claim c "
                        + "JOIN member m ON m.id = c.member_id WHERE c.question_id = ? AND c.claimed_until > ?",
                row -> new Claim(row.getLong(1), row.getString(2), row.getString(3), Sql.instant(row, "claimed_until")),
                questionId, now);
    }

    public void claim(Sql sql, long questionId, long memberId, Instant now, Instant until) throws SQLException {
        sql.update("DELETE FROM question_claim WHERE question_id = ?", questionId);
        sql.update("INSERT INTO question_claim (question_id, member_id, claimed_at, claimed_until) VALUES (?, ?, ?, ?)",
                questionId, memberId, now, until);
    }

    public void release(Sql sql, long questionId) throws SQLException {
        sql.update("DELETE FROM question_claim WHERE question_id = ?", questionId);
    }

    /** @param memberId null for decisions about nobody in particular (queued, nobody available) */
    public void recordDecision(Sql sql, long questionId, Long memberId, String stage, String outcome, String reason,
                               Instant now) throws SQLException {
        sql.insert("INSERT INTO routing_decision (question_id, member_id, stage, outcome, reason, decided_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", questionId, memberId, stage, outcome,
                reason.length() > 300 ? reason.substring(0, 300) : reason, now);
    }

    /** A decision waiting to be written with others in one statement. */
    public record PendingDecision(Long memberId, String outcome, String reason) {
    }

    /** Writes many decisions of one routing in one statement, in order. */
    public void recordDecisions(Sql sql, long questionId, String stage, List<PendingDecision> decisions, Instant now)
            throws SQLException {
        if (decisions.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>();
        for (PendingDecision decision : decisions) {
            String reason = decision.reason();
            args.addAll(java.util.Arrays.asList(questionId, decision.memberId(), stage, decision.outcome(),
                    reason.length() > 300 ? reason.substring(0, 300) : reason, now));
        }
        sql.update("INSERT INTO routing_decision (question_id, member_id, stage, outcome, reason, decided_at) VALUES "
                + String.join(", ", Collections.nCopies(decisions.size(), "(?, ?, ?, ?, ?, ?)")), args.toArray());
    }

    public List<Decision> decisions(Sql sql, long questionId) throws SQLException {
        return sql.list("SELECT d.stage, d.outcome, m.display_name, d.reason, d.decided_at FROM routing_decision d "
                        + "LEFT JOIN member m ON m.id = d.member_id WHERE d.question_id = ? ORDER BY d.id",
                row -> new Decision(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        Sql.instant(row, "decided_at")), questionId);
    }

    public List<Step> stepsRan(Sql sql, long questionId) throws SQLException {
        return sql.list("SELECT step FROM escalation_step WHERE question_id = ?",
                row -> Step.valueOf(row.getString(1)), questionId);
    }

    public List<String> stepSummaries(Sql sql, long questionId) throws SQLException {
        return sql.list("SELECT summary FROM escalation_step WHERE question_id = ? ORDER BY ran_at",
                row -> row.getString(1), questionId);
    }

    public void recordStep(Sql sql, long questionId, Step step, String summary, Instant now) throws SQLException {
        sql.update("INSERT INTO escalation_step (question_id, step, ran_at, summary) VALUES (?, ?, ?, ?)",
                questionId, step.name(), now, summary.length() > 500 ? summary.substring(0, 500) : summary);
    }

    public List<Long> tagIds(Sql sql, long questionId) throws SQLException {
        return sql.list("SELECT tag_id FROM question_tag WHERE question_id = ?", row -> row.getLong(1), questionId);
    }

    public boolean isDeleted(Sql sql, long questionId) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM question WHERE id = ? AND deleted_at IS NOT NULL", questionId) > 0;
    }

    /** Records that the asker was asked about the answer. @return false when they already were */
    public boolean recordAcceptPrompt(Sql sql, long answerId, String reason, Instant now) throws SQLException {
        if (sql.count("SELECT COUNT(*) FROM accept_prompt WHERE answer_id = ?", answerId) > 0) {
            return false;
        }
        sql.update("INSERT INTO accept_prompt (answer_id, reason, asked_at) VALUES (?, ?, ?)", answerId, reason, now);
        return true;
    }

    public boolean wantsReminders(Sql sql, long memberId) throws SQLException {
        return sql.one("SELECT reminders FROM member WHERE id = ?", row -> row.getBoolean(1), memberId).orElse(true);
    }

    public void setReminders(Sql sql, long memberId, boolean on) throws SQLException {
        sql.update("UPDATE member SET reminders = ? WHERE id = ?", on, memberId);
    }

    private static AvailabilityRow mapAvailability(ResultSet row) throws SQLException {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        String from = row.getString("hours_from");
        Optional<WorkingHours> hours = from == null ? Optional.empty()
                : Optional.of(new WorkingHours(LocalTime.parse(from), LocalTime.parse(row.getString("hours_to")),
                        WorkingHours.daysFromMask(row.getString("days")), zone));
        int limit = row.getInt("weekly_limit");
        Optional<Integer> weeklyLimit = row.wasNull() ? Optional.empty() : Optional.of(limit);
        return new AvailabilityRow(new Availability(hours, Optional.ofNullable(Sql.instant(row, "away_until")),
                weeklyLimit), zone);
    }
}
