-- SPDX-License-Identifier: Apache-2.0
-- Natter's data model. Receipts are per-member watermarks on conversation_members
-- (delivered_seq, read_seq), never a row per message per reader: see docs/architecture.md.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- NULL until the user claims one; stored lower-case.
    username     text,
    display_name text NOT NULL,
    avatar_url   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_username_format CHECK (username IS NULL OR username ~ '^[a-z0-9_]{3,32}$'),
    CONSTRAINT users_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 64)
);
-- Unique case-insensitively; also serves exact lookups by lower(username).
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
-- Prefix search ("ali" finds "alice") with LIKE 'ali%' on lower(username).
CREATE INDEX users_username_prefix_idx ON users (lower(username) text_pattern_ops);
-- Substring / fuzzy search on display names, fast on a million users.
CREATE INDEX users_display_name_trgm_idx ON users USING gin (lower(display_name) gin_trgm_ops);

CREATE TABLE oauth_identities (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider         text NOT NULL,
    provider_user_id text NOT NULL,
    -- The provider's login name (GitHub's `login`), offered as the default username.
    provider_login   text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT oauth_identities_provider_user_key UNIQUE (provider, provider_user_id)
);
CREATE INDEX oauth_identities_user_idx ON oauth_identities (user_id);

CREATE TYPE conversation_type AS ENUM ('dm', 'group');
CREATE TYPE member_role AS ENUM ('member', 'admin');

CREATE TABLE conversations (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type            conversation_type NOT NULL,
    title           text,
    created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- The seq of the newest message. Sending locks this row, increments it and inserts the
    -- message in one transaction, so seqs are gapless and unique under any concurrency.
    last_seq        bigint NOT NULL DEFAULT 0,
    -- Orders the conversation list by activity without scanning messages.
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    -- For DMs: the two member ids in sorted order, so a pair has at most one DM.
    dm_key          text,
    CONSTRAINT conversations_dm_key_unique UNIQUE (dm_key),
    CONSTRAINT conversations_dm_key_only_dm CHECK ((type = 'dm') = (dm_key IS NOT NULL))
);

CREATE TABLE conversation_members (
    conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            member_role NOT NULL DEFAULT 'member',
    joined_at       timestamptz NOT NULL DEFAULT now(),
    -- Watermarks: every message with seq <= these is delivered / read for this member.
    delivered_seq   bigint NOT NULL DEFAULT 0,
    read_seq        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id),
    CONSTRAINT conversation_members_watermarks CHECK (delivered_seq >= 0 AND read_seq >= 0)
);
-- "My conversations" starts from the member rows of one user.
CREATE INDEX conversation_members_user_idx ON conversation_members (user_id);

CREATE TABLE messages (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             bigint NOT NULL,
    sender_id       uuid REFERENCES users (id) ON DELETE SET NULL,
    body_text       text NOT NULL,
    client_msg_id   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_seq_positive CHECK (seq > 0),
    -- A retry with the same client_msg_id finds the first message instead of adding one.
    CONSTRAINT messages_sender_client_msg_id_key UNIQUE (sender_id, client_msg_id)
);
-- History pages (seq < before, newest first), catch-up (seq > after) and uniqueness of seq.
CREATE UNIQUE INDEX messages_conversation_seq_key ON messages (conversation_id, seq DESC);

CREATE TABLE blocks (
    blocker_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CONSTRAINT blocks_not_self CHECK (blocker_id <> blocked_id)
);
-- "Who blocked me" for search and DM creation.
CREATE INDEX blocks_blocked_idx ON blocks (blocked_id);

CREATE TABLE reports (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reporter_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reported_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message_id       uuid REFERENCES messages (id) ON DELETE SET NULL,
    reason           text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    resolved_at      timestamptz
);
CREATE INDEX reports_open_idx ON reports (created_at) WHERE resolved_at IS NULL;

CREATE TABLE refresh_tokens (
    -- SHA-256 of the token's jti; the token itself is never stored.
    jti_hash    bytea PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Every rotation of one sign-in shares a family; reuse of a rotated token revokes it.
    family_id   uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    rotated_at  timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
