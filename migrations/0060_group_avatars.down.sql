-- SPDX-License-Identifier: Apache-2.0
-- The files of the deleted rows are removed by the upload sweep (0030's trigger).
DELETE FROM uploads WHERE purpose = 'group_avatar';
DROP INDEX IF EXISTS uploads_one_group_avatar;
ALTER TABLE uploads
    DROP CONSTRAINT uploads_group_avatar_has_group,
    DROP CONSTRAINT uploads_purpose,
    ADD CONSTRAINT uploads_purpose CHECK (purpose IN ('attachment', 'avatar')),
    DROP COLUMN conversation_id;
