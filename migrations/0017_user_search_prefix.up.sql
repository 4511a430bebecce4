-- One- and two-character user searches match the start of a display name (a trigram index
-- cannot serve them, so "contains" scanned every user): this index serves that prefix.
CREATE INDEX users_display_name_prefix_idx ON users (lower(display_name) text_pattern_ops);
