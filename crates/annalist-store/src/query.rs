//! Reading the archive: the timeline, full-text search, conflicting figures, anniversaries
//! and counts. Only current versions of documents are read.
//!
//! Bounded timeline queries are index seeks: an event overlaps `[from, to)` when it starts
//! before `to` and ends after `from`; since no event of a given granularity is longer than
//! the longest stored one (kept in the `spans` table), its start lies in
//! `[from - max_span, to)`, a range the `(grank, start_s)` index answers directly.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value;

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

/// How many of the most recently added matches a very common search ranks by relevance.
const RANK_WINDOW: i64 = 5_000;

/// Granularity ranks stored in `events.grank` (-1: none).
const GRANKS: std::ops::RangeInclusive<i64> = -1..=12;

/// One event row with its document, before merging.
struct Row {
    doc_row: i64,
    doc_id: String,
    idx: i64,
    start_s: i64,
    end_s: i64,
    value: String,
    granularity: Option<String>,
    text: String,
    source: SourceRef,
    nfig: i64,
    figures: Vec<FigureRecord>,
}

const ROW_COLUMNS: &str = "e.doc, d.id, e.idx, e.start_s, e.end_s, e.value, e.granularity, e.text,
    e.time_source, e.sentence, e.cstart, e.cend, d.title, d.url, d.published, d.source, e.nfig";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let doc_id: String = r.get(1)?;
    Ok(Row {
        doc_row: r.get(0)?,
        idx: r.get(2)?,
        start_s: r.get(3)?,
        end_s: r.get(4)?,
        value: r.get(5)?,
        granularity: r.get(6)?,
        text: r.get(7)?,
        source: SourceRef {
            doc_id: doc_id.clone(),
            title: r.get(12)?,
            url: r.get(13)?,
            published: r.get(14)?,
            source: r.get(15)?,
            sentence: r.get::<_, i64>(9)? as usize,
            start: r.get::<_, i64>(10)? as usize,
            end: r.get::<_, i64>(11)? as usize,
            time_source: r.get(8)?,
        },
        doc_id,
        nfig: r.get(16)?,
        figures: Vec::new(),
    })
}

pub(crate) const FIGURE_COLUMNS: &str =
    "text, value, low, high, bound, category, counted, quantity, cstart, cend";

pub(crate) fn read_figure(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<FigureRecord> {
    Ok(FigureRecord {
        text: r.get(at)?,
        value: r.get(at + 1)?,
        low: r.get(at + 2)?,
        high: r.get(at + 3)?,
        bound: r.get(at + 4)?,
        category: r.get(at + 5)?,
        counted: r.get(at + 6)?,
        quantity: r.get(at + 7)?,
        start: r.get::<_, i64>(at + 8)? as usize,
        end: r.get::<_, i64>(at + 9)? as usize,
    })
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

/// The date of an entry as a reader should see it, at its granularity.
pub fn display_date(value: &str, granularity: Option<&str>) -> String {
    if granularity == Some("partofday")
        && let Some((day, part)) = value.split_once('T')
    {
        let name = match part {
            "MO" => "morning",
            "AF" => "afternoon",
            "EV" => "evening",
            "NI" => "night",
            "DT" => "daytime",
            other => other,
        };
        return format!("{day} {name}");
    }
    value.replacen('T', " ", 1)
}

/// What merges two statements into one entry: the same figures, or (without figures) the
/// same words.
fn merge_key(row: &Row) -> String {
    if row.figures.is_empty() {
        return query_words(&row.text).join(" ");
    }
    let mut parts: Vec<String> = row
        .figures
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}:{:?}:{:?}",
                f.category, f.value, f.bound, f.low, f.high
            )
        })
        .collect();
    parts.sort();
    format!("#{}", parts.join("|"))
}

