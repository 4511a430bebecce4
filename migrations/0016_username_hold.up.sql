-- SPDX-License-Identifier: Apache-2.0
-- A username someone gives up (renamed, or account deleted) stays theirs for 30 days, so
-- nobody else can claim it at once and pass as them to the people who knew it (issue #11).
-- Done in the database so that every way a username changes is covered.
CREATE TABLE released_usernames (
    username     text PRIMARY KEY,
    released_by  uuid NOT NULL,
    released_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX released_usernames_released_at_idx ON released_usernames (released_at);

CREATE FUNCTION natter_remember_released_username() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.username IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.username IS DISTINCT FROM OLD.username) THEN
        INSERT INTO released_usernames (username, released_by, released_at)
        VALUES (lower(OLD.username), OLD.id, now())
        ON CONFLICT (username) DO UPDATE
            SET released_by = EXCLUDED.released_by, released_at = EXCLUDED.released_at;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION natter_refuse_held_username() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.username IS NOT NULL AND EXISTS (
        SELECT 1 FROM released_usernames r
        WHERE r.username = lower(NEW.username)
          AND r.released_by <> NEW.id
          AND r.released_at > now() - interval '30 days') THEN
        -- The same error as a taken name: the client says "taken", as it is.
        RAISE EXCEPTION 'username % is held after its release', NEW.username
            USING ERRCODE = 'unique_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER users_remember_released_username
    AFTER UPDATE OF username OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION natter_remember_released_username();
CREATE TRIGGER users_refuse_held_username
    BEFORE INSERT OR UPDATE OF username ON users
    FOR EACH ROW EXECUTE FUNCTION natter_refuse_held_username();
