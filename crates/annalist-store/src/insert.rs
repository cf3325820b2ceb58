//! Writing extractions: one transaction per batch, so a crash leaves whole documents or none.
//!
//! Idempotence comes from the content id: a document already stored is skipped before
//! anything is written. A new text at a URL already stored becomes a new version; the old
//! one is kept and marked superseded, and queries read only current versions.

use annalist_extract::{Extraction, Name, NameKind, TimeSource};
use annalist_time::{Granularity, Interval};
use rusqlite::{Transaction, params};

use crate::codec::{
    FigureIn, compress_text, decode_figures, decompress_text, encode_figures, encode_spans,
    one_line,
};
use crate::instant::{date_of, format_seconds, seconds};
use crate::query::{TIMEX_SPANS, word_hash};
use crate::{Inserted, Store, StoreError};

impl Store {
    /// Stores a batch of extractions in one transaction: all are written or none.
    /// Returns what happened to each, in order.
    pub fn insert_batch(&mut self, batch: &[Extraction]) -> Result<Vec<Inserted>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(batch.len());
        for x in batch {
            out.push(insert_one(&tx, x)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Stores one extraction (a batch of one).
    pub fn insert(&mut self, x: &Extraction) -> Result<Inserted, StoreError> {
        Ok(self
            .insert_batch(std::slice::from_ref(x))?
            .pop()
            .unwrap_or(Inserted::Unchanged))
    }

    /// True when a document with this content id is stored (any version).
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        Ok(st.exists([id])?)
    }

    /// Stores a batch of extractions in one transaction, like [`Store::insert_batch`], but a
    /// document already stored keeps its row, URL, version and place in the version chain and
    /// has everything found in it (time expressions, figures, events, notes) replaced by the
    /// new extraction: for documents extracted again after the tagger or its language packs
    /// changed. All are written or none.
    pub fn retag_batch(&mut self, batch: &[Extraction]) -> Result<Vec<Inserted>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(batch.len());
        for x in batch {
            let Some(row) = row_of(&tx, &x.doc.id)? else {
                out.push(insert_one(&tx, x)?);
                continue;
            };
            clear_parts(&tx, row)?;
            let notes = if x.notes.is_empty() {
                None
            } else {
                Some(serde_json::to_string(&x.notes)?)
            };
            tx.prepare_cached(
                "UPDATE documents SET notes = ?1, names_method = ?2 WHERE rowid = ?3",
            )?
            .execute(params![notes, x.names_method, row])?;
            write_parts(&tx, row, &parts_of(x))?;
            out.push(Inserted::Retagged);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Removes a document and everything found in it. A previous version it superseded
    /// becomes current again. Errors with [`StoreError::NotFound`] when absent.
    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let Some(row) = row_of(&tx, id)? else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        clear_parts(&tx, row)?;
        tx.execute("DELETE FROM title_fts WHERE rowid = ?1", [row])?;
        tx.execute(
            "UPDATE documents SET superseded_by = NULL WHERE superseded_by = ?1",
            [row],
        )?;
        tx.execute("DELETE FROM documents WHERE rowid = ?1", [row])?;
        tx.commit()?;
        Ok(())
    }
}

/// The row of the document with content id `id`, if stored.
fn row_of(tx: &Transaction<'_>, id: &str) -> Result<Option<i64>, StoreError> {
    tx.prepare_cached("SELECT rowid FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e.into()),
        })
}

