//! Reading the archive: the timeline, full-text search, conflicting figures, anniversaries
//! and counts. Only current versions of documents are read.
//!
//! Bounded timeline queries are index seeks: an event overlaps `[from, to)` when it starts
//! before `to` and ends after `from`; since no event of a given granularity is longer than
//! the longest stored one (kept in the `spans` table), its start lies in
//! `[from - max_span, to)`, a range the `(grank, start_s)` index answers directly.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use annalist_extract::compare::When;
use rusqlite::{Connection, OpenFlags};

use rusqlite::types::Value;

use crate::codec::{
    decode_figures, decode_figures_into, decode_spans, decompress_text, statement_into,
};
use crate::insert::{date_key, granularity_of_rank, time_source_name};
use crate::instant::format_seconds;
use crate::{
    Conflict, ConflictFigure, FigureRecord, SearchHit, SearchQuery, SearchResults, SnippetPart,
    SourceRef, Stats, Store, StoreError, TimelineEntry, TimelinePage, TimelineQuery,
};

/// How `best` is chosen in a [`Conflict`].
pub const BEST_RULE: &str = "best = the most conservative (smallest) figure stated as exact or as a minimum \
(\"52\", \"at least 52\", \"more than 50\"), as ACLED does; when every source qualifies its figure \
otherwise (\"about\", \"up to\"), the smallest figure. low = the smallest number any source gives \
(a range by its lower end); high = the largest (a range by its upper end).";

/// Up to this many matches, a search with dates checks each match's dates; beyond, it
/// starts from the sentences the dates are in.
const TEXT_SIDE: i64 = 2_000;

/// Beyond this many dated sentences (a long period), checking each match is cheaper.
const DATE_SIDE: usize = 400_000;

/// `spans` keys from here on are the longest time expression per granularity (rank + this);
/// below, the longest event.
pub(crate) const TIMEX_SPANS: i64 = 100;

/// How many documents a whole-timeline scan keeps at most (then it starts afresh).
const DOC_CACHE: usize = 1 << 17;

/// Granularity ranks stored in `events.grank` (-1: none).
const GRANKS: std::ops::RangeInclusive<i64> = -1..=12;

/// One event row with its document, before merging. Rows are read into reused buffers
/// (see `RowPool`), so that streaming the timeline allocates little per event.
struct Row {
    idx: i64,
    start_s: i64,
    end_s: i64,
    value: String,
    grank: i64,
    text: String,
    sentence: usize,
    start: usize,
    end: usize,
    time_source: i64,
    /// The TIMEX3 `mod` of its time, empty for none.
    modifier: String,
    /// Hash of the statement's words ([`word_hash`], stored with the event).
    words: u64,
    figures: Vec<FigureRecord>,
    doc: Arc<DocInfo>,
}

impl Row {
    fn new(doc: Arc<DocInfo>) -> Row {
        Row {
            idx: 0,
            start_s: 0,
            end_s: 0,
            value: String::new(),
            grank: -1,
            text: String::new(),
            sentence: 0,
            start: 0,
            end: 0,
            time_source: 0,
            modifier: String::new(),
            words: 0,
            figures: Vec::new(),
            doc,
        }
    }
}

/// An event's columns (`e.doc` last), then its document's (see [`DOC_COLUMNS`]).
const ROW_COLUMNS: &str = "e.idx, e.start_s, e.end_s, e.value, e.grank, e.text, e.time_source,
    e.sentence, e.cstart, e.cend, e.figures, e.doc, e.words, e.mod";
const DOC_COLUMNS: &str = "d.id, d.title, d.url, d.published, d.source";

/// What a source reference takes from its document.
#[derive(Default)]
struct DocInfo {
    id: String,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    source: String,
    /// `order_key` of `published` and `id`, so sorting rarely compares the texts.
    published_key: u64,
    id_key: u64,
}

impl DocInfo {
    fn read(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<DocInfo> {
        let id: String = r.get(at)?;
        let published: Option<String> = r.get(at + 3)?;
        Ok(DocInfo {
            id_key: order_key(Some(&id)),
            published_key: order_key(published.as_deref()),
            id,
            title: r.get(at + 1)?,
            url: r.get(at + 2)?,
            published,
            source: r.get(at + 4)?,
        })
    }
}

/// Reads an event row into `row` (the document's columns follow [`ROW_COLUMNS`] unless
/// `doc` is given); false when it has no figure of the wanted category.
fn read_row(
    row: &mut Row,
    r: &rusqlite::Row<'_>,
    category: Option<&str>,
    doc: Option<&Arc<DocInfo>>,
) -> Result<bool, StoreError> {
    let stored = r.get_ref(5)?.as_str()?;
    let start = r.get::<_, i64>(8)? as usize;
    let blob = r.get_ref(10)?.as_blob_or_null()?;
    match blob {
        Some(blob) => decode_figures_into(blob, stored, start, &mut row.figures, None)?,
        None => row.figures.clear(),
    }
    if let Some(c) = category
        && !row.figures.iter().any(|f| f.category == c)
    {
        return Ok(false);
    }
    row.doc = match doc {
        Some(d) => Arc::clone(d),
        None => Arc::new(DocInfo::read(r, 14)?),
    };
    row.idx = r.get(0)?;
    row.start_s = r.get(1)?;
    row.end_s = r.get(2)?;
    row.value.clear();
    row.value.push_str(r.get_ref(3)?.as_str()?);
    row.grank = r.get(4)?;
    statement_into(&mut row.text, stored, blob.is_some());
    row.time_source = r.get(6)?;
    row.words = r.get::<_, i64>(12)? as u64;
    row.modifier.clear();
    if let Some(m) = r.get_ref(13)?.as_str_or_null()? {
        row.modifier.push_str(m);
    }
    row.sentence = r.get::<_, i64>(7)? as usize;
    row.start = start;
    row.end = r.get::<_, i64>(9)? as usize;
    Ok(true)
}

/// True when a document is the one a `--source` filter names (as the SQL condition in
/// `events_for_each` says it).
fn source_matches(wanted: &str, d: &DocInfo, path: &str) -> bool {
    d.source == wanted
        || path == wanted
        || d.url.as_deref() == Some(wanted)
        || d.id == wanted
        || (wanted.chars().count() >= 6 && d.id.starts_with(wanted))
}

/// Turns the words of a user query into an FTS5 query: every word quoted, all required, so
/// no input is ever an FTS5 syntax error.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = query_words(text)
        .into_iter()
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn query_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The date of an entry as a reader should see it, at its granularity, with what its TIMEX3
/// `mod` says in words: `1980s`, `late 1980s`, `early 1990-03`, `about 1990`, `1992 – 1994`.
pub fn display_date(value: &str, granularity: Option<&str>, modifier: Option<&str>) -> String {
    let mut out = String::new();
    display_date_into(&mut out, value, granularity, modifier);
    out
}

fn display_date_into(
    out: &mut String,
    value: &str,
    granularity: Option<&str>,
    modifier: Option<&str>,
) {
    // A range ("1992/1994"): both ends, the modifier on the first.
    if let Some((first, second)) = value.split_once('/') {
        display_date_into(out, first, granularity, modifier);
        let mut end = String::new();
        display_date_into(&mut end, second, granularity, None);
        out.push_str(" – ");
        out.push_str(&end);
        return;
    }
    out.clear();
    out.push_str(match modifier {
        Some("START") => "early ",
        Some("MID") => "mid-",
        Some("END") => "late ",
        Some("APPROX") => "about ",
        Some("BEFORE") => "before ",
        Some("AFTER") => "after ",
        Some("ON_OR_BEFORE") => "by ",
        Some("ON_OR_AFTER") => "from ",
        _ => "",
    });
    if granularity == Some("partofday")
        && let Some((day, part)) = annalist_time::value::split_time_of_day(value)
    {
        let name = match part {
            "MO" => "morning",
            "AF" => "afternoon",
            "EV" => "evening",
            "NI" => "night",
            "DT" => "daytime",
            other => other,
        };
        out.push_str(day);
        out.push(' ');
        out.push_str(name);
        return;
    }
    // TimeML writes decades and centuries by their leading digits ("198", "19").
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    match (granularity, value.parse::<u32>()) {
        (Some("decade"), Ok(d)) if digits => {
            out.push_str(&format!("{}s", d * 10));
            return;
        }
        (Some("century"), Ok(c)) if digits => {
            out.push_str(&format!("{}–{}", c * 100, c * 100 + 99));
            return;
        }
        _ => {}
    }
    match annalist_time::value::split_time_of_day(value) {
        Some((a, b)) => {
            out.push_str(a);
            out.push(' ');
            out.push_str(b);
        }
        None => out.push_str(value),
    }
}

/// What merges two statements into one entry: the same figures, or (without figures) the
/// same words (compared without case; see [`same_words`]).
#[derive(PartialEq, Eq, Hash)]
enum MergeKey {
    Words(u64),
    Figures(u64),
}

/// The words of a statement (alphanumeric runs), lowercased, without allocating.
fn words(text: &str) -> impl Iterator<Item = impl Iterator<Item = char> + '_> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase))
}

