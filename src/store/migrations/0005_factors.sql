-- Schema version 3: the study's target models and success factors beside its reference types.
-- A reference-types document may bring them (data/reference/reference-groups.json); they belong
-- to its reference set and are replaced with it.
-- Invariants the code relies on:
--  * a target model or factor names its evidence as an indicator of a method (evidence_method,
--    evidence); a factor no recorded fact can evidence has evidence NULL and says why in
--    no_evidence, never both;
--  * a case (one of the study's cluster stories) names a cluster of the registry and a factor of
--    its set; titles are the study's, verbatim.

CREATE TABLE reference_model (
    set_key TEXT NOT NULL REFERENCES reference_set (key) ON DELETE CASCADE,
    number INTEGER NOT NULL,          -- the study's target-model number (1..4)
    name_en TEXT NOT NULL,
    name_ru TEXT,
    locator TEXT,
    task_en TEXT,
    task_ru TEXT,
    groups TEXT,                      -- the reference types it fits, comma-separated numbers
    groups_quote TEXT,                -- the study's words for it
    groups_locator TEXT,
    evidence_method TEXT,             -- method id whose indicator `evidence` reads the facts
    evidence TEXT,
    PRIMARY KEY (set_key, number)
) WITHOUT ROWID;

CREATE TABLE reference_factor (
    set_key TEXT NOT NULL REFERENCES reference_set (key) ON DELETE CASCADE,
    number INTEGER NOT NULL,          -- 1..7
    name_en TEXT NOT NULL,
    name_ru TEXT,
    locator TEXT,                     -- the chapter's range
    heading_locator TEXT,
    preface_ru TEXT,
    preface_locator TEXT,
    practices_en TEXT,
    practices_ru TEXT,
    evidence_method TEXT,
    evidence TEXT,                    -- indicator id, NULL when no recorded fact can evidence it
    no_evidence TEXT,                 -- why, when evidence is NULL
    PRIMARY KEY (set_key, number),
    CHECK ((evidence IS NULL) <> (no_evidence IS NULL))
) WITHOUT ROWID;

CREATE TABLE reference_case (
    set_key TEXT NOT NULL REFERENCES reference_set (key) ON DELETE CASCADE,
    position INTEGER NOT NULL,        -- order in the document
    factor INTEGER NOT NULL,
    cluster_key TEXT NOT NULL,
    title_ru TEXT NOT NULL,
    locator TEXT,
    summary_en TEXT,
    summary_ru TEXT,
    PRIMARY KEY (set_key, position),
    FOREIGN KEY (set_key, factor) REFERENCES reference_factor (set_key, number) ON DELETE CASCADE
) WITHOUT ROWID;
