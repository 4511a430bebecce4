-- SPDX-License-Identifier: Apache-2.0
-- A message sent in a DM by someone the other member blocked is stored for its sender but
-- withheld from the blocker for good, also after an unblock (docs/protocol.md, "Blocks"). The
-- mark is set when the message is stored and never changes.

ALTER TABLE messages ADD COLUMN withheld_from uuid REFERENCES users (id) ON DELETE SET NULL;

-- "Messages withheld from me in this conversation after my read watermark" (unread counts);
-- only the few withheld rows are indexed.
CREATE INDEX messages_withheld_idx ON messages (withheld_from, conversation_id, seq)
    WHERE withheld_from IS NOT NULL;
