-- Schema version 12: cluster development (issue 14): support programmes with their competition
-- rounds and applications, official registries and labels with the clusters listed in them,
-- targets, the stages of a cluster's value chain, joint projects with their consortia, and
-- cooperation links between organisations.
-- Invariants the code relies on:
--  * a programme is anything a cluster can apply to or be listed in: kind 'support' (a funding
--    programme with competition rounds, such as the Ministry of Economic Development's
--    programme for pilot innovative territorial clusters), 'registry' (an official registry,
--    such as the Ministry of Industry and Trade's registry of industrial clusters), 'label' (a
--    cluster-management label with levels, such as ESCA's bronze, silver and gold) or 'list'
--    (a named list, such as the 25 pilot clusters); amounts are in the programme's currency;
--  * a round's totals are what a source states for the whole round (budget allocated, amount
--    requested and awarded, number of applications and awards); NULL = not stated. They are
--    kept apart from the sums of the round's applications, which may cover only some
--    applicants: a report shows both and says which is which;
--  * a round share is a stated total for the clusters of one specialisation in a round (seed
--    002: "the six biomedical pilot clusters received 680 mn"), again apart from applications;
--  * an application's awarded amount is never above its requested amount, and an application
--    with decision 'refused' or 'withdrawn' has no award above 0 (checked on import);
--  * a listing is a cluster's entry in a programme of any kind: entered and left are dates
--    (YYYY, YYYY-MM or YYYY-MM-DD), left not before entered; level is the label's level or
--    NULL; decision names the act (an order's number and date) as written;
--  * a target is a value a cluster aims at for a fact definition of subject kind cluster (the
--    amber cluster's 70% of mined amber processed in the region): progress is read from the
--    cluster's facts of the same name, never stored;
--  * a cluster's value chain is an ordered list of stages it defines (position 1 = the first
--    stage, nearest raw material); a stage's name may be unknown (NULL) when a source states
--    how many stages there are but not what they are. When a cluster defines stages, each of
--    its memberships' value_chain_stage and each stage a project covers is one of their keys
--    (checked on import);
--  * a project belongs to one cluster; its consortium is the organisations named in
--    project_member (each a member of the cluster), and participants is the consortium's size
--    as a source states it, which may be larger than the members named;
--  * a link is a cooperation between two organisations of a cluster (both members of it),
--    directed for 'supply' (from supplier to customer), undirected for the other kinds.

CREATE TABLE programme (
    key TEXT PRIMARY KEY CHECK (key <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('support', 'registry', 'label', 'list')),
    name_en TEXT NOT NULL,
    name_ru TEXT,
    operator TEXT,         -- who runs it, as written ("Ministry of Economic Development")
    country TEXT REFERENCES country (code),
    started INTEGER,       -- year
    ended INTEGER,         -- year; NULL = running or unknown
    budget REAL CHECK (budget IS NULL OR budget >= 0),
    currency TEXT,         -- ISO 4217 ("RUB", "EUR")
    levels TEXT,           -- a label's levels, lowest first, '|' between ("bronze|silver|gold")
    url TEXT,
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    CHECK (ended IS NULL OR started IS NULL OR ended >= started)
) WITHOUT ROWID;

CREATE TABLE programme_round (
    programme TEXT NOT NULL REFERENCES programme (key),
    round TEXT NOT NULL CHECK (round <> ''),
    year INTEGER NOT NULL,
    budget REAL CHECK (budget IS NULL OR budget >= 0),
    requested REAL CHECK (requested IS NULL OR requested >= 0),
    awarded REAL CHECK (awarded IS NULL OR awarded >= 0),
    applications INTEGER CHECK (applications IS NULL OR applications >= 0),
    awards INTEGER CHECK (awards IS NULL OR awards >= 0),
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (programme, round),
    CHECK (awards IS NULL OR applications IS NULL OR awards <= applications)
) WITHOUT ROWID;

CREATE TABLE round_share (
    programme TEXT NOT NULL,
    round TEXT NOT NULL,
    specialisation TEXT NOT NULL CHECK (specialisation <> ''),
    clusters INTEGER CHECK (clusters IS NULL OR clusters >= 0),
    requested REAL CHECK (requested IS NULL OR requested >= 0),
    awarded REAL CHECK (awarded IS NULL OR awarded >= 0),
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (programme, round, specialisation),
    FOREIGN KEY (programme, round) REFERENCES programme_round (programme, round)
) WITHOUT ROWID;

CREATE TABLE application (
    programme TEXT NOT NULL,
    round TEXT NOT NULL,
    cluster TEXT NOT NULL REFERENCES cluster (key),
    requested REAL CHECK (requested IS NULL OR requested >= 0),
    awarded REAL CHECK (awarded IS NULL OR awarded >= 0),
    decision TEXT CHECK (decision IS NULL OR
                         decision IN ('awarded', 'refused', 'pending', 'withdrawn')),
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (programme, round, cluster),
    FOREIGN KEY (programme, round) REFERENCES programme_round (programme, round),
    CHECK (awarded IS NULL OR requested IS NULL OR awarded <= requested)
) WITHOUT ROWID;
CREATE INDEX application_cluster ON application (cluster);

CREATE TABLE listing (
    programme TEXT NOT NULL REFERENCES programme (key),
    cluster TEXT NOT NULL REFERENCES cluster (key),
    entered TEXT NOT NULL, -- YYYY, YYYY-MM or YYYY-MM-DD
    left_on TEXT,          -- NULL = still listed, or unknown
    level TEXT,            -- a label's level, one of programme.levels
    decision TEXT,         -- the act, as written ("order No 1234 of 26.03.2019")
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (programme, cluster, entered),
    CHECK (left_on IS NULL OR left_on >= entered)
) WITHOUT ROWID;
CREATE INDEX listing_cluster ON listing (cluster);

CREATE TABLE target (
    cluster TEXT NOT NULL REFERENCES cluster (key),
    name TEXT NOT NULL,    -- a fact definition of subject kind cluster
    year INTEGER NOT NULL DEFAULT 0, -- the year it is due; 0 = not stated
    value TEXT NOT NULL CHECK (value <> ''), -- as a fact's value: parsed by the definition
    baseline_year INTEGER, -- the year progress is measured from, when stated
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT NOT NULL REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (cluster, name, year)
) WITHOUT ROWID;

CREATE TABLE chain_stage (
    cluster TEXT NOT NULL REFERENCES cluster (key),
    stage TEXT NOT NULL CHECK (stage <> ''),
    position INTEGER NOT NULL CHECK (position >= 1),
    name_en TEXT,          -- NULL = the source does not name the stage
    name_ru TEXT,
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (cluster, stage),
    UNIQUE (cluster, position)
) WITHOUT ROWID;

CREATE TABLE project (
    key TEXT PRIMARY KEY CHECK (key <> ''),
    cluster TEXT NOT NULL REFERENCES cluster (key),
    name_en TEXT NOT NULL,
    name_ru TEXT,
    started INTEGER,       -- year
    ended INTEGER,         -- year; NULL = running or unknown
    participants INTEGER CHECK (participants IS NULL OR participants >= 0),
    stages INTEGER CHECK (stages IS NULL OR stages >= 0), -- stages covered, as stated
    outcome TEXT,
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    CHECK (ended IS NULL OR started IS NULL OR ended >= started)
) WITHOUT ROWID;
CREATE INDEX project_cluster ON project (cluster);

CREATE TABLE project_member (
    project TEXT NOT NULL REFERENCES project (key),
    organisation TEXT NOT NULL REFERENCES organisation (key),
    role TEXT,             -- initiator, anchor, finisher, supplier, research...
    stage TEXT,            -- a stage key of the project's cluster
    source TEXT REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (project, organisation)
) WITHOUT ROWID;

CREATE TABLE project_stage (
    project TEXT NOT NULL REFERENCES project (key),
    stage TEXT NOT NULL,   -- a stage key of the project's cluster
    source TEXT REFERENCES source (key),
    PRIMARY KEY (project, stage)
) WITHOUT ROWID;

CREATE TABLE link (
    cluster TEXT NOT NULL REFERENCES cluster (key),
    source_org TEXT NOT NULL REFERENCES organisation (key),
    target_org TEXT NOT NULL REFERENCES organisation (key),
    kind TEXT NOT NULL CHECK (kind IN ('supply', 'joint_project', 'shared_infrastructure',
                                       'research', 'other')),
    project TEXT REFERENCES project (key),
    year INTEGER,
    weight REAL CHECK (weight IS NULL OR weight > 0),
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    source TEXT NOT NULL REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT,
    PRIMARY KEY (cluster, source_org, target_org, kind),
    CHECK (source_org <> target_org)
) WITHOUT ROWID;
