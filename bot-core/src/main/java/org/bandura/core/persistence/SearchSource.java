package org.bandura.core.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a question's search document is built from: its text, tags and answers. */
public final class SearchSource {

    /** The searchable facts of one question; {@code deleted} ones must leave the index. */
    public record Document(long id, long workspaceId, long number, String title, String body, boolean deleted,
                           List<String> tags, List<String> answers, String acceptedAnswer, int answerCount) {

        public boolean accepted() {
            return acceptedAnswer != null;
        }
    }

    private record Head(long id, long workspaceId, long number, String title, String body, boolean deleted,
                        int answerCount, Long acceptedAnswerId) {
    }

    private static final String HEAD = "SELECT id, workspace_id, number, title, body, deleted_at, answer_count, "
            + "accepted_answer_id FROM question ";

    /** The questions with these ids that still exist (deleted ones included, flagged). */
    public List<Document> byIds(Sql sql, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Head> heads = sql.list(HEAD + "WHERE id IN (" + Sql.marks(ids.size()) + ")", SearchSource::head, ids.toArray());
        Object[] found = heads.stream().map(Head::id).toArray();
        return found.length == 0 ? List.of() : assemble(heads, "IN (" + Sql.marks(found.length) + ")", found, sql);
    }

    /** Live questions with ids above {@code afterId}, in id order: one page of a full rebuild. */
    public List<Document> livePage(Sql sql, long afterId, int limit) throws SQLException {
        List<Head> heads = sql.list(HEAD + "WHERE id > ? AND deleted_at IS NULL ORDER BY id FETCH FIRST " + limit
                + " ROWS ONLY", SearchSource::head, afterId);
        if (heads.isEmpty()) {
            return List.of();
        }
        // A page is a run of ids: its tags and answers are one range scan each, not a thousand-value IN list.
        return assemble(heads, "BETWEEN ? AND ?", new Object[] {heads.get(0).id(), heads.get(heads.size() - 1).id()},
                sql);
    }

    public long liveCount(Sql sql) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM question WHERE deleted_at IS NULL");
    }

    public boolean anyQuestion(Sql sql) throws SQLException {
        return sql.one("SELECT 1 FROM question FETCH FIRST 1 ROWS ONLY", row -> true).isPresent();
    }

    /** {@code questionIds} is a condition on question ids that holds for every head (and maybe others, ignored). */
    private List<Document> assemble(List<Head> heads, String questionIds, Object[] ids, Sql sql) throws SQLException {
        String in = questionIds;
        Map<Long, List<String>> tags = new HashMap<>();
        for (Object[] row : sql.list("SELECT qt.question_id, t.name FROM question_tag qt JOIN tag t ON t.id = qt.tag_id "
                + "WHERE qt.question_id " + in + " ORDER BY t.name", r -> new Object[] {r.getLong(1), r.getString(2)},
                ids)) {
            tags.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((String) row[1]);
        }
        Map<Long, Map<Long, String>> answers = new HashMap<>();
        for (Object[] row : sql.list("SELECT question_id, id, body FROM answer WHERE question_id " + in
                + " ORDER BY id", r -> new Object[] {r.getLong(1), r.getLong(2), r.getString(3)}, ids)) {
            answers.computeIfAbsent((Long) row[0], k -> new LinkedHashMap<>()).put((Long) row[1], (String) row[2]);
        }
        List<Document> documents = new ArrayList<>(heads.size());
        for (Head head : heads) {
            Map<Long, String> own = new LinkedHashMap<>(answers.getOrDefault(head.id(), Map.of()));
            String accepted = head.acceptedAnswerId() == null ? null : own.remove(head.acceptedAnswerId());
            documents.add(new Document(head.id(), head.workspaceId(), head.number(), head.title(), head.body(),
                    head.deleted(), tags.getOrDefault(head.id(), List.of()), List.copyOf(own.values()), accepted,
                    head.answerCount()));
        }
        return documents;
    }

    private static Head head(java.sql.ResultSet row) throws SQLException {
        return new Head(row.getLong("id"), row.getLong("workspace_id"), row.getLong("number"), row.getString("title"),
                row.getString("body"), row.getObject("deleted_at") != null, row.getInt("answer_count"),
                Sql.nullableLong(row, "accepted_answer_id"));
    }
}
