-- SPDX-License-Identifier: Apache-2.0
-- Sign-ins purge refresh tokens past their expiry (issue #11); this keeps that a range scan.
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
