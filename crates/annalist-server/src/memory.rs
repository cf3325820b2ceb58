//! [`MemoryBackend`]: an archive held in memory, built from extractions.
//!
//! It is what the tests use and what `annalist serve --from PATH…` serves, so the page and
//! the API work on sample articles without the embedded store. It answers by scanning, which
//! is plenty for thousands of documents; the store is the answer for millions.
//!
//! Readers work on an immutable snapshot (`Arc<Inner>`): a write builds the next snapshot
//! off to the side and swaps it in, so a long add never blocks a timeline request. Entries
//! up to a year long are kept apart from longer ones (decades, centuries) so a date window is
//! two binary searches plus a short scan, not a pass over the whole archive.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use annalist_extract::compare::When;
use annalist_extract::{Event, Extraction, Figure, Taggers, extract};
use annalist_ingest::{IngestOptions, read_bytes, read_inputs};
use annalist_time::TimexType;
use jiff::civil::DateTime;

use crate::api::{
    AddResult, Conflict, ConflictFigure, Conflicts, DocumentView, EventView, FigureView, SearchHit,
    SearchResults, SnippetPart, SourceRef, SpanView, Stats, TimelineEntry, TimelinePage, TimexView,
};
use crate::backend::{Backend, BackendError, DateRange, TimelineFilter};
use crate::time::epoch_seconds;

/// An in-memory archive. Cheap to clone handles are not needed: share it in an `Arc`.
#[derive(Debug)]
pub struct MemoryBackend {
    taggers: Taggers,
    snapshot: RwLock<Arc<Inner>>,
    /// Held by writers while they build the next snapshot: writes happen one at a time.
    writer: Mutex<()>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Documents in the order they were added.
    docs: Vec<Arc<Extraction>>,
    /// Their ids.
    ids: HashSet<String>,
    /// Timeline entries at most [`SHORT_SECONDS`] long, chronological, merged across sources.
    short: Vec<IndexedEntry>,
    /// Longer entries (decades, centuries), chronological.
    long: Vec<IndexedEntry>,
    /// Earliest start and latest end of any entry.
    span: Option<(DateTime, DateTime)>,
}

/// Entries up to this long (a leap year and a day) are "short".
const SHORT_SECONDS: i64 = 367 * 86_400;

#[derive(Debug)]
struct IndexedEntry {
    entry: TimelineEntry,
    /// Lower-cased statement and titles, for `q`.
    haystack: String,
    /// Categories of its figures.
    categories: BTreeSet<String>,
    /// Source keys (host, id, path) of every source.
    source_keys: Vec<String>,
    start: DateTime,
    end: DateTime,
}

impl Default for MemoryBackend {
    fn default() -> Self {
        MemoryBackend::new(Vec::new())
    }
}

impl MemoryBackend {
    /// An archive holding `extractions` (a document id seen twice is kept once).
    pub fn new(extractions: Vec<Extraction>) -> MemoryBackend {
        let mut ids = HashSet::new();
        let docs: Vec<Arc<Extraction>> = extractions
            .into_iter()
            .filter(|x| ids.insert(x.doc.id.clone()))
            .map(Arc::new)
            .collect();
        MemoryBackend {
            taggers: Taggers::english(),
            snapshot: RwLock::new(Arc::new(Inner::build(docs))),
            writer: Mutex::new(()),
        }
    }

    /// The same archive, with `taggers` for the documents POSTed to it later (English only
    /// by default).
    pub fn with_taggers(mut self, taggers: Taggers) -> MemoryBackend {
        self.taggers = taggers;
        self
    }

    /// Reads and extracts every input in `paths` (files, folders, JSONL) with default
    /// options, each document with the tagger of its language. Inputs that cannot be read
    /// are returned as messages, not fatal.
    pub fn from_paths(paths: &[PathBuf], taggers: Taggers) -> (MemoryBackend, Vec<String>) {
        use rayon::prelude::*;
        let mut errors = Vec::new();
        let mut docs = Vec::new();
        for item in read_inputs(paths, &IngestOptions::default()) {
            match item {
                Ok(doc) => docs.push(doc),
                Err(e) => errors.push(e.to_string()),
            }
        }
        // Extraction is the slow part and independent per document: use every core.
        let extractions = docs.into_par_iter().map(|d| extract(d, &taggers)).collect();
        (
            MemoryBackend::new(extractions).with_taggers(taggers),
            errors,
        )
    }