/// Removes what was found in document `row` (its sentences' full-text rows, figures, events,
/// time expressions and text), leaving the document row and its title: what
/// [`write_parts`] writes, so that it can write them again.
fn clear_parts(tx: &Transaction<'_>, row: i64) -> Result<(), StoreError> {
    let (s0, nsent): (Option<i64>, i64) = tx.query_row(
        "SELECT s0, nsent FROM documents WHERE rowid = ?1",
        [row],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some(s0) = s0 {
        tx.execute(
            "DELETE FROM sentence_fts WHERE rowid >= ?1 AND rowid < ?2",
            [s0, s0 + nsent],
        )?;
    }
    // Its figures no longer count towards the categories.
    let mut categories: Vec<String> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT cstart, text, figures FROM events WHERE doc = ?1 AND figures IS NOT NULL",
        )?;
        let mut rows = st.query([row])?;
        while let Some(r) = rows.next()? {
            let (start, text, blob): (i64, String, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
            for (_, f) in decode_figures(&blob, &text, start as usize)? {
                categories.push(f.category);
            }
        }
        let (text, loose): (Vec<u8>, Option<Vec<u8>>) = tx.query_row(
            "SELECT text, figures FROM texts WHERE doc = ?1",
            [row],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let Some(blob) = loose {
            for (_, f) in decode_figures(&blob, &decompress_text(&text)?, 0)? {
                categories.push(f.category);
            }
        }
    }
    for c in &categories {
        tx.execute(
            "UPDATE figure_categories SET n = n - 1 WHERE category = ?1",
            [c],
        )?;
    }
    tx.execute("DELETE FROM figure_categories WHERE n <= 0", [])?;
    tx.execute("DELETE FROM events WHERE doc = ?1", [row])?;
    tx.execute("DELETE FROM timexes WHERE doc = ?1", [row])?;
    tx.execute("DELETE FROM texts WHERE doc = ?1", [row])?;
    Ok(())
}

/// Rank of a granularity (coarse to fine); -1 for none.
fn granularity_rank(g: Option<Granularity>) -> i64 {
    g.map_or(-1, |g| g as i64)
}

/// `events.start_s` of an event without an interval (the column is part of the key).
pub(crate) const NO_START: i64 = i64::MAX;

/// How `events.time_source` stores how a date was found.
const TIME_SOURCES: [&str; 3] = ["explicit", "inherited", "dct"];

/// The name of a stored time source code.
pub(crate) fn time_source_name(code: i64) -> &'static str {
    usize::try_from(code)
        .ok()
        .and_then(|c| TIME_SOURCES.get(c))
        .copied()
        .unwrap_or("dct")
}

fn time_source_code(s: TimeSource) -> i64 {
    match s {
        TimeSource::Explicit => 0,
        TimeSource::Inherited => 1,
        TimeSource::Dct => 2,
    }
}

/// Granularities by rank (`events.grank`), coarse to fine. The ranks are stored on disk:
/// never reorder this list.
pub(crate) const GRANULARITIES: [Granularity; 13] = [
    Granularity::Century,
    Granularity::Decade,
    Granularity::Year,
    Granularity::Half,
    Granularity::Quarter,
    Granularity::Season,
    Granularity::Month,
    Granularity::Week,
    Granularity::Day,
    Granularity::PartOfDay,
    Granularity::Hour,
    Granularity::Minute,
    Granularity::Second,
];

/// The granularity name of a rank, if any.
pub(crate) fn granularity_of_rank(rank: i64) -> Option<&'static str> {
    usize::try_from(rank)
        .ok()
        .and_then(|r| GRANULARITIES.get(r))
        .map(|g| g.as_str())
}

/// The source a document is listed under: URL host without `www.`, else its input path.
pub fn source_name(url: Option<&str>, path: &str) -> String {
    if let Some(url) = url {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        if !host.is_empty() {
            return host.to_ascii_lowercase();
        }
    }
    path.to_string()
}

fn interval_seconds(i: Option<Interval>) -> (Option<i64>, Option<i64>) {
    match i {
        Some(i) => (Some(seconds(i.start)), Some(seconds(i.end))),
        None => (None, None),
    }
}

/// The key conflicts group by: the day for day-or-finer dates, else the value.
pub(crate) fn date_key(grank: i64, start_s: i64, value: &str) -> String {
    if grank >= Granularity::Day as i64 {
        let mut d = format_seconds(start_s.div_euclid(86_400) * 86_400);
        d.truncate(d.find('T').unwrap_or(d.len()));
        d
    } else {
        value.to_string()
    }
}

