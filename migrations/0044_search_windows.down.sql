-- SPDX-License-Identifier: Apache-2.0
DROP INDEX messages_search_idx;
CREATE INDEX messages_search_idx ON messages
    USING gin (to_tsvector('natter_search'::regconfig, body_text)) WHERE NOT deleted;
DROP FUNCTION natter_search_document(uuid, timestamptz, text);
DROP FUNCTION natter_search_week(timestamptz);
