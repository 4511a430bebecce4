-- SPDX-License-Identifier: Apache-2.0
-- Presence (issue 18): online / last seen, from the sockets of every server process.
--
-- Each process records which users have at least one socket on it (presence_sessions, one row
-- per process and user, written only when that changes) and says it is alive every few seconds
-- (presence_processes). A user is online while a row of theirs belongs to a process that is
-- alive, so the sessions of a process that died stop counting without anyone cleaning up.
-- presence_announced_at rate-limits the `presence` event to one per user per few seconds
-- across all processes; presence_hidden is the privacy setting (hidden: nobody sees yours,
-- and you see nobody's).
ALTER TABLE users
    ADD COLUMN last_seen_at timestamptz,
    ADD COLUMN presence_hidden boolean NOT NULL DEFAULT false,
    ADD COLUMN presence_announced_at timestamptz;

CREATE TABLE presence_processes (
    origin   text PRIMARY KEY,
    alive_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE presence_sessions (
    origin  text NOT NULL REFERENCES presence_processes (origin) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (origin, user_id)
);
CREATE INDEX presence_sessions_user_idx ON presence_sessions (user_id);