/// Names as `start:end:kind;…` (kind `p`erson, `o`rganization, `l`ocation, `n`ame): the
/// text is in the document already, and JSON would cost more than the text itself.
fn encode_names(names: &[Name]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let parts: Vec<String> = names
        .iter()
        .map(|n| {
            let kind = match n.kind {
                NameKind::Person => 'p',
                NameKind::Organization => 'o',
                NameKind::Place => 'l',
                NameKind::Name => 'n',
            };
            format!("{}:{}:{kind}", n.start, n.end)
        })
        .collect();
    Some(parts.join(";"))
}

fn insert_one(tx: &Transaction<'_>, x: &Extraction) -> Result<Inserted, StoreError> {
    let d = &x.doc;
    if tx
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .exists([&d.id])?
    {
        return Ok(Inserted::Unchanged);
    }
    // A current document at the same URL with other content: this one supersedes it.
    let previous: Option<(i64, String, i64)> = match &d.url {
        Some(url) => tx
            .prepare_cached(
                "SELECT rowid, id, version FROM documents WHERE url = ?1 AND superseded_by IS NULL",
            )?
            .query_row([url], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?,
        None => None,
    };
    let json_list = |v: &[String]| -> Result<Option<String>, StoreError> {
        Ok(if v.is_empty() {
            None
        } else {
            Some(serde_json::to_string(v)?)
        })
    };
    tx.prepare_cached(
        "INSERT INTO documents(id, path, line, url, title, author, published, dct_source,
            dct_partial, language, source, version, names_method, notes, warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        d.id,
        d.path,
        d.line.map(|l| l as i64),
        d.url,
        d.title,
        d.author,
        d.published.as_ref().map(|p| p.to_string()),
        d.dct_source.as_str(),
        d.dct_partial,
        d.language,
        source_name(d.url.as_deref(), &d.path),
        previous.as_ref().map_or(1, |p| p.2 + 1),
        x.names_method,
        json_list(&x.notes)?,
        json_list(&d.warnings)?,
    ])?;
    let doc = tx.last_insert_rowid();
    if let Some(title) = &d.title {
        tx.prepare_cached("INSERT INTO title_fts(rowid, title) VALUES (?1, ?2)")?
            .execute(params![doc, title])?;
    }
    write_parts(tx, doc, &parts_of(x))?;
    if let Some((prev_row, prev_id, _)) = previous {
        tx.prepare_cached("UPDATE documents SET superseded_by = ?1 WHERE rowid = ?2")?
            .execute(params![doc, prev_row])?;
        return Ok(Inserted::NewVersion(prev_id));
    }
    Ok(Inserted::Added)
}

/// What is stored of a document besides its `documents` row, in the stored encodings: the
/// same whether it comes from an extraction or from an older store being migrated.
pub(crate) struct Parts<'a> {
    pub text: &'a str,
    pub sentences: Vec<(usize, usize)>,
    pub timexes: Vec<TimexRow<'a>>,
    pub events: Vec<EventRow<'a>>,
    /// Figures, each with the index of the event that states it.
    pub figures: Vec<(Option<usize>, FigureIn<'a>)>,
}

pub(crate) struct TimexRow<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: String,
    pub value: String,
    pub modifier: Option<String>,
    pub granularity: Option<String>,
    pub start_s: Option<i64>,
    pub end_s: Option<i64>,
}

pub(crate) struct EventRow<'a> {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub value: &'a str,
    pub grank: i64,
    pub time_source: i64,
    pub timex: Option<i64>,
    pub start_s: Option<i64>,
    pub end_s: Option<i64>,
    pub names: Option<String>,
    /// The TIMEX3 `mod` of the event's time.
    pub modifier: Option<&'static str>,
}

