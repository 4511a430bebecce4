-- SPDX-License-Identifier: Apache-2.0
-- Message search at 5 million messages (issue 12). Before, a word of middling frequency (too
-- rare to fill a page among the newest 10,000 messages, yet in thousands of older ones) read
-- every match from the table and sorted them: seconds, cold. Now the indexed document of a
-- message also holds two tags, its conversation (`~c<uuid>`) and its week (`~w<weeks since
-- 1970>`), so one text query asks the index for "this word in these weeks" or "this word in this
-- conversation", and only rows that match are read. GIN answers such an AND inside one scan,
-- skipping through the long tag lists at the word's few positions. The text parser never makes a
-- word that starts with `~`, so typed text cannot match a tag.

-- Weeks since 1970 in UTC. Interval arithmetic rather than extract(epoch FROM timestamptz),
-- which PostgreSQL marks STABLE: this one is immutable, as an index needs.
CREATE FUNCTION natter_search_week(at timestamptz) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN floor(extract(epoch FROM (at - timestamptz '1970-01-01 00:00:00+00')) / 604800)::integer;

CREATE FUNCTION natter_search_document(conversation uuid, at timestamptz, body text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('natter_search'::regconfig, body)
        || array_to_tsvector(ARRAY['~c' || conversation::text, '~w' || natter_search_week(at)::text]);

DROP INDEX messages_search_idx;
CREATE INDEX messages_search_idx ON messages
    USING gin (natter_search_document(conversation_id, created_at, body_text)) WHERE NOT deleted;
