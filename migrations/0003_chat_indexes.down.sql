-- SPDX-License-Identifier: Apache-2.0
DROP INDEX IF EXISTS reports_reported_user_idx;
DROP INDEX IF EXISTS messages_sender_conversation_seq_idx;
