-- Schema version 10: regional statistics (issue 13): one value of a measure for a region,
-- an industry (or cluster category) and a year.
-- Invariants the code relies on:
--  * region is a key of the region table; a statistic of an unknown region is refused on import,
--    never stored;
--  * industry is a code as the user's file writes it (NACE, OKVED 2, NAICS, a category key):
--    this table does not check it against a classification;
--  * measure is any name ('employment', 'establishments', 'wages', 'output', 'patents', ...);
--    year is a whole year, 0 = undated, as fact.year;
--  * value is a number >= 0 (an unknown value is no row, never 0 or NULL): a region x industry
--    pair without a row reads as 0, as the regional measures' CSV files do;
--  * one value per (region, industry, year, measure): a repeated cell is refused, not replaced;
--  * status and source mean what they mean on fact (source is a source key, NULL when the file
--    names none); locator and note are free text.

CREATE TABLE statistic (
    region TEXT NOT NULL REFERENCES region (key),
    industry TEXT NOT NULL CHECK (industry <> ''),
    year INTEGER NOT NULL DEFAULT 0,
    measure TEXT NOT NULL CHECK (measure <> ''),
    value REAL NOT NULL CHECK (value >= 0),
    source TEXT REFERENCES source (key),
    status TEXT CHECK (status IS NULL OR status IN ('stated', 'derived', 'estimated')),
    locator TEXT,
    note TEXT,
    PRIMARY KEY (region, industry, year, measure)
) WITHOUT ROWID;
-- the regional measures read one measure of one year
CREATE INDEX statistic_measure ON statistic (measure, year);
