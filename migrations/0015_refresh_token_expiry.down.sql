-- SPDX-License-Identifier: Apache-2.0
DROP INDEX IF EXISTS refresh_tokens_expires_idx;
