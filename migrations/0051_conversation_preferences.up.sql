-- SPDX-License-Identifier: Apache-2.0
-- Per-member choices about a conversation (issue 18): mute, pin, archive. They live on the
-- member's row, so they go when the member leaves, and the conversation list reads them with
-- the row it already reads.
--
-- muted_until: NULL = not muted; 'infinity' = until turned back on; a past time = no longer.
-- archived_at_seq: the conversation's last seq when it was archived. The conversation counts as
-- archived while nothing newer arrived, or while it is muted (a muted chat stays archived), so
-- sending needs no write here: the list compares it with conversations.last_seq.
ALTER TABLE conversation_members
    ADD COLUMN muted_until timestamptz,
    ADD COLUMN pinned_at timestamptz,
    ADD COLUMN archived_at_seq bigint;
