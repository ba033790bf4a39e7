-- Schema version 8: accounts for the web observatory's writes, and their API tokens.
-- Invariants the code relies on:
--  * no secret is stored: a password or a token is kept only as an Argon2id hash in the
--    encoded form ($argon2id$v=19$m=...,t=...,p=...$SALT$HASH), each with its own random salt;
--  * a token is "cst_" and 43 characters of base64url (32 random bytes); its first 8 characters
--    after "cst_" are its prefix, stored in clear and unique, so that checking a token reads one
--    row and computes one hash;
--  * times are UTC, ISO 8601.

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    password_hash TEXT, -- NULL: no password set (no web login)
    created TEXT NOT NULL
);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    prefix TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL,
    created TEXT NOT NULL,
    last_used TEXT
);
CREATE INDEX api_token_account ON api_token (account_id);
