-- SPDX-License-Identifier: Apache-2.0
ALTER TABLE conversation_members
    DROP COLUMN archived_at_seq,
    DROP COLUMN pinned_at,
    DROP COLUMN muted_until;
