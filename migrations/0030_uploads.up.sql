-- SPDX-License-Identifier: Apache-2.0
-- Uploaded images (issue 13). The bytes live in the file store (NATTER_DATA_DIR/uploads by
-- default); a row says what they are and who may see them: the uploader, and the members of
-- the conversation of the message the upload is attached to (docs/api.md, "Uploads").

CREATE TABLE uploads (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    uploader_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- 'attachment': for a message (removed after a day when never attached); 'avatar'.
    purpose        text NOT NULL DEFAULT 'attachment',
    -- Detected from the bytes, never taken from the client.
    content_type   text NOT NULL,
    size           bigint NOT NULL,
    -- As shown (after EXIF rotation), so clients can reserve the space before loading.
    width          integer NOT NULL,
    height         integer NOT NULL,
    name           text NOT NULL DEFAULT '',
    thumbnail_type text NOT NULL,
    -- Set once, when a message takes the upload; the upload goes with its message.
    message_id     uuid REFERENCES messages (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uploads_purpose CHECK (purpose IN ('attachment', 'avatar')),
    CONSTRAINT uploads_dimensions CHECK (size > 0 AND width > 0 AND height > 0),
    CONSTRAINT uploads_name_length CHECK (char_length(name) <= 255)
);
CREATE INDEX uploads_message_idx ON uploads (message_id) WHERE message_id IS NOT NULL;
-- The orphan sweep: attachments never attached, oldest first.
CREATE INDEX uploads_orphan_idx ON uploads (created_at)
    WHERE message_id IS NULL AND purpose = 'attachment';

-- Rows go away by cascade too (a deleted message, a deleted account), where no server code
-- runs: each deletion leaves its id here, and the sweep removes the files and then the id.
CREATE TABLE upload_deletions (
    upload_id  uuid PRIMARY KEY,
    deleted_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION natter_remember_upload_deletion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO upload_deletions (upload_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
    RETURN OLD;
END;
$$;

CREATE TRIGGER uploads_remember_deletion AFTER DELETE ON uploads
    FOR EACH ROW EXECUTE FUNCTION natter_remember_upload_deletion();
