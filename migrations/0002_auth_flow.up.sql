-- SPDX-License-Identifier: Apache-2.0
-- Sign-in state that must outlive one request but not much more: OAuth logins waiting for the
-- provider's callback, and one-time codes handed to the desktop app's loopback redirect.
-- Only hashes of the secrets are stored, so a read of these tables signs nobody in.

CREATE TYPE oauth_client AS ENUM ('web', 'desktop');

CREATE TABLE oauth_states (
    -- SHA-256 of the `state` sent to the provider: one row per started login, deleted when used.
    state_hash       bytea PRIMARY KEY,
    provider         text NOT NULL,
    -- SHA-256 of the browser-binding cookie of the browser that started the login; a callback
    -- from any other browser (login CSRF) finds no row.
    browser_hash     bytea NOT NULL,
    -- Our PKCE verifier towards the provider, and the OIDC nonce expected in the ID token.
    code_verifier    text NOT NULL,
    nonce            text,
    client           oauth_client NOT NULL DEFAULT 'web',
    -- Desktop only: the loopback redirect, its PKCE challenge and its own state, echoed back.
    redirect_uri     text,
    client_challenge text,
    client_state     text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    CONSTRAINT oauth_states_desktop_fields CHECK (
        client = 'web' OR (redirect_uri IS NOT NULL AND client_challenge IS NOT NULL))
);
CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at);

CREATE TABLE desktop_codes (
    -- SHA-256 of the one-time code given to the loopback redirect (valid about 60 s).
    code_hash      bytea PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_challenge text NOT NULL,
    redirect_uri   text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL
);
CREATE INDEX desktop_codes_expires_idx ON desktop_codes (expires_at);
