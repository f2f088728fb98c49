package org.bandura.core.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Outgoing;

/** Messages background jobs want posted, waiting for the front door of their platform. */
public final class OutboxRepository {

    public void add(Sql sql, long workspaceId, Long questionId, Outgoing.Audience audience, String recipientUserId,
                    List<String> mentionUserIds, String body, Instant now) throws SQLException {
        add(sql, workspaceId, questionId, audience, recipientUserId, mentionUserIds, body, List.of(), now);
    }

    public void add(Sql sql, long workspaceId, Long questionId, Outgoing.Audience audience, String recipientUserId,
                    List<String> mentionUserIds, String body, List<Action> actions, Instant now) throws SQLException {
        sql.insert("INSERT INTO outbox_message (workspace_id, question_id, audience, recipient_user_id, "
                + "mention_user_ids, body, actions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", workspaceId, questionId,
                audience.name(), recipientUserId, String.join(" ", mentionUserIds),
                body.length() > 4000 ? body.substring(0, 4000) : body, Action.encode(actions), now);
    }

    /**
     * Locks up to {@code limit} undelivered messages of the platform for this transaction, oldest first, skipping
     * rows another process is delivering.
     */
    public List<Outgoing> claimPending(Sql sql, String platform, int limit) throws SQLException {
        List<Long> ids = sql.list("SELECT id FROM outbox_message WHERE delivered_at IS NULL AND workspace_id IN "
                + "(SELECT id FROM workspace WHERE platform = ?) ORDER BY id FETCH FIRST " + limit
                + " ROWS ONLY FOR UPDATE SKIP LOCKED", row -> row.getLong(1), platform);
        List<Outgoing> messages = new ArrayList<>();
        for (long id : ids) {
            messages.add(sql.one("SELECT o.id, w.external_id, q.number, q.channel_key, q.thread_key, o.audience, "
                            + "o.recipient_user_id, o.mention_user_ids, o.body, o.actions FROM outbox_message o "
                            + "JOIN workspace w ON w.id = o.workspace_id LEFT JOIN question q ON q.id = o.question_id "
                            + "WHERE o.id = ?",
                    row -> new Outgoing(row.getLong(1), row.getString(2), Sql.nullableLong(row, "number"),
                            row.getString(4), row.getString(5), Outgoing.Audience.valueOf(row.getString(6)), row.getString(7),
                            Arrays.stream(row.getString(8).split(" ")).filter(user -> !user.isEmpty()).toList(),
                            row.getString(9), Action.decode(row.getString(10))), id).orElseThrow());
        }
        return messages;
    }

    public void markDelivered(Sql sql, long messageId, Instant now) throws SQLException {
        sql.update("UPDATE outbox_message SET delivered_at = ? WHERE id = ?", now, messageId);
    }

    public long pending(Sql sql) throws SQLException {
        return sql.count("SELECT COUNT(*) FROM outbox_message WHERE delivered_at IS NULL");
    }
}