/// The characters of a statement's words, lowercased, with one separator (`None`) between
/// words: what [`same_words`] compares and [`merge_key`] hashes.
fn word_chars(text: &str) -> impl Iterator<Item = Option<char>> + '_ {
    words(text)
        .enumerate()
        .flat_map(|(i, w)| (i > 0).then_some(None).into_iter().chain(w.map(Some)))
}

/// The same for ASCII text, byte by byte (the common case, and the hot loop of merging).
fn ascii_word_bytes(text: &str) -> impl Iterator<Item = Option<u8>> + '_ {
    let mut started = false;
    let mut gap = false;
    text.bytes().flat_map(move |b| {
        if b.is_ascii_alphanumeric() {
            let sep = started && gap;
            started = true;
            gap = false;
            [sep.then_some(None), Some(Some(b.to_ascii_lowercase()))]
        } else {
            gap = true;
            [None, None]
        }
        .into_iter()
        .flatten()
    })
}

/// True when two statements have the same words, ignoring case and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return ascii_word_bytes(a).eq(ascii_word_bytes(b));
    }
    word_chars(a).eq(word_chars(b))
}

/// FNV-1a over [`word_chars`] (a separator hashes as 0x110000, outside Unicode). Stored
/// with each event (`events.words`): changing it needs a migration.
pub(crate) fn word_hash(text: &str) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    const SEPARATOR: u64 = 0x11_0000;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if text.is_ascii() {
        let (mut started, mut gap) = (false, false);
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() {
                if started && gap {
                    h = (h ^ SEPARATOR).wrapping_mul(PRIME);
                }
                started = true;
                gap = false;
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME);
            } else {
                gap = true;
            }
        }
    } else {
        for c in word_chars(text) {
            h = (h ^ c.map_or(SEPARATOR, u64::from)).wrapping_mul(PRIME);
        }
    }
    h
}

fn merge_key(row: &Row) -> MergeKey {
    if row.figures.is_empty() {
        return MergeKey::Words(row.words);
    }
    // The figures as a set: an order-independent sum of each figure's hash.
    let sum = row.figures.iter().fold(0u64, |sum, f| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        figure_key(f).hash(&mut h);
        sum.wrapping_add(h.finish())
    });
    MergeKey::Figures(sum)
}

/// What makes two figures the same statement of fact.
fn figure_key(f: &FigureRecord) -> (&str, u64, &str, Option<u64>, Option<u64>) {
    (
        &f.category,
        f.value.to_bits(),
        &f.bound,
        f.low.map(f64::to_bits),
        f.high.map(f64::to_bits),
    )
}

