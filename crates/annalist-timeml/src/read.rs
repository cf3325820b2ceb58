//! Reading a TimeML file: one pass of quick-xml's pull parser.
//!
//! What matters downstream is the text a tagger would see and where the gold TIMEX3s sit in
//! it, in characters, so the reader concatenates the text events inside `<TEXT>`, drops every
//! tag (EVENT, SIGNAL, TIMEX3, …) and counts characters as it goes: a TIMEX3 starts at the
//! count when its start tag is seen and ends at the count when its end tag is seen.
//!
//! The corpora carry oddities the reader must survive rather than reject: `&amp;Cx1f;`-style
//! junk in `<EXTRAINFO>`, attributes in any order, no EVENT tags, CR LF line ends. Entities
//! are decoded by hand ([`resolve_entity`]) so that an unknown one is kept as written instead
//! of failing the file, and so that writer and reader agree on every character (round trip).
//!
//! The scan also remembers where `<TEXT>` starts and which elements enclose it ([`Layout`]):
//! that is all [`crate::write_tml`] needs to rewrite the document.

use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::document::{Dct, TimexAnnotation, TmlDocument};
use crate::error::TimeMlError;

/// Where the `<TEXT>` element sits in the source, for the writer.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    /// Byte range of the `<TEXT …>` (or `<TEXT …/>`) tag.
    pub text_tag: Range<usize>,
    /// Whether that tag is self-closing.
    pub text_tag_is_empty: bool,
    /// Names of the elements enclosing `<TEXT>`, outermost first.
    pub ancestors: Vec<String>,
}

/// Reads a TimeML document: its DOCID, DCT, the raw text inside `<TEXT>` and the TIMEX3
/// annotations in that text, with character offsets.
///
/// Fails on input that is not well-formed XML, that has no `<TEXT>` or more than one, or whose
/// elements are left open. Unknown entities are kept verbatim in the text instead of failing.
pub fn parse_tml(xml: &str) -> Result<TmlDocument, TimeMlError> {
    scan(xml).map(|(doc, _)| doc)
}

/// Where the walk is, relative to `<TEXT>`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    Before,
    Inside,
    After,
}

