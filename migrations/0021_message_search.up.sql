-- SPDX-License-Identifier: Apache-2.0
-- Message search (issue 12): full-text, case and accent insensitive, any language. Chats mix
-- languages, so no stemming: the `simple` parser and dictionary after `unaccent` (so "Café",
-- "cafe" and "CAFÉ" are one word). Prefix matching comes from the query (`word:*`).
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION natter_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION natter_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part,
        numword, numhword, hword_numpart
    WITH unaccent, simple;

-- The search index. Deleted messages are not in it (their body is '' anyway); the query
-- repeats both the expression and `NOT deleted` so the planner can use it.
CREATE INDEX messages_search_idx ON messages
    USING gin (to_tsvector('natter_search'::regconfig, body_text)) WHERE NOT deleted;

-- Newest first across conversations: for a word in many messages, walking the newest
-- messages and keeping those that match finds a page long before the text index's list of
-- every match could be sorted. The search tries that first and falls back to the text index
-- (db/messagesearchrepository.cpp).
CREATE INDEX messages_created_at_idx ON messages (created_at DESC, id DESC);
