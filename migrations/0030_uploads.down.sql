-- SPDX-License-Identifier: Apache-2.0
DROP TRIGGER IF EXISTS uploads_remember_deletion ON uploads;
DROP FUNCTION IF EXISTS natter_remember_upload_deletion();
DROP TABLE IF EXISTS upload_deletions;
DROP TABLE IF EXISTS uploads;