pub(crate) fn scan(xml: &str) -> Result<(TmlDocument, Layout), TimeMlError> {
    let mut reader = Reader::from_str(xml);
    let mut doc = TmlDocument::default();
    let mut layout: Option<Layout> = None;
    let mut region = Region::Before;
    let mut stack: Vec<String> = Vec::new();
    let (mut dct_depth, mut docid_depth) = (0usize, 0usize);
    let mut docid = String::new();
    let mut chars = 0usize;
    let mut open: Vec<TimexAnnotation> = Vec::new();
    loop {
        let before = position(reader.buffer_position());
        let event = reader.read_event().map_err(|e| TimeMlError::Xml {
            position: reader.error_position(),
            message: e.to_string(),
        })?;
        let after = position(reader.buffer_position());
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "TEXT" => {
                if layout.is_some() {
                    return Err(TimeMlError::SeveralTexts {
                        position: before as u64,
                    });
                }
                let is_empty = xml.get(before..after).is_some_and(|t| t.ends_with("/>"));
                layout = Some(Layout {
                    text_tag: before..after,
                    text_tag_is_empty: is_empty,
                    ancestors: stack.clone(),
                });
                if is_empty {
                    region = Region::After;
                } else {
                    region = Region::Inside;
                    stack.push("TEXT".into());
                }
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                match name.as_str() {
                    "DCT" => dct_depth += 1,
                    "DOCID" => docid_depth += 1,
                    "TIMEX3" if region == Region::Inside => {
                        open.push(timex(&e, chars, before)?);
                    }
                    "TIMEX3" => take_dct(&mut doc, &e, dct_depth, before)?,
                    _ => {}
                }
                stack.push(name);
            }
            Event::Empty(e) => match e.name().as_ref() {
                "TIMEX3" if region == Region::Inside => doc.timexes.push(timex(&e, chars, before)?),
                "TIMEX3" => take_dct(&mut doc, &e, dct_depth, before)?,
                _ => {}
            },
            Event::End(e) => {
                stack.pop();
                match e.name().as_ref() {
                    "TEXT" if region == Region::Inside => region = Region::After,
                    "DCT" => dct_depth = dct_depth.saturating_sub(1),
                    "DOCID" => docid_depth = docid_depth.saturating_sub(1),
                    "TIMEX3" if region == Region::Inside => {
                        // quick-xml checks that end names match, so an open TIMEX3 is there.
                        if let Some(mut t) = open.pop() {
                            t.end = chars;
                            doc.timexes.push(t);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content();
                if region == Region::Inside {
                    chars += s.chars().count();
                    doc.text.push_str(&s);
                } else if docid_depth > 0 {
                    docid.push_str(&s);
                }
            }
            Event::CData(t) => {
                let s = t.xml10_content();
                if region == Region::Inside {
                    chars += s.chars().count();
                    doc.text.push_str(&s);
                } else if docid_depth > 0 {
                    docid.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                let target = if region == Region::Inside {
                    &mut doc.text
                } else if docid_depth > 0 {
                    &mut docid
                } else {
                    continue;
                };
                let name: &str = &r;
                match resolve_entity(name) {
                    Some(c) => {
                        target.push(c);
                        if region == Region::Inside {
                            chars += 1;
                        }
                    }
                    None => {
                        // Unknown (or illegal) reference: keep it as written.
                        target.push('&');
                        target.push_str(name);
                        target.push(';');
                        if region == Region::Inside {
                            chars += name.chars().count() + 2;
                        }
                    }
                }
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(element) = stack.pop() {
        return Err(TimeMlError::Unclosed { element });
    }
    let layout = layout.ok_or(TimeMlError::NoText)?;
    let docid = docid.trim();
    if !docid.is_empty() {
        doc.docid = Some(docid.to_string());
    }
    // Inner TIMEX3s close first; put them back in text order, outer before inner.
    doc.timexes
        .sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    Ok((doc, layout))
}

fn position(p: u64) -> usize {
    usize::try_from(p).unwrap_or(usize::MAX)
}

/// The first TIMEX3 inside `<DCT>` is the creation time; failing a `<DCT>`, a TIMEX3 outside
/// `<TEXT>` that says `functionInDocument="CREATION_TIME"` is.
fn take_dct(
    doc: &mut TmlDocument,
    e: &BytesStart<'_>,
    dct_depth: usize,
    at: usize,
) -> Result<(), TimeMlError> {
    if doc.dct.is_some() {
        return Ok(());
    }
    let t = timex(e, 0, at)?;
    let is_creation_time = attributes(e, at)?
        .iter()
        .any(|(k, v)| k == "functionInDocument" && v == "CREATION_TIME");
    if dct_depth > 0 || is_creation_time {
        doc.dct = Some(Dct {
            value: t.value,
            kind: t.kind,
            tid: t.tid,
        });
    }
    Ok(())
}

/// A TIMEX3 starting at character `start` of the text, its tag at byte `at` of the input.
fn timex(e: &BytesStart<'_>, start: usize, at: usize) -> Result<TimexAnnotation, TimeMlError> {
    let mut t = TimexAnnotation {
        start,
        end: start,
        ..TimexAnnotation::default()
    };
    for (key, value) in attributes(e, at)? {
        match key.as_str() {
            "tid" => t.tid = value,
            "type" => t.kind = value,
            "value" => t.value = value,
            "mod" => t.modifier = Some(value),
            "quant" => t.quant = Some(value),
            "freq" => t.freq = Some(value),
            "anchorTimeID" => t.anchor_time_id = Some(value),
            "beginPoint" => t.begin_point = Some(value),
            "endPoint" => t.end_point = Some(value),
            _ => {}
        }
    }
    Ok(t)
}

/// The attributes of a tag at byte `at`, values decoded; malformed or repeated ones are errors.
fn attributes(e: &BytesStart<'_>, at: usize) -> Result<Vec<(String, String)>, TimeMlError> {
    e.attributes()
        .map(|a| {
            let a = a.map_err(|err| TimeMlError::Xml {
                position: at as u64,
                message: format!("bad attribute in <{}>: {err}", e.name().as_ref()),
            })?;
            let key = a.key.as_ref().to_string();
            Ok((key, decode_attribute(&a.value)))
        })
        .collect()
}

/// Attribute-value normalisation as XML 1.0 prescribes (a literal tab, CR, LF or CR LF becomes
/// one space; references are then resolved, so `&#10;` stays a line feed), keeping unknown
/// references verbatim.
pub(crate) fn decode_attribute(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\r', '\n']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("\r\n") {
            out.push(' ');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('&') {
            match after.find(';').filter(|&j| j <= 32) {
                Some(j) => match resolve_entity(&after[..j]) {
                    Some(c) => {
                        out.push(c);
                        rest = &after[j + 1..];
                    }
                    None => {
                        out.push('&');
                        rest = after;
                    }
                },
                None => {
                    out.push('&');
                    rest = after;
                }
            }
        } else {
            // A lone tab, CR or LF: all one byte.
            out.push(' ');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity or character reference (`amp`, `#38`, `#x26`) stands for, when it
/// is one of XML's five predefined entities or a reference to a character XML 1.0 allows.
pub(crate) fn resolve_entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let (digits, radix) = match number.strip_prefix('x') {
                Some(hex) => (hex, 16),
                None => (number, 10),
            };
            if digits.is_empty() || !digits.chars().all(|d| d.is_digit(radix)) {
                return None;
            }
            let code = u32::from_str_radix(digits, radix).ok()?;
            char::from_u32(code).filter(|&c| is_xml_char(c))?
        }
    };
    Some(c)
}

/// Whether XML 1.0 allows the character at all (production `Char`).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