fn parts_of(x: &Extraction) -> Parts<'_> {
    // Each figure belongs to the event that states it, if any (the last one naming it).
    let mut figure_event: Vec<Option<usize>> = vec![None; x.figures.len()];
    for (k, e) in x.events.iter().enumerate() {
        for &f in &e.figures {
            if let Some(slot) = figure_event.get_mut(f) {
                *slot = Some(k);
            }
        }
    }
    Parts {
        text: &x.doc.text,
        sentences: x.sentences.iter().map(|s| (s.start, s.end)).collect(),
        timexes: x
            .timexes
            .iter()
            .map(|t| {
                let (s, e) = interval_seconds(t.interval);
                TimexRow {
                    start: t.start,
                    end: t.end,
                    text: &t.text,
                    kind: t.kind.as_str().to_string(),
                    value: t.value.to_string(),
                    modifier: t.modifier.map(|m| m.as_str().to_string()),
                    granularity: t.value.granularity().map(|g| g.as_str().to_string()),
                    start_s: s,
                    end_s: e,
                }
            })
            .collect(),
        events: x
            .events
            .iter()
            .map(|e| {
                let (s, en) = interval_seconds(e.time.interval);
                EventRow {
                    sentence: e.sentence,
                    start: e.start,
                    end: e.end,
                    text: &e.text,
                    value: &e.time.value,
                    grank: granularity_rank(e.time.granularity),
                    time_source: time_source_code(e.time.source),
                    timex: e.time.timex.map(|t| t as i64),
                    start_s: s,
                    end_s: en,
                    names: encode_names(&e.names),
                    modifier: e.time.modifier.map(|m| m.as_str()),
                }
            })
            .collect(),
        figures: x
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                (
                    figure_event[i],
                    FigureIn {
                        idx: i,
                        text: &f.text,
                        value: f.value,
                        low: f.low,
                        high: f.high,
                        bound: &f.bound,
                        category: &f.category,
                        counted: &f.counted,
                        quantity: &f.quantity,
                        start: f.start,
                        end: f.end,
                        vague: f.vague.as_deref(),
                        replaced: f.replaced,
                    },
                )
            })
            .collect(),
    }
}

