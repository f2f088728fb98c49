-- Catch-up after downtime: per question thread, the newest chat message Bandura has read back from the platform.
-- Messages after it are read at the next start or non-resumed reconnect; older ones were already processed.
CREATE TABLE thread_catch_up (
    workspace_id     BIGINT                   NOT NULL REFERENCES workspace (id),
    thread_key       VARCHAR(100)             NOT NULL,
    last_message_key VARCHAR(100)             NOT NULL,
    caught_up_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, thread_key)
);
