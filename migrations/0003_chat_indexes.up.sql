-- SPDX-License-Identifier: Apache-2.0
-- Indexes the chat API's block-aware reads need (0001 has the rest).

-- "Messages of the users I blocked in this conversation, after my read watermark": the
-- unread count subtracts them, and it starts from the (few) rows of blocks.
CREATE INDEX messages_sender_conversation_seq_idx ON messages (sender_id, conversation_id, seq);
-- Reports of one user, for whoever reviews them.
CREATE INDEX reports_reported_user_idx ON reports (reported_user_id, created_at);
