//! annalist-timeml: TimeML documents in and out, and the TempEval-3 Task A scorer.
//!
//! TimeML is how temporal annotation is exchanged between tools and scored: the TempEval-3
//! corpora are TimeML files, and researchers expect our output in it. This crate does three
//! things and knows nothing about tagging:
//!
//! * [`parse_tml`] reads a `.tml` file: its DCT, the raw text inside `<TEXT>` (every tag
//!   removed, entities decoded) and the TIMEX3 annotations in it, with character offsets into
//!   that text;
//! * [`write_tml`] writes the same document back with other TIMEX3 annotations in its text;
//! * [`evaluate`] scores a system's annotations against gold ones as TempEval-3 Task A does:
//!   strict and relaxed extent precision/recall/F1, and type and value F1 (attribute accuracy
//!   over relaxed matches times relaxed F1).
//!
//! XML parsing is quick-xml's; nothing here panics on malformed input.

#![warn(missing_docs)]

mod score;

use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use serde::Serialize;

pub use score::{Counts, ErrorKind, FileScore, Mistake, Report, Summary, evaluate};

/// A TIMEX3 annotation, with character (Unicode scalar) offsets into the document text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimexAnnotation {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `tid`, e.g. `t12`.
    pub tid: String,
    /// `type`: DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// `value`.
    pub value: String,
    /// `mod`, if any.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// `quant`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quant: Option<String>,
    /// `freq`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
}

/// The document creation time of a TimeML file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dct {
    /// The `value` of the `t0` TIMEX3, e.g. `1998-01-08` or `1998-08-07T06:18:00`.
    pub value: String,
    /// Its `type` (DATE or TIME).
    pub kind: String,
}

/// A parsed TimeML document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TmlDocument {
    /// `<DOCID>`, if present.
    pub docid: Option<String>,
    /// The creation time in `<DCT>`, if present.
    pub dct: Option<Dct>,
    /// The raw text inside `<TEXT>`, tags removed and entities decoded.
    pub text: String,
    /// The TIMEX3 annotations inside `<TEXT>`, in document order.
    pub timexes: Vec<TimexAnnotation>,
}

