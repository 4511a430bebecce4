-- SPDX-License-Identifier: Apache-2.0
ALTER TABLE users DROP COLUMN deleted_at;
