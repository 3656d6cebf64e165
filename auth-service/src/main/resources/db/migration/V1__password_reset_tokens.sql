-- Single-use tokens of forgot-password and set-password links. Only a SHA-256 hash of each token is stored, so
-- a copy of this table cannot reset anyone's password.
CREATE TABLE password_reset_token (
    token_hash  bytea       PRIMARY KEY,
    user_id     text        NOT NULL,
    purpose     text        NOT NULL CHECK (purpose IN ('RESET', 'SET_PASSWORD')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

-- A reset spends all outstanding tokens of the user at once.
CREATE INDEX password_reset_token_outstanding ON password_reset_token (user_id) WHERE used_at IS NULL;
CREATE INDEX password_reset_token_expiry ON password_reset_token (expires_at);