/// True when two statements give the same figures (as sets, whatever their order).
fn same_figures(a: &[FigureRecord], b: &[FigureRecord]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut x: Vec<_> = a.iter().map(figure_key).collect();
    let mut y: Vec<_> = b.iter().map(figure_key).collect();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// ISO 8601 text of the last instants formatted: entries come in start order, so the same
/// start (and often the same end) repeat.
#[derive(Default)]
struct Dates {
    last: Vec<(i64, String)>,
}

impl Dates {
    fn format(&mut self, s: i64) -> &str {
        let at = match self.last.iter().position(|(k, _)| *k == s) {
            Some(i) => i,
            None => {
                if self.last.len() >= 4 {
                    self.last.remove(0);
                }
                self.last.push((s, format_seconds(s)));
                self.last.len() - 1
            }
        };
        &self.last[at].1
    }
}

fn set_source(s: &mut SourceRef, row: &Row) {
    s.doc_id.clone_from(&row.doc.id);
    s.title.clone_from(&row.doc.title);
    s.url.clone_from(&row.doc.url);
    s.published.clone_from(&row.doc.published);
    s.source.clone_from(&row.doc.source);
    s.sentence = row.sentence;
    s.start = row.start;
    s.end = row.end;
    s.time_source.clear();
    s.time_source.push_str(time_source_name(row.time_source));
}

fn empty_source() -> SourceRef {
    SourceRef {
        doc_id: String::new(),
        title: None,
        url: None,
        published: None,
        source: String::new(),
        sentence: 0,
        start: 0,
        end: 0,
        time_source: String::new(),
    }
}

fn empty_entry() -> TimelineEntry {
    TimelineEntry {
        id: String::new(),
        value: String::new(),
        granularity: None,
        display_date: String::new(),
        modifier: None,
        start: String::new(),
        end: String::new(),
        start_s: 0,
        end_s: 0,
        description: String::new(),
        figures: Vec::new(),
        sources: Vec::new(),
    }
}

/// Merges the rows of each date into entries and hands them out, reusing the entries'
/// buffers from one date to the next.
#[derive(Default)]
struct Merger {
    entries: Vec<TimelineEntry>,
    used: usize,
    spare: Vec<SourceRef>,
    by_key: HashMap<MergeKey, Vec<usize>, FastHash>,
    dates: Dates,
    order: Vec<u32>,
}

impl Merger {
    fn push_source(&mut self, entry: usize, row: &Row) {
        let mut s = self.spare.pop().unwrap_or_else(empty_source);
        set_source(&mut s, row);
        self.entries[entry].sources.push(s);
    }

    fn new_entry(&mut self, row: &Row) -> usize {
        if self.used == self.entries.len() {
            self.entries.push(empty_entry());
        }
        let i = self.used;
        self.used += 1;
        let e = &mut self.entries[i];
        self.spare.append(&mut e.sources);
        e.id.clear();
        let _ = write!(e.id, "{}:{}", row.doc.id, row.idx);
        e.value.clone_from(&row.value);
        let granularity = granularity_of_rank(row.grank);
        match (&mut e.granularity, granularity) {
            (Some(g), Some(name)) => {
                g.clear();
                g.push_str(name);
            }
            (slot, name) => *slot = name.map(str::to_string),
        }
        let modifier = (!row.modifier.is_empty()).then_some(row.modifier.as_str());
        display_date_into(&mut e.display_date, &row.value, granularity, modifier);
        match (&mut e.modifier, modifier) {
            (Some(m), Some(new)) => {
                m.clear();
                m.push_str(new);
            }
            (slot, new) => *slot = new.map(str::to_string),
        }
        e.start.clear();
        e.start.push_str(self.dates.format(row.start_s));
        e.end.clear();
        e.end.push_str(self.dates.format(row.end_s));
        e.start_s = row.start_s;
        e.end_s = row.end_s;
        e.description.clone_from(&row.text);
        e.figures.clone_from(&row.figures);
        self.push_source(i, row);
        i
    }

    /// Merges a run of rows (same start, end and value, in order) into entries, first
    /// appearance first, and hands them to `out`.
    fn merge(
        &mut self,
        rows: &[Row],
        run: &[u32],
        out: &mut dyn FnMut(&TimelineEntry) -> bool,
    ) -> bool {
        self.used = 0;
        if let [only] = run {
            self.new_entry(&rows[*only as usize]);
        } else {
            self.by_key.clear();
            for &k in run {
                let row = &rows[k as usize];
                let key = merge_key(row);
                let words = matches!(key, MergeKey::Words(_));
                let found = self.by_key.get(&key).and_then(|slot| {
                    slot.iter().copied().find(|&i| {
                        let e = &self.entries[i];
                        if words {
                            e.figures.is_empty() && same_words(&e.description, &row.text)
                        } else {
                            same_figures(&e.figures, &row.figures)
                        }
                    })
                });
                match found {
                    Some(i) => {
                        // Rows of one document come together (sorted by id, then index), so
                        // a sentence already listed would be the last source.
                        let duplicate = self.entries[i]
                            .sources
                            .last()
                            .is_some_and(|s| s.sentence == row.sentence && s.doc_id == row.doc.id);
                        if !duplicate {
                            self.push_source(i, row);
                        }
                    }
                    None => {
                        let i = self.new_entry(row);
                        self.by_key.entry(key).or_default().push(i);
                    }
                }
            }
        }
        self.entries[..self.used].iter().all(out)
    }

    /// Hands out the entries of rows that share a start time, in order: within a date the
    /// earliest published source comes first (then by id), so the order never depends on
    /// which worker finished first during `add`.
    fn flush(&mut self, rows: &[Row], each: &mut dyn FnMut(&TimelineEntry) -> bool) -> bool {
        if rows.is_empty() {
            return true;
        }
        let mut order_of = std::mem::take(&mut self.order);
        order_of.clear();
        order_of.extend(0..rows.len() as u32);
        order_of.sort_by(|&a, &b| order(&rows[a as usize], &rows[b as usize]));
        // Split by (end, value) and merge each run.
        let mut go_on = true;
        let mut from = 0;
        for to in 1..=order_of.len() {
            let boundary = to == order_of.len() || {
                let (a, b) = (&rows[order_of[from] as usize], &rows[order_of[to] as usize]);
                (a.end_s, &a.value) != (b.end_s, &b.value)
            };
            if boundary {
                if !self.merge(rows, &order_of[from..to], each) {
                    go_on = false;
                    break;
                }
                from = to;
            }
        }
        self.order = order_of;
        go_on
    }
}

/// A hasher for keys that are numbers already (document rows, hashes of words): one
/// multiplication instead of SipHash, which the merging loop would spend most of its time in.
#[derive(Default)]
struct NumberHasher(u64);

impl std::hash::Hasher for NumberHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type FastHash = std::hash::BuildHasherDefault<NumberHasher>;

/// Documents read once each and kept (`None` for those a query leaves out: older versions,
/// other sources), instead of joined to every event.
struct DocCache<'c> {
    st: rusqlite::CachedStatement<'c>,
    docs: HashMap<i64, Option<Arc<DocInfo>>, FastHash>,
}

impl<'c> DocCache<'c> {
    fn new(conn: &'c Connection) -> Result<DocCache<'c>, StoreError> {
        Ok(DocCache {
            st: conn.prepare_cached(&format!(
                "SELECT {DOC_COLUMNS}, d.path, d.superseded_by IS NULL FROM documents d
                 WHERE d.rowid = ?1"
            ))?,
            docs: HashMap::default(),
        })
    }

    fn get(&mut self, doc: i64, source: Option<&str>) -> Result<Option<&Arc<DocInfo>>, StoreError> {
        if !self.docs.contains_key(&doc) {
            if self.docs.len() >= DOC_CACHE {
                self.docs.clear();
            }
            let info = self.st.query_row([doc], |d| {
                let info = DocInfo::read(d, 0)?;
                let path: String = d.get(5)?;
                let current: bool = d.get(6)?;
                Ok(
                    (current && source.is_none_or(|w| source_matches(w, &info, &path)))
                        .then(|| Arc::new(info)),
                )
            })?;
            self.docs.insert(doc, info);
        }
        Ok(self.docs.get(&doc).and_then(Option::as_ref))
    }
}

/// Takes rows `..len` of a whole-timeline scan (and may swap in another vector to fill);
/// false to stop.
type Sink<'a> = dyn FnMut(&mut Vec<Row>, usize) -> Result<bool, StoreError> + 'a;

/// Rows handed on at a time by a whole-timeline scan (whole start times only).
const BATCH: usize = 1024;

/// A scan of the whole timeline without words to match: events in start order (the table
/// is clustered by start), each document read once and kept rather than joined per event.
#[derive(Clone, Copy)]
struct WholeScan<'a> {
    category: Option<&'a str>,
    month_day: Option<i64>,
    source: Option<&'a str>,
}

