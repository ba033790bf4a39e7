-- Schema version 11: region hierarchies and types, industry classifications with their
-- hierarchy, concordances from industries to cluster categories, and the classification a
-- statistic's industry code belongs to (issue 13).
-- Invariants the code relies on:
--  * a region's parent is another region of the same country, or NULL for a top-level region
--    (the country itself is the country table); the parent chain has no cycle (checked on
--    import: a file that would make one is refused); type is one of the names below, or NULL
--    when the file does not say (the regions stored before this migration);
--  * a region's code, when set, is the standard code maps and statistics agencies join on:
--    ISO 3166-2 for states and federal subjects (US-CA, RU-TA), NUTS for European regions
--    (DE30), FIPS for US counties (06037); unique among regions;
--  * a classification is a list of codes: kind 'industry' (NACE, OKVED 2, NAICS, the user's
--    own) or 'category' (cluster categories such as the US Cluster Mapping Project's 51 traded
--    and 16 local ones, the European Cluster Observatory's); an industry's parent is a code of
--    the same classification (the hierarchy: section > division > group > class) and the parent
--    chain has no cycle; type says 'traded' or 'local' for a category, NULL otherwise;
--  * a concordance row maps one industry of a classification to one category of a scheme (a
--    classification of kind 'category'); an industry is mapped at most once per scheme (a file
--    that maps one twice is refused, never resolved by taking one of them);
--  * statistic.classification is the key of the classification its industry code belongs to,
--    or '' when the file names none (then the code is not checked, as before); with a
--    classification, (classification, industry) is a stored industry: a statistic of an unknown
--    code is refused on import. It is part of the key because the same code can mean different
--    things in two classifications (NACE and OKVED 2 share codes such as 21.10).

ALTER TABLE region ADD COLUMN parent TEXT REFERENCES region (key);
ALTER TABLE region ADD COLUMN type TEXT CHECK (
    type IS NULL OR type IN ('federal_district', 'federal_subject', 'municipality', 'state',
                             'county', 'economic_area', 'metro_area', 'nuts1', 'nuts2', 'nuts3',
                             'custom'));
ALTER TABLE region ADD COLUMN code TEXT CHECK (code IS NULL OR code <> '');
CREATE INDEX region_parent ON region (parent);
CREATE UNIQUE INDEX region_code ON region (code) WHERE code IS NOT NULL;

CREATE TABLE classification (
    key TEXT PRIMARY KEY CHECK (key <> ''),
    kind TEXT NOT NULL DEFAULT 'industry' CHECK (kind IN ('industry', 'category')),
    name_en TEXT NOT NULL,
    name_ru TEXT,
    source TEXT REFERENCES source (key),
    note TEXT
) WITHOUT ROWID;

CREATE TABLE industry (
    classification TEXT NOT NULL REFERENCES classification (key),
    code TEXT NOT NULL CHECK (code <> ''),
    name_en TEXT,
    name_ru TEXT,
    parent TEXT,
    type TEXT CHECK (type IS NULL OR type IN ('traded', 'local')),
    PRIMARY KEY (classification, code),
    FOREIGN KEY (classification, parent) REFERENCES industry (classification, code)
) WITHOUT ROWID;

CREATE TABLE concordance (
    classification TEXT NOT NULL,
    industry TEXT NOT NULL,
    scheme TEXT NOT NULL,
    category TEXT NOT NULL,
    source TEXT REFERENCES source (key),
    PRIMARY KEY (classification, industry, scheme),
    FOREIGN KEY (classification, industry) REFERENCES industry (classification, code),
    FOREIGN KEY (scheme, category) REFERENCES industry (classification, code)
) WITHOUT ROWID;
-- the regional measures read a scheme's concordance from one classification
CREATE INDEX concordance_scheme ON concordance (scheme, classification);

-- statistic gains classification in its key: rebuilt, rows kept with classification ''.
CREATE TABLE statistic_11 (
    region TEXT NOT NULL REFERENCES region (key),
    classification TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL CHECK (industry <> ''),
    year INTEGER NOT NULL DEFAULT 0,
    measure TEXT NOT NULL CHECK (measure <> ''),
    value REAL NOT NULL CHECK (value >= 0),
    source TEXT REFERENCES source (key),
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    locator TEXT,
    note TEXT,
    PRIMARY KEY (region, classification, industry, year, measure)
) WITHOUT ROWID;
INSERT INTO statistic_11 (region, classification, industry, year, measure, value, source, status,
                          locator, note)
    SELECT region, '', industry, year, measure, value, source, status, locator, note
    FROM statistic;
DROP TABLE statistic;
ALTER TABLE statistic_11 RENAME TO statistic;
CREATE INDEX statistic_measure ON statistic (measure, year);
