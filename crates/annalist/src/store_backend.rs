//! The HTTP server's [`Backend`] over the archive (`annalist-store`), for `annalist serve --db`.
//!
//! The server's JSON types and the store's records carry the same fields under the same names
//! (both count offsets in characters and instants in seconds since 1970 on the proleptic
//! calendar), so most answers pass through serde unchanged. Reads use a small pool of
//! read-only connections (SQLite in WAL mode lets them run while a write is in progress);
//! writes take one writable connection at a time.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, mpsc};

use annalist_extract::{Taggers, extract};
use annalist_ingest::{IngestOptions, read_bytes};
use annalist_server::api::{
    self, AddResult, Conflicts, DocumentView, SearchResults, Stats, TimelinePage,
};
use annalist_server::time::epoch_seconds;
use annalist_server::{Backend, BackendError, DateRange, TimelineFilter};
use annalist_store::{Inserted, SearchQuery, Store, StoreError, TimelineQuery};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Serves an archive directory.
pub struct StoreBackend {
    path: PathBuf,
    readers: Mutex<ReaderPool>,
    reader_returned: Condvar,
    writer: Arc<Mutex<()>>,
    adder: Mutex<mpsc::Sender<AddJob>>,
}

/// Read-only connections: idle ones, and how many exist.
struct ReaderPool {
    idle: Vec<Store>,
    open: usize,
    max: usize,
}

/// A POSTed body waiting for the ingest thread.
struct AddJob {
    name: String,
    bytes: Vec<u8>,
    reply: mpsc::Sender<Result<AddResult, BackendError>>,
}

/// The ingest thread: extracts and stores POSTed documents one body at a time, at a lower
/// CPU priority than the threads answering reads, so that a running import slows the
/// timeline down as little as possible (reads are what a person waits for; an import is
/// batch work). Documents are written in one transaction per body, as before.
fn ingest_thread(
    path: PathBuf,
    writer: Arc<Mutex<()>>,
    taggers: Taggers,
    jobs: mpsc::Receiver<AddJob>,
) {
    lower_priority();
    for job in jobs {
        let result = add_body(&path, &writer, &taggers, &job.name, &job.bytes);
        // The requester may have gone (timeout): nothing to tell it then.
        let _ = job.reply.send(result);
    }
}

/// Nice 10 for the calling thread (Linux schedules threads by their own niceness).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; gettid cannot fail.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

fn add_body(
    path: &std::path::Path,
    writer: &Mutex<()>,
    taggers: &Taggers,
    name: &str,
    bytes: &[u8],
) -> Result<AddResult, BackendError> {
    let mut result = AddResult {
        added: Vec::new(),
        unchanged: Vec::new(),
        errors: Vec::new(),
    };
    // Extraction is the slow part: do it before taking the write lock.
    let mut batch = Vec::new();
    for item in read_bytes(name, bytes, &IngestOptions::default()) {
        match item {
            Ok(doc) => batch.push(extract(doc, taggers)),
            Err(e) => result.errors.push(e.to_string()),
        }
    }
    if batch.is_empty() && !result.errors.is_empty() {
        return Err(BackendError::BadRequest(result.errors.join("; ")));
    }
    let _one_writer = writer
        .lock()
        .map_err(|_| BackendError::Internal("writer lock poisoned".into()))?;
    let mut store = Store::open(path).map_err(store_err)?;
    let done = store.insert_batch(&batch).map_err(store_err)?;
    for (x, how) in batch.iter().zip(done) {
        match how {
            Inserted::Unchanged | Inserted::Retagged => result.unchanged.push(x.doc.id.clone()),
            Inserted::Added | Inserted::NewVersion(_) => result.added.push(x.doc.id.clone()),
        }
    }
    Ok(result)
}

fn store_err(e: StoreError) -> BackendError {
    match e {
        StoreError::BadQuery(m) => BackendError::BadRequest(m),
        StoreError::NotFound(m) => BackendError::NotFound(m),
        other => BackendError::Internal(other.to_string()),
    }
}

/// Converts between the store's records and the server's identical JSON types.
fn convert<T: DeserializeOwned>(v: &impl Serialize) -> Result<T, BackendError> {
    serde_json::to_value(v)
        .and_then(serde_json::from_value)
        .map_err(|e| BackendError::Internal(format!("store and API types disagree: {e}")))
}