impl WholeScan<'_> {
    /// Reads rows into `pool` and hands them to `sink` (rows `..len`, whole start times),
    /// which may swap in another vector to fill; stops when `sink` returns false.
    fn run(&self, conn: &Connection, sink: &mut Sink<'_>) -> Result<(), StoreError> {
        let mut conditions = vec!["e.end_s IS NOT NULL".to_string()];
        let mut params: Vec<Value> = Vec::new();
        if self.category.is_some() {
            conditions.push("e.figures IS NOT NULL".to_string());
        }
        if let Some(md) = self.month_day {
            params.push(Value::Integer(md));
            conditions.push(format!("e.month_day = ?{}", params.len()));
        }
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM events e WHERE {} ORDER BY e.start_s",
            conditions.join(" AND ")
        );
        let mut st = conn.prepare_cached(&sql)?;
        let mut docs = DocCache::new(conn)?;
        let no_doc = Arc::new(DocInfo::default());
        let mut next = Row::new(Arc::clone(&no_doc));
        let mut pool: Vec<Row> = Vec::new();
        let mut len = 0usize;
        let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            let Some(info) = docs.get(r.get(11)?, self.source)? else {
                continue;
            };
            if !read_row(&mut next, r, self.category, Some(info))? {
                continue;
            }
            if len >= BATCH && pool[len - 1].start_s != next.start_s {
                if !sink(&mut pool, len)? {
                    return Ok(());
                }
                len = 0;
            }
            if len == pool.len() {
                pool.push(Row::new(Arc::clone(&no_doc)));
            }
            std::mem::swap(&mut pool[len], &mut next);
            len += 1;
        }
        if len > 0 {
            sink(&mut pool, len)?;
        }
        Ok(())
    }
}

/// Filters shared by timeline and anniversaries.
#[derive(Default)]
struct EventFilter<'a> {
    query: Option<&'a TimelineQuery>,
    month_day: Option<i64>,
}

impl Store {
    /// The timeline: merged entries in chronological order, paged by `offset` and `limit`.
    /// `total` counts every merged entry matching the query.
    pub fn timeline(&self, q: &TimelineQuery) -> Result<TimelinePage, StoreError> {
        let mut entries = Vec::new();
        let mut total = 0usize;
        let limit = q.limit.unwrap_or(usize::MAX);
        self.timeline_for_each(q, |e| {
            if total >= q.offset && entries.len() < limit {
                entries.push(e.clone());
            }
            total += 1;
            true
        })?;
        Ok(TimelinePage { entries, total })
    }

    /// Streams the timeline (ignoring `offset` and `limit`) to `each`, in chronological
    /// order, without holding it in memory; `each` returns false to stop. The entry lent to
    /// `each` is only valid during the call (its buffers are reused for the next one).
    pub fn timeline_for_each(
        &self,
        q: &TimelineQuery,
        mut each: impl FnMut(&TimelineEntry) -> bool,
    ) -> Result<(), StoreError> {
        self.events_for_each(
            &EventFilter {
                query: Some(q),
                month_day: None,
            },
            &mut each,
        )
        .map_err(|e| refused_words(e, q.text.as_deref().unwrap_or("")))
    }

