//! annalist-store: the archive — every document annalist has read, with its sentences,
//! time expressions, figures and events, in one embedded SQLite file.
//!
//! Why SQLite: a user points annalist at thousands of articles once and asks questions for
//! weeks, so the store must be a single file with no server, survive `kill -9` at any moment,
//! let readers run while a writer commits, and search text. SQLite (through `rusqlite`,
//! bundled so every build has the same version with FTS5) gives all of that: transactions
//! make each `add` batch all-or-nothing, WAL keeps readers unblocked, FTS5 indexes the
//! sentences. The full-text index is *contentless*: the text is stored once, in the
//! document, and snippets are cut from it, which keeps the store under twice the raw text.
//!
//! Dates are stored as half-open intervals of seconds since 1970-01-01T00:00 (civil time
//! read as UTC), computed by pure arithmetic on the proleptic Gregorian calendar, so years
//! 9999 BCE to 9999 CE sort and overlap correctly as plain integers; the granularity and the
//! TIMEX3 value are kept alongside, so a year-level statement is still shown as "1990".
//!
//! ```no_run
//! use annalist_store::{Store, TimelineQuery};
//! let store = Store::open("annalist.db")?;
//! let page = store.timeline(&TimelineQuery::default())?;
//! for entry in &page.entries {
//!     println!("{} {}", entry.display_date, entry.description);
//! }
//! # Ok::<(), annalist_store::StoreError>(())
//! ```

#![warn(missing_docs)]

mod codec;
mod document;
mod error;
mod insert;
pub mod instant;
mod model;
mod query;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use error::StoreError;
pub use insert::source_name;
pub use model::*;
pub use query::{BEST_RULE, display_date};
pub use schema::SCHEMA_VERSION;

/// The default store location, relative to the working directory.
pub const DEFAULT_PATH: &str = "annalist.db";

/// How long a writer waits for another writer (another `annalist add`) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open archive. One `Store` is one SQLite connection: use one per thread (opening is
/// cheap); any number of readers can work while one writer commits.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and migrating an older schema) if needed.
    /// A store written by a newer annalist is refused with [`StoreError::NewerSchema`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path).map_err(|e| StoreError::open(&path, e))?;
        Store::setup(conn, path, true)
    }

    /// Opens an existing store for reading only; never creates or migrates it.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            return Err(StoreError::Missing(path));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::open(&path, e))?;
        Store::setup(conn, path, false)
    }

    /// An in-memory store (tests, one-off pipelines).
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        Store::setup(conn, PathBuf::from(":memory:"), true)
    }

    fn setup(conn: Connection, path: PathBuf, writable: bool) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if writable {
            // WAL: readers never wait for the writer; NORMAL sync is durable at each
            // checkpoint and never corrupts (a crash loses at most the last commits).
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| StoreError::open(&path, e))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -32_000)?;
        if !writable {
            // Readers go through the OS page cache without a copy per page (streaming the
            // whole timeline touches many pages once). Not the writer: mapped pages count
            // in its resident memory, which must stay flat during a long `add`.
            conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        }
        let mut store = Store { conn, path };
        schema::prepare(&mut store.conn, &store.path, writable)?;
        Ok(store)
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Resolves the store path the way every command does: the flag, else `ANNALIST_DB`, else
/// [`DEFAULT_PATH`].
pub fn resolve_path(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    match std::env::var_os("ANNALIST_DB") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(DEFAULT_PATH),
    }
}
