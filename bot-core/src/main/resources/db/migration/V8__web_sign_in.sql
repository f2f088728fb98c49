-- Web sign-in. /web in chat creates a one-time link; opening it starts a session. Only SHA-256 hashes of the
-- random tokens are stored, so a copy of the database can't be used to sign in. Sessions live here so several
-- processes share them.
CREATE TABLE web_login_token (
    token_hash   VARCHAR(64) PRIMARY KEY,
    workspace_id BIGINT      NOT NULL REFERENCES workspace (id),
    member_id    BIGINT      NOT NULL REFERENCES member (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE
);

CREATE TABLE web_session (
    session_hash VARCHAR(64) PRIMARY KEY,
    workspace_id BIGINT      NOT NULL REFERENCES workspace (id),
    member_id    BIGINT      NOT NULL REFERENCES member (id),
    csrf_token   VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_web_session_member ON web_session (member_id);