    /// Anniversaries: every day-or-finer event on this month and day of any year, oldest
    /// first, merged like the timeline.
    pub fn on_this_day(&self, month: u8, day: u8) -> Result<Vec<TimelineEntry>, StoreError> {
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(StoreError::BadQuery(format!(
                "no such day: {month:02}-{day:02}"
            )));
        }
        let mut out = Vec::new();
        self.events_for_each(
            &EventFilter {
                query: None,
                month_day: Some(i64::from(month) * 100 + i64::from(day)),
            },
            &mut |e| {
                out.push(e.clone());
                true
            },
        )?;
        Ok(out)
    }

    fn events_for_each(
        &self,
        f: &EventFilter<'_>,
        each: &mut dyn FnMut(&TimelineEntry) -> bool,
    ) -> Result<(), StoreError> {
        let mut conditions = vec![
            "d.superseded_by IS NULL".to_string(),
            "e.end_s IS NOT NULL".to_string(),
        ];
        let mut params: Vec<Value> = Vec::new();
        let (mut from, mut to) = (None, None);
        let mut category = None;
        if let Some(q) = f.query {
            from = q.from;
            to = q.to;
            category = q.category.as_deref();
            if let Some(text) = &q.text {
                let fts = fts_query(text).ok_or_else(|| {
                    StoreError::BadQuery(format!("no words to search in {text:?}"))
                })?;
                params.push(Value::Text(fts));
                conditions.push(format!(
                    "d.s0 + e.sentence IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?{})",
                    params.len()
                ));
            }
            if category.is_some() {
                conditions.push("e.figures IS NOT NULL".to_string());
            }
            if let Some(s) = &q.source {
                params.push(Value::Text(s.clone()));
                let n = params.len();
                conditions.push(format!(
                    "(d.source = ?{n} OR d.path = ?{n} OR d.url = ?{n} OR d.id = ?{n}
                      OR (length(?{n}) >= 6 AND substr(d.id, 1, length(?{n})) = ?{n}))"
                ));
            }
        }
        if let Some(md) = f.month_day {
            params.push(Value::Integer(md));
            conditions.push(format!("e.month_day = ?{}", params.len()));
        }
        let mut merger = Merger::default();
        let text_filter = f.query.is_some_and(|q| q.text.is_some());
        if from.is_none() && to.is_none() {
            // Whole range, merged a start time at a time into reused buffers.
            let mut pool: Vec<Row> = Vec::new();
            let mut len = 0usize;
            let no_doc = Arc::new(DocInfo::default());
            let mut step = |pool: &mut Vec<Row>,
                            len: &mut usize,
                            r: &rusqlite::Row<'_>,
                            doc: Option<&Arc<DocInfo>>|
             -> Result<bool, StoreError> {
                if *len == pool.len() {
                    pool.push(Row::new(Arc::clone(&no_doc)));
                }
                if !read_row(&mut pool[*len], r, category, doc)? {
                    return Ok(true);
                }
                if *len > 0 && pool[0].start_s != pool[*len].start_s {
                    if !merger.flush(&pool[..*len], each) {
                        return Ok(false);
                    }
                    pool.swap(0, *len);
                    *len = 0;
                }
                *len += 1;
                Ok(true)
            };
            if text_filter {
                let sql = format!(
                    "SELECT {ROW_COLUMNS}, {DOC_COLUMNS} FROM events e
                     JOIN documents d ON d.rowid = e.doc
                     WHERE {} ORDER BY e.start_s",
                    conditions.join(" AND ")
                );
                let mut st = self.conn.prepare_cached(&sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
                while let Some(r) = rows.next()? {
                    if !step(&mut pool, &mut len, r, None)? {
                        return Ok(());
                    }
                }
                merger.flush(&pool[..len], each);
                return Ok(());
            }
            let scan = WholeScan {
                category,
                month_day: f.month_day,
                source: f.query.and_then(|q| q.source.as_deref()),
            };
            // On a file, a reader thread with its own connection scans while this one
            // merges (two cores: the scan and the merging take about as long).
            if self.path.as_os_str() != ":memory:" && self.path.exists() {
                let path = self.path.clone();
                return std::thread::scope(|scope| {
                    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<(Vec<Row>, usize)>(4);
                    let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Vec<Row>>();
                    let reader = scope.spawn(move || -> Result<(), StoreError> {
                        let conn = Connection::open_with_flags(
                            &path,
                            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                        )?;
                        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
                        conn.pragma_update(None, "cache_size", -32_000)?;
                        scan.run(&conn, &mut |pool, len| {
                            let batch =
                                std::mem::replace(pool, empty_rx.try_recv().unwrap_or_default());
                            Ok(full_tx.send((batch, len)).is_ok())
                        })
                    });
                    for (batch, len) in full_rx.iter() {
                        let stop = batch[..len]
                            .chunk_by(|a, b| a.start_s == b.start_s)
                            .any(|group| !merger.flush(group, each));
                        if stop {
                            break;
                        }
                        let _ = empty_tx.send(batch);
                    }
                    drop(full_rx);
                    reader.join().unwrap_or_else(|_| {
                        Err(StoreError::Corrupt("the timeline reader stopped".into()))
                    })
                });
            }
            return scan.run(&self.conn, &mut |pool, len| {
                Ok(pool[..len]
                    .chunk_by(|a, b| a.start_s == b.start_s)
                    .all(|group| merger.flush(group, each)))
            });
        }
        let lo = from.unwrap_or(i64::MIN);
        let hi = to.unwrap_or(i64::MAX);
        let mut all: Vec<Row> = Vec::new();
        let no_doc = Arc::new(DocInfo::default());
        let mut docs = DocCache::new(&self.conn)?;
        let source = f.query.and_then(|q| q.source.as_deref());
        let mut max_span = self
            .conn
            .prepare_cached("SELECT max_span FROM spans WHERE grank = ?1")?;
        for g in GRANKS {
            let span: Option<i64> =
                max_span
                    .query_row([g], |r| r.get(0))
                    .map(Some)
                    .or_else(|e| match e {
                        rusqlite::Error::QueryReturnedNoRows => Ok(None),
                        e => Err(e),
                    })?;
            let Some(span) = span else { continue };
            let mut p = params.clone();
            let base = p.len();
            p.push(Value::Integer(g));
            p.push(Value::Integer(lo.saturating_sub(span.max(0))));
            p.push(Value::Integer(hi));
            p.push(Value::Integer(lo));
            let bounds = format!(
                "e.grank = ?{} AND e.start_s >= ?{} AND e.start_s < ?{} AND e.end_s > ?{}",
                base + 1,
                base + 2,
                base + 3,
                base + 4,
            );
            if text_filter {
                let sql = format!(
                    "SELECT {ROW_COLUMNS}, {DOC_COLUMNS} FROM events e
                     JOIN documents d ON d.rowid = e.doc WHERE {bounds} AND {}",
                    conditions.join(" AND ")
                );
                let mut st = self.conn.prepare_cached(&sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(p.iter()))?;
                while let Some(r) = rows.next()? {
                    let mut row = Row::new(Arc::clone(&no_doc));
                    if read_row(&mut row, r, category, None)? {
                        all.push(row);
                    }
                }
                continue;
            }
            // Without words to match, documents come from the cache, not a join.
            p.clear();
            p.extend([
                Value::Integer(g),
                Value::Integer(lo.saturating_sub(span.max(0))),
                Value::Integer(hi),
                Value::Integer(lo),
            ]);
            let mut event_conditions = vec![
                "e.grank = ?1 AND e.start_s >= ?2 AND e.start_s < ?3 AND e.end_s > ?4".to_string(),
            ];
            if category.is_some() {
                event_conditions.push("e.figures IS NOT NULL".to_string());
            }
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM events e WHERE {}",
                event_conditions.join(" AND ")
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            let mut rows = st.query(rusqlite::params_from_iter(p.iter()))?;
            while let Some(r) = rows.next()? {
                let Some(info) = docs.get(r.get(11)?, source)? else {
                    continue;
                };
                let mut row = Row::new(Arc::clone(&no_doc));
                if read_row(&mut row, r, category, Some(info))? {
                    all.push(row);
                }
            }
        }
        all.sort_by_key(|a| a.start_s);
        for group in all.chunk_by(|a, b| a.start_s == b.start_s) {
            if !merger.flush(group, each) {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Full-text search over sentences (all words required), the most recently added first,
    /// with snippets and the dates each hit talks about. `from`/`to` keep hits whose
    /// sentence states (or is dated by) a date overlapping the range.
    ///
    /// (The index keeps no word counts or positions, `detail='none'`, which keeps it a third
    /// of the text's size: FTS5's BM25 scores every match 0 without them, so there is no
    /// relevance to rank by, and the order is the archive's.)
    pub fn search(&self, text: &str, q: &SearchQuery) -> Result<SearchResults, StoreError> {
        self.search_words(text, q)
            .map_err(|e| refused_words(e, text))
    }

    fn search_words(&self, text: &str, q: &SearchQuery) -> Result<SearchResults, StoreError> {
        let fts = fts_query(text)
            .ok_or_else(|| StoreError::BadQuery(format!("no words to search in {text:?}")))?;
        let lo = q.from.unwrap_or(i64::MIN);
        let hi = q.to.unwrap_or(i64::MAX);
        let dated = q.from.is_some() || q.to.is_some();
        let limit = q.limit.unwrap_or(20);
        // Matches in the index, older versions included: exact without dates or versions.
        let matches: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?1")?
            .query_row([&fts], |r| r.get(0))?;
        let (total, best) = match (dated && matches > TEXT_SIDE)
            .then(|| self.dated_sentences(lo, hi))
            .transpose()?
            .flatten()
        {
            // Many matches, dates given: from the sentences those dates are in.
            Some(dated) => self.rank_among(&fts, &dated, limit)?,
            None => self.rank_matches(&fts, matches, dated, lo, hi, limit)?,
        };
        let words = query_words(text);
        let mut doc_st = self.conn.prepare_cached(
            "SELECT rowid, s0, id, title, url, published, source FROM documents
             WHERE s0 <= ?1 ORDER BY s0 DESC LIMIT 1",
        )?;
        let mut text_st = self
            .conn
            .prepare_cached("SELECT text, sentences FROM texts WHERE doc = ?1")?;
        let mut event_st = self.conn.prepare_cached(
            "SELECT time_source, value FROM events WHERE doc = ?1 AND sentence = ?2",
        )?;
        let mut dates_st = self.conn.prepare_cached(
            "SELECT value FROM timexes WHERE doc = ?1 AND sentence = ?2
             AND kind IN ('DATE', 'TIME') ORDER BY idx",
        )?;
        let mut hits = Vec::new();
        for rowid in best {
            let (doc, s0, source) = doc_st.query_row([rowid], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    SourceRef {
                        doc_id: r.get(2)?,
                        title: r.get(3)?,
                        url: r.get(4)?,
                        published: r.get(5)?,
                        source: r.get(6)?,
                        sentence: 0,
                        start: 0,
                        end: 0,
                        time_source: String::new(),
                    },
                ))
            })?;
            let sentence = rowid - s0;
            let (text, spans): (Vec<u8>, Vec<u8>) =
                text_st.query_row([doc], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let text = decompress_text(&text)?;
            let (cstart, cend) = usize::try_from(sentence)
                .ok()
                .and_then(|i| decode_spans(&spans).ok()?.get(i).copied())
                .ok_or_else(|| StoreError::Corrupt(format!("no sentence {sentence}")))?;
            let snippet: String = text.chars().skip(cstart).take(cend - cstart).collect();
            let mut dates: Vec<String> = dates_st
                .query_map(rusqlite::params![doc, sentence], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let event: Option<(i64, String)> = event_st
                .query_row(rusqlite::params![doc, sentence], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
            if let Some((_, v)) = &event
                && !dates.contains(v)
            {
                dates.push(v.clone());
            }
            hits.push(SearchHit {
                source: SourceRef {
                    sentence: sentence as usize,
                    start: cstart,
                    end: cend,
                    time_source: event
                        .map(|(ts, _)| time_source_name(ts).to_string())
                        .unwrap_or_default(),
                    ..source
                },
                snippet: highlight(&snippet, &words),
                dates,
            });
        }
        Ok(SearchResults { hits, total })
    }

    /// The total and the best `limit` matches, ranked by SQL: the index alone counts them
    /// without dates or older versions; with, each match is checked.
    fn rank_matches(
        &self,
        fts: &str,
        matches: i64,
        dated: bool,
        lo: i64,
        hi: i64,
        limit: usize,
    ) -> Result<(usize, Vec<i64>), StoreError> {
        let date_filter = if dated {
            "AND (EXISTS (SELECT 1 FROM timexes t WHERE t.doc = d.rowid AND t.sentence = f.rowid - d.s0
                    AND t.start_s < ?3 AND t.end_s > ?2)
                  OR EXISTS (SELECT 1 FROM events e WHERE e.doc = d.rowid AND e.sentence = f.rowid - d.s0
                    AND e.start_s < ?3 AND e.end_s > ?2))"
        } else {
            "AND ?2 IS NOT NULL AND ?3 IS NOT NULL"
        };
        // A sentence's document: the one whose numbering starts last at or before it.
        let joins = "FROM sentence_fts f JOIN documents d ON d.rowid =
             (SELECT rowid FROM documents WHERE s0 <= f.rowid ORDER BY s0 DESC LIMIT 1)";
        let filter =
            format!("WHERE sentence_fts MATCH ?1 AND d.superseded_by IS NULL {date_filter}");
        let plain = !dated && !self.has_superseded()?;
        let total: i64 = if plain {
            matches
        } else {
            self.conn
                .prepare_cached(&format!("SELECT count(*) {joins} {filter}"))?
                .query_row(rusqlite::params![fts, lo, hi], |r| r.get(0))?
        };
        // The index serves its rowids newest first, so the first `limit` that pass the
        // filters end the scan.
        let best = self
            .conn
            .prepare_cached(&format!(
                "SELECT f.rowid {joins} {filter} ORDER BY f.rowid DESC LIMIT ?4"
            ))?
            .query_map(rusqlite::params![fts, lo, hi, limit as i64], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok((total as usize, best))
    }

    /// Full-text rowids of the current sentences that state a date overlapping `[lo, hi)`
    /// or are dated by one, sorted; `None` when there are too many to be worth listing.
    fn dated_sentences(&self, lo: i64, hi: i64) -> Result<Option<Vec<i64>>, StoreError> {
        let mut out: Vec<i64> = Vec::new();
        let mut docs: HashMap<i64, Option<i64>> = HashMap::new();
        let mut doc_st = self.conn.prepare_cached(
            "SELECT s0 FROM documents WHERE rowid = ?1 AND superseded_by IS NULL",
        )?;
        let mut spans = self
            .conn
            .prepare_cached("SELECT grank, max_span FROM spans")?;
        let spans: Vec<(i64, i64)> = spans
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (key, span) in spans {
            // Keys around TIMEX_SPANS are time expressions' granularities, else events'.
            let timex = key >= TIMEX_SPANS / 2;
            let sql = if !timex {
                "SELECT doc, sentence FROM events
                 WHERE grank = ?1 AND start_s >= ?2 AND start_s < ?3 AND end_s > ?4"
            } else {
                "SELECT doc, sentence FROM timexes
                 WHERE grank = ?1 AND start_s >= ?2 AND start_s < ?3 AND end_s > ?4
                 AND sentence >= 0"
            };
            let grank = if timex { key - TIMEX_SPANS } else { key };
            let mut st = self.conn.prepare_cached(sql)?;
            let mut rows = st.query(rusqlite::params![
                grank,
                lo.saturating_sub(span.max(0)),
                hi,
                lo
            ])?;
            while let Some(r) = rows.next()? {
                let (doc, sentence): (i64, i64) = (r.get(0)?, r.get(1)?);
                let s0 = match docs.get(&doc) {
                    Some(s0) => *s0,
                    None => {
                        let s0: Option<i64> =
                            doc_st.query_row([doc], |r| r.get(0)).or_else(|e| match e {
                                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                                e => Err(e),
                            })?;
                        docs.insert(doc, s0);
                        s0
                    }
                };
                if let Some(s0) = s0 {
                    out.push(s0 + sentence);
                }
                if out.len() > DATE_SIDE {
                    return Ok(None);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(Some(out))
    }

    /// The matches among `dated` (sorted rowids): their number, and the newest `limit`.
    fn rank_among(
        &self,
        fts: &str,
        dated: &[i64],
        limit: usize,
    ) -> Result<(usize, Vec<i64>), StoreError> {
        let mut found: Vec<i64> = Vec::new();
        let mut st = self
            .conn
            .prepare_cached("SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?1")?;
        let mut rows = st.query([fts])?;
        let mut at = 0;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            while at < dated.len() && dated[at] < rowid {
                at += 1;
            }
            if at == dated.len() {
                break;
            }
            if dated[at] == rowid {
                found.push(rowid);
            }
        }
        let total = found.len();
        let best = found.iter().rev().take(limit).copied().collect();
        Ok((total, best))
    }

    /// Dates and categories where at least two documents give different counts: every
    /// figure with its source, and low / best / high (see [`BEST_RULE`]), in date order.
    /// Statements of a day or less are about the same time when their days overlap ("the
    /// night of January 19-20" and "the morning of January 20"; see
    /// [`annalist_extract::compare`]). Money, percentages and the `other` category are not
    /// compared.
    pub fn conflicts(
        &self,
        from: Option<i64>,
        to: Option<i64>,
        category: Option<&str>,
    ) -> Result<Vec<Conflict>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.start_s, e.grank, e.value, e.text, e.cstart, e.figures, d.id, d.title,
                    d.url, d.published, d.source, e.sentence, e.cend, e.time_source, e.end_s
             FROM events e JOIN documents d ON d.rowid = e.doc
             WHERE d.superseded_by IS NULL AND e.figures IS NOT NULL
               AND e.end_s IS NOT NULL AND e.start_s < ?1 AND e.end_s > ?2",
        )?;
        let mut items: Vec<(String, When, (String, usize, ConflictFigure))> = Vec::new();
        let mut rows = st.query(rusqlite::params![
            to.unwrap_or(i64::MAX),
            from.unwrap_or(i64::MIN),
        ])?;
        while let Some(r) = rows.next()? {
            let start_s: i64 = r.get(0)?;
            let end_s: i64 = r.get(14)?;
            let grank: i64 = r.get(1).unwrap_or(-1);
            let start = r.get::<_, i64>(4)? as usize;
            let figures = decode_figures(r.get_ref(5)?.as_blob()?, r.get_ref(3)?.as_str()?, start)?;
            let mut when: Option<When> = None;
            for (idx, figure) in figures {
                if figure.quantity != "count"
                    || figure.category == "other"
                    || figure.replaced
                    || category.is_some_and(|c| c != figure.category)
                {
                    continue;
                }
                let when = when
                    .get_or_insert_with(|| When {
                        key: date_key(
                            grank,
                            start_s,
                            r.get_ref(2)
                                .ok()
                                .and_then(|v| v.as_str().ok())
                                .unwrap_or(""),
                        ),
                        start_s,
                        end_s,
                        day_or_finer: grank >= annalist_time::Granularity::Day as i64,
                    })
                    .clone();
                let source = SourceRef {
                    doc_id: r.get(6)?,
                    title: r.get(7)?,
                    url: r.get(8)?,
                    published: r.get(9)?,
                    source: r.get(10)?,
                    sentence: r.get::<_, i64>(11)? as usize,
                    start,
                    end: r.get::<_, i64>(12)? as usize,
                    time_source: time_source_name(r.get(13)?).to_string(),
                };
                items.push((
                    figure.category.clone(),
                    when,
                    (
                        source.doc_id.clone(),
                        idx,
                        ConflictFigure { figure, source },
                    ),
                ));
            }
        }
        let mut out = Vec::new();
        for group in annalist_extract::compare::group_by_time(items) {
            let mut figures = group.items;
            figures.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
            let mut figures: Vec<ConflictFigure> = figures.into_iter().map(|f| f.2).collect();
            annalist_extract::drop_parts_of_counts(&mut figures, |f| {
                let largest = f.figure.high.unwrap_or(f.figure.value);
                (f.source.doc_id.as_str(), f.figure.counted.as_str(), largest)
            });
            let docs: std::collections::HashSet<&str> =
                figures.iter().map(|f| f.source.doc_id.as_str()).collect();
            let first = &figures[0].figure;
            let differ = figures.iter().any(|f| {
                f.figure.value != first.value
                    || f.figure.low != first.low
                    || f.figure.high != first.high
            });
            if docs.len() < 2 || !differ {
                continue;
            }
            figures.sort_by(|a, b| a.figure.value.total_cmp(&b.figure.value));
            let (low, best, high) = summarize(&figures);
            out.push(Conflict {
                date: group.date,
                start_s: group.start_s,
                end_s: group.end_s,
                category: group.category,
                figures,
                low,
                best,
                high,
            });
        }
        Ok(out)
    }

    /// True when some document has a newer version (queries must then skip it).
    fn has_superseded(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE superseded_by IS NOT NULL)",
            )?
            .query_row([], |r| r.get(0))?)
    }

    /// The sources of the current documents (URL host, or the input name), sorted.
    ///
    /// Served beside [`Store::stats`] so that a user can pick a source to filter by; the
    /// `documents_source` index makes this a walk over distinct keys, not over documents.
    pub fn sources(&self) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT DISTINCT source FROM documents WHERE superseded_by IS NULL ORDER BY source",
        )?;
        Ok(st
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?)
    }

    /// Counts and the date range covered.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        let (earliest, latest): (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT min(start_s), max(end_s) FROM events WHERE end_s IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut st = self
            .conn
            .prepare("SELECT category FROM figure_categories WHERE n > 0 ORDER BY category")?;
        let categories = st
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents WHERE superseded_by IS NULL")?,
            superseded: count("SELECT count(*) FROM documents WHERE superseded_by IS NOT NULL")?,
            sentences: count("SELECT coalesce(sum(nsent), 0) FROM documents")?,
            events: count("SELECT count(*) FROM events")?,
            figures: count("SELECT coalesce(sum(n), 0) FROM figure_categories")?,
            timexes: count("SELECT count(*) FROM timexes")?,
            earliest: earliest.map(format_seconds),
            latest: latest.map(format_seconds),
            categories,
            sources: count("SELECT count(DISTINCT source) FROM documents")?,
        })
    }
}

