-- Schema version 1: the registry and stored assessments.
-- Invariants the code relies on:
--  * an unknown value is NULL (descriptive columns) or '' (fact.value), never 0 or false;
--  * every fact names a source; a fact's value is the text as written (">60"), parsed by its
--    definition's type when read, so bounds survive a round trip exactly;
--  * keys are the stable identities used by import, export and the CLI; integer ids are internal.

CREATE TABLE fact_definition (
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('cluster', 'country', 'region')),
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('count', 'amount', 'rank', 'index', 'bool', 'level', 'text')),
    levels TEXT,
    unit TEXT,
    label_en TEXT,
    label_ru TEXT,
    description TEXT,
    PRIMARY KEY (subject_kind, name)
) WITHOUT ROWID;

CREATE TABLE source (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    document TEXT,
    locator TEXT,
    url TEXT,
    date TEXT,
    publisher TEXT,
    note TEXT
);

CREATE TABLE country (
    code TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_ru TEXT
) WITHOUT ROWID;

CREATE TABLE region (
    key TEXT PRIMARY KEY,
    country TEXT NOT NULL REFERENCES country (code),
    name_en TEXT NOT NULL,
    name_ru TEXT
) WITHOUT ROWID;

CREATE TABLE cluster (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_ru TEXT,
    country TEXT NOT NULL REFERENCES country (code),
    region TEXT REFERENCES region (key),
    city TEXT,
    lat REAL,
    lon REAL,
    founded INTEGER,
    website TEXT,
    cluster_organisation TEXT,
    kind TEXT,
    specialisation TEXT,
    stage TEXT,
    source TEXT REFERENCES source (key),
    note TEXT
);

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    activities TEXT,
    country TEXT,
    website TEXT,
    source TEXT,
    note TEXT
);
-- Named (not an inline UNIQUE) so that a bulk import into an empty table can drop it and
-- build it once by sorting, instead of a million random B-tree inserts.
CREATE UNIQUE INDEX organisation_key ON organisation (key);

-- The row id is the pair itself (cluster_id * 2^32 + organisation_id): the table is its own
-- unique index, a cluster's memberships are one range of row ids, and a bulk import that sorts
-- memberships by pair writes them as plain appends.
CREATE TABLE membership (
    pair INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL REFERENCES cluster (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    role TEXT NOT NULL DEFAULT 'member',
    value_chain_stage TEXT,
    joined TEXT,
    left_on TEXT,
    source TEXT,
    CHECK (pair = cluster_id * 4294967296 + organisation_id AND organisation_id < 4294967296)
);

CREATE TABLE fact (
    id INTEGER PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    name TEXT NOT NULL,
    year INTEGER NOT NULL DEFAULT 0, -- 0 = undated
    value TEXT NOT NULL DEFAULT '',  -- '' = unknown
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT NOT NULL,
    locator TEXT,
    quote TEXT,
    note TEXT,
    UNIQUE (subject_kind, subject, name, year)
);

CREATE TABLE assessment_run (
    id INTEGER PRIMARY KEY,
    method_id TEXT NOT NULL,
    method_version TEXT NOT NULL,
    year INTEGER NOT NULL DEFAULT 0,
    software_version TEXT NOT NULL,
    created TEXT NOT NULL,
    items TEXT NOT NULL,      -- item ids in column order, comma-separated
    indicators TEXT NOT NULL  -- indicator ids in column order, comma-separated
);

CREATE TABLE assessment_score (
    run_id INTEGER NOT NULL REFERENCES assessment_run (id) ON DELETE CASCADE,
    cluster_key TEXT NOT NULL,
    items TEXT NOT NULL,      -- one character per item: '1', '0' or '?' (unknown)
    indicators TEXT NOT NULL, -- one character per indicator, binary view
    total INTEGER NOT NULL,   -- item points met
    known INTEGER NOT NULL,   -- items known
    PRIMARY KEY (run_id, cluster_key)
) WITHOUT ROWID;
