-- Login sessions and their refresh tokens (issue 13). An access token names its session; logout revokes the
-- session row. Refresh tokens are kept as SHA-256 hex only; each is used once (rotated_at set when it is
-- exchanged), and a rotated one presented again revokes its session.

CREATE TABLE sessions (
    id             UUID                     NOT NULL,
    user_id        UUID                     NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    revoked_reason VARCHAR(32),
    CONSTRAINT sessions_pk PRIMARY KEY (id),
    CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT sessions_revoked_check CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

-- "revoke all of a user's sessions"
CREATE INDEX sessions_user_idx ON sessions (user_id);
-- every instance asks once a second for the sessions revoked since it last looked
CREATE INDEX sessions_revoked_idx ON sessions (revoked_at);

CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64)              NOT NULL,
    session_id UUID                     NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT refresh_tokens_pk PRIMARY KEY (token_hash),
    CONSTRAINT refresh_tokens_session_fk FOREIGN KEY (session_id) REFERENCES sessions (id)
);

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
-- housekeeping forgets expired tokens
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