/// FTS5 refusing a query: a "word" our splitting keeps whole but the index tokenizer
/// splits (characters Unicode 6.1 did not know) becomes a phrase, which a `detail=column`
/// index cannot answer. The user gets a message, not an SQL error.
fn refused_words(e: StoreError, text: &str) -> StoreError {
    match &e {
        StoreError::Sqlite(inner) if inner.to_string().contains("fts5") => {
            StoreError::BadQuery(format!("cannot search for {text:?}: {inner}"))
        }
        _ => e,
    }
}

fn order(a: &Row, b: &Row) -> std::cmp::Ordering {
    (a.start_s, a.end_s, &a.value)
        .cmp(&(b.start_s, b.end_s, &b.value))
        .then_with(|| {
            if Arc::ptr_eq(&a.doc, &b.doc) {
                return a.idx.cmp(&b.idx);
            }
            (
                a.doc.published_key,
                &a.doc.published,
                a.doc.id_key,
                &a.doc.id,
                a.idx,
            )
                .cmp(&(
                    b.doc.published_key,
                    &b.doc.published,
                    b.doc.id_key,
                    &b.doc.id,
                    b.idx,
                ))
        })
}

/// The first bytes of a text as a number that orders like it (then compare the texts);
/// `None` first.
fn order_key(s: Option<&str>) -> u64 {
    let Some(s) = s else { return 0 };
    let mut b = [0u8; 8];
    b[0] = 1;
    for (d, c) in b[1..].iter_mut().zip(s.bytes()) {
        *d = c;
    }
    u64::from_be_bytes(b)
}

