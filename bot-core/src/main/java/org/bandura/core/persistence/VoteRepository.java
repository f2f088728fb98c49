package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bandura.core.model.PostRef;

/** One vote per member per post; a retracted vote is deleted so the member may vote again. */
public final class VoteRepository {

    public record VoteRow(long id, long voterId, int direction) {
    }

    public Optional<VoteRow> find(Sql sql, long voterId, PostRef.Kind kind, long postId) throws SQLException {
        return sql.one("SELECT id, voter_id, direction FROM vote WHERE voter_id = ? AND post_type = ? AND post_id = ?",
                row -> new VoteRow(row.getLong("id"), row.getLong("voter_id"), row.getInt("direction")),
                voterId, kind.prefix(), postId);
    }

    /**
     * Casts the vote unless the voter already has one on the post, as the batch's next statement. @return how many
     * votes it inserted: 1, or 0 when there was one already
     */
    public Sql.Answer<Integer> insertIfAbsent(Sql.Writes writes, long workspaceId, long voterId, PostRef.Kind kind,
                                              long postId, int direction, Instant now) {
        return writes.addCounted("INSERT INTO vote (workspace_id, voter_id, post_type, post_id, direction, created_at) "
                        + "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM vote "
                        + "WHERE voter_id = ? AND post_type = ? AND post_id = ?)",
                workspaceId, voterId, kind.prefix(), postId, direction, now, voterId, kind.prefix(), postId);
    }

    /** The voter's vote on the post, read by the batch's next statement (after the writes before it). */
    public Sql.Answer<Optional<VoteRow>> find(Sql.Writes writes, long voterId, PostRef.Kind kind, long postId) {
        return writes.addQuery("SELECT id, voter_id, direction FROM vote WHERE voter_id = ? AND post_type = ? "
                        + "AND post_id = ?",
                row -> new VoteRow(row.getLong("id"), row.getLong("voter_id"), row.getInt("direction")),
                voterId, kind.prefix(), postId);
    }

    public List<VoteRow> onPost(Sql sql, PostRef.Kind kind, long postId) throws SQLException {
        return sql.list("SELECT id, voter_id, direction FROM vote WHERE post_type = ? AND post_id = ? ORDER BY id",
                row -> new VoteRow(row.getLong("id"), row.getLong("voter_id"), row.getInt("direction")),
                kind.prefix(), postId);
    }

    public void delete(Sql sql, long voteId) throws SQLException {
        sql.update("DELETE FROM vote WHERE id = ?", voteId);
    }

    /**
     * The same, as the batch's next statement. @return how many votes it deleted: 0 when another transaction took
     * the vote back first (its deletion is waited for, then counted)
     */
    public Sql.Answer<Integer> delete(Sql.Writes writes, long voteId) {
        return writes.addCounted("DELETE FROM vote WHERE id = ?", voteId);
    }
}
