-- SPDX-License-Identifier: Apache-2.0
-- Invite links to groups (issue #14). The code is the secret (192 random bits, base64url).
CREATE TABLE conversation_invites (
    code            text PRIMARY KEY,
    conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    -- NULL: no limit.
    max_uses        integer CONSTRAINT conversation_invites_max_uses CHECK (max_uses > 0),
    uses            integer NOT NULL DEFAULT 0,
    revoked_at      timestamptz
);
CREATE INDEX conversation_invites_conversation_idx ON conversation_invites (conversation_id);

-- Who an admin removed from a group, and when: they may come back only through an invite
-- made after that (an old link they still hold does not undo the removal).
CREATE TABLE conversation_removals (
    conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    removed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id)
);
