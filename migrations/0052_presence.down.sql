-- SPDX-License-Identifier: Apache-2.0
DROP TABLE presence_sessions;
DROP TABLE presence_processes;
ALTER TABLE users
    DROP COLUMN presence_announced_at,
    DROP COLUMN presence_hidden,
    DROP COLUMN last_seen_at;
