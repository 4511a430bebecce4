-- SPDX-License-Identifier: Apache-2.0
DROP FUNCTION natter_mentions(uuid, text);
DROP TABLE message_reactions;
ALTER TABLE conversations DROP COLUMN last_rev;
ALTER TABLE messages
    DROP COLUMN reply_to_id,
    DROP COLUMN edited_at,
    DROP COLUMN deleted,
    DROP COLUMN mentions,
    DROP COLUMN rev;
