-- SPDX-License-Identifier: Apache-2.0
ALTER TABLE conversation_members DROP CONSTRAINT IF EXISTS conversation_members_joined_seq;
ALTER TABLE conversation_members DROP COLUMN IF EXISTS joined_seq;
