//! Reading one stored document back with everything found in it (for `show`, `export` and
//! the HTTP API).

use crate::codec::{decode_figures, decode_spans, decompress_text, statement_into};
use crate::insert::{NO_START, granularity_of_rank, time_source_name};
use crate::{EventRecord, FigureRecord, Span, Store, StoreError, StoredDocument, TimexRecord};

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
        let mut text_blob: Vec<u8> = Vec::new();
        let mut sentences_blob: Vec<u8> = Vec::new();
        let mut loose: Option<Vec<u8>> = None;
        let mut doc = self.conn.query_row(
            "SELECT d.id, d.path, d.line, d.url, d.title, d.author, d.published, d.dct_source,
                    d.language, d.source, d.version, n.id, t.text, t.sentences, t.figures
             FROM documents d LEFT JOIN documents n ON n.rowid = d.superseded_by
             JOIN texts t ON t.doc = d.rowid
             WHERE d.rowid = ?1",
            [row],
            |r| {
                text_blob = r.get(12)?;
                sentences_blob = r.get(13)?;
                loose = r.get(14)?;
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
                    text: String::new(),
                    sentences: Vec::new(),
                    timexes: Vec::new(),
                    figures: Vec::new(),
                    events: Vec::new(),
                })
            },
        )?;
        doc.text = decompress_text(&text_blob)?;
        let chars: Vec<char> = doc.text.chars().collect();
        let slice = |a: usize, b: usize| -> String {
            let b = b.min(chars.len());
            chars[a.min(b)..b].iter().collect()
        };
        doc.sentences = decode_spans(&sentences_blob)?
            .into_iter()
            .map(|(start, end)| Span { start, end })
            .collect();
        let mut st = self.conn.prepare_cached(
            "SELECT cstart, cend, text, kind, value, mod, granularity, start_s, end_s
             FROM timexes WHERE doc = ?1 ORDER BY idx",
        )?;
        doc.timexes = st
            .query_map([row], |r| {
                let start = r.get::<_, i64>(0)? as usize;
                let end = r.get::<_, i64>(1)? as usize;
                Ok(TimexRecord {
                    start,
                    end,
                    text: r
                        .get::<_, Option<String>>(2)?
                        .unwrap_or_else(|| slice(start, end)),
                    kind: r.get(3)?,
                    value: r.get(4)?,
                    modifier: r.get(5)?,
                    granularity: r.get(6)?,
                    start_s: r.get(7)?,
                    end_s: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut figures: Vec<(usize, Option<usize>, FigureRecord)> = Vec::new();
        if let Some(blob) = &loose {
            for (idx, f) in decode_figures(blob, &doc.text, 0)? {
                figures.push((idx, None, f));
            }
        }
        let mut st = self.conn.prepare_cached(
            "SELECT sentence, cstart, cend, text, value, grank, time_source, start_s, end_s, names,
                    figures
             FROM events WHERE doc = ?1 ORDER BY idx",
        )?;
        let mut events = Vec::new();
        let mut rows = st.query([row])?;
        while let Some(r) = rows.next()? {
            let names: Option<String> = r.get(9)?;
            let names = decode_names(names.as_deref().unwrap_or(""), &chars);
            let start = r.get::<_, i64>(1)? as usize;
            let text: String = r.get(3)?;
            let has_figures = r.get_ref(10)?.as_blob_or_null()?.is_some();
            if let Some(blob) = r.get_ref(10)?.as_blob_or_null()? {
                for (idx, f) in decode_figures(blob, &text, start)? {
                    figures.push((idx, Some(events.len()), f));
                }
            }
            events.push(EventRecord {
                sentence: r.get::<_, i64>(0)? as usize,
                start,
                end: r.get::<_, i64>(2)? as usize,
                text: {
                    let mut t = String::new();
                    statement_into(&mut t, &text, has_figures);
                    t
                },
                value: r.get(4)?,
                granularity: granularity_of_rank(r.get(5)?).map(str::to_string),
                time_source: time_source_name(r.get(6)?).to_string(),
                start_s: r.get::<_, Option<i64>>(7)?.filter(|s| *s != NO_START),
                end_s: r.get(8)?,
                figures: Vec::new(),
                names,
            });
        }
        figures.sort_by_key(|f| f.0);
        for (i, (_, event, _)) in figures.iter().enumerate() {
            if let Some(e) = event {
                events[*e].figures.push(i);
            }
        }
        doc.figures = figures.into_iter().map(|f| f.2).collect();
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
