package org.bandura.core.health;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.QuestionRepository;
import org.bandura.core.persistence.Sql;

/**
 * Writes a hand-built history straight into the tables the health measures read: every time is chosen by the test,
 * so the expected numbers can be worked out by hand.
 */
public final class History {

    private final Database database;
    private final long workspaceId;
    private final Map<String, Long> members = new HashMap<>();
    private final Map<String, Long> tags = new HashMap<>();
    private final QuestionRepository questions = new QuestionRepository();
    private long nextAnswer = 1;
    private long nextCause = 1;

    public History(Database database, String platform, String externalId, Instant createdAt) {
        this.database = database;
        this.workspaceId = database.inTransaction(sql -> sql.insert("INSERT INTO workspace (platform, external_id, name, "
                + "created_at) VALUES (?, ?, ?, ?)", platform, externalId, "Health test", createdAt));
    }

    public long workspaceId() {
        return workspaceId;
    }

    public long member(String name) {
        return members.computeIfAbsent(name, key -> database.inTransaction(sql -> sql.insert("INSERT INTO member "
                + "(workspace_id, user_id, display_name, name_key, created_at) VALUES (?, ?, ?, ?, ?)", workspaceId,
                "U-" + key, key, key, Instant.parse("2026-01-01T00:00:00Z"))));
    }

    public long tag(String name) {
        return tags.computeIfAbsent(name, key -> database.inTransaction(sql -> sql.insert("INSERT INTO tag "
                + "(workspace_id, name, created_at) VALUES (?, ?, ?)", workspaceId, key,
                Instant.parse("2026-01-01T00:00:00Z"))));
    }

    public void alias(String alias, String tag) {
        long tagId = tag(tag);
        database.inTransaction(sql -> sql.update("INSERT INTO tag_alias (workspace_id, alias, tag_id) VALUES (?, ?, ?)",
                workspaceId, alias, tagId));
    }

    /** A question asked at {@code askedAt}; answers, accepts and the rest are added with the other methods. */
    public long question(long number, String asker, Instant askedAt, String... tagNames) {
        long askerId = member(asker);
        List<Long> tagIds = java.util.Arrays.stream(tagNames).map(this::tag).toList();
        return database.inTransaction(sql -> {
            long id = sql.insert("INSERT INTO question (workspace_id, number, asker_id, title, body, created_at, "
                    + "channel_key, message_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", workspaceId, number, askerId,
                    "Question " + number, "Body of question " + number, askedAt, "C1", "M" + number);
            for (long tagId : tagIds) {
                questions.addTag(sql, id, tagId); // as the core tags a question: with its asked time and open state
            }
            return id;
        });
    }

    /** An answer by {@code author}; the question's first-answer time is the earliest answer's, as the core keeps it. */
    public long answer(long questionId, String author, Instant at) {
        long authorId = member(author);
        long number = nextAnswer++;
        return database.inTransaction(sql -> {
            long id = sql.insert("INSERT INTO answer (workspace_id, number, question_id, author_id, body, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", workspaceId, number, questionId, authorId,
                    "Answer " + number, at, at);
            questions.answerAdded(sql, questionId, at);
            return id;
        });
    }

    /** Deletes an answer as the core does: the question's answer count (and open state) follow. */
    public void removeAnswer(long answerId) {
        database.inTransaction(sql -> {
            long questionId = sql.one("SELECT question_id FROM answer WHERE id = ?", row -> row.getLong(1), answerId)
                    .orElseThrow();
            questions.answerRemoved(sql, questionId);
            sql.update("DELETE FROM answer WHERE id = ?", answerId);
            return null;
        });
    }

    public void accept(long questionId, long answerId, Instant at) {
        database.inTransaction(sql -> sql.update("UPDATE question SET accepted_answer_id = ?, accepted_at = ? WHERE id = ?",
                answerId, at, questionId));
    }

    public void delete(long questionId, Instant at) {
        database.inTransaction(sql -> {
            questions.markDeleted(sql, questionId, at);
            return null;
        });
    }

    public void mention(long questionId, String member, Instant at) {
        long memberId = member(member);
        database.inTransaction(sql -> sql.update("INSERT INTO routing_mention (question_id, member_id, mention_rank, "
                + "score, mentioned_at) VALUES (?, ?, (SELECT COUNT(*) + 1 FROM routing_mention WHERE question_id = ?), "
                + "0, ?)", questionId, memberId, questionId, at));
    }

    public void claim(long questionId, String member, Instant at, Duration hold) {
        long memberId = member(member);
        database.inTransaction(sql -> sql.update("INSERT INTO question_claim (question_id, member_id, claimed_at, "
                + "claimed_until) VALUES (?, ?, ?, ?)", questionId, memberId, at, at.plus(hold)));
    }

    public void reputation(String member, long questionId, int delta, Instant at) {
        long memberId = member(member);
        long cause = nextCause++;
        database.inTransaction(sql -> sql.update("INSERT INTO reputation_event (workspace_id, member_id, delta, reason, "
                + "cause_type, cause_id, question_id, counts_toward_cap, earned_on, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", workspaceId, memberId, delta, "test", "VOTE", cause,
                questionId, false, LocalDate.ofInstant(at, ZoneOffset.UTC), at));
    }

    public void declareExpert(String member, String tag) {
        long memberId = member(member);
        long tagId = tag(tag);
        database.inTransaction(sql -> sql.update("INSERT INTO expert_subscription (member_id, tag_id, created_at) "
                + "VALUES (?, ?, ?)", memberId, tagId, Instant.parse("2026-01-01T00:00:00Z")));
    }

    public void tagPoints(String member, String tag, long points) {
        long memberId = member(member);
        long tagId = tag(tag);
        database.inTransaction(sql -> sql.update("INSERT INTO tag_reputation (member_id, tag_id, points) VALUES (?, ?, ?)",
                memberId, tagId, points));
    }

    public void optOut(String member, String tag) {
        long memberId = member(member);
        long tagId = tag(tag);
        database.inTransaction(sql -> sql.update("INSERT INTO expert_opt_out (member_id, tag_id, created_at) "
                + "VALUES (?, ?, ?)", memberId, tagId, Instant.parse("2026-01-01T00:00:00Z")));
    }

    /** @param hoursFrom null for no hours; days a mask from Monday like "1111100" */
    public void availability(String member, String hoursFrom, String hoursTo, String days, String zone,
                             Instant awayUntil, Integer weeklyLimit) {
        long memberId = member(member);
        database.inTransaction(sql -> sql.update("INSERT INTO expert_availability (member_id, hours_from, hours_to, "
                + "days, time_zone, away_until, weekly_limit, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", memberId,
                hoursFrom, hoursTo, days, zone, awayUntil == null ? null : Sql.time(awayUntil), weeklyLimit,
                Instant.parse("2026-01-01T00:00:00Z")));
    }
}
