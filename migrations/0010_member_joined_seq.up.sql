-- SPDX-License-Identifier: Apache-2.0
-- Watermarks start at joining (docs/protocol.md, "Receipts"): a member's receipts cover only the
-- messages after `joined_seq`, the conversation's last seq when they joined (or re-joined). A
-- member added to a group with 300 messages of history has not read them, whatever read_seq says.

ALTER TABLE conversation_members ADD COLUMN joined_seq bigint NOT NULL DEFAULT 0;

-- Members from before this column: the newest message written before they joined is the best
-- record of where they came in. Never above their watermarks, which have only ever moved up
-- from their joining seq.
UPDATE conversation_members cm
SET joined_seq = LEAST(cm.delivered_seq, cm.read_seq, COALESCE(
    (SELECT max(m.seq) FROM messages m
     WHERE m.conversation_id = cm.conversation_id AND m.created_at < cm.joined_at), 0));

ALTER TABLE conversation_members
    ADD CONSTRAINT conversation_members_joined_seq
    CHECK (joined_seq >= 0 AND delivered_seq >= joined_seq AND read_seq >= joined_seq);
