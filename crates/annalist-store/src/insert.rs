//! Writing extractions: one transaction per batch, so a crash leaves whole documents or none.
//!
//! Idempotence comes from the content id: a document already stored is skipped before
//! anything is written. A new text at a URL already stored becomes a new version; the old
//! one is kept and marked superseded, and queries read only current versions.

use annalist_extract::{Event, Extraction, Name, NameKind, TimeSource};
use annalist_time::{Granularity, Interval};
use rusqlite::{Transaction, params};

use crate::instant::{date_of, format_seconds, seconds};
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

    /// Removes a document and everything found in it. A previous version it superseded
    /// becomes current again. Errors with [`StoreError::NotFound`] when absent.
    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let row: Option<i64> = tx
            .query_row("SELECT rowid FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        let Some(row) = row else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        tx.execute(
            "DELETE FROM sentence_fts WHERE rowid IN (SELECT rowid FROM sentences WHERE doc = ?1)",
            [row],
        )?;
        tx.execute("DELETE FROM title_fts WHERE rowid = ?1", [row])?;
        tx.execute("DELETE FROM figures WHERE doc = ?1", [row])?;
        tx.execute("DELETE FROM events WHERE doc = ?1", [row])?;
        tx.execute("DELETE FROM timexes WHERE doc = ?1", [row])?;
        tx.execute("DELETE FROM sentences WHERE doc = ?1", [row])?;
        tx.execute(
            "UPDATE documents SET superseded_by = NULL WHERE superseded_by = ?1",
            [row],
        )?;
        tx.execute("DELETE FROM texts WHERE doc = ?1", [row])?;
        tx.execute("DELETE FROM documents WHERE rowid = ?1", [row])?;
        tx.commit()?;
        Ok(())
    }
}

/// The name a granularity is stored under (as annalist-extract serializes it).
pub(crate) fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Century => "century",
        Granularity::Decade => "decade",
        Granularity::Year => "year",
        Granularity::Half => "half",
        Granularity::Quarter => "quarter",
        Granularity::Season => "season",
        Granularity::Month => "month",
        Granularity::Week => "week",
        Granularity::Day => "day",
        Granularity::PartOfDay => "partofday",
        Granularity::Hour => "hour",
        Granularity::Minute => "minute",
        Granularity::Second => "second",
    }
}

/// Rank of a granularity (coarse to fine); -1 for none.
fn granularity_rank(g: Option<Granularity>) -> i64 {
    g.map_or(-1, |g| g as i64)
}

fn time_source_name(s: TimeSource) -> &'static str {
    match s {
        TimeSource::Explicit => "explicit",
        TimeSource::Inherited => "inherited",
        TimeSource::Dct => "dct",
    }
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
fn date_key(e: &Event, start_s: Option<i64>) -> String {
    match (e.time.granularity, start_s) {
        (Some(g), Some(s)) if g >= Granularity::Day => {
            let mut d = format_seconds(s.div_euclid(86_400) * 86_400);
            d.truncate(d.find('T').unwrap_or(d.len()));
            d
        }
        _ => e.time.value.clone(),
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
    tx.prepare_cached("INSERT INTO texts(doc, text) VALUES (?1, ?2)")?
        .execute(params![doc, d.text])?;
    if let Some(title) = &d.title {
        tx.prepare_cached("INSERT INTO title_fts(rowid, title) VALUES (?1, ?2)")?
            .execute(params![doc, title])?;
    }
    let chars: Vec<char> = d.text.chars().collect();
    let slice = |a: usize, b: usize| -> String {
        let b = b.min(chars.len());
        chars[a.min(b)..b].iter().collect()
    };
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO sentences(doc, idx, cstart, cend) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut fts = tx.prepare_cached("INSERT INTO sentence_fts(rowid, text) VALUES (?1, ?2)")?;
        for (i, s) in x.sentences.iter().enumerate() {
            st.execute(params![doc, i as i64, s.start as i64, s.end as i64])?;
            fts.execute(params![tx.last_insert_rowid(), slice(s.start, s.end)])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO timexes(doc, idx, cstart, cend, text, kind, value, mod, granularity, start_s, end_s)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (i, t) in x.timexes.iter().enumerate() {
            let (s, e) = interval_seconds(t.interval);
            st.execute(params![
                doc,
                i as i64,
                t.start as i64,
                t.end as i64,
                t.text,
                t.kind.as_str(),
                t.value.to_string(),
                t.modifier.map(|m| m.as_str()),
                t.value.granularity().map(granularity_name),
                s,
                e,
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO events(doc, idx, sentence, cstart, cend, text, value, granularity, grank,
                time_source, timex, start_s, end_s, date_key, month_day, names, nfig)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?;
        let mut spans = tx.prepare_cached(
            "INSERT INTO spans(grank, max_span) VALUES (?1, ?2)
             ON CONFLICT(grank) DO UPDATE SET max_span = max(max_span, excluded.max_span)",
        )?;
        for (i, e) in x.events.iter().enumerate() {
            let (s, en) = interval_seconds(e.time.interval);
            let fine = e.time.granularity.is_some_and(|g| g >= Granularity::Day);
            let month_day = match (fine, s) {
                (true, Some(s)) => {
                    let (_, m, d) = date_of(s);
                    Some(m * 100 + d)
                }
                _ => None,
            };
            let names = encode_names(&e.names);
            if let (Some(a), Some(b)) = (s, en) {
                spans.execute(params![granularity_rank(e.time.granularity), b - a])?;
            }
            st.execute(params![
                doc,
                i as i64,
                e.sentence as i64,
                e.start as i64,
                e.end as i64,
                e.text,
                e.time.value,
                e.time.granularity.map(granularity_name),
                granularity_rank(e.time.granularity),
                time_source_name(e.time.source),
                e.time.timex.map(|t| t as i64),
                s,
                en,
                date_key(e, s),
                month_day,
                names,
                e.figures.len() as i64,
            ])?;
        }
    }
    // Each figure belongs to the event of its sentence, if any.
    let mut figure_event: Vec<Option<i64>> = vec![None; x.figures.len()];
    for (k, e) in x.events.iter().enumerate() {
        for &f in &e.figures {
            if let Some(slot) = figure_event.get_mut(f) {
                *slot = Some(k as i64);
            }
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO figures(doc, idx, event, cstart, cend, text, value, low, high, bound,
                category, counted, quantity)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, f) in x.figures.iter().enumerate() {
            st.execute(params![
                doc,
                i as i64,
                figure_event[i],
                f.start as i64,
                f.end as i64,
                f.text,
                f.value,
                f.low,
                f.high,
                f.bound,
                f.category,
                f.counted,
                f.quantity,
            ])?;
        }
    }
    if let Some((prev_row, prev_id, _)) = previous {
        tx.prepare_cached("UPDATE documents SET superseded_by = ?1 WHERE rowid = ?2")?
            .execute(params![doc, prev_row])?;
        return Ok(Inserted::NewVersion(prev_id));
    }
    Ok(Inserted::Added)
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
