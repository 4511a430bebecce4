-- SPDX-License-Identifier: Apache-2.0
DROP INDEX IF EXISTS messages_withheld_idx;
ALTER TABLE messages DROP COLUMN IF EXISTS withheld_from;
