DROP INDEX IF EXISTS users_display_name_prefix_idx;
