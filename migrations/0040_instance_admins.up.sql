-- SPDX-License-Identifier: Apache-2.0
-- Instance admins, suspension, the report queue's resolutions and the audit log (issue #14).

-- Admins granted with `natter-server admin grant`; those named in NATTER_ADMINS are admins
-- without a row here (the environment is the operator's, the table the command's).
CREATE TABLE instance_admins (
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_at timestamptz NOT NULL DEFAULT now()
);

-- A suspended user is refused everywhere (403 `suspended`) and cannot sign in; the row stays,
-- so their messages and the reports about them stay readable for the admins.
ALTER TABLE users ADD COLUMN suspended_at timestamptz;

-- How a report was resolved, by whom and why. `resolved_at` exists since 0001.
ALTER TABLE reports
    ADD COLUMN resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN resolution text
        CONSTRAINT reports_resolution_known
        CHECK (resolution IN ('dismiss', 'delete_message', 'suspend_user')),
    ADD COLUMN resolution_note text;
CREATE INDEX reports_resolved_idx ON reports (resolved_at DESC) WHERE resolved_at IS NOT NULL;
-- The user page (every report about one user) uses reports_reported_user_idx from 0003.

-- A message an admin removed after a report. The text is erased at once (the row keeps its id
-- and seq, as the contract's deleted messages do); this says who removed it and when.
ALTER TABLE messages
    ADD COLUMN removed_at timestamptz,
    ADD COLUMN removed_by uuid REFERENCES users (id) ON DELETE SET NULL;

-- Every admin action, kept when the admin's or the target's account is gone: names are copied,
-- ids are not foreign keys.
CREATE TABLE admin_audit (
    id              bigserial PRIMARY KEY,
    actor_id        uuid,
    actor_name      text NOT NULL,
    action          text NOT NULL,
    target_user_id  uuid,
    target_name     text,
    report_id       uuid,
    message_id      uuid,
    note            text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_created_idx ON admin_audit (created_at DESC, id DESC);
