-- Web sign-in. /web in chat creates a one-time link; opening it starts a session. Only SHA-256 hashes of the
-- random tokens are stored, so a copy of the database can't be used to sign in. Sessions live here so several
-- processes share them. moderator: whether the platform made the member a moderator when they typed /web.
CREATE TABLE web_login_token (
    token_hash   VARCHAR(64) PRIMARY KEY,
    workspace_id BIGINT      NOT NULL REFERENCES workspace (id),
    member_id    BIGINT      NOT NULL REFERENCES member (id),
    moderator    BOOLEAN     DEFAULT FALSE NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE
);

CREATE TABLE web_session (
    session_hash VARCHAR(64) PRIMARY KEY,
    workspace_id BIGINT      NOT NULL REFERENCES workspace (id),
    member_id    BIGINT      NOT NULL REFERENCES member (id),
    moderator    BOOLEAN     DEFAULT FALSE NOT NULL,
    csrf_token   VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_web_session_member ON web_session (member_id);

-- A tag's description, edited by moderators on the tag's web page: the start of the internal wiki.
ALTER TABLE tag ADD COLUMN description VARCHAR(4000);
