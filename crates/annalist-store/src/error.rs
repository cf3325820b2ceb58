//! One error type for the store, so callers can tell "refused" from "broken".

use std::path::{Path, PathBuf};

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened as a store (not SQLite, no permission…).
    #[error("cannot open the store {path}: {source}")]
    Open {
        /// The store path.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A read-only open of a store that does not exist.
    #[error("no store at {0} (create one with `annalist add`)")]
    Missing(PathBuf),
    /// The store was written by a newer annalist: reading it could misread it.
    #[error(
        "the store {path} has schema version {found}, newer than the {supported} this annalist knows: upgrade annalist to open it"
    )]
    NewerSchema {
        /// The store path.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The file is an SQLite database but not an annalist store.
    #[error("{0} is an SQLite database but not an annalist store")]
    Foreign(PathBuf),
    /// The store is read-only and needs migrating first.
    #[error(
        "the store {path} has schema version {found} and must be migrated: open it once for writing (e.g. `annalist add`)"
    )]
    NeedsMigration {
        /// The store path.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
    },
    /// Another process holds the write lock for longer than the busy timeout.
    #[error(
        "the store is busy: another process (another `annalist add`?) is writing to it; try again when it finishes"
    )]
    Busy,
    /// A query argument is wrong (an unreadable date, an empty search).
    #[error("{0}")]
    BadQuery(String),
    /// No such document.
    #[error("no document matches {0:?}")]
    NotFound(String),
    /// Several documents match an id prefix.
    #[error("{0:?} matches several documents; give more of the id")]
    Ambiguous(String),
    /// SQLite failed.
    #[error("store: {0}")]
    Sqlite(rusqlite::Error),
    /// A stored JSON column could not be read back.
    #[error("store: corrupt JSON column: {0}")]
    Json(#[from] serde_json::Error),
    /// A stored value (compressed text, encoded spans or figures) could not be read back.
    #[error("store: corrupt value: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        if is_busy(&source) {
            return StoreError::Busy;
        }
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        if is_busy(&e) {
            StoreError::Busy
        } else {
            StoreError::Sqlite(e)
        }
    }
}

impl From<rusqlite::types::FromSqlError> for StoreError {
    fn from(e: rusqlite::types::FromSqlError) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Null,
            Box::new(e),
        ))
    }
}
