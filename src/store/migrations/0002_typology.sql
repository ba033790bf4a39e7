-- Schema version 2: the typology. Reference types (a study's published groups, with the
-- characteristics that can be read on a method's items, and the study's assignment of clusters
-- to them) and stored partitions (every parameter needed to compute them again, their groups
-- with profiles and labels, and their members).
-- Invariants the code relies on:
--  * "cluster" is the economic cluster of the registry; what cluster analysis finds are the
--    groups of a partition;
--  * a partition row holds everything that decides its result: the assessment run it read, the
--    method id and version, the view, the variables in column order, the unknown-value policy,
--    the distance, the algorithm, k (and whether it was given or chosen), the seed and the
--    software version; running `clusterscope classify` with these gives the same members;
--  * a stored label names the nearest reference type and always carries its reason; a group is
--    never silently renamed (label_type NULL means no reference type is near);
--  * reference tables hold what a study published, as published: sizes that do not add up
--    (10 + 20 + 11 = 41 for a sample of 40) stay as they are, with the note.

CREATE TABLE reference_set (
    key TEXT PRIMARY KEY,             -- the study's source key, e.g. 'hse-2019'
    source TEXT NOT NULL REFERENCES source (key),
    description TEXT NOT NULL,
    profile_method TEXT NOT NULL,     -- the method whose item keys reference_trait.item uses
    sample_size INTEGER,              -- clusters in the study's sample (40), NULL if not given
    published_sum INTEGER,            -- sum of the published group sizes (41)
    size_note TEXT,                   -- why the sizes do not add up, as the document says
    method_note TEXT,                 -- what the study says of its cluster analysis
    document TEXT NOT NULL            -- the imported document (JSON), for provenance
) WITHOUT ROWID;

CREATE TABLE reference_type (
    set_key TEXT NOT NULL REFERENCES reference_set (key) ON DELETE CASCADE,
    number INTEGER NOT NULL,          -- the study's group number (1, 2, 3)
    name_en TEXT NOT NULL,
    name_ru TEXT,
    size_published INTEGER,           -- as published, even where the sizes do not add up
    size_locator TEXT,
    characteristics TEXT NOT NULL,    -- JSON: the study's group table (Table 2.1) and prose
    PRIMARY KEY (set_key, number)
) WITHOUT ROWID;

-- A published characteristic read on one item of the profile method: the share of the group's
-- clusters meeting the item lies in share_min..share_max (0..1). Country traits name country
-- codes instead of an item: the share of clusters located in one of them.
CREATE TABLE reference_trait (
    set_key TEXT NOT NULL,
    type_number INTEGER NOT NULL,
    position INTEGER NOT NULL,        -- order in the document
    item TEXT,                        -- item key of the profile method, or NULL for countries
    countries TEXT,                   -- comma-separated ISO codes when item is NULL
    share_min REAL NOT NULL CHECK (share_min >= 0 AND share_min <= 1),
    share_max REAL NOT NULL CHECK (share_max >= share_min AND share_max <= 1),
    published TEXT NOT NULL,          -- the words of the study
    basis TEXT NOT NULL,              -- 'table' or 'prose'
    locator TEXT,
    shared_with TEXT,                 -- other group numbers of a merged table cell, comma-separated
    note TEXT,
    PRIMARY KEY (set_key, type_number, position),
    FOREIGN KEY (set_key, type_number) REFERENCES reference_type (set_key, number) ON DELETE CASCADE,
    CHECK ((item IS NULL) <> (countries IS NULL))
) WITHOUT ROWID;

-- The group the study gives a cluster. type_number NULL: the study gives none.
CREATE TABLE reference_assignment (
    set_key TEXT NOT NULL REFERENCES reference_set (key) ON DELETE CASCADE,
    cluster_key TEXT NOT NULL,
    type_number INTEGER,
    basis TEXT NOT NULL CHECK (basis IN ('stated', 'reconstructed', 'derived', 'not_assigned')),
    evidence TEXT,
    locator TEXT,
    target_models TEXT,               -- comma-separated target-model numbers
    PRIMARY KEY (set_key, cluster_key),
    CHECK ((type_number IS NULL) = (basis = 'not_assigned'))
) WITHOUT ROWID;

CREATE TABLE typology_partition (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    software_version TEXT NOT NULL,
    assessment_run INTEGER NOT NULL REFERENCES assessment_run (id),
    method_id TEXT NOT NULL,
    method_version TEXT NOT NULL,
    view TEXT NOT NULL CHECK (view IN ('items', 'indicators')),
    variables TEXT NOT NULL,          -- variable keys in column order, comma-separated
    unknown_policy TEXT NOT NULL CHECK (unknown_policy IN ('pairwise', 'error', 'as-zero')),
    distance TEXT NOT NULL,           -- SciPy's metric name ('hamming' = simple matching)
    algorithm TEXT NOT NULL,          -- linkage method, 'pam', 'fasterpam', 'kmodes' or 'kmeans'
    k INTEGER NOT NULL,               -- groups in the partition
    k_given INTEGER,                  -- -k as given; NULL when k was chosen
    k_rule TEXT NOT NULL,             -- how k was obtained, in words
    k_scan TEXT,                      -- JSON {"2": mean silhouette, ...} when k was chosen
    seed INTEGER NOT NULL,
    silhouette REAL,                  -- mean silhouette width of the partition (NULL if k = 1)
    cophenetic REAL,                  -- cophenetic correlation (hierarchical methods)
    objects INTEGER NOT NULL,         -- clusters analysed
    reference_set TEXT,               -- the reference types the labels refer to, NULL if none
    ari REAL,                         -- adjusted Rand index against the reference assignment
    compared INTEGER                  -- clusters analysed that the reference assigns to a type
);

CREATE TABLE typology_group (
    partition_id INTEGER NOT NULL REFERENCES typology_partition (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,          -- 1..k
    size INTEGER NOT NULL,
    label_type INTEGER,               -- the nearest reference type, NULL when none is near
    label_reason TEXT NOT NULL,       -- why: members the reference places there, shares matched
    profile TEXT NOT NULL,            -- JSON: shares per item and indicator, countries, blocks
    PRIMARY KEY (partition_id, number)
) WITHOUT ROWID;

-- Every cluster of the assessment run: its group, or NULL with the reason it was left out.
CREATE TABLE typology_member (
    partition_id INTEGER NOT NULL REFERENCES typology_partition (id) ON DELETE CASCADE,
    cluster_key TEXT NOT NULL,
    group_number INTEGER,
    silhouette REAL,
    left_out TEXT,                    -- reason, when group_number is NULL
    PRIMARY KEY (partition_id, cluster_key),
    CHECK ((group_number IS NULL) <> (left_out IS NULL))
) WITHOUT ROWID;
