-- ChirpChat's schema. One script for PostgreSQL and for H2 in MODE=PostgreSQL: only types and syntax both
-- understand. Text limits are twice the domain's (which counts code points) because H2 counts UTF-16 units;
-- the domain enforces the real limits, these only stop garbage.

CREATE TABLE users (
    id            UUID                     NOT NULL,
    username      VARCHAR(32)              NOT NULL,
    display_name  VARCHAR(128)             NOT NULL,
    password_hash VARCHAR(512)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (id),
    CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE chats (
    id               UUID                     NOT NULL,
    title            VARCHAR(400)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the newest event's seq: the row is locked to append, so seqs are gap-free in commit order
    last_seq         BIGINT                   NOT NULL,
    last_activity_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT chats_pk PRIMARY KEY (id),
    CONSTRAINT chats_last_seq_check CHECK (last_seq >= 0)
);

CREATE TABLE chat_members (
    chat_id   UUID                     NOT NULL,
    user_id   UUID                     NOT NULL,
    role      VARCHAR(16)              NOT NULL,
    joined_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- seq of the member_added event: lists members in the order they joined
    added_seq BIGINT                   NOT NULL,
    CONSTRAINT chat_members_pk PRIMARY KEY (chat_id, user_id),
    CONSTRAINT chat_members_chat_fk FOREIGN KEY (chat_id) REFERENCES chats (id),
    CONSTRAINT chat_members_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT chat_members_role_check CHECK (role IN ('owner', 'admin', 'member'))
);

-- "my chats" and positions start from the user
CREATE INDEX chat_members_user_idx ON chat_members (user_id);

CREATE TABLE messages (
    id                     UUID                     NOT NULL,
    chat_id                UUID                     NOT NULL,
    seq                    BIGINT                   NOT NULL,
    author_id              UUID                     NOT NULL,
    kind                   VARCHAR(8)               NOT NULL,
    body                   VARCHAR(8000),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted                BOOLEAN                  NOT NULL,
    deleted_at             TIMESTAMP WITH TIME ZONE,
    client_message_id      VARCHAR(64),
    media_status           VARCHAR(16),
    media_resource_type    VARCHAR(16),
    media_asset_key        VARCHAR(512),
    media_format           VARCHAR(64),
    media_bytes            BIGINT,
    media_width            INTEGER,
    media_height           INTEGER,
    media_duration_seconds DOUBLE PRECISION,
    -- variant names joined with ',' (names are identifiers such as thumbnail_250)
    media_variants         VARCHAR(2000),
    media_failure_reason   VARCHAR(4000),
    CONSTRAINT messages_pk PRIMARY KEY (id),
    CONSTRAINT messages_chat_fk FOREIGN KEY (chat_id) REFERENCES chats (id),
    CONSTRAINT messages_author_fk FOREIGN KEY (author_id) REFERENCES users (id),
    -- also the index for paging a chat's history by seq
    CONSTRAINT messages_chat_seq_key UNIQUE (chat_id, seq),
    -- NULL client ids never collide (NULLs are distinct in both databases)
    CONSTRAINT messages_client_id_key UNIQUE (chat_id, author_id, client_message_id),
    CONSTRAINT messages_kind_check CHECK (kind IN ('text', 'media')),
    -- a tombstone keeps nothing that was said or shown, whatever the code above this does
    CONSTRAINT messages_tombstone_check CHECK (NOT deleted OR (body IS NULL AND media_status IS NULL
                                                               AND media_asset_key IS NULL AND media_format IS NULL
                                                               AND media_variants IS NULL))
);

-- Events are references; the message-bearing ones are rendered from the message as it is now, so deleting a
-- message scrubs its text from the log too.
CREATE TABLE chat_events (
    chat_id     UUID                     NOT NULL,
    seq         BIGINT                   NOT NULL,
    event_type  VARCHAR(32)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    message_id  UUID,
    user_id     UUID,
    role        VARCHAR(16),
    CONSTRAINT chat_events_pk PRIMARY KEY (chat_id, seq),
    CONSTRAINT chat_events_chat_fk FOREIGN KEY (chat_id) REFERENCES chats (id),
    CONSTRAINT chat_events_message_fk FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT chat_events_seq_check CHECK (seq >= 1)
);
