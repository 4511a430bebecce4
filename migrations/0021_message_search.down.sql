-- SPDX-License-Identifier: Apache-2.0
DROP INDEX messages_created_at_idx;
DROP INDEX messages_search_idx;
DROP TEXT SEARCH CONFIGURATION natter_search;
-- unaccent stays: other objects of the database may use it.