impl StoreBackend {
    /// Opens the archive at `path` (it must exist: `annalist add` creates it); documents
    /// POSTed to it are tagged by `taggers`, each with the one of its language.
    pub fn open(path: PathBuf, taggers: Taggers) -> anyhow::Result<StoreBackend> {
        let first = Store::open_read_only(&path)?;
        let writer = Arc::new(Mutex::new(()));
        let (adder, jobs) = mpsc::channel();
        let (p, w) = (path.clone(), Arc::clone(&writer));
        std::thread::Builder::new()
            .name("annalist-ingest".into())
            .spawn(move || ingest_thread(p, w, taggers, jobs))
            .map_err(|e| anyhow::anyhow!("cannot start the ingest thread: {e}"))?;
        Ok(StoreBackend {
            path,
            readers: Mutex::new(ReaderPool {
                idle: vec![first],
                open: 1,
                max: std::thread::available_parallelism().map_or(4, |n| (2 * n.get()).max(4)),
            }),
            reader_returned: Condvar::new(),
            writer,
            adder: Mutex::new(adder),
        })
    }

    /// Runs `f` on a pooled read-only connection. At most `max` connections exist; a
    /// request beyond that waits for one rather than opening another, so a burst of 32
    /// requests on 2 cores runs a few queries at a time instead of opening 32 connections
    /// (each open reads the schema) and thrashing between them.
    fn with_reader<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, BackendError> {
        let poisoned = || BackendError::Internal("reader pool lock poisoned".into());
        let store = {
            let mut pool = self.readers.lock().map_err(|_| poisoned())?;
            loop {
                if let Some(s) = pool.idle.pop() {
                    break s;
                }
                if pool.open < pool.max {
                    pool.open += 1;
                    drop(pool);
                    match Store::open_read_only(&self.path) {
                        Ok(s) => break s,
                        Err(e) => {
                            if let Ok(mut pool) = self.readers.lock() {
                                pool.open -= 1;
                            }
                            return Err(store_err(e));
                        }
                    }
                }
                pool = self.reader_returned.wait(pool).map_err(|_| poisoned())?;
            }
        };
        let lease = Lease {
            backend: self,
            store: Some(store),
        };
        let store = lease.store.as_ref().ok_or_else(poisoned)?;
        f(store).map_err(store_err)
    }
}

/// A connection out of the pool. It goes back when the request is done, and also when the
/// query panics: then the connection is closed instead (its state is unknown) and its slot
/// freed, so a panic cannot shrink the pool until the server hangs.
struct Lease<'a> {
    backend: &'a StoreBackend,
    store: Option<Store>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let mut pool = match self.backend.readers.lock() {
            Ok(pool) => pool,
            Err(poisoned) => poisoned.into_inner(),
        };
        match self.store.take() {
            Some(store) if !std::thread::panicking() => pool.idle.push(store),
            _ => pool.open = pool.open.saturating_sub(1),
        }
        drop(pool);
        self.backend.reader_returned.notify_one();
    }
}

/// The timeline is the hot path (every pan and zoom of the page asks for it), so its entries
/// are moved field by field rather than through [`convert`].
fn timeline_entry(e: annalist_store::TimelineEntry) -> api::TimelineEntry {
    api::TimelineEntry {
        id: e.id,
        value: e.value,
        granularity: e.granularity,
        modifier: e.modifier,
        start: Some(e.start),
        end: Some(e.end),
        start_s: Some(e.start_s),
        end_s: Some(e.end_s),
        description: e.description,
        figures: e.figures.into_iter().map(figure_view).collect(),
        sources: e.sources.into_iter().map(source_ref).collect(),
    }
}

fn figure_view(f: annalist_store::FigureRecord) -> api::FigureView {
    api::FigureView {
        text: f.text,
        value: f.value,
        low: f.low,
        high: f.high,
        bound: f.bound,
        category: f.category,
        counted: f.counted,
        quantity: f.quantity,
        start: f.start,
        end: f.end,
        vague: f.vague,
        replaced: f.replaced,
    }
}

fn source_ref(s: annalist_store::SourceRef) -> api::SourceRef {
    api::SourceRef {
        doc_id: s.doc_id,
        title: s.title,
        url: s.url,
        published: s.published,
        sentence: s.sentence,
        start: s.start,
        end: s.end,
        time_source: s.time_source,
    }
}