/// Merges rows of one date (same value and interval) into entries, first appearance first.
fn merge(group: Vec<Row>, out: &mut dyn FnMut(TimelineEntry) -> bool) -> bool {
    let mut entries: Vec<TimelineEntry> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for row in group {
        let key = merge_key(&row);
        match by_key.get(&key) {
            Some(&i) => {
                let e = &mut entries[i];
                if !e
                    .sources
                    .iter()
                    .any(|s| s.doc_id == row.source.doc_id && s.sentence == row.source.sentence)
                {
                    e.sources.push(row.source);
                }
            }
            None => {
                by_key.insert(key, entries.len());
                entries.push(TimelineEntry {
                    id: format!("{}:{}", row.doc_id, row.idx),
                    display_date: display_date(&row.value, row.granularity.as_deref()),
                    value: row.value,
                    granularity: row.granularity,
                    start: format_seconds(row.start_s),
                    end: format_seconds(row.end_s),
                    start_s: row.start_s,
                    end_s: row.end_s,
                    description: row.text,
                    figures: row.figures,
                    sources: vec![row.source],
                });
            }
        }
    }
    entries.into_iter().all(out)
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
                entries.push(e);
            }
            total += 1;
            true
        })?;
        Ok(TimelinePage { entries, total })
    }

    /// Streams the timeline (ignoring `offset` and `limit`) to `each`, in chronological
    /// order, without holding it in memory; `each` returns false to stop.
    pub fn timeline_for_each(
        &self,
        q: &TimelineQuery,
        mut each: impl FnMut(TimelineEntry) -> bool,
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
                out.push(e);
                true
            },
        )?;
        Ok(out)
    }

    fn events_for_each(
        &self,
        f: &EventFilter<'_>,
        each: &mut dyn FnMut(TimelineEntry) -> bool,
    ) -> Result<(), StoreError> {
        let mut conditions = vec![
            "d.superseded_by IS NULL".to_string(),
            "e.start_s IS NOT NULL".to_string(),
        ];
        let mut params: Vec<Value> = Vec::new();
        let (mut from, mut to) = (None, None);
        if let Some(q) = f.query {
            from = q.from;
            to = q.to;
            if let Some(text) = &q.text {
                let fts = fts_query(text).ok_or_else(|| {
                    StoreError::BadQuery(format!("no words to search in {text:?}"))
                })?;
                params.push(Value::Text(fts));
                conditions.push(format!(
                    "EXISTS (SELECT 1 FROM sentences s WHERE s.doc = e.doc AND s.idx = e.sentence
                     AND s.rowid IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?{}))",
                    params.len()
                ));
            }
            if let Some(c) = &q.category {
                params.push(Value::Text(c.clone()));
                conditions.push(format!(
                    "EXISTS (SELECT 1 FROM figures f WHERE f.doc = e.doc AND f.event = e.idx AND f.category = ?{})",
                    params.len()
                ));
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
        let mut figures = self.conn.prepare_cached(&format!(
            "SELECT {FIGURE_COLUMNS} FROM figures WHERE doc = ?1 AND event = ?2 ORDER BY idx"
        ))?;
        let mut with_figures = |mut row: Row| -> Result<Row, StoreError> {
            if row.nfig > 0 {
                row.figures = figures
                    .query_map([row.doc_row, row.idx], |r| read_figure(r, 0))?
                    .collect::<Result<_, _>>()?;
            }
            Ok(row)
        };
        // Within a date, the earliest published source comes first (then by id), so the
        // order never depends on which worker finished first during `add`.
        let order = |a: &Row, b: &Row| {
            (
                a.start_s,
                a.end_s,
                &a.value,
                &a.source.published,
                &a.doc_id,
                a.idx,
            )
                .cmp(&(
                    b.start_s,
                    b.end_s,
                    &b.value,
                    &b.source.published,
                    &b.doc_id,
                    b.idx,
                ))
        };
        if from.is_none() && to.is_none() {
            // Whole range: stream in start order from the index; ties are sorted in memory.
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM events e JOIN documents d ON d.rowid = e.doc
                 WHERE {} ORDER BY e.start_s",
                conditions.join(" AND ")
            );
            let mut st = self.conn.prepare(&sql)?;
            let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
            let mut group: Vec<Row> = Vec::new();
            while let Some(r) = rows.next()? {
                let row = with_figures(read_row(r)?)?;
                if group.first().is_some_and(|g| g.start_s != row.start_s)
                    && !flush(&mut group, order, each)
                {
                    return Ok(());
                }
                group.push(row);
            }
            flush(&mut group, order, each);
            return Ok(());
        }
        let lo = from.unwrap_or(i64::MIN);
        let hi = to.unwrap_or(i64::MAX);
        let mut all: Vec<Row> = Vec::new();
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
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM events e JOIN documents d ON d.rowid = e.doc
                 WHERE e.grank = ?{} AND e.start_s >= ?{} AND e.start_s < ?{} AND e.end_s > ?{}
                 AND {}",
                base + 1,
                base + 2,
                base + 3,
                base + 4,
                conditions.join(" AND ")
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            let mut rows = st.query(rusqlite::params_from_iter(p.iter()))?;
            while let Some(r) = rows.next()? {
                all.push(with_figures(read_row(r)?)?);
            }
        }
        all.sort_by(order);
        let mut group: Vec<Row> = Vec::new();
        for row in all {
            if group.first().is_some_and(|g| g.start_s != row.start_s)
                && !flush(&mut group, order, each)
            {
                return Ok(());
            }
            group.push(row);
        }
        flush(&mut group, order, each);
        Ok(())
    }

    /// Full-text search over sentences (all words required), best first (BM25; for a query
    /// matching more than 5,000 sentences, the best of the 5,000 most recently added), with
    /// snippets and the dates each hit talks about. `from`/`to` keep hits whose sentence states (or is
    /// dated by) a date overlapping the range.
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
        let date_filter = if dated {
            "AND (EXISTS (SELECT 1 FROM timexes t WHERE t.doc = s.doc AND t.cstart >= s.cstart
                    AND t.cstart < s.cend AND t.start_s < ?3 AND t.end_s > ?2)
                  OR EXISTS (SELECT 1 FROM events e WHERE e.doc = s.doc AND e.sentence = s.idx
                    AND e.start_s < ?3 AND e.end_s > ?2))"
        } else {
            "AND ?2 IS NOT NULL AND ?3 IS NOT NULL"
        };
        let joins = "FROM sentence_fts f JOIN sentences s ON s.rowid = f.rowid
             JOIN documents d ON d.rowid = s.doc";
        let filter =
            format!("WHERE sentence_fts MATCH ?1 AND d.superseded_by IS NULL {date_filter}");
        // Without a date filter or older versions, the index alone counts the hits.
        let plain = !dated && !self.has_superseded()?;
        let total: i64 = if plain {
            self.conn
                .prepare_cached("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?1")?
                .query_row([&fts], |r| r.get(0))?
        } else {
            self.conn
                .prepare_cached(&format!("SELECT count(*) {joins} {filter}"))?
                .query_row(rusqlite::params![fts, lo, hi], |r| r.get(0))?
        };
        // Ranking scores every match: for very common words, rank only the most recently
        // added RANK_WINDOW matches (a rowid range the index seeks to) so answers stay fast.
        let cut: i64 = if plain && total > RANK_WINDOW {
            self.conn
                .prepare_cached(
                    "SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?1
                     ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
                )?
                .query_row(rusqlite::params![fts, RANK_WINDOW - 1], |r| r.get(0))?
        } else {
            i64::MIN
        };
        let limit = q.limit.unwrap_or(20) as i64;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT s.doc, s.idx, s.cstart, s.cend, d.id, d.title, d.url, d.published, d.source,
                    substr(tx.text, s.cstart + 1, s.cend - s.cstart),
                    (SELECT e.time_source FROM events e WHERE e.doc = s.doc AND e.sentence = s.idx),
                    (SELECT e.value FROM events e WHERE e.doc = s.doc AND e.sentence = s.idx)
             {joins} JOIN texts tx ON tx.doc = s.doc
             {filter} AND f.rowid >= ?5 ORDER BY f.rank LIMIT ?4"
        ))?;
        let words = query_words(text);
        let mut dates_st = self.conn.prepare_cached(
            "SELECT value FROM timexes WHERE doc = ?1 AND cstart >= ?2 AND cstart < ?3
             AND kind IN ('DATE', 'TIME') ORDER BY idx",
        )?;
        let mut hits = Vec::new();
        let mut rows = st.query(rusqlite::params![fts, lo, hi, limit, cut])?;
        while let Some(r) = rows.next()? {
            let doc: i64 = r.get(0)?;
            let (cstart, cend): (i64, i64) = (r.get(2)?, r.get(3)?);
            let sentence: String = r.get(9)?;
            let mut dates: Vec<String> = dates_st
                .query_map(rusqlite::params![doc, cstart, cend], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let event_value: Option<String> = r.get(11)?;
            if let Some(v) = event_value
                && !dates.contains(&v)
            {
                dates.push(v);
            }
            hits.push(SearchHit {
                source: SourceRef {
                    doc_id: r.get(4)?,
                    title: r.get(5)?,
                    url: r.get(6)?,
                    published: r.get(7)?,
                    source: r.get(8)?,
                    sentence: r.get::<_, i64>(1)? as usize,
                    start: cstart as usize,
                    end: cend as usize,
                    time_source: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                },
                snippet: highlight(&sentence, &words),
                dates,
            });
        }
        Ok(SearchResults {
            hits,
            total: total as usize,
        })
    }

    /// Dates and categories where at least two documents give different counts: every
    /// figure with its source, and low / best / high (see [`BEST_RULE`]), in date order.
    /// Money, percentages and the `other` category are not compared.
    pub fn conflicts(
        &self,
        from: Option<i64>,
        to: Option<i64>,
        category: Option<&str>,
    ) -> Result<Vec<Conflict>, StoreError> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT e.date_key, e.start_s, f.category, d.id, d.title, d.url, d.published, d.source,
                    e.sentence, e.cstart, e.cend, e.time_source,
                    f.{}
             FROM figures f JOIN events e ON e.doc = f.doc AND e.idx = f.event
             JOIN documents d ON d.rowid = f.doc
             WHERE d.superseded_by IS NULL AND f.quantity = 'count' AND f.category != 'other'
               AND e.start_s IS NOT NULL AND e.start_s < ?1 AND e.end_s > ?2
               AND (?3 IS NULL OR f.category = ?3)
             ORDER BY e.start_s, e.date_key, f.category, d.id, f.idx",
            FIGURE_COLUMNS.replace(", ", ", f.")
        ))?;
        let mut groups: BTreeMap<(i64, String, String), Vec<ConflictFigure>> = BTreeMap::new();
        let mut rows = st.query(rusqlite::params![
            to.unwrap_or(i64::MAX),
            from.unwrap_or(i64::MIN),
            category
        ])?;
        while let Some(r) = rows.next()? {
            let key = (
                r.get::<_, i64>(1)?,
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?,
            );
            let figure = read_figure(r, 12)?;
            let source = SourceRef {
                doc_id: r.get(3)?,
                title: r.get(4)?,
                url: r.get(5)?,
                published: r.get(6)?,
                source: r.get(7)?,
                sentence: r.get::<_, i64>(8)? as usize,
                start: r.get::<_, i64>(9)? as usize,
                end: r.get::<_, i64>(10)? as usize,
                time_source: r.get(11)?,
            };
            groups
                .entry(key)
                .or_default()
                .push(ConflictFigure { figure, source });
        }
        let mut out = Vec::new();
        for ((start_s, date, category), mut figures) in groups {
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
                date,
                start_s,
                category,
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
        let (earliest, latest): (Option<i64>, Option<i64>) =
            self.conn
                .query_row("SELECT min(start_s), max(end_s) FROM events", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        let mut st = self
            .conn
            .prepare("SELECT DISTINCT category FROM figures ORDER BY category")?;
        let categories = st
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents WHERE superseded_by IS NULL")?,
            superseded: count("SELECT count(*) FROM documents WHERE superseded_by IS NOT NULL")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            events: count("SELECT count(*) FROM events")?,
            figures: count("SELECT count(*) FROM figures")?,
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

fn flush(
    group: &mut Vec<Row>,
    order: impl Fn(&Row, &Row) -> std::cmp::Ordering,
    each: &mut dyn FnMut(TimelineEntry) -> bool,
) -> bool {
    if group.is_empty() {
        return true;
    }
    group.sort_by(&order);
    // Rows of one start time: split by (end, value) and merge each run.
    let rows = std::mem::take(group);
    let mut run: Vec<Row> = Vec::new();
    for row in rows {
        if run
            .first()
            .is_some_and(|r| (r.end_s, &r.value) != (row.end_s, &row.value))
            && !merge(std::mem::take(&mut run), each)
        {
            return false;
        }
        run.push(row);
    }
    merge(run, each)
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
        assert_eq!(display_date("1990", Some("year")), "1990");
        assert_eq!(
            display_date("1990-01-19TNI", Some("partofday")),
            "1990-01-19 night"
        );
        assert_eq!(
            display_date("1990-01-19T05:30", Some("minute")),
            "1990-01-19 05:30"
        );
    }
}
