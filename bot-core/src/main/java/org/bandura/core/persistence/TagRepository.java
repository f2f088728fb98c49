package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bandura.core.routing.ExpertRanker;

/** Tags, their aliases, and who declared expertise in them. */
public final class TagRepository {

    public record Tag(long id, String name) {
    }

    public record TagStats(String name, long questions, long experts) {
    }

    /** A tag by name or alias. */
    public Optional<Tag> resolve(Sql sql, long workspaceId, String name) throws SQLException {
        Optional<Tag> byName = sql.one("SELECT id, name FROM tag WHERE workspace_id = ? AND name = ?",
                row -> new Tag(row.getLong("id"), row.getString("name")), workspaceId, name);
        if (byName.isPresent()) {
            return byName;
        }
        return sql.one("SELECT t.id, t.name FROM tag_alias a JOIN tag t ON t.id = a.tag_id "
                        + "WHERE a.workspace_id = ? AND a.alias = ?",
                row -> new Tag(row.getLong("id"), row.getString("name")), workspaceId, name);
    }

    /** The tag (following aliases), created when nobody used the name before. */
    public Tag ensure(Sql sql, long workspaceId, String name, Instant now) throws SQLException {
        Optional<Tag> existing = resolve(sql, workspaceId, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        long id = sql.insert("INSERT INTO tag (workspace_id, name, created_at) VALUES (?, ?, ?)", workspaceId, name, now);
        return new Tag(id, name);
    }

    /** A new tag; {@code moderated} when a moderator made it, which establishes it for inference at once. */
    public Tag create(Sql sql, long workspaceId, String name, boolean moderated, Instant now) throws SQLException {
        long id = sql.insert("INSERT INTO tag (workspace_id, name, moderated, created_at) VALUES (?, ?, ?, ?)",
                workspaceId, name, moderated, now);
        return new Tag(id, name);
    }

    /** Whether inference may apply the tag: a moderator made it, or at least {@code minQuestions} questions use it. */
    public boolean isEstablished(Sql sql, long tagId, int minQuestions) throws SQLException {
        return minQuestions == 0 || sql.count("SELECT COUNT(*) FROM tag WHERE id = ? AND moderated = TRUE", tagId) > 0
                || sql.count("SELECT COUNT(*) FROM (SELECT 1 FROM question_tag qt JOIN question q ON q.id = qt.question_id "
                        + "WHERE qt.tag_id = ? AND q.deleted_at IS NULL FETCH FIRST " + minQuestions + " ROWS ONLY) used",
                        tagId) >= minQuestions;
    }

    public void markModerated(Sql sql, long tagId) throws SQLException {
        sql.update("UPDATE tag SET moderated = TRUE WHERE id = ?", tagId);
    }

    public long questionCount(Sql sql, long tagId) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM question_tag WHERE tag_id = ?", tagId);
    }