fn seconds(dt: Option<jiff::civil::DateTime>) -> Option<i64> {
    dt.map(epoch_seconds)
}

impl Backend for StoreBackend {
    fn timeline(&self, filter: &TimelineFilter) -> Result<TimelinePage, BackendError> {
        let offset = match &filter.cursor {
            Some(c) => c
                .parse::<usize>()
                .map_err(|_| BackendError::BadRequest(format!("cursor {c:?} is not valid")))?,
            None => 0,
        };
        let query = TimelineQuery {
            from: seconds(filter.from),
            to: seconds(filter.to),
            text: filter.q.clone(),
            category: filter.category.clone(),
            source: filter.source.clone(),
            offset,
            limit: Some(filter.limit),
        };
        let page = self.with_reader(|s| s.timeline(&query))?;
        let next = offset + page.entries.len();
        Ok(TimelinePage {
            next_cursor: (next < page.total).then(|| next.to_string()),
            total: page.total,
            entries: page.entries.into_iter().map(timeline_entry).collect(),
        })
    }

    fn search(
        &self,
        q: &str,
        range: &DateRange,
        limit: usize,
    ) -> Result<SearchResults, BackendError> {
        let query = SearchQuery {
            from: seconds(range.from),
            to: seconds(range.to),
            limit: Some(limit),
        };
        let results = self.with_reader(|s| s.search(q, &query))?;
        convert(&results)
    }

    fn conflicts(
        &self,
        range: &DateRange,
        category: Option<&str>,
    ) -> Result<Conflicts, BackendError> {
        let list =
            self.with_reader(|s| s.conflicts(seconds(range.from), seconds(range.to), category))?;
        convert(&serde_json::json!({ "conflicts": list }))
    }

    fn document(&self, id: &str) -> Result<DocumentView, BackendError> {
        let doc = self.with_reader(|s| s.document(id))?;
        convert(&doc)
    }

    fn stats(&self) -> Result<Stats, BackendError> {
        let (s, sources) = self.with_reader(|s| Ok((s.stats()?, s.sources()?)))?;
        Ok(Stats {
            documents: s.documents,
            events: s.events,
            figures: s.figures,
            timexes: s.timexes,
            earliest: s.earliest,
            latest: s.latest,
            categories: s.categories,
            sources,
            read_only: false,
        })
    }

    fn add(&self, name: &str, bytes: &[u8]) -> Result<AddResult, BackendError> {
        let (reply, answer) = mpsc::channel();
        let job = AddJob {
            name: name.to_string(),
            bytes: bytes.to_vec(),
            reply,
        };
        self.adder
            .lock()
            .map_err(|_| BackendError::Internal("adder lock poisoned".into()))?
            .send(job)
            .map_err(|_| BackendError::Internal("the ingest thread has stopped".into()))?;
        answer
            .recv()
            .map_err(|_| BackendError::Internal("the ingest thread has stopped".into()))?
    }

    fn delete(&self, id: &str) -> Result<(), BackendError> {
        let _one_writer = self
            .writer
            .lock()
            .map_err(|_| BackendError::Internal("writer lock poisoned".into()))?;
        let mut store = Store::open(&self.path).map_err(store_err)?;
        store.delete(id).map_err(store_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_query_gives_its_connection_slot_back() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.db");
        Store::open(&path)?;
        let backend = StoreBackend::open(path, Taggers::english())?;
        let max = backend.readers.lock().map_err(|e| e.to_string())?.max;
        // More panics than the pool has slots: were a slot lost each time, the next query
        // would wait forever.
        for _ in 0..max + 2 {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                backend.with_reader(|_| -> Result<(), StoreError> { panic!("query failed") })
            }));
            assert!(r.is_err());
            let pool = backend.readers.lock().map_err(|e| e.to_string())?;
            assert_eq!(
                pool.open,
                pool.idle.len(),
                "a slot stays taken after a panic"
            );
        }
        assert!(backend.with_reader(|s| s.sources()).is_ok());
        assert_eq!(
            backend
                .readers
                .lock()
                .map_err(|e| e.to_string())?
                .idle
                .len(),
            1
        );
        Ok(())
    }
}
