-- SPDX-License-Identifier: Apache-2.0
-- A group's picture, set by its admins (issue 18). It is an upload like a user's avatar (the
-- same checks, stripped of metadata, served small), but it belongs to the group, not to the
-- admin who set it: `conversation_id` ties it to its group, which goes when the group goes,
-- and only the group's members may read it. One picture per group at a time.
ALTER TABLE uploads
    ADD COLUMN conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
    DROP CONSTRAINT uploads_purpose,
    ADD CONSTRAINT uploads_purpose CHECK (purpose IN ('attachment', 'avatar', 'group_avatar')),
    ADD CONSTRAINT uploads_group_avatar_has_group
        CHECK ((purpose = 'group_avatar') = (conversation_id IS NOT NULL));
CREATE UNIQUE INDEX uploads_one_group_avatar ON uploads (conversation_id)
    WHERE purpose = 'group_avatar';
