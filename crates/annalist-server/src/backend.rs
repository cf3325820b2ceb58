//! The queries the HTTP API needs from an archive, as one small trait.
//!
//! The server never touches storage directly: it parses and checks the request, then asks a
//! [`Backend`]. That keeps the routes testable against [`crate::MemoryBackend`] and lets the
//! embedded store plug in as a thin adapter. Methods are synchronous (a store is disk and
//! CPU work); the server runs them on blocking threads so they never stall the event loop.

use crate::api::{AddResult, Conflicts, DocumentView, SearchResults, Stats, TimelinePage};
use jiff::civil::DateTime;

/// Which timeline entries a query wants. Every field is optional but `limit`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    /// Entries whose interval ends after this instant.
    pub from: Option<DateTime>,
    /// Entries whose interval starts before this instant.
    pub to: Option<DateTime>,
    /// Words the statement or its document title must contain (case-insensitive).
    pub q: Option<String>,
    /// A figure category the entry must have (`killed`, `deployed`…).
    pub category: Option<String>,
    /// A source: URL host (`example.org`), document id, or input name.
    pub source: Option<String>,
    /// Largest number of entries in the page (at least 1; the server caps it).
    pub limit: usize,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A date range and optional category, for search and conflicts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    /// Things that end after this instant.
    pub from: Option<DateTime>,
    /// Things that start before this instant.
    pub to: Option<DateTime>,
}

/// Why a backend could not answer.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// The request is wrong (a bad cursor, an unreadable upload): HTTP 400.
    #[error("{0}")]
    BadRequest(String),
    /// No such document: HTTP 404.
    #[error("{0}")]
    NotFound(String),
    /// The archive failed (I/O, corruption): HTTP 500, logged, shown as a generic message.
    #[error("{0}")]
    Internal(String),
}

/// An archive the server can serve. Implementations must be safe to call from many threads
/// at once; readers should not wait for writers longer than a transaction.
pub trait Backend: Send + Sync + 'static {
    /// Timeline entries matching `filter`, in chronological order, one page at a time.
    fn timeline(&self, filter: &TimelineFilter) -> Result<TimelinePage, BackendError>;

    /// Sentences matching the words of `q` (all of them), at most `limit`: from an archive
    /// the most recently added first, in memory those with the most occurrences first.
    fn search(
        &self,
        q: &str,
        range: &DateRange,
        limit: usize,
    ) -> Result<SearchResults, BackendError>;

    /// Dates and categories where sources give different figures.
    fn conflicts(
        &self,
        range: &DateRange,
        category: Option<&str>,
    ) -> Result<Conflicts, BackendError>;

    /// One document with its text and everything found in it.
    fn document(&self, id: &str) -> Result<DocumentView, BackendError>;

    /// Counts and the range covered. `read_only` is filled in by the server.
    fn stats(&self) -> Result<Stats, BackendError>;

    /// Reads, extracts and stores an upload: one document (text, HTML, JSON) or a JSONL
    /// batch. `name` is a file name whose extension may tell the format.
    fn add(&self, name: &str, bytes: &[u8]) -> Result<AddResult, BackendError>;

    /// Removes a document and everything found in it.
    fn delete(&self, id: &str) -> Result<(), BackendError>;
}