/// low, best and high of a conflict, by [`BEST_RULE`].
fn summarize(figures: &[ConflictFigure]) -> (f64, f64, f64) {
    let low = figures
        .iter()
        .map(|f| f.figure.low.unwrap_or(f.figure.value))
        .fold(f64::INFINITY, f64::min);
    let high = figures
        .iter()
        .map(|f| f.figure.high.unwrap_or(f.figure.value))
        .fold(f64::NEG_INFINITY, f64::max);
    let firm = figures
        .iter()
        .filter(|f| matches!(f.figure.bound.as_str(), "exact" | "at_least"))
        .map(|f| f.figure.value)
        .fold(f64::INFINITY, f64::min);
    let best = if firm.is_finite() {
        firm
    } else {
        figures
            .iter()
            .map(|f| f.figure.value)
            .fold(f64::INFINITY, f64::min)
    };
    (low, best, high)
}

/// Cuts `sentence` into plain and highlighted parts: words equal (ignoring case) to a
/// query word are highlighted.
pub(crate) fn highlight(sentence: &str, words: &[String]) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut push = |text: &str, highlight: bool| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.highlight == highlight => last.text.push_str(text),
            _ => parts.push(SnippetPart {
                text: text.to_string(),
                highlight,
            }),
        }
    };
    let mut word_start: Option<usize> = None;
    let mut plain_start = 0;
    let flat: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = flat.as_str();
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(ws) = word_start.take()
            && words.iter().any(|w| *w == s[ws..i].to_lowercase())
        {
            push(&s[plain_start..ws], false);
            push(&s[ws..i], true);
            plain_start = i;
        }
    }
    push(&s[plain_start..], false);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_never_reach_fts_as_syntax() {
        assert_eq!(
            fts_query("amnesty 1996").as_deref(),
            Some("\"amnesty\" \"1996\"")
        );
        assert_eq!(fts_query("\"NEAR( OR*").as_deref(), Some("\"near\" \"or\""));
        assert_eq!(fts_query("  -- ** "), None);
    }

    #[test]
    fn statements_with_the_same_words_merge_whatever_their_case_and_punctuation() {
        let same = [
            ("Troops entered Baku.", "troops  entered, BAKU"),
            ("Élus: 52 morts", "élus 52 MORTS!"),
            ("a—b", "A b"),
        ];
        for (a, b) in same {
            assert!(same_words(a, b), "{a:?} {b:?}");
            assert_eq!(word_hash(a), word_hash(b), "{a:?} {b:?}");
        }
        for (a, b) in [
            ("Troops entered Baku", "Troops entered Bakü"),
            ("ab c", "a bc"),
            ("abc", "ab"),
            ("", "a"),
        ] {
            assert!(!same_words(a, b), "{a:?} {b:?}");
            assert_ne!(word_hash(a), word_hash(b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn order_keys_order_like_the_texts() {
        let texts = [
            None,
            Some(""),
            Some("1985"),
            Some("1985-01-19"),
            Some("1985-01-19T10:00"),
            Some("1985-01-2"),
            Some("\u{e9}"),
        ];
        for a in texts {
            for b in texts {
                let (ka, kb) = (order_key(a), order_key(b));
                if ka != kb {
                    assert_eq!(ka.cmp(&kb), a.cmp(&b), "{a:?} {b:?}");
                }
            }
        }
    }

    type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

    /// A store of articles that mention 1990 and 1996 in several ways.
    fn dated_store() -> TestResult<Store> {
        let mut store = Store::in_memory()?;
        let tagger = annalist_extract::Taggers::english();
        let bodies = [
            "The amnesty law of 1996 freed prisoners. In March 1990 the amnesty was debated.",
            "On 3 March 1990 an amnesty law passed. Prisoners were freed in 1996 under the amnesty law.",
            "The amnesty law came after the strikes of 1988. It freed 300 prisoners.",
            "An amnesty law was promised. Nothing happened until 1996, when the law freed prisoners.",
            "In the 1990s amnesty law debates went on, from 1990 to 1996.",
        ];
        for (i, body) in bodies.iter().enumerate() {
            let text = format!(
                "Date: 2001-0{}-10\nURL: https://e.org/{i}\n\n{body}\n",
                i + 1
            );
            let doc = annalist_ingest::read_bytes(
                &format!("{i}.txt"),
                text.as_bytes(),
                &annalist_ingest::IngestOptions::default(),
            )
            .into_iter()
            .next()
            .ok_or("the text gave no document")??;
            store.insert(&annalist_extract::extract(doc, &tagger))?;
        }
        Ok(store)
    }

    #[test]
    fn a_search_with_dates_finds_the_same_from_the_dates_as_from_the_words() -> TestResult {
        let store = dated_store()?;
        let fts = fts_query("amnesty law").ok_or("no query")?;
        let matches: i64 = store.conn.query_row(
            "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?1",
            [&fts],
            |r| r.get(0),
        )?;
        for period in [
            "1990",
            "1990-03",
            "1996",
            "1988",
            "1990-03-03",
            "2001",
            "1970",
        ] {
            let (lo, hi) = crate::instant::parse_period(period)?;
            let (n, mut by_words) = store.rank_matches(&fts, matches, true, lo, hi, 100)?;
            let dated = store
                .dated_sentences(lo, hi)?
                .ok_or("too many dated sentences")?;
            let (m, mut by_dates) = store.rank_among(&fts, &dated, 100)?;
            assert_eq!(n, m, "{period}");
            by_words.sort();
            by_dates.sort();
            assert_eq!(by_words, by_dates, "{period}");
        }
        let (lo, hi) = crate::instant::parse_period("1990")?;
        assert_eq!(store.rank_matches(&fts, matches, true, lo, hi, 100)?.0, 2);
        Ok(())
    }

    #[test]
    fn highlights_whole_words_only() {
        let parts = highlight(
            "The amnesty of 1996 freed\n amnesty-seekers, not amnestys.",
            &["amnesty".into()],
        );
        let marked: Vec<&str> = parts
            .iter()
            .filter(|p| p.highlight)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, ["amnesty", "amnesty"]);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            joined,
            "The amnesty of 1996 freed amnesty-seekers, not amnestys."
        );
    }

    #[test]
    fn dates_display_at_their_granularity() {
        assert_eq!(display_date("1990", Some("year"), None), "1990");
        assert_eq!(
            display_date("1992/1994", Some("year"), Some("START")),
            "early 1992 – 1994"
        );
        assert_eq!(
            display_date("198/199", Some("decade"), None),
            "1980s – 1990s"
        );
        assert_eq!(display_date("198", Some("decade"), None), "1980s");
        assert_eq!(
            display_date("198", Some("decade"), Some("END")),
            "late 1980s"
        );
        assert_eq!(
            display_date("1990-03", Some("month"), Some("MID")),
            "mid-1990-03"
        );
        assert_eq!(
            display_date("1990", Some("year"), Some("APPROX")),
            "about 1990"
        );
        assert_eq!(display_date("19", Some("century"), None), "1900–1999");
        assert_eq!(display_date("BC04", Some("century"), None), "BC04");
        assert_eq!(
            display_date("1990-01-19TNI", Some("partofday"), None),
            "1990-01-19 night"
        );
        assert_eq!(
            display_date("1990-01-19T05:30", Some("minute"), None),
            "1990-01-19 05:30"
        );
        // Values with a T of their own are no date and time.
        assert_eq!(display_date("PRESENT_REF", None, None), "PRESENT_REF");
        assert_eq!(display_date("FUTURE_REF", None, None), "FUTURE_REF");
    }
}
