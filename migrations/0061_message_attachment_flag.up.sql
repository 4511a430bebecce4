-- SPDX-License-Identifier: Apache-2.0
-- Whether a message has attachments (issue 10, the history page). A page read the uploads
-- index once for each of its 50 messages although almost none has a file; with this flag the
-- history reader asks for attachments only for the messages that have some. A trigger on
-- uploads keeps it, so every path that attaches or removes files (a send, a message deleted,
-- an account deleted, a cascade where no server code runs) keeps it right by construction.
ALTER TABLE messages ADD COLUMN has_attachments boolean NOT NULL DEFAULT false;

UPDATE messages m SET has_attachments = true
WHERE EXISTS (SELECT 1 FROM uploads up WHERE up.message_id = m.id);

CREATE FUNCTION natter_keep_attachment_flag() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.message_id IS NOT NULL
            AND (TG_OP = 'DELETE' OR NEW.message_id IS DISTINCT FROM OLD.message_id) THEN
        UPDATE messages SET has_attachments = EXISTS (
            SELECT 1 FROM uploads up WHERE up.message_id = OLD.message_id)
        WHERE id = OLD.message_id AND has_attachments;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.message_id IS NOT NULL THEN
        UPDATE messages SET has_attachments = true
        WHERE id = NEW.message_id AND NOT has_attachments;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER uploads_keep_attachment_flag
    AFTER INSERT OR DELETE OR UPDATE OF message_id ON uploads
    FOR EACH ROW EXECUTE FUNCTION natter_keep_attachment_flag();
