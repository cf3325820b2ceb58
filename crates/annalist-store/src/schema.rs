//! The schema and its migrations.
//!
//! The version lives in SQLite's `user_version`; an `application_id` marks the file as an
//! annalist store, so a foreign database is never read as one. Each migration is one
//! transaction taking the store from version `n` to `n + 1`; a store newer than this build
//! is refused rather than misread.

use std::path::Path;

use rusqlite::Connection;

use crate::StoreError;

/// `application_id` of annalist stores ("ANNL").
const APPLICATION_ID: i64 = 0x414E_4E4C;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 4;

/// Version 1: the records. Offsets are characters into the document's text (kept apart in
/// `texts`, so the `documents` rows every timeline entry joins stay small and cached);
/// intervals are seconds since 1970 (see `instant`); `grank` is the granularity's rank, so
/// bounded timeline queries can seek per granularity with a known longest span. (Clustering
/// events by start, WITHOUT ROWID, streamed the whole timeline 1.5x faster but made
/// inserts 3x slower and the store 20 % larger: rejected.)
const V1: &str = "
CREATE TABLE documents(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    line INTEGER,
    url TEXT,
    title TEXT,
    author TEXT,
    published TEXT,
    dct_source TEXT NOT NULL,
    dct_partial TEXT,
    language TEXT NOT NULL,
    source TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    superseded_by INTEGER,
    names_method TEXT NOT NULL,
    notes TEXT,
    warnings TEXT
);
CREATE TABLE texts(
    doc INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
    text TEXT NOT NULL
);
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_superseded ON documents(superseded_by) WHERE superseded_by IS NOT NULL;
CREATE TABLE sentences(
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    cstart INTEGER NOT NULL,
    cend INTEGER NOT NULL
);
CREATE UNIQUE INDEX sentences_doc ON sentences(doc, idx);
CREATE TABLE timexes(
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    cstart INTEGER NOT NULL,
    cend INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    mod TEXT,
    granularity TEXT,
    start_s INTEGER,
    end_s INTEGER,
    PRIMARY KEY(doc, idx)
) WITHOUT ROWID;
CREATE TABLE events(
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    cstart INTEGER NOT NULL,
    cend INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    granularity TEXT,
    grank INTEGER NOT NULL,
    time_source TEXT NOT NULL,
    timex INTEGER,
    start_s INTEGER,
    end_s INTEGER,
    date_key TEXT NOT NULL,
    month_day INTEGER,
    names TEXT, -- `start:end:kind;…`, kind p/o/l/n; text from the document
    nfig INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_start ON events(start_s);
CREATE UNIQUE INDEX events_doc ON events(doc, idx);
CREATE INDEX events_time ON events(grank, start_s);
-- The longest interval stored per granularity: bounded timeline queries seek from
-- `from - max_span`. Only grows (a delete leaves an over-estimate, which stays correct).
CREATE TABLE spans(grank INTEGER PRIMARY KEY, max_span INTEGER NOT NULL);
CREATE INDEX events_month_day ON events(month_day) WHERE month_day IS NOT NULL;
CREATE TABLE figures(
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    event INTEGER, -- index of the document's event that states it
    cstart INTEGER NOT NULL,
    cend INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    low REAL,
    high REAL,
    bound TEXT NOT NULL,
    category TEXT NOT NULL,
    counted TEXT NOT NULL,
    quantity TEXT NOT NULL,
    PRIMARY KEY(doc, idx)
) WITHOUT ROWID;
CREATE INDEX figures_event ON figures(doc, event) WHERE event IS NOT NULL;
";

/// Version 2: full-text search over sentences (FTS5, contentless: the text stays in the
/// document only, snippets are cut from it; `detail='column'`: no word positions, since
/// queries are sets of words, never phrases — the index is half the size). Filled from the stored sentences, so a
/// version-1 store becomes searchable.
const V2: &str = "
CREATE VIRTUAL TABLE sentence_fts USING fts5(
    text, content='', contentless_delete=1, detail='column',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO sentence_fts(rowid, text)
    SELECT s.rowid, substr(t.text, s.cstart + 1, s.cend - s.cstart)
    FROM sentences s JOIN texts t ON t.doc = s.doc;
CREATE VIRTUAL TABLE title_fts USING fts5(
    title, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO title_fts(rowid, title) SELECT rowid, title FROM documents WHERE title IS NOT NULL;
";

/// Version 3: the store at half its former size, and one row per timeline entry to read.
///
/// - Document text is zstd-compressed (`texts.text` is a BLOB; see `codec`).
/// - Sentences are no longer rows: their spans are one encoded value beside the text, and
///   a document's sentences are numbered `s0`, `s0 + 1`, … in the full-text index, so a
///   hit finds its document through the `documents_s0` index.
/// - Figures are stored in the row of the event that states them (others beside the
///   text): the timeline and conflicts read an event and its figures at once. Counts per
///   category are kept for `stats`.
/// - Phrases that can be cut from the text (time expressions, figures) are not repeated;
///   an event keeps its sentence as written, shown on one line.
/// - The full-text index keeps no positions or columns (`detail='none'`): queries are sets
///   of words.
/// - Time expressions are keyed by document and sentence, so the dates of a hit are one
///   seek, and indexed by time, so a search with dates can start from the sentences those
///   dates are in.
const V3_BEFORE: &str = "
ALTER TABLE texts RENAME TO texts_v2;
ALTER TABLE timexes RENAME TO timexes_v2;
ALTER TABLE events RENAME TO events_v2;
ALTER TABLE figures RENAME TO figures_v2;
DROP TABLE sentence_fts;
ALTER TABLE documents ADD COLUMN s0 INTEGER; -- full-text rowid of its first sentence
ALTER TABLE documents ADD COLUMN nsent INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX documents_s0 ON documents(s0) WHERE s0 IS NOT NULL;
CREATE TABLE texts(
    doc INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
    text BLOB NOT NULL,      -- zstd
    sentences BLOB NOT NULL, -- spans (codec::encode_spans)
    figures BLOB             -- figures no event states (codec::encode_figures)
);
CREATE TABLE timexes(
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    sentence INTEGER NOT NULL, -- the sentence it starts in, -1 for none
    idx INTEGER NOT NULL,
    cstart INTEGER NOT NULL,
    cend INTEGER NOT NULL,
    text TEXT, -- NULL: the document's text at [cstart, cend)
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    mod TEXT,
    granularity TEXT,
    grank INTEGER NOT NULL, -- granularity rank, -1 for none
    start_s INTEGER,
    end_s INTEGER,
    PRIMARY KEY(doc, sentence, idx)
) WITHOUT ROWID;
CREATE TABLE events(
    start_s INTEGER NOT NULL, -- 9223372036854775807 (NO_START) for an event without interval
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    end_s INTEGER,
    sentence INTEGER NOT NULL,
    cstart INTEGER NOT NULL,
    cend INTEGER NOT NULL,
    text TEXT NOT NULL, -- the sentence as written (shown on one line)
    value TEXT NOT NULL,
    grank INTEGER NOT NULL, -- granularity rank, -1 for none
    time_source INTEGER NOT NULL, -- 0 explicit, 1 inherited, 2 dct
    timex INTEGER,
    month_day INTEGER,
    names TEXT, -- `start:end:kind;…`, kind p/o/l/n; text from the document
    figures BLOB, -- codec::encode_figures, phrases cut from `text`
    mod TEXT, -- the TIMEX3 mod of its time (version 4; see `v4`)
    words INTEGER NOT NULL, -- hash of the statement's words (query::word_hash), for merging
    PRIMARY KEY(start_s, doc, idx)
) WITHOUT ROWID;
CREATE TABLE figure_categories(category TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE sentence_fts USING fts5(
    text, content='', contentless_delete=1, detail='none',
    tokenize='unicode61 remove_diacritics 2'
);
";

/// Dropping the old tables drops their indexes, whose names the new ones take.
const V3_AFTER: &str = "
DROP TABLE texts_v2;
DROP TABLE timexes_v2;
DROP TABLE events_v2;
DROP TABLE figures_v2;
DROP TABLE sentences;
CREATE INDEX events_doc ON events(doc, sentence);
CREATE INDEX events_time ON events(grank, start_s);
-- Sentences by the dates they state, for searches with dates (spans: rank + 100).
CREATE INDEX timexes_time ON timexes(grank, start_s, end_s) WHERE start_s IS NOT NULL;
CREATE INDEX events_month_day ON events(month_day) WHERE month_day IS NOT NULL;
";

/// Version 2 to 3: every document is rewritten in the new layout (see [`V3_BEFORE`]).
fn v3(tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    use crate::codec::{FigureIn, one_line};
    use crate::insert::{EventRow, Parts, TimexRow, write_parts};
    tx.execute_batch(V3_BEFORE)?;
    let docs: Vec<i64> = tx
        .prepare("SELECT rowid FROM documents ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut text_st = tx.prepare("SELECT text FROM texts_v2 WHERE doc = ?1")?;
    let mut sent_st =
        tx.prepare("SELECT cstart, cend FROM sentences WHERE doc = ?1 ORDER BY idx")?;
    let mut timex_st = tx.prepare(
        "SELECT cstart, cend, text, kind, value, mod, granularity, start_s, end_s
         FROM timexes_v2 WHERE doc = ?1 ORDER BY idx",
    )?;
    let mut event_st = tx.prepare(
        "SELECT idx, sentence, cstart, cend, text, value, grank, time_source, timex, start_s,
                end_s, names
         FROM events_v2 WHERE doc = ?1 ORDER BY idx",
    )?;
    let mut figure_st = tx.prepare(
        "SELECT idx, event, text, value, low, high, bound, category, counted, quantity, cstart, cend
         FROM figures_v2 WHERE doc = ?1 ORDER BY idx",
    )?;
    type Timex = (
        i64,
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<i64>,
    );
    type Event = (
        i64,
        i64,
        i64,
        i64,
        String,
        String,
        i64,
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<String>,
    );
    type Figure = (
        i64,
        Option<i64>,
        String,
        f64,
        Option<f64>,
        Option<f64>,
        String,
        String,
        String,
        String,
        i64,
        i64,
    );
    for doc in docs {
        let text: String = text_st.query_row([doc], |r| r.get(0))?;
        let sentences: Vec<(usize, usize)> = sent_st
            .query_map([doc], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize))
            })?
            .collect::<Result<_, _>>()?;
        let timexes: Vec<Timex> = timex_st
            .query_map([doc], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        let events: Vec<Event> = event_st
            .query_map([doc], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        let figures: Vec<Figure> = figure_st
            .query_map([doc], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        let event_texts: Vec<String> = events.iter().map(|e| one_line(&e.4)).collect();
        // Figures pointed at events by their `idx`; events are now numbered in order.
        let position = |idx: i64| events.iter().position(|e| e.0 == idx);
        let parts = Parts {
            text: &text,
            sentences,
            timexes: timexes
                .iter()
                .map(|t| TimexRow {
                    start: t.0 as usize,
                    end: t.1 as usize,
                    text: &t.2,
                    kind: t.3.clone(),
                    value: t.4.clone(),
                    modifier: t.5.clone(),
                    granularity: t.6.clone(),
                    start_s: t.7,
                    end_s: t.8,
                })
                .collect(),
            events: events
                .iter()
                .zip(&event_texts)
                .map(|(e, text)| EventRow {
                    sentence: e.1 as usize,
                    start: e.2 as usize,
                    end: e.3 as usize,
                    text,
                    value: &e.5,
                    grank: e.6,
                    time_source: match e.7.as_str() {
                        "explicit" => 0,
                        "inherited" => 1,
                        _ => 2,
                    },
                    timex: e.8,
                    start_s: e.9,
                    end_s: e.10,
                    names: e.11.clone(),
                    // Filled from the time expressions by `v4`.
                    modifier: None,
                })
                .collect(),
            figures: figures
                .iter()
                .map(|f| {
                    (
                        f.1.and_then(position),
                        FigureIn {
                            idx: f.0 as usize,
                            text: &f.2,
                            value: f.3,
                            low: f.4,
                            high: f.5,
                            bound: &f.6,
                            category: &f.7,
                            counted: &f.8,
                            quantity: &f.9,
                            start: f.10 as usize,
                            end: f.11 as usize,
                            vague: None,
                            replaced: false,
                        },
                    )
                })
                .collect(),
        };
        write_parts(tx, doc, &parts)?;
    }
    drop((text_st, sent_st, timex_st, event_st, figure_st));
    tx.execute_batch(V3_AFTER)?;
    Ok(())
}

/// One migration: SQL, or Rust where the layout changes more than SQL can say.
enum Step {
    Sql(&'static str),
    Rust(fn(&rusqlite::Transaction<'_>) -> Result<(), StoreError>),
}

/// Version 3 to 4: an event keeps the `mod` of the expression that dates it ("late 1980s"),
/// so that the timeline can say "late" and not only sort by it. A store migrated from
/// version 2 in the same run already has the column (version 3's table, as this build
/// writes it); a version-3 store gets it here. Events dated by an earlier sentence's
/// expression (`inherited`) are left without one.
fn v4(tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
    let has_mod: bool = tx.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('events') WHERE name = 'mod'",
        [],
        |r| r.get(0),
    )?;
    if !has_mod {
        tx.execute_batch("ALTER TABLE events ADD COLUMN mod TEXT")?;
    }
    tx.execute_batch(
        "UPDATE events SET mod = (SELECT t.mod FROM timexes t
             WHERE t.doc = events.doc AND t.sentence = events.sentence AND t.idx = events.timex)
         WHERE timex IS NOT NULL AND mod IS NULL",
    )?;
    Ok(())
}

/// The migrations, in order: `MIGRATIONS[n]` takes version `n` to `n + 1`.
const MIGRATIONS: &[Step] = &[Step::Sql(V1), Step::Sql(V2), Step::Rust(v3), Step::Rust(v4)];

/// Checks the store's version, creating or migrating it when `writable`.
pub(crate) fn prepare(
    conn: &mut Connection,
    path: &Path,
    writable: bool,
) -> Result<(), StoreError> {
    migrate_to(conn, path, writable, SCHEMA_VERSION)
}

/// Brings the store to `target` (tests build old stores with a smaller target).
pub(crate) fn migrate_to(
    conn: &mut Connection,
    path: &Path,
    writable: bool,
    target: i64,
) -> Result<(), StoreError> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::open(path, e))?;
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if (version > 0 && app != APPLICATION_ID) || (version == 0 && tables > 0) {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    if version >= target {
        return Ok(());
    }
    if !writable {
        return Err(StoreError::NeedsMigration {
            path: path.to_path_buf(),
            found: version,
        });
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().take(target as usize) {
        let from = from as i64;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Re-read inside the write lock: another process may have migrated meanwhile.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > from {
            tx.commit()?;
            continue;
        }
        match sql {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Rust(f) => f(&tx)?,
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", from + 1)?;
        tx.commit()?;
    }
    // A migration rewrites the tables, leaving the old ones' pages free: without this the
    // file keeps its old size until later adds happen to fill it. VACUUM is atomic; if
    // another connection is reading, it cannot run, and the store is simply left larger.
    if version > 0 {
        let _ = conn.execute_batch("VACUUM");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test results: `?` reports the failing call's error.
    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn a_newer_store_is_refused_with_a_clear_message() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.db");
        drop(crate::Store::open(&path)?);
        {
            let c = Connection::open(&path)?;
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)?;
        }
        let err = crate::Store::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1)
        );
        assert!(err.to_string().contains("upgrade annalist"), "{err}");
        Ok(())
    }

    #[test]
    fn a_foreign_database_is_not_taken_for_a_store() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("other.db");
        {
            let c = Connection::open(&path)?;
            c.execute_batch("CREATE TABLE t(x)")?;
        }
        assert!(matches!(
            crate::Store::open(&path),
            Err(StoreError::Foreign(_))
        ));
        // A text file is not a database at all.
        let txt = dir.path().join("notes.txt");
        std::fs::write(
            &txt,
            "this is not sqlite, just some words long enough to fill a header block ........................................",
        )?;
        assert!(crate::Store::open(&txt).is_err());
        Ok(())
    }

    #[test]
    fn a_version_1_store_is_migrated_and_its_sentences_become_searchable() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("v1.db");
        {
            let mut c = Connection::open(&path)?;
            migrate_to(&mut c, &path, true, 1)?;
            c.execute_batch(
                "INSERT INTO documents(rowid, id, path, dct_source, language, source, names_method)
                 VALUES (1, 'abc', 'a.txt', 'none', 'en', 'a.txt', 'x');
                 INSERT INTO texts(doc, text) VALUES (1, 'The amnesty came in 1996. Nothing else.')",
            )
            ?;
            c.execute("INSERT INTO sentences(doc, idx, cstart, cend) VALUES (1, 0, 0, 25), (1, 1, 26, 39)", [])
                ?;
        }
        let store = crate::Store::open(&path)?;
        let v: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(v, SCHEMA_VERSION);
        let hits = store.search("amnesty", &crate::SearchQuery::default())?;
        assert_eq!(hits.total, 1);
        assert_eq!(hits.hits[0].source.sentence, 0);
        Ok(())
    }

    #[test]
    fn a_version_3_store_gets_the_mod_of_each_events_expression() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("v3.db");
        {
            let mut c = Connection::open(&path)?;
            migrate_to(&mut c, &path, true, 3)?;
            // Version 3 as earlier builds wrote it: no `mod` column on events.
            c.execute_batch(
                "ALTER TABLE events DROP COLUMN mod;
                 INSERT INTO documents(rowid, id, path, dct_source, language, source, names_method)
                 VALUES (1, 'abc', 'a.txt', 'none', 'en', 'a.txt', 'x');
                 INSERT INTO timexes(doc, sentence, idx, cstart, cend, kind, value, mod, grank)
                 VALUES (1, 0, 0, 3, 18, 'DATE', '198', 'END', 3),
                        (1, 1, 1, 40, 44, 'DATE', '1991', NULL, 5);
                 INSERT INTO events(start_s, doc, idx, sentence, cstart, cend, text, value, grank,
                        time_source, timex, words)
                 VALUES (536457600, 1, 0, 0, 0, 39, 'In the late 1980s the strikes spread.',
                         '198', 3, 0, 0, 1),
                        (662688000, 1, 1, 1, 40, 60, 'In 1991 it was over.', '1991', 5, 0, 1, 2),
                        (662688000, 1, 2, 2, 61, 80, 'Nobody came back.', '1991', 5, 1, NULL, 3);",
            )?;
        }
        let store = crate::Store::open(&path)?;
        let mods: Vec<Option<String>> = store
            .conn
            .prepare("SELECT mod FROM events ORDER BY idx")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(mods, [Some("END".to_string()), None, None]);
        Ok(())
    }

    /// A version-2 store as annalist wrote it: two documents (the second a newer version
    /// of the first's URL, with a figure no event states), every kind of row.
    fn version_2_store(path: &Path) -> TestResult {
        let mut c = Connection::open(path)?;
        migrate_to(&mut c, path, true, 2)?;
        let old = "Date: 1990-01-20\n\nOn 19 January 1990 troops  entered Baku.\nAbout 83 people\nwere killed.";
        let new = "On 19 January 1990 troops entered Baku. At least 52 people were killed. 7 buses burned.";
        c.execute_batch(
            "INSERT INTO documents(rowid, id, path, url, title, published, dct_source, language,
                source, version, superseded_by, names_method)
             VALUES (1, 'aaaa1111', 'a.txt', 'https://x.org/baku', 'Baku', '1990-01-20', 'header',
                     'en', 'x.org', 1, 2, 'capitalization heuristic'),
                    (2, 'bbbb2222', 'b.txt', 'https://x.org/baku', 'Baku, updated', '1990-01-21',
                     'header', 'en', 'x.org', 2, NULL, 'capitalization heuristic');
             INSERT INTO title_fts(rowid, title) VALUES (1, 'Baku'), (2, 'Baku, updated');",
        )?;
        c.execute(
            "INSERT INTO texts(doc, text) VALUES (1, ?1), (2, ?2)",
            [old, new],
        )?;
        // Sentences: old 18..58 and 59..87; new 0..39, 40..71, 72..87.
        c.execute_batch(
            "INSERT INTO sentences(rowid, doc, idx, cstart, cend) VALUES
                (1, 1, 0, 18, 58), (2, 1, 1, 59, 87), (3, 2, 0, 0, 39), (4, 2, 1, 40, 71),
                (5, 2, 2, 72, 87);
             INSERT INTO sentence_fts(rowid, text)
                SELECT s.rowid, substr(t.text, s.cstart + 1, s.cend - s.cstart)
                FROM sentences s JOIN texts t ON t.doc = s.doc;
             INSERT INTO timexes(doc, idx, cstart, cend, text, kind, value, granularity, start_s, end_s)
                VALUES (1, 0, 21, 36, '19 January 1990', 'DATE', '1990-01-19', 'day', 632707200, 632793600),
                       (2, 0, 3, 18, '19 January 1990', 'DATE', '1990-01-19', 'day', 632707200, 632793600);
             INSERT INTO events(doc, idx, sentence, cstart, cend, text, value, granularity, grank,
                    time_source, timex, start_s, end_s, date_key, month_day, names, nfig)
                VALUES (1, 0, 0, 18, 58, 'On 19 January 1990 troops entered Baku.', '1990-01-19',
                        'day', 8, 'explicit', 0, 632707200, 632793600, '1990-01-19', 119,
                        '53:57:l', 0),
                       (1, 1, 1, 59, 87, 'About 83 people were killed.', '1990-01-19', 'day', 8,
                        'inherited', NULL, 632707200, 632793600, '1990-01-19', 119, NULL, 1),
                       (2, 0, 0, 0, 39, 'On 19 January 1990 troops entered Baku.', '1990-01-19',
                        'day', 8, 'explicit', 0, 632707200, 632793600, '1990-01-19', 119,
                        '34:38:l', 0),
                       (2, 1, 1, 40, 71, 'At least 52 people were killed.', '1990-01-19', 'day', 8,
                        'inherited', NULL, 632707200, 632793600, '1990-01-19', 119, NULL, 1);
             INSERT INTO spans(grank, max_span) VALUES (8, 86400);
             INSERT INTO figures(doc, idx, event, cstart, cend, text, value, low, high, bound,
                    category, counted, quantity)
                VALUES (1, 0, 1, 59, 74, 'About 83 people', 83, NULL, NULL, 'approx', 'killed',
                        'people', 'count'),
                       (2, 0, 1, 40, 55, 'At least 52 people', 52, NULL, NULL, 'at_least', 'killed',
                        'people', 'count'),
                       (2, 1, NULL, 72, 79, '7 buses', 7, NULL, NULL, 'exact', 'destroyed',
                        'buses', 'count');",
        )
        ?;
        Ok(())
    }

    #[test]
    fn a_version_2_store_is_migrated_and_reads_back_the_same() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("v2.db");
        version_2_store(&path)?;
        // A reader does not migrate: it says what to do.
        assert!(matches!(
            crate::Store::open_read_only(&path),
            Err(StoreError::NeedsMigration { found: 2, .. })
        ));
        let mut store = crate::Store::open(&path)?;
        let v: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(v, SCHEMA_VERSION);
        // The migrated file was compacted: no pages left over from the old tables.
        let free: i64 = store
            .conn
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        assert_eq!(free, 0);
        let old: i64 = store.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('sentences', 'figures', 'texts_v2')",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(old, 0);

        let stats = store.stats()?;
        assert_eq!(
            (
                stats.documents,
                stats.superseded,
                stats.sentences,
                stats.events,
                stats.figures
            ),
            (1, 1, 5, 4, 3)
        );
        assert_eq!(stats.categories, ["destroyed", "killed"]);

        // Documents read back whole: text, sentences, timexes, events with their figures
        // and names, and the figure no event states.
        let old = store.document("aaaa1111")?;
        assert!(old.text.contains("troops  entered"));
        assert_eq!(old.superseded_by.as_deref(), Some("bbbb2222"));
        assert_eq!(old.sentences.len(), 2);
        assert_eq!((old.sentences[1].start, old.sentences[1].end), (59, 87));
        assert_eq!(old.timexes[0].text, "19 January 1990");
        assert_eq!(old.events[1].text, "About 83 people were killed.");
        assert_eq!(old.events[1].time_source, "inherited");
        assert_eq!(old.events[1].granularity.as_deref(), Some("day"));
        assert_eq!(old.events[1].figures, [0]);
        assert_eq!(old.figures[0].text, "About 83 people");
        assert_eq!(old.events[0].names[0]["text"], "Baku");
        let new = store.document("bbbb2222")?;
        assert_eq!(new.figures.len(), 2);
        assert_eq!(new.figures[1].text, "7 buses");
        assert_eq!(new.figures[1].category, "destroyed");
        assert_eq!(new.events[1].figures, [0]);
        // The figure phrase as stored, even where it is not the text at its offsets.
        assert_eq!(new.figures[0].text, "At least 52 people");

        // Queries read the current version only.
        let page = store.timeline(&crate::TimelineQuery::default())?;
        assert_eq!(page.total, 2);
        assert!(
            page.entries
                .iter()
                .all(|e| e.sources[0].doc_id == "bbbb2222")
        );
        assert_eq!(page.entries[1].figures[0].value, 52.0);
        let hits = store.search("killed", &crate::SearchQuery::default())?;
        assert_eq!(hits.total, 1);
        assert_eq!(hits.hits[0].source.doc_id, "bbbb2222");
        assert_eq!(hits.hits[0].source.start, 40);
        assert_eq!(hits.hits[0].dates, ["1990-01-19"]);
        assert_eq!(store.on_this_day(1, 19)?.len(), 2);

        // Deleting the new version makes the old one current, with its own figures.
        store.delete("bbbb2222")?;
        let conflicts = store.conflicts(None, None, None)?;
        assert!(conflicts.is_empty());
        let page = store.timeline(&crate::TimelineQuery::default())?;
        assert_eq!(page.entries[1].figures[0].text, "About 83 people");
        assert_eq!(page.entries[1].description, "About 83 people were killed.");
        let hits = store.search("troops baku", &crate::SearchQuery::default())?;
        assert_eq!(hits.hits[0].source.doc_id, "aaaa1111");
        assert_eq!(
            hits.hits[0]
                .snippet
                .iter()
                .map(|p| p.text.as_str())
                .collect::<String>(),
            "On 19 January 1990 troops entered Baku."
        );
        assert_eq!(store.stats()?.categories, ["killed"]);
        Ok(())
    }
}
