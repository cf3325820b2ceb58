//! Reading one stored document back with everything found in it (for `show`, `export` and
//! the HTTP API).

use crate::query::{FIGURE_COLUMNS, read_figure};
use crate::{EventRecord, Span, Store, StoreError, StoredDocument, TimexRecord};

impl Store {
    /// Finds a document by content id, id prefix (at least 4 characters), URL (its current
    /// version) or input path, and reads it back.
    pub fn document(&self, key: &str) -> Result<StoredDocument, StoreError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(StoreError::NotFound(key.to_string()));
        }
        let mut st = self.conn.prepare_cached(
            "SELECT rowid FROM documents WHERE id = ?1
             UNION SELECT rowid FROM documents WHERE url = ?1 AND superseded_by IS NULL
             UNION SELECT rowid FROM documents WHERE path = ?1 AND superseded_by IS NULL
             LIMIT 2",
        )?;
        let mut rows: Vec<i64> = st
            .query_map([key], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if rows.is_empty() && key.len() >= 4 {
            let mut st = self.conn.prepare_cached(
                "SELECT rowid FROM documents WHERE id >= ?1 AND substr(id, 1, length(?1)) = ?1 LIMIT 2",
            )?;
            rows = st
                .query_map([key], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        match rows.as_slice() {
            [] => Err(StoreError::NotFound(key.to_string())),
            [row] => self.document_at(*row),
            _ => Err(StoreError::Ambiguous(key.to_string())),
        }
    }

    /// Content ids of every stored document (older versions too), in insertion order.
    pub fn document_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM documents ORDER BY rowid")?;
        let ids = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    fn document_at(&self, row: i64) -> Result<StoredDocument, StoreError> {
        let mut doc = self.conn.query_row(
            "SELECT d.id, d.path, d.line, d.url, d.title, d.author, d.published, d.dct_source,
                    d.language, d.source, d.version, n.id, t.text
             FROM documents d LEFT JOIN documents n ON n.rowid = d.superseded_by
             JOIN texts t ON t.doc = d.rowid
             WHERE d.rowid = ?1",
            [row],
            |r| {
                Ok(StoredDocument {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    line: r.get::<_, Option<i64>>(2)?.map(|l| l as u64),
                    url: r.get(3)?,
                    title: r.get(4)?,
                    author: r.get(5)?,
                    published: r.get(6)?,
                    dct_source: r.get(7)?,
                    language: r.get(8)?,
                    source: r.get(9)?,
                    version: r.get::<_, i64>(10)? as u32,
                    superseded_by: r.get(11)?,
                    text: r.get(12)?,
                    sentences: Vec::new(),
                    timexes: Vec::new(),
                    figures: Vec::new(),
                    events: Vec::new(),
                })
            },
        )?;
        let chars: Vec<char> = doc.text.chars().collect();
        let mut st = self
            .conn
            .prepare_cached("SELECT cstart, cend FROM sentences WHERE doc = ?1 ORDER BY idx")?;
        doc.sentences = st
            .query_map([row], |r| {
                Ok(Span {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut st = self.conn.prepare_cached(
            "SELECT cstart, cend, text, kind, value, mod, granularity, start_s, end_s
             FROM timexes WHERE doc = ?1 ORDER BY idx",
        )?;
        doc.timexes = st
            .query_map([row], |r| {
                Ok(TimexRecord {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                    text: r.get(2)?,
                    kind: r.get(3)?,
                    value: r.get(4)?,
                    modifier: r.get(5)?,
                    granularity: r.get(6)?,
                    start_s: r.get(7)?,
                    end_s: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {FIGURE_COLUMNS}, event FROM figures WHERE doc = ?1 ORDER BY idx"
        ))?;
        let mut figure_events: Vec<Option<i64>> = Vec::new();
        doc.figures = st
            .query_map([row], |r| {
                Ok((read_figure(r, 0)?, r.get::<_, Option<i64>>(10)?))
            })?
            .map(|x| {
                x.map(|(f, e)| {
                    figure_events.push(e);
                    f
                })
            })
            .collect::<Result<_, _>>()?;
        let mut st = self.conn.prepare_cached(
            "SELECT idx, sentence, cstart, cend, text, value, granularity, time_source, start_s,
                    end_s, names
             FROM events WHERE doc = ?1 ORDER BY idx",
        )?;
        let mut events = Vec::new();
        let mut rows = st.query([row])?;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            let names: Option<String> = r.get(10)?;
            let names = decode_names(names.as_deref().unwrap_or(""), &chars);
            events.push(EventRecord {
                sentence: r.get::<_, i64>(1)? as usize,
                start: r.get::<_, i64>(2)? as usize,
                end: r.get::<_, i64>(3)? as usize,
                text: r.get(4)?,
                value: r.get(5)?,
                granularity: r.get(6)?,
                time_source: r.get(7)?,
                start_s: r.get(8)?,
                end_s: r.get(9)?,
                figures: figure_events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| **e == Some(rowid))
                    .map(|(i, _)| i)
                    .collect(),
                names,
            });
        }
        doc.events = events;
        Ok(doc)
    }
}

/// Reads names stored as `start:end:kind;…` back into annalist-extract's JSON shape,
/// taking their text from the document; malformed parts are skipped.
fn decode_names(stored: &str, chars: &[char]) -> serde_json::Value {
    let names = stored
        .split(';')
        .filter_map(|part| {
            let mut f = part.split(':');
            let start: usize = f.next()?.parse().ok()?;
            let end: usize = f.next()?.parse().ok()?;
            let kind = match f.next()? {
                "p" => "person",
                "o" => "organization",
                "l" => "place",
                _ => "name",
            };
            let text: String = chars.get(start..end)?.iter().collect();
            Some(serde_json::json!({ "text": text, "start": start, "end": end, "kind": kind }))
        })
        .collect();
    serde_json::Value::Array(names)
}
