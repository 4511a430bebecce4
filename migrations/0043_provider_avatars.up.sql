-- SPDX-License-Identifier: Apache-2.0
-- Provider avatars are copied to the server at sign-in (issue #13), so no client loads an image
-- from a third-party host. A picture the provider offered waits here until it is copied; until
-- then the user has no avatar_url. Links stored before this migration wait the same way and are
-- copied at that user's next sign-in.
ALTER TABLE users ADD COLUMN provider_avatar_url text;
UPDATE users SET provider_avatar_url = avatar_url, avatar_url = NULL
 WHERE avatar_url IS NOT NULL AND avatar_url NOT LIKE '/api/v1/avatars/%';
