-- SPDX-License-Identifier: Apache-2.0
DROP TABLE conversation_removals;
DROP TABLE conversation_invites;
