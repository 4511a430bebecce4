-- SPDX-License-Identifier: Apache-2.0
DROP TABLE admin_audit;
ALTER TABLE messages DROP COLUMN removed_by, DROP COLUMN removed_at;
DROP INDEX reports_resolved_idx;
ALTER TABLE reports DROP COLUMN resolution_note, DROP COLUMN resolution, DROP COLUMN resolved_by;
ALTER TABLE users DROP COLUMN suspended_at;
DROP TABLE instance_admins;
