-- Schema version 13: news and the digest (issue 15): news items of five kinds, the records they
-- concern, an interview's questions and answers, and digest issues with their masthead texts and
-- the items chosen in their order.
-- Invariants the code relies on:
--  * a news item's own texts (title, lead, body, box, the questions and answers) are in its
--    language lang, as published; title_en and title_ru are translations the registry adds
--    (NULL = none), and summary_en and summary_ru are the observatory's own short summaries;
--    for items taken from published articles the registry keeps a summary and brief quotes,
--    never the article's full text;
--  * date is YYYY-MM-DD, YYYY-MM or YYYY (as precise as the source is) and never NULL; outlet
--    (where the item was published, "REGNUM") and source (the registry's source the record was
--    taken from, with locator and quote as for facts) are never NULL: an item without a date
--    or a source is refused on import;
--  * body is Markdown: paragraphs separated by a blank line, '### ' starts a subheading; box
--    is the reference box («Справочно»); series and series_number name a bulletin's series;
--    file_url, file_format and file_bytes describe a publication's file;
--  * news_link names the records an item concerns; each target exists when the link is
--    written (checked on import, against cluster.key, organisation.key, region.key or
--    programme.key by target_kind), so a link to an unknown cluster is an error, not a dangling
--    row;
--  * a digest issue is numbered (the publisher's own numbering) and dated by month YYYY-MM;
--    its items are in digest_entry by position (1 = first), each item at most once in an issue;
--    the section an item goes to is its kind (event, interview, bulletin, publication,
--    announcement, in that order); digest_text holds the masthead's parts (about, publications,
--    contacts, resources, call) in each language given.

CREATE TABLE news_item (
    key TEXT PRIMARY KEY CHECK (key <> ''),
    kind TEXT NOT NULL
        CHECK (kind IN ('event', 'interview', 'bulletin', 'publication', 'announcement')),
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]*'),
    lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
    title TEXT NOT NULL CHECK (title <> ''),
    title_en TEXT,
    title_ru TEXT,
    lead TEXT,
    body TEXT,
    box TEXT,
    summary_en TEXT,
    summary_ru TEXT,
    series TEXT,
    series_number INTEGER CHECK (series_number IS NULL OR series_number >= 0),
    file_url TEXT,
    file_format TEXT,
    file_bytes INTEGER CHECK (file_bytes IS NULL OR file_bytes >= 0),
    outlet TEXT NOT NULL CHECK (outlet <> ''),
    url TEXT,
    source TEXT NOT NULL REFERENCES source (key),
    locator TEXT,
    quote TEXT,
    note TEXT
) WITHOUT ROWID;

CREATE INDEX news_item_date ON news_item (date);

CREATE TABLE news_qa (
    item TEXT NOT NULL REFERENCES news_item (key),
    position INTEGER NOT NULL CHECK (position >= 1),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (item, position)
) WITHOUT ROWID;

CREATE TABLE news_link (
    item TEXT NOT NULL REFERENCES news_item (key),
    target_kind TEXT NOT NULL
        CHECK (target_kind IN ('cluster', 'organisation', 'region', 'programme')),
    target_key TEXT NOT NULL CHECK (target_key <> ''),
    PRIMARY KEY (item, target_kind, target_key)
) WITHOUT ROWID;

-- a cluster's news: its links by target
CREATE INDEX news_link_target ON news_link (target_kind, target_key);

CREATE TABLE digest_issue (
    number INTEGER PRIMARY KEY CHECK (number >= 1),
    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    publisher TEXT NOT NULL,   -- as on the cover, top-down, '|' between levels
    title_ru TEXT,
    title_en TEXT,
    subtitle_ru TEXT,
    subtitle_en TEXT,
    source TEXT REFERENCES source (key),
    locator TEXT,
    note TEXT
);

CREATE TABLE digest_text (
    issue INTEGER NOT NULL REFERENCES digest_issue (number),
    part TEXT NOT NULL CHECK (part IN ('about', 'publications', 'contacts', 'resources', 'call')),
    lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
    text TEXT NOT NULL,
    PRIMARY KEY (issue, part, lang)
) WITHOUT ROWID;

CREATE TABLE digest_entry (
    issue INTEGER NOT NULL REFERENCES digest_issue (number),
    position INTEGER NOT NULL CHECK (position >= 1),
    item TEXT NOT NULL REFERENCES news_item (key),
    PRIMARY KEY (issue, position),
    UNIQUE (issue, item)
) WITHOUT ROWID;
