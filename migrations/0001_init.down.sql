-- SPDX-License-Identifier: Apache-2.0
DROP TABLE IF EXISTS refresh_tokens;
DROP TABLE IF EXISTS reports;
DROP TABLE IF EXISTS blocks;
DROP TABLE IF EXISTS messages;
DROP TABLE IF EXISTS conversation_members;
DROP TABLE IF EXISTS conversations;
DROP TYPE IF EXISTS member_role;
DROP TYPE IF EXISTS conversation_type;
DROP TABLE IF EXISTS oauth_identities;
DROP TABLE IF EXISTS users;
