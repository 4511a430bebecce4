-- SPDX-License-Identifier: Apache-2.0
-- Replies, edits, deletions, reactions and mentions (issue 12), and the change counter that
-- lets a client catch up with changes without downloading history again.
--
-- `conversations.last_rev` counts changes to the conversation's messages; a change takes the
-- next number (UPDATE ... RETURNING, which locks the row until COMMIT, so changes of one
-- conversation commit in rev order) and stores it as the message's `rev`. A message's rev
-- therefore grows with every change to it, and "every message with rev > N" is exactly what
-- changed after a client saw change N (docs/protocol.md, "Changes to messages").

ALTER TABLE messages
    ADD COLUMN reply_to_id uuid REFERENCES messages (id) ON DELETE SET NULL,
    ADD COLUMN edited_at timestamptz,
    -- A deleted message keeps its row, id and seq (gapless seqs); its body becomes ''.
    ADD COLUMN deleted boolean NOT NULL DEFAULT false,
    -- Members named as @username in the body, resolved when it is stored or edited.
    ADD COLUMN mentions uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN rev bigint NOT NULL DEFAULT 0;

ALTER TABLE conversations ADD COLUMN last_rev bigint NOT NULL DEFAULT 0;

-- Catch-up of changes: "messages of this conversation with rev > N", oldest change first.
-- Only changed messages are indexed.
CREATE INDEX messages_conversation_rev_idx ON messages (conversation_id, rev) WHERE rev > 0;
-- Deleting a conversation deletes its messages; each one checks who replied to it.
CREATE INDEX messages_reply_to_idx ON messages (reply_to_id) WHERE reply_to_id IS NOT NULL;
-- Mention counts: "messages after my read watermark that mention someone".
CREATE INDEX messages_mentions_idx ON messages (conversation_id, seq) WHERE mentions <> '{}';

CREATE TABLE message_reactions (
    message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      text NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, emoji, user_id),
    CONSTRAINT message_reactions_emoji_size CHECK (octet_length(emoji) BETWEEN 1 AND 32)
);
CREATE INDEX message_reactions_user_idx ON message_reactions (user_id);

-- The members of `conversation` named as @username in `body` (usernames are stored
-- lower-case; `@Alice` names alice). An @ right after a word character is not a mention
-- (an e-mail address). The send statement and edits both call it, so they cannot disagree.
CREATE FUNCTION natter_mentions(conversation uuid, body text) RETURNS uuid[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT cm.user_id), '{}')
    FROM conversation_members cm JOIN users u ON u.id = cm.user_id
    WHERE cm.conversation_id = conversation
      AND u.username IN (
          SELECT lower(found[1])
          FROM regexp_matches(body, '(?<![A-Za-z0-9_])@([A-Za-z0-9_]{3,32})(?![A-Za-z0-9_])', 'g')
              AS found)
$$;