    public long subscriptionCount(Sql sql, long memberId) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM expert_subscription WHERE member_id = ?", memberId);
    }

    /** Removes the tag everywhere: questions, experts, opt-outs, per-tag reputation and aliases. Questions stay. */
    public void remove(Sql sql, long tagId) throws SQLException {
        for (String table : List.of("question_tag", "expert_subscription", "expert_opt_out", "tag_reputation",
                "tag_alias")) {
            sql.update("DELETE FROM " + table + " WHERE tag_id = ?", tagId);
        }
        sql.update("DELETE FROM tag WHERE id = ?", tagId);
    }

    /**
     * Folds {@code from} into {@code into}: its questions, experts, opt-outs and aliases move over, its name becomes an
     * alias, and per-tag reputation of {@code into} is recounted from the ledger so a question that carried both tags
     * counts once.
     */
    public void merge(Sql sql, long workspaceId, Tag from, Tag into) throws SQLException {
        sql.update("INSERT INTO question_tag (question_id, tag_id, asked_at, is_open) SELECT qt.question_id, ?, "
                + "qt.asked_at, qt.is_open FROM question_tag qt "
                + "WHERE qt.tag_id = ? AND NOT EXISTS (SELECT 1 FROM question_tag o WHERE o.question_id = qt.question_id "
                + "AND o.tag_id = ?)", into.id(), from.id(), into.id());
        sql.update("INSERT INTO expert_subscription (member_id, tag_id, created_at) SELECT e.member_id, ?, e.created_at "
                + "FROM expert_subscription e WHERE e.tag_id = ? AND NOT EXISTS (SELECT 1 FROM expert_subscription o "
                + "WHERE o.member_id = e.member_id AND o.tag_id = ?)", into.id(), from.id(), into.id());
        sql.update("INSERT INTO expert_opt_out (member_id, tag_id, created_at) SELECT o.member_id, ?, o.created_at "
                + "FROM expert_opt_out o WHERE o.tag_id = ? AND NOT EXISTS (SELECT 1 FROM expert_opt_out p "
                + "WHERE p.member_id = o.member_id AND p.tag_id = ?)", into.id(), from.id(), into.id());
        sql.update("UPDATE tag_alias SET tag_id = ? WHERE tag_id = ?", into.id(), from.id());
        remove(sql, from.id());
        addAlias(sql, workspaceId, from.name(), into.id());
        markModerated(sql, into.id());
        sql.update("DELETE FROM tag_reputation WHERE tag_id = ?", into.id());
        sql.update("INSERT INTO tag_reputation (member_id, tag_id, points) SELECT r.member_id, qt.tag_id, SUM(r.delta) "
                + "FROM reputation_event r JOIN question_tag qt ON qt.question_id = r.question_id WHERE qt.tag_id = ? "
                + "GROUP BY r.member_id, qt.tag_id HAVING SUM(r.delta) <> 0", into.id());
    }

    public void addAlias(Sql sql, long workspaceId, String alias, long tagId) throws SQLException {
        sql.update("INSERT INTO tag_alias (workspace_id, alias, tag_id) VALUES (?, ?, ?)", workspaceId, alias, tagId);
    }

    /** The known tags named (or aliased) by any of the words, in the words' order. */
    public List<Tag> findKnown(Sql sql, long workspaceId, List<String> words) throws SQLException {
        if (words.isEmpty()) {
            return List.of();
        }
        String marks = Sql.marks(words.size());
        Object[] args = new Object[words.size() + 1];
        args[0] = workspaceId;
        for (int i = 0; i < words.size(); i++) {
            args[i + 1] = words.get(i);
        }
        Map<String, Tag> byWord = new LinkedHashMap<>();
        for (Object[] hit : sql.list("SELECT name AS word, id, name FROM tag WHERE workspace_id = ? AND name IN (" + marks
                + ") UNION ALL SELECT a.alias AS word, t.id, t.name FROM tag_alias a JOIN tag t ON t.id = a.tag_id "
                + "WHERE a.workspace_id = ? AND a.alias IN (" + marks + ")",
                row -> new Object[] {row.getString("word"), new Tag(row.getLong("id"), row.getString("name"))},
                concat(args, args))) {
            byWord.put((String) hit[0], (Tag) hit[1]);
        }
        Map<Long, Tag> ordered = new LinkedHashMap<>();
        for (String word : words) {
            Tag tag = byWord.get(word);
            if (tag != null) {
                ordered.putIfAbsent(tag.id(), tag);
            }
        }
        return new ArrayList<>(ordered.values());
    }

    public List<String> names(Sql sql, long workspaceId, String prefix, int limit) throws SQLException {
        return sql.list("SELECT name FROM tag WHERE workspace_id = ? AND name LIKE ? ORDER BY name FETCH FIRST "
                + limit + " ROWS ONLY", row -> row.getString(1), workspaceId, escapeLike(prefix) + "%");
    }

    public List<TagStats> stats(Sql sql, long workspaceId, int limit) throws SQLException {
        return sql.list("SELECT t.name, "
                + "(SELECT COUNT(*) FROM question_tag qt WHERE qt.tag_id = t.id) AS questions, "
                + "(SELECT COUNT(*) FROM expert_subscription e WHERE e.tag_id = t.id) AS experts "
                + "FROM tag t WHERE t.workspace_id = ? ORDER BY questions DESC, experts DESC, t.name "
                + "FETCH FIRST " + limit + " ROWS ONLY",
                row -> new TagStats(row.getString("name"), row.getLong("questions"), row.getLong("experts")),
                workspaceId);
    }

    /** @return false when the member already had the tag */
    public boolean subscribe(Sql sql, long memberId, long tagId, Instant now) throws SQLException {
        if (sql.count("SELECT COUNT(*) FROM expert_subscription WHERE member_id = ? AND tag_id = ?", memberId, tagId) > 0) {
            return false;
        }
        sql.update("INSERT INTO expert_subscription (member_id, tag_id, created_at) VALUES (?, ?, ?)",
                memberId, tagId, now);
        return true;
    }

    public boolean unsubscribe(Sql sql, long memberId, long tagId) throws SQLException {
        return sql.update("DELETE FROM expert_subscription WHERE member_id = ? AND tag_id = ?", memberId, tagId) > 0;
    }

    public void describe(Sql sql, long tagId, String description) throws SQLException {
        sql.update("UPDATE tag SET description = ? WHERE id = ?", description, tagId);
    }

    public List<String> subscriptionsOf(Sql sql, long memberId) throws SQLException {
        return sql.list("SELECT t.name FROM expert_subscription e JOIN tag t ON t.id = e.tag_id "
                + "WHERE e.member_id = ? ORDER BY t.name", row -> row.getString(1), memberId);
    }

    public List<MemberRow> expertsOf(Sql sql, long tagId) throws SQLException {
        return sql.list("SELECT m.id, m.workspace_id, m.user_id, m.display_name, m.reputation, m.answer_count, "
                + "m.accepted_count, m.last_mentioned_at FROM expert_subscription e JOIN member m ON m.id = e.member_id "
                + "WHERE e.tag_id = ? ORDER BY m.reputation DESC, m.id", MemberRepository::map, tagId);
    }

    /** Everyone who declared at least one of the tags, with how many and their reputation in those tags. */
    public List<ExpertRanker.Candidate> candidates(Sql sql, Collection<Long> tagIds) throws SQLException {
        if (tagIds.isEmpty()) {
            return List.of();
        }
        if (tagIds.size() == 1) {
            // Most questions have one tag: a plain join, without the grouping and the per-expert subquery (each
            // expert declares a tag once and has one reputation row in it), is a third of routing's reads less.
            return sql.list("SELECT m.id, m.last_mentioned_at, COALESCE(tr.points, 0) AS tag_points "
                            + "FROM expert_subscription e JOIN member m ON m.id = e.member_id "
                            + "LEFT JOIN tag_reputation tr ON tr.member_id = e.member_id AND tr.tag_id = e.tag_id "
                            + "WHERE e.tag_id = ?",
                    row -> new ExpertRanker.Candidate(row.getLong("id"), 1, row.getLong("tag_points"),
                            Sql.instant(row, "last_mentioned_at")),
                    tagIds.iterator().next());
        }
        String marks = Sql.marks(tagIds.size());
        Object[] ids = tagIds.toArray();
        return sql.list("SELECT m.id, COUNT(*) AS declared, m.last_mentioned_at, "
                        + "COALESCE((SELECT SUM(tr.points) FROM tag_reputation tr WHERE tr.member_id = m.id "
                        + "AND tr.tag_id IN (" + marks + ")), 0) AS tag_points "
                        + "FROM expert_subscription e JOIN member m ON m.id = e.member_id "
                        + "WHERE e.tag_id IN (" + marks + ") GROUP BY m.id, m.last_mentioned_at",
                row -> new ExpertRanker.Candidate(row.getLong("id"), row.getInt("declared"),
                        row.getLong("tag_points"), Sql.instant(row, "last_mentioned_at")),
                concat(ids, ids));
    }

    static Object[] concat(Object[] first, Object[] second) {
        Object[] all = new Object[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