/// What went wrong reading, writing or scoring TimeML.
#[derive(Debug, thiserror::Error)]
pub enum TimeMlError {
    /// Not well-formed XML.
    #[error("malformed XML at byte {position}: {message}")]
    Xml {
        /// Byte offset in the input.
        position: u64,
        /// quick-xml's description.
        message: String,
    },
    /// The document has no `<TEXT>` element.
    #[error("no <TEXT> element")]
    NoText,
    /// A TIMEX3 closes without opening, or stays open.
    #[error("unbalanced TIMEX3 tags near character {0} of the text")]
    Unbalanced(usize),
    /// Annotations to write overlap, lie outside the text, or are empty.
    #[error("cannot write annotation {tid} [{start}, {end}): {why}")]
    BadAnnotation {
        /// The annotation's tid.
        tid: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
        /// Why not.
        why: &'static str,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file could not be parsed.
    #[error("{path}: {source}")]
    File {
        /// The file.
        path: PathBuf,
        /// The error.
        source: Box<TimeMlError>,
    },
}

fn xml_err(reader: &quick_xml::Reader<&[u8]>, e: impl std::fmt::Display) -> TimeMlError {
    TimeMlError::Xml {
        position: reader.buffer_position(),
        message: e.to_string(),
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(
            |a| match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => a.value.to_string(),
            },
        )
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Reads a TimeML document.
pub fn parse_tml(xml: &str) -> Result<TmlDocument, TimeMlError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut doc = TmlDocument {
        docid: None,
        dct: None,
        text: String::new(),
        timexes: Vec::new(),
    };
    let (mut in_text, mut in_dct, mut in_docid, mut seen_text) = (false, false, false, false);
    let mut chars = 0usize;
    let mut open: Vec<(usize, TimexAnnotation)> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| xml_err(&reader, e))?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                "TEXT" => {
                    in_text = true;
                    seen_text = true;
                }
                "DCT" => in_dct = true,
                "DOCID" => in_docid = true,
                "TIMEX3" if in_dct && doc.dct.is_none() => {
                    doc.dct = Some(Dct {
                        value: attr(&e, "value").unwrap_or_default(),
                        kind: attr(&e, "type").unwrap_or_default(),
                    });
                }
                "TIMEX3" if in_text => open.push((
                    chars,
                    TimexAnnotation {
                        start: chars,
                        end: chars,
                        tid: attr(&e, "tid").unwrap_or_default(),
                        kind: attr(&e, "type").unwrap_or_default(),
                        value: attr(&e, "value").unwrap_or_default(),
                        modifier: attr(&e, "mod"),
                        quant: attr(&e, "quant"),
                        freq: attr(&e, "freq"),
                    },
                )),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "TEXT" => in_text = false,
                "DCT" => in_dct = false,
                "DOCID" => in_docid = false,
                "TIMEX3" if in_text => {
                    let (start, mut t) = open.pop().ok_or(TimeMlError::Unbalanced(chars))?;
                    t.start = start;
                    t.end = chars;
                    doc.timexes.push(t);
                }
                _ => {}
            },
            Event::Text(t) => {
                let s = t.xml10_content();
                if in_text {
                    chars += s.chars().count();
                    doc.text.push_str(&s);
                } else if in_docid {
                    doc.docid = Some(s.trim().to_string());
                }
            }
            Event::CData(t) if in_text => {
                let s = t.xml10_content().into_owned();
                chars += s.chars().count();
                doc.text.push_str(&s);
            }
            Event::GeneralRef(r) if in_text => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    entity(&r.xml10_content())
                };
                match c {
                    Some(c) => {
                        doc.text.push(c);
                        chars += 1;
                    }
                    None => {
                        // An entity we do not know: keep it as written.
                        let raw = format!("&{};", r.xml10_content());
                        chars += raw.chars().count();
                        doc.text.push_str(&raw);
                    }
                }
            }
            _ => {}
        }
    }
    if !seen_text {
        return Err(TimeMlError::NoText);
    }
    if !open.is_empty() {
        return Err(TimeMlError::Unbalanced(chars));
    }
    doc.timexes
        .sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    Ok(doc)
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `original_xml` back with `timexes` as the only annotations in its `<TEXT>`:
/// everything before `<TEXT>` (DOCID, DCT as `t0`, title) is kept, the text is rewritten with
/// our TIMEX3 tags (tids `t1`, `t2`, … when an annotation has none), and what followed
/// `</TEXT>` (links between the old annotations) is dropped.
pub fn write_tml(original_xml: &str, timexes: &[TimexAnnotation]) -> Result<String, TimeMlError> {
    let doc = parse_tml(original_xml)?;
    let open = original_xml.find("<TEXT>").ok_or(TimeMlError::NoText)?;
    let text_chars: Vec<char> = doc.text.chars().collect();
    let mut sorted: Vec<&TimexAnnotation> = timexes.iter().collect();
    sorted.sort_by_key(|t| (t.start, t.end));
    let mut out = String::with_capacity(original_xml.len() + timexes.len() * 80);
    out.push_str(&original_xml[..open + "<TEXT>".len()]);
    let mut pos = 0usize;
    let mut buf = String::new();
    for (n, t) in sorted.iter().enumerate() {
        let bad = |why| TimeMlError::BadAnnotation {
            tid: t.tid.clone(),
            start: t.start,
            end: t.end,
            why,
        };
        if t.start >= t.end {
            return Err(bad("empty span"));
        }
        if t.end > text_chars.len() {
            return Err(bad("past the end of the text"));
        }
        if t.start < pos {
            return Err(bad("overlaps the previous annotation"));
        }
        buf.clear();
        buf.extend(&text_chars[pos..t.start]);
        escape_text(&buf, &mut out);
        let tid = if t.tid.is_empty() {
            format!("t{}", n + 1)
        } else {
            t.tid.clone()
        };
        out.push_str(&format!(
            r#"<TIMEX3 tid="{}" type="{}" value="{}""#,
            escape_attr(&tid),
            escape_attr(&t.kind),
            escape_attr(&t.value)
        ));
        for (k, v) in [("mod", &t.modifier), ("quant", &t.quant), ("freq", &t.freq)] {
            if let Some(v) = v {
                out.push_str(&format!(r#" {k}="{}""#, escape_attr(v)));
            }
        }
        out.push('>');
        buf.clear();
        buf.extend(&text_chars[t.start..t.end]);
        escape_text(&buf, &mut out);
        out.push_str("</TIMEX3>");
        pos = t.end;
    }
    buf.clear();
    buf.extend(&text_chars[pos..]);
    escape_text(&buf, &mut out);
    out.push_str("</TEXT>\n\n</TimeML>\n");
    Ok(out)
}

/// Reads every `*.tml` file under `dir` (recursively), sorted by relative path.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, TimeMlError> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|(rel, path)| {
            std::fs::read_to_string(&path)
                .map(|s| (rel, s))
                .map_err(|source| TimeMlError::Io { path, source })
        })
        .collect()
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), TimeMlError> {
    let entries = std::fs::read_dir(dir).map_err(|source| TimeMlError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| TimeMlError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            out.push((rel, path));
        }
    }
    Ok(())
}

/// Parses every file of [`read_dir`].
pub fn parse_dir(dir: &Path) -> Result<Vec<(String, TmlDocument)>, TimeMlError> {
    read_dir(dir)?
        .into_iter()
        .map(|(rel, xml)| {
            parse_tml(&xml)
                .map(|d| (rel.clone(), d))
                .map_err(|e| TimeMlError::File {
                    path: dir.join(&rel),
                    source: Box::new(e),
                })
        })
        .collect()
}

/// Scores the `.tml` files of `system` against those of `gold`, matched by relative path. A
/// gold file without a system file counts as all misses and is reported missing.
pub fn evaluate_dirs(gold: &Path, system: &Path) -> Result<Report, TimeMlError> {
    let gold = parse_dir(gold)?;
    let system: std::collections::HashMap<String, TmlDocument> =
        parse_dir(system)?.into_iter().collect();
    let mut missing = Vec::new();
    let empty = |g: &TmlDocument| TmlDocument {
        timexes: Vec::new(),
        ..g.clone()
    };
    let pairs: Vec<(String, TmlDocument, TmlDocument)> = gold
        .into_iter()
        .map(|(name, g)| {
            let s = match system.get(&name) {
                Some(s) => s.clone(),
                None => {
                    missing.push(name.clone());
                    empty(&g)
                }
            };
            (name, g, s)
        })
        .collect();
    let mut report = evaluate(&pairs);
    report.missing = missing;
    Ok(report)
}

#[cfg(test)]
mod tests;
