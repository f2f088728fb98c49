-- Issue #8 §2: everything Bandura posts goes through the outbox, retried with back-off, in order per channel.
-- kind: MESSAGE (a job's message, rendered from audience/body) or an adapter-defined operation whose payload
-- (JSON text) only the adapter reads; order_key: the channel/thread it goes to (rows of one key go out one at a
-- time, oldest first); null: unordered.
ALTER TABLE outbox_message ADD COLUMN kind VARCHAR(40) DEFAULT 'MESSAGE' NOT NULL;
ALTER TABLE outbox_message ADD COLUMN order_key VARCHAR(200);
ALTER TABLE outbox_message ADD COLUMN payload VARCHAR(60000);
ALTER TABLE outbox_message ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE outbox_message ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox_message ADD COLUMN last_error VARCHAR(1000);
ALTER TABLE outbox_message ADD COLUMN failed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox_message ADD COLUMN platform_key VARCHAR(200);
CREATE INDEX ix_outbox_order ON outbox_message (workspace_id, order_key, delivered_at, failed_at, id);

-- The earliest time the next message may go to a channel (Slack: one message per second per channel), shared
-- by every process because it is updated in the transaction that claims the message.
CREATE TABLE outbox_pace (
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id),
    order_key    VARCHAR(200) NOT NULL,
    next_send_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, order_key)
);

-- A question asked from a chat front door waits for its post: until then it is hidden exactly like a deleted
-- question (deleted_at set), so search, /unanswered, similar questions, the web, health and the digest skip it
-- with their queries and indexes unchanged. The post clears both; a post that fails for good clears post_pending
-- only, leaving the question soft-deleted.
ALTER TABLE question ADD COLUMN post_pending BOOLEAN DEFAULT FALSE NOT NULL;
