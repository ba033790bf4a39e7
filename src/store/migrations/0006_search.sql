-- Schema version 6: the search index (src/store/store_search.c) over clusters, organisations and
-- facts. It holds no data of its own: it is made from the registry's tables; a write replaces
-- the rows of the records it changed (store_search.c: each record's row id is fixed by its kind
-- and its own id), and the migration fills it from the tables already there.
-- Invariants the code relies on:
--  * head and body hold normalised words (search_text.h: lower case, ё as е, Snowball stems),
--    separated by spaces; a query is normalised by the same code, so unicode61 only splits;
--  * the other columns are the hit as shown: kind 'cluster', 'organisation' or 'fact'; key the
--    cluster or organisation key, for a fact its subject; text the words searched, as written,
--    from which a snippet is cut.

CREATE VIRTUAL TABLE search_index USING fts5 (
    head,                   -- names: weighed more in the ranking
    body,
    kind UNINDEXED,
    key UNINDEXED,
    subject_kind UNINDEXED, -- a fact's subject kind; '' for the others
    title UNINDEXED,
    title_ru UNINDEXED,
    text UNINDEXED,
    cluster UNINDEXED,      -- the cluster a hit belongs to (an organisation: its first by key)
    fact UNINDEXED,         -- a fact's name
    year UNINDEXED,         -- a fact's year (0 = undated)
    tokenize = 'unicode61 remove_diacritics 0'
);
