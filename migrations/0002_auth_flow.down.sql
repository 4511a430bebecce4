-- SPDX-License-Identifier: Apache-2.0
DROP TABLE desktop_codes;
DROP TABLE oauth_states;
DROP TYPE oauth_client;
