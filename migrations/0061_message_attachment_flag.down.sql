-- SPDX-License-Identifier: Apache-2.0
DROP TRIGGER IF EXISTS uploads_keep_attachment_flag ON uploads;
DROP FUNCTION IF EXISTS natter_keep_attachment_flag();
ALTER TABLE messages DROP COLUMN IF EXISTS has_attachments;
