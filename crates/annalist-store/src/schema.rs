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
pub const SCHEMA_VERSION: i64 = 2;

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

/// The migrations, in order: `MIGRATIONS[n]` takes version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[V1, V2];

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
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", from + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_store_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        drop(crate::Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let err = crate::Store::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1)
        );
        assert!(err.to_string().contains("upgrade annalist"), "{err}");
    }

    #[test]
    fn a_foreign_database_is_not_taken_for_a_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE t(x)").unwrap();
        }
        assert!(matches!(
            crate::Store::open(&path),
            Err(StoreError::Foreign(_))
        ));
        // A text file is not a database at all.
        let txt = dir.path().join("notes.txt");
        std::fs::write(&txt, "this is not sqlite, just some words long enough to fill a header block ........................................").unwrap();
        assert!(crate::Store::open(&txt).is_err());
    }

    #[test]
    fn a_version_1_store_is_migrated_and_its_sentences_become_searchable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let mut c = Connection::open(&path).unwrap();
            migrate_to(&mut c, &path, true, 1).unwrap();
            c.execute_batch(
                "INSERT INTO documents(rowid, id, path, dct_source, language, source, names_method)
                 VALUES (1, 'abc', 'a.txt', 'none', 'en', 'a.txt', 'x');
                 INSERT INTO texts(doc, text) VALUES (1, 'The amnesty came in 1996. Nothing else.')",
            )
            .unwrap();
            c.execute("INSERT INTO sentences(doc, idx, cstart, cend) VALUES (1, 0, 0, 25), (1, 1, 26, 39)", [])
                .unwrap();
        }
        let store = crate::Store::open(&path).unwrap();
        let v: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let hits = store
            .search("amnesty", &crate::SearchQuery::default())
            .unwrap();
        assert_eq!(hits.total, 1);
        assert_eq!(hits.hits[0].source.sentence, 0);
    }
}
