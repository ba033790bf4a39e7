-- Schema version 7: the history of the registry's changes. Every change to a cluster's profile
-- field, a fact or a membership is a revision; nothing overwrites one, and an edit or a revert
-- (the web observatory's writes) adds revisions as import does.
-- Invariants the code relies on:
--  * old_value NULL: the record was new (nothing before); new_value NULL: the value was emptied
--    or (a fact) removed; a value is the text as stored (a fact's value as written);
--  * subject is a cluster key, country code or region key of subject_kind; for target
--    'profile' field is the cluster column (name_en, city, ...), for 'fact' the fact name with
--    year (0 = undated), for 'membership' the organisation key, or '*' for the memberships one
--    import added to the cluster (new_value their count, locator the files);
--  * time is UTC, ISO 8601 (2026-12-03T18:50:15Z); one import writes all its revisions with
--    one time and author 'import'.

CREATE TABLE revision (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    author TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('import', 'edit', 'revert')),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('cluster', 'country', 'region')),
    subject TEXT NOT NULL,
    target TEXT NOT NULL CHECK (target IN ('profile', 'fact', 'membership')),
    field TEXT NOT NULL,
    year INTEGER NOT NULL DEFAULT 0,
    old_value TEXT,
    new_value TEXT,
    source TEXT,
    locator TEXT,
    quote TEXT,
    reverts INTEGER REFERENCES revision (id)
);
CREATE INDEX revision_subject ON revision (subject_kind, subject, id);