/// Byte offsets of every character boundary of `text` (one more than its characters).
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// Writes a document's text, sentences (and their full-text entries), time expressions,
/// events and figures; its `documents` row must exist. Sets the row's `s0` and `nsent`.
pub(crate) fn write_parts(tx: &Transaction<'_>, doc: i64, p: &Parts<'_>) -> Result<(), StoreError> {
    let bounds = boundaries(p.text);
    let chars = bounds.len() - 1;
    let slice = |a: usize, b: usize| -> &str {
        let b = b.min(chars);
        &p.text[bounds[a.min(b)]..bounds[b]]
    };
    // Sentences are numbered on from the last document's: full-text rowid = s0 + index.
    let nsent = p.sentences.len() as i64;
    let s0: Option<i64> = if nsent == 0 {
        None
    } else {
        let next: Option<i64> = tx
            .prepare_cached(
                "SELECT s0 + nsent FROM documents WHERE s0 IS NOT NULL ORDER BY s0 DESC LIMIT 1",
            )?
            .query_row([], |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        Some(next.unwrap_or(1))
    };
    tx.prepare_cached("UPDATE documents SET s0 = ?1, nsent = ?2 WHERE rowid = ?3")?
        .execute(params![s0, nsent, doc])?;
    if let Some(s0) = s0 {
        let mut fts = tx.prepare_cached("INSERT INTO sentence_fts(rowid, text) VALUES (?1, ?2)")?;
        for (i, &(a, b)) in p.sentences.iter().enumerate() {
            fts.execute(params![s0 + i as i64, slice(a, b)])?;
        }
    }
    let mut categories = tx.prepare_cached(
        "INSERT INTO figure_categories(category, n) VALUES (?1, 1)
         ON CONFLICT(category) DO UPDATE SET n = n + 1",
    )?;
    for (_, f) in &p.figures {
        categories.execute([f.category])?;
    }
    let loose: Vec<&FigureIn<'_>> = p
        .figures
        .iter()
        .filter(|(e, _)| e.is_none_or(|e| e >= p.events.len()))
        .map(|(_, f)| f)
        .collect();
    let loose = (!loose.is_empty()).then(|| encode_figure_refs(&loose, p.text, 0));
    tx.prepare_cached("INSERT INTO texts(doc, text, sentences, figures) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![
            doc,
            compress_text(p.text)?,
            encode_spans(&p.sentences),
            loose
        ])?;
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO timexes(doc, sentence, idx, cstart, cend, text, kind, value, mod,
                granularity, start_s, end_s, grank)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut spans = tx.prepare_cached(
            "INSERT INTO spans(grank, max_span) VALUES (?1, ?2)
             ON CONFLICT(grank) DO UPDATE SET max_span = max(max_span, excluded.max_span)",
        )?;
        let mut si = 0;
        for (i, t) in p.timexes.iter().enumerate() {
            // The sentence the expression starts in (-1: between sentences).
            while si < p.sentences.len() && p.sentences[si].1 <= t.start {
                si += 1;
            }
            let sentence = match p.sentences.get(si) {
                Some(&(a, b)) if a <= t.start && t.start < b => si as i64,
                _ => p
                    .sentences
                    .iter()
                    .position(|&(a, b)| a <= t.start && t.start < b)
                    .map_or(-1, |s| s as i64),
            };
            let text = (slice(t.start, t.end) != t.text).then_some(t.text);
            let grank = t
                .granularity
                .as_deref()
                .and_then(|g| GRANULARITIES.iter().position(|k| k.as_str() == g))
                .map_or(-1, |r| r as i64);
            st.execute(params![
                doc,
                sentence,
                i as i64,
                t.start as i64,
                t.end as i64,
                text,
                t.kind,
                t.value,
                t.modifier,
                t.granularity,
                t.start_s,
                t.end_s,
                grank,
            ])?;
            if let (Some(a), Some(b)) = (t.start_s, t.end_s) {
                spans.execute(params![TIMEX_SPANS + grank, b - a])?;
            }
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO events(doc, idx, sentence, cstart, cend, text, value, grank, time_source,
                timex, start_s, end_s, month_day, names, figures, words, mod)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?;
        let mut spans = tx.prepare_cached(
            "INSERT INTO spans(grank, max_span) VALUES (?1, ?2)
             ON CONFLICT(grank) DO UPDATE SET max_span = max(max_span, excluded.max_span)",
        )?;
        for (i, e) in p.events.iter().enumerate() {
            let (s, en) = (e.start_s, e.end_s);
            let month_day = match (e.grank >= Granularity::Day as i64, s) {
                (true, Some(s)) => {
                    let (_, m, d) = date_of(s);
                    Some(m * 100 + d)
                }
                _ => None,
            };
            if let (Some(a), Some(b)) = (s, en) {
                spans.execute(params![e.grank, b - a])?;
            }
            // With figures, the sentence as written when it reads as the statement on one
            // line (the figures' phrases are then cut from it); else the statement.
            let figures: Vec<&FigureIn<'_>> = p
                .figures
                .iter()
                .filter(|(k, _)| *k == Some(i))
                .map(|(_, f)| f)
                .collect();
            let raw = slice(e.start, e.end);
            let text = if !figures.is_empty() && one_line(raw) == e.text {
                raw
            } else {
                e.text
            };
            let figures =
                (!figures.is_empty()).then(|| encode_figure_refs(&figures, text, e.start));
            st.execute(params![
                doc,
                i as i64,
                e.sentence as i64,
                e.start as i64,
                e.end as i64,
                text,
                e.value,
                e.grank,
                e.time_source,
                e.timex,
                s.unwrap_or(NO_START),
                en,
                month_day,
                e.names,
                figures,
                word_hash(e.text) as i64,
                e.modifier,
            ])?;
        }
    }
    Ok(())
}

fn encode_figure_refs(figures: &[&FigureIn<'_>], base: &str, offset: usize) -> Vec<u8> {
    let owned: Vec<FigureIn<'_>> = figures.iter().map(|f| **f).collect();
    encode_figures(&owned, base, offset)
}

#[cfg(test)]
mod tests {
    use super::source_name;

    #[test]
    fn sources_are_hosts_or_paths() {
        assert_eq!(
            source_name(Some("https://www.Example.org/a/b?x"), "f.txt"),
            "example.org"
        );
        assert_eq!(
            source_name(Some("http://user@news.am:8080/x"), "f.txt"),
            "news.am"
        );
        assert_eq!(source_name(Some("not a url"), "f.txt"), "not a url");
        assert_eq!(source_name(None, "corpus/a.txt"), "corpus/a.txt");
        assert_eq!(source_name(Some(""), "f.txt"), "f.txt");
    }
}
