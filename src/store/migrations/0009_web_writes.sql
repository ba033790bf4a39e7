-- Schema version 9: the web observatory's writes: browser sessions and self-registrations.
-- Invariants the code relies on:
--  * a session token is never stored: token_hash is the BLAKE2b (32 bytes, lower-case hex) of
--    the token the browser holds; the csrf token is stored as it is (it is no credential on its
--    own: a form needs it and the session cookie together); a session is valid while
--    expires > now (UTC, ISO 8601, compared as text), 12 hours after created;
--  * a registration is 'pending' until an editor or admin decides it, once: 'approved' (then
--    cluster_key is the cluster made from it, with the source 'registration:ID') or 'rejected'
--    (then reason is set); moderator and decided are set with the decision and never change;
--  * fields is the submitted profile as one JSON object of texts, named as the export names a
--    cluster's columns ("key", "name_en", ...), checked by the import's rules when submitted;
--    key, name_en, name_ru and country repeat its members for the queue's list;
--  * nothing of a pending or rejected registration is read by a public page, the API's public
--    routes or the search index: only the moderation queue reads this table;
--  * client is the submitter's address, kept for the limit on submissions per address.

CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_expires ON session (expires);

CREATE TABLE registration (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    key TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_ru TEXT,
    country TEXT NOT NULL,
    fields TEXT NOT NULL,
    contact TEXT NOT NULL,
    client TEXT NOT NULL,
    moderator TEXT,
    decided TEXT,
    reason TEXT,
    cluster_key TEXT
);
CREATE INDEX registration_status ON registration (status, id);
CREATE INDEX registration_client ON registration (client, time);
