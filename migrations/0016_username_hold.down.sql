-- SPDX-License-Identifier: Apache-2.0
DROP TRIGGER IF EXISTS users_refuse_held_username ON users;
DROP TRIGGER IF EXISTS users_remember_released_username ON users;
DROP FUNCTION IF EXISTS natter_refuse_held_username();
DROP FUNCTION IF EXISTS natter_remember_released_username();
DROP TABLE IF EXISTS released_usernames;
