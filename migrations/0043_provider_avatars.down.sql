-- SPDX-License-Identifier: Apache-2.0
UPDATE users SET avatar_url = provider_avatar_url
 WHERE avatar_url IS NULL AND provider_avatar_url IS NOT NULL;
ALTER TABLE users DROP COLUMN provider_avatar_url;