    /// The current snapshot. The lock is held only to clone an `Arc`.
    fn read(&self) -> Arc<Inner> {
        // A writer that panicked left either the old or the new snapshot in place; both are
        // consistent, so poisoning is not a reason to stop serving.
        Arc::clone(&self.snapshot.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn publish(&self, next: Inner) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
    }

    fn lock_writer(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Inner {
    fn build(docs: Vec<Arc<Extraction>>) -> Inner {
        let mut inner = Inner {
            ids: docs.iter().map(|d| d.doc.id.clone()).collect(),
            docs,
            ..Inner::default()
        };
        inner.reindex();
        inner
    }

    fn reindex(&mut self) {
        let mut merged: Vec<IndexedEntry> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for x in &self.docs {
            for (i, event) in x.events.iter().enumerate() {
                let Some(interval) = event.time.interval else {
                    continue;
                };
                let source = source_ref(x, event);
                let key = merge_key(x, event);
                if let Some(&at) = by_key.get(&key) {
                    let e = &mut merged[at];
                    if !e.entry.sources.iter().any(|s| s.doc_id == source.doc_id) {
                        e.source_keys.extend(source_keys(x));
                        if let Some(t) = &x.doc.title {
                            e.haystack.push('\n');
                            e.haystack.push_str(&t.to_lowercase());
                        }
                        e.entry.sources.push(source);
                    }
                    continue;
                }
                let figures: Vec<FigureView> = event
                    .figures
                    .iter()
                    .filter_map(|&f| x.figures.get(f))
                    .map(figure_view)
                    .collect();
                let mut haystack = event.text.to_lowercase();
                if let Some(t) = &x.doc.title {
                    haystack.push('\n');
                    haystack.push_str(&t.to_lowercase());
                }
                by_key.insert(key, merged.len());
                merged.push(IndexedEntry {
                    categories: figures.iter().map(|f| f.category.clone()).collect(),
                    entry: TimelineEntry {
                        id: format!("{}:{i}", x.doc.id),
                        value: event.time.value.clone(),
                        granularity: event.time.granularity.map(|g| g.as_str().to_string()),
                        modifier: event.time.modifier.map(|m| m.as_str().to_string()),
                        start: Some(annalist_time::value::format_datetime(interval.start)),
                        end: Some(annalist_time::value::format_datetime(interval.end)),
                        start_s: Some(epoch_seconds(interval.start)),
                        end_s: Some(epoch_seconds(interval.end)),
                        description: event.text.clone(),
                        figures,
                        sources: vec![source],
                    },
                    haystack,
                    source_keys: source_keys(x),
                    start: interval.start,
                    end: interval.end,
                });
            }
        }
        merged.sort_by(entry_order);
        self.span = merged
            .iter()
            .map(|e| (e.start, e.end))
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
        let (long, short): (Vec<_>, Vec<_>) = merged
            .into_iter()
            .partition(|e| epoch_seconds(e.end) - epoch_seconds(e.start) > SHORT_SECONDS);
        self.short = short;
        self.long = long;
    }
}

/// Chronological order: start, then end, then value and id so the order is total.
fn entry_order(a: &IndexedEntry, b: &IndexedEntry) -> std::cmp::Ordering {
    (a.start, a.end, &a.entry.value, &a.entry.id).cmp(&(
        b.start,
        b.end,
        &b.entry.value,
        &b.entry.id,
    ))
}

/// Statements from different documents merge when they give the same date and the same
/// figures, or the same words for the same date.
fn merge_key(x: &Extraction, event: &Event) -> String {
    let mut figs: Vec<String> = event
        .figures
        .iter()
        .filter_map(|&f| x.figures.get(f))
        .map(|f| format!("{}={}~{}", f.category, f.value, f.bound))
        .collect();
    if figs.is_empty() {
        let words: Vec<String> = event
            .text
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        return format!("{}\u{1}text\u{1}{}", event.time.value, words.join(" "));
    }
    figs.sort();
    format!("{}\u{1}figs\u{1}{}", event.time.value, figs.join(","))
}

fn source_ref(x: &Extraction, event: &Event) -> SourceRef {
    // The statement's own span: a sentence may tell two dated things.
    let (start, end) = (event.start, event.end);
    SourceRef {
        doc_id: x.doc.id.clone(),
        title: x.doc.title.clone(),
        url: x.doc.url.clone(),
        published: x.doc.published.as_ref().map(|d| d.to_date_string()),
        sentence: event.sentence,
        start,
        end,
        time_source: match event.time.source {
            annalist_extract::TimeSource::Explicit => "explicit",
            annalist_extract::TimeSource::Inherited => "inherited",
            annalist_extract::TimeSource::Dct => "dct",
        }
        .to_string(),
    }
}

/// The names a `source` filter may use for a document: its URL host, its id, its input.
fn source_keys(x: &Extraction) -> Vec<String> {
    let mut keys = vec![x.doc.id.clone(), x.doc.path.clone()];
    if let Some(host) = x.doc.url.as_deref().and_then(url_host) {
        keys.push(host);
    }
    keys
}

/// The host of an http(s) URL, without `www.`, lower-cased.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

fn source_name(x: &Extraction) -> String {
    x.doc
        .url
        .as_deref()
        .and_then(url_host)
        .unwrap_or_else(|| x.doc.path.clone())
}

fn figure_view(f: &Figure) -> FigureView {
    FigureView {
        text: f.text.clone(),
        value: f.value,
        low: f.low,
        high: f.high,
        bound: f.bound.clone(),
        category: f.category.clone(),
        counted: f.counted.clone(),
        quantity: f.quantity.clone(),
        start: f.start,
        end: f.end,
        vague: f.vague.clone(),
        replaced: f.replaced,
    }
}

fn overlaps(start: DateTime, end: DateTime, range: &DateRange) -> bool {
    range.from.is_none_or(|from| end > from) && range.to.is_none_or(|to| start < to)
}

/// Folds a string to lower case one character for one character, so offsets survive.
fn fold(chars: impl Iterator<Item = char>) -> Vec<char> {
    chars
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// Query words, folded; words are runs of letters and digits.
fn query_words(q: &str) -> Vec<Vec<char>> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fold(w.chars()))
        .collect()
}

fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

/// Cuts `chars` into plain and highlighted parts, highlighting every occurrence of `words`.
fn snippet(chars: &[char], words: &[Vec<char>]) -> Vec<SnippetPart> {
    let folded = fold(chars.iter().copied());
    let mut marked = vec![false; chars.len()];
    for w in words {
        for at in find_all(&folded, w) {
            for m in &mut marked[at..at + w.len()] {
                *m = true;
            }
        }
    }
    let mut parts: Vec<SnippetPart> = Vec::new();
    for (c, m) in chars.iter().zip(marked) {
        match parts.last_mut() {
            Some(p) if p.highlight == m => p.text.push(*c),
            _ => parts.push(SnippetPart {
                text: c.to_string(),
                highlight: m,
            }),
        }
    }
    parts
}

impl Backend for MemoryBackend {
    fn timeline(&self, filter: &TimelineFilter) -> Result<TimelinePage, BackendError> {
        let offset = match &filter.cursor {
            None => 0,
            Some(c) => c
                .parse::<usize>()
                .map_err(|_| BackendError::BadRequest(format!("cursor {c:?} is not valid")))?,
        };
        let q = filter.q.as_deref().map(str::to_lowercase);
        let words: Vec<&str> = q
            .as_deref()
            .map_or(Vec::new(), |q| q.split_whitespace().collect());
        let source = filter.source.as_deref().map(str::to_lowercase);
        let range = DateRange {
            from: filter.from,
            to: filter.to,
        };
        let inner = self.read();
        // Short entries are sorted by start: one that starts a year before `from`, or at or
        // after `to`, cannot overlap the window.
        let lower = match filter.from {
            Some(from) => {
                let before = from
                    .checked_sub(jiff::SignedDuration::from_secs(SHORT_SECONDS))
                    .unwrap_or(DateTime::MIN);
                inner.short.partition_point(|e| e.start < before)
            }
            None => 0,
        };
        let upto = match filter.to {
            Some(to) => inner.short.partition_point(|e| e.start < to),
            None => inner.short.len(),
        };
        let long_upto = match filter.to {
            Some(to) => inner.long.partition_point(|e| e.start < to),
            None => inner.long.len(),
        };
        let mut candidates: Vec<&IndexedEntry> = inner.long[..long_upto]
            .iter()
            .chain(inner.short[lower..upto.max(lower)].iter())
            .collect();
        // Two sorted runs: the sort merges them in linear time.
        candidates.sort_by(|a, b| entry_order(a, b));
        let matching = candidates.into_iter().filter(|e| {
            overlaps(e.start, e.end, &range)
                && words.iter().all(|w| e.haystack.contains(w))
                && filter
                    .category
                    .as_deref()
                    .is_none_or(|c| e.categories.contains(c))
                && source
                    .as_deref()
                    .is_none_or(|s| e.source_keys.iter().any(|k| k.eq_ignore_ascii_case(s)))
        });
        let mut total = 0;
        let mut entries = Vec::new();
        let limit = filter.limit.max(1);
        for e in matching {
            if total >= offset && entries.len() < limit {
                entries.push(e.entry.clone());
            }
            total += 1;
        }
        let next = offset + entries.len();
        Ok(TimelinePage {
            entries,
            total,
            next_cursor: (next < total).then(|| next.to_string()),
        })
    }

    fn search(
        &self,
        q: &str,
        range: &DateRange,
        limit: usize,
    ) -> Result<SearchResults, BackendError> {
        let words = query_words(q);
        if words.is_empty() {
            return Err(BackendError::BadRequest(
                "q must contain at least one letter or digit".into(),
            ));
        }
        let inner = self.read();
        let mut scored: Vec<(usize, SearchHit)> = Vec::new();
        for x in &inner.docs {
            let chars: Vec<char> = x.doc.text.chars().collect();
            let folded = fold(chars.iter().copied());
            for (si, s) in x.sentences.iter().enumerate() {
                let Some(sentence) = folded.get(s.start..s.end) else {
                    continue;
                };
                let counts: Vec<usize> =
                    words.iter().map(|w| find_all(sentence, w).len()).collect();
                if counts.contains(&0) {
                    continue;
                }
                let inside = |a: usize, b: usize| a >= s.start && b <= s.end;
                let timexes: Vec<_> = x
                    .timexes
                    .iter()
                    .filter(|t| inside(t.start, t.end))
                    .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
                    .collect();
                // (A sentence that tells two dated things has an event for each.)
                let mut events = x.events.iter().filter(|e| e.sentence == si);
                let event = events.clone().next();
                if range.from.is_some() || range.to.is_some() {
                    let mut intervals = timexes.iter().filter_map(|t| t.interval);
                    let dated = intervals.any(|i| overlaps(i.start, i.end, range))
                        || events.any(|e| {
                            e.time
                                .interval
                                .is_some_and(|i| overlaps(i.start, i.end, range))
                        });
                    if !dated {
                        continue;
                    }
                }
                let mut dates: Vec<String> = timexes.iter().map(|t| t.value.to_string()).collect();
                if dates.is_empty()
                    && let Some(e) = event
                {
                    dates.push(e.time.value.clone());
                }
                let source = SourceRef {
                    doc_id: x.doc.id.clone(),
                    title: x.doc.title.clone(),
                    url: x.doc.url.clone(),
                    published: x.doc.published.as_ref().map(|d| d.to_date_string()),
                    sentence: si,
                    start: s.start,
                    end: s.end,
                    time_source: event
                        .map_or("none", |e| match e.time.source {
                            annalist_extract::TimeSource::Explicit => "explicit",
                            annalist_extract::TimeSource::Inherited => "inherited",
                            annalist_extract::TimeSource::Dct => "dct",
                        })
                        .to_string(),
                };
                let hit = SearchHit {
                    source,
                    snippet: snippet(&chars[s.start..s.end], &words),
                    dates,
                };
                scored.push((counts.iter().sum(), hit));
            }
        }
        // Most matches first; ties keep archive order (stable sort).
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        let total = scored.len();
        Ok(SearchResults {
            hits: scored.into_iter().take(limit).map(|(_, h)| h).collect(),
            total,
        })
    }

    fn conflicts(
        &self,
        range: &DateRange,
        category: Option<&str>,
    ) -> Result<Conflicts, BackendError> {
        let inner = self.read();
        // Every figure with its category and when its statement is placed, in archive order.
        let mut items: Vec<(String, When, ConflictFigure)> = Vec::new();
        for x in &inner.docs {
            for event in &x.events {
                let Some(interval) = event.time.interval else {
                    continue;
                };
                if !overlaps(interval.start, interval.end, range) {
                    continue;
                }
                // A figure stated for 19 January at night is about 19 January.
                let when = When {
                    key: day_or_coarser(&event.time.value),
                    start_s: epoch_seconds(interval.start),
                    end_s: epoch_seconds(interval.end),
                    day_or_finer: event
                        .time
                        .granularity
                        .is_some_and(|g| g >= annalist_time::Granularity::Day),
                };
                for f in event.figures.iter().filter_map(|&f| x.figures.get(f)) {
                    if f.quantity != "count"
                        || f.category == "other"
                        || f.replaced
                        || category.is_some_and(|c| c != f.category)
                    {
                        continue;
                    }
                    let item = ConflictFigure {
                        figure: figure_view(f),
                        source: source_ref(x, event),
                    };
                    items.push((f.category.clone(), when.clone(), item));
                }
            }
        }
        let conflicts: Vec<Conflict> = annalist_extract::compare::group_by_time(items)
            .into_iter()
            .filter_map(|group| {
                let mut figures = group.items;
                annalist_extract::drop_parts_of_counts(&mut figures, |f| {
                    let largest = f.figure.high.unwrap_or(f.figure.value);
                    (f.source.doc_id.as_str(), f.figure.counted.as_str(), largest)
                });
                // As the store does: one source revising itself is no conflict.
                let sources: HashSet<&str> =
                    figures.iter().map(|f| f.source.doc_id.as_str()).collect();
                if sources.len() < 2 {
                    return None;
                }
                let distinct: BTreeSet<(u64, u64)> = figures
                    .iter()
                    .map(|f| {
                        let hi = f.figure.high.unwrap_or(f.figure.value);
                        (f.figure.value.to_bits(), hi.to_bits())
                    })
                    .collect();
                if distinct.len() < 2 {
                    return None;
                }
                figures.sort_by(|a, b| a.figure.value.total_cmp(&b.figure.value));
                let low = figures
                    .iter()
                    .map(|f| f.figure.low.unwrap_or(f.figure.value))
                    .fold(f64::INFINITY, f64::min);
                let high = figures
                    .iter()
                    .map(|f| f.figure.high.unwrap_or(f.figure.value))
                    .fold(f64::NEG_INFINITY, f64::max);
                let best = figures
                    .iter()
                    .filter(|f| matches!(f.figure.bound.as_str(), "exact" | "at_least"))
                    .map(|f| f.figure.value)
                    .fold(f64::INFINITY, f64::min);
                let best = if best.is_finite() { best } else { low };
                Some(Conflict {
                    date: group.date,
                    start_s: Some(group.start_s),
                    end_s: Some(group.end_s),
                    category: group.category,
                    figures,
                    low,
                    best,
                    high,
                })
            })
            .collect();
        Ok(Conflicts { conflicts })
    }

    fn document(&self, id: &str) -> Result<DocumentView, BackendError> {
        let inner = self.read();
        let x = inner
            .docs
            .iter()
            .find(|d| d.doc.id == id)
            .ok_or_else(|| BackendError::NotFound(format!("no document with id {id:?}")))?;
        Ok(DocumentView {
            id: x.doc.id.clone(),
            title: x.doc.title.clone(),
            url: x.doc.url.clone(),
            author: x.doc.author.clone(),
            published: x.doc.published.as_ref().map(|d| d.to_date_string()),
            language: x.doc.language.clone(),
            path: x.doc.path.clone(),
            text: x.doc.text.clone(),
            sentences: x
                .sentences
                .iter()
                .map(|s| SpanView {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            timexes: x
                .timexes
                .iter()
                .map(|t| TimexView {
                    start: t.start,
                    end: t.end,
                    text: t.text.clone(),
                    kind: t.kind.as_str().to_string(),
                    value: t.value.to_string(),
                })
                .collect(),
            figures: x.figures.iter().map(figure_view).collect(),
            events: x
                .events
                .iter()
                .map(|e| EventView {
                    sentence: e.sentence,
                    start: e.start,
                    end: e.end,
                    text: e.text.clone(),
                    value: e.time.value.clone(),
                    granularity: e.time.granularity.map(|g| g.as_str().to_string()),
                    figures: e.figures.clone(),
                })
                .collect(),
        })
    }

    fn stats(&self) -> Result<Stats, BackendError> {
        let inner = self.read();
        let mut categories = BTreeSet::new();
        let mut sources = BTreeSet::new();
        let (mut events, mut figures, mut timexes) = (0, 0, 0);
        for x in &inner.docs {
            events += x.events.len();
            figures += x.figures.len();
            timexes += x.timexes.len();
            categories.extend(x.figures.iter().map(|f| f.category.clone()));
            sources.insert(source_name(x));
        }
        let earliest = inner.span.map(|s| s.0);
        let latest = inner.span.map(|s| s.1);
        Ok(Stats {
            documents: inner.docs.len(),
            events,
            figures,
            timexes,
            earliest: earliest.map(annalist_time::value::format_datetime),
            latest: latest.map(annalist_time::value::format_datetime),
            categories: categories.into_iter().collect(),
            sources: sources.into_iter().collect(),
            read_only: false,
        })
    }

    fn add(&self, name: &str, bytes: &[u8]) -> Result<AddResult, BackendError> {
        let mut result = AddResult {
            added: Vec::new(),
            unchanged: Vec::new(),
            errors: Vec::new(),
        };
        // Extraction is the slow part: do it before taking the write lock.
        let mut extracted = Vec::new();
        for item in read_bytes(name, bytes, &IngestOptions::default()) {
            match item {
                Ok(doc) => extracted.push(extract(doc, &self.taggers)),
                Err(e) => result.errors.push(e.to_string()),
            }
        }
        if extracted.is_empty() && !result.errors.is_empty() {
            return Err(BackendError::BadRequest(result.errors.join("; ")));
        }
        let _writing = self.lock_writer();
        let current = self.read();
        let mut docs = current.docs.clone();
        let mut ids = current.ids.clone();
        for x in extracted {
            let id = x.doc.id.clone();
            if ids.insert(id.clone()) {
                docs.push(Arc::new(x));
                result.added.push(id);
            } else {
                result.unchanged.push(id);
            }
        }
        if !result.added.is_empty() {
            // Built while readers keep using the current snapshot.
            self.publish(Inner::build(docs));
        }
        Ok(result)
    }

    fn delete(&self, id: &str) -> Result<(), BackendError> {
        let _writing = self.lock_writer();
        let current = self.read();
        if !current.ids.contains(id) {
            return Err(BackendError::NotFound(format!(
                "no document with id {id:?}"
            )));
        }
        let docs = current
            .docs
            .iter()
            .filter(|d| d.doc.id != id)
            .cloned()
            .collect();
        self.publish(Inner::build(docs));
        Ok(())
    }
}

/// `1990-01-19TNI` and `1990-01-19T05:30` are about `1990-01-19`; coarser values stay.
fn day_or_coarser(value: &str) -> String {
    match annalist_time::value::split_time_of_day(value) {
        Some((day, _)) => day.to_string(),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_urls_only() {
        assert_eq!(
            url_host("https://www.Example.org/a?b").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            url_host("http://user@news.test:8080/x").as_deref(),
            Some("news.test")
        );
        assert_eq!(url_host("javascript:alert(1)"), None);
        assert_eq!(url_host("https://"), None);
    }

    #[test]
    fn snippets_highlight_every_match_without_moving_offsets() {
        let chars: Vec<char> = "İstanbul fell; Constantinople FELL.".chars().collect();
        let parts = snippet(&chars, &query_words("fell"));
        let shown: Vec<(&str, bool)> = parts
            .iter()
            .map(|p| (p.text.as_str(), p.highlight))
            .collect();
        assert_eq!(
            shown,
            [
                ("İstanbul ", false),
                ("fell", true),
                ("; Constantinople ", false),
                ("FELL", true),
                (".", false)
            ]
        );
    }

    #[test]
    fn posted_documents_are_tagged_in_their_language_when_a_pack_is_given()
    -> Result<(), Box<dyn std::error::Error>> {
        let body = "Date: 2027-01-20\n\nТридцать семь лет назад, 20 января 1990 года, в Баку \
                    вошли советские войска.\n";
        let english_only = MemoryBackend::default();
        english_only.add("baku.txt", body.as_bytes())?;
        assert_eq!(english_only.stats()?.timexes, 0);

        let russian = annalist_time::LanguagePack::parse(
            "ru",
            include_str!("../../../examples/packs/ru/lexicon.txt"),
            include_str!("../../../examples/packs/ru/rules.txt"),
        )?;
        let mut taggers = Taggers::english();
        taggers.add(annalist_time::Tagger::with_pack(russian));
        let with_pack = MemoryBackend::default().with_taggers(taggers);
        with_pack.add("baku.txt", body.as_bytes())?;
        let stats = with_pack.stats()?;
        assert_eq!((stats.timexes, stats.events), (2, 1));
        assert_eq!(stats.earliest.as_deref(), Some("1990-01-20"));
        Ok(())
    }

    #[test]
    fn times_within_a_day_are_grouped_by_their_day() {
        assert_eq!(day_or_coarser("1990-01-19TNI"), "1990-01-19");
        assert_eq!(day_or_coarser("PRESENT_REF"), "PRESENT_REF");
        assert_eq!(day_or_coarser("1453"), "1453");
    }
}
