//! Writing a TimeML file with our annotations in place of the gold ones.
//!
//! The output must be something the TempEval-3 tools and [`crate::parse_tml`] read back
//! exactly, so the writer does not patch the original text: it keeps the source verbatim up to
//! and including the `<TEXT>` start tag (DOCID, DCT, title…), then writes the text afresh,
//! escaped, with a TIMEX3 element around each annotation, then closes `<TEXT>` and the elements
//! that enclosed it. What followed `</TEXT>` (MAKEINSTANCE, TLINK, SLINK, ALINK) refers to the
//! old EVENT and TIMEX3 ids, which no longer exist, so it is dropped.
//!
//! Annotations that would make the XML ill-formed or ambiguous (overlapping or nested spans,
//! empty spans, spans past the text, reused tids, characters XML cannot carry) are refused
//! with an error rather than written.

use std::collections::HashSet;

use crate::document::TimexAnnotation;
use crate::error::TimeMlError;
use crate::read::{is_xml_char, scan};

/// Writes `original_xml` back with `timexes` as the only annotations inside `<TEXT>`.
///
/// Everything before the text (DOCID, the DCT with its `t0`, title…) is kept as it was; the
/// text is written escaped with a `<TIMEX3>` at each annotation's character offsets, carrying
/// `tid`, `type`, `value` and, when present, `mod`, `quant`, `freq`, `anchorTimeID`,
/// `beginPoint` and `endPoint`. Annotations without a tid are numbered `t1`, `t2`, … (skipping
/// tids already in use). Everything after `</TEXT>` is dropped; the enclosing elements (normally
/// `</TimeML>`) are closed.
///
/// For annotations that all have tids, listed in text order,
/// `parse_tml(&write_tml(x, a)?)?.timexes == a`.
///
/// # Errors
/// When `original_xml` cannot be parsed, or when an annotation is empty, extends past the text,
/// overlaps or nests in another, reuses a tid (the DCT's included), or has an attribute with a
/// character XML 1.0 cannot represent.
pub fn write_tml(original_xml: &str, timexes: &[TimexAnnotation]) -> Result<String, TimeMlError> {
    let (doc, layout) = scan(original_xml)?;
    let mut order: Vec<&TimexAnnotation> = timexes.iter().collect();
    order.sort_by_key(|t| (t.start, t.end));

    let text_len = doc.text.chars().count();
    let mut used: HashSet<&str> = HashSet::new();
    if let Some(dct) = &doc.dct
        && !dct.tid.is_empty()
    {
        used.insert(&dct.tid);
    }
    let mut previous_end = 0;
    for t in &order {
        let refuse = |why| {
            Err(TimeMlError::BadAnnotation {
                tid: t.tid.clone(),
                start: t.start,
                end: t.end,
                why,
            })
        };
        if t.start >= t.end {
            return refuse("empty span");
        }
        if t.end > text_len {
            return refuse("extends past the end of the text");
        }
        if t.start < previous_end {
            return refuse("overlaps or nests in another annotation");
        }
        if !t.tid.is_empty() && !used.insert(&t.tid) {
            return refuse("tid already used");
        }
        if attributes(t, "").any(|(_, v)| !v.chars().all(is_xml_char)) {
            return refuse("an attribute holds a character XML 1.0 cannot represent");
        }
        previous_end = t.end;
    }

    let mut out = String::with_capacity(original_xml.len() + timexes.len() * 96);
    let tag = original_xml
        .get(layout.text_tag.clone())
        .ok_or(TimeMlError::NoText)?;
    out.push_str(
        original_xml
            .get(..layout.text_tag.start)
            .unwrap_or_default(),
    );
    if layout.text_tag_is_empty {
        out.push_str(tag.strip_suffix("/>").unwrap_or(tag));
        out.push('>');
    } else {
        out.push_str(tag);
    }

    let mut next_number = 1usize;
    let mut fresh_tid = || loop {
        let tid = format!("t{next_number}");
        next_number += 1;
        if !used.contains(tid.as_str()) {
            return tid;
        }
    };
    // Annotations are sorted and disjoint, so one forward walk turns char offsets into bytes.
    let (mut written_chars, mut written) = (0usize, 0usize);
    for t in &order {
        let start = advance(&doc.text, written, t.start.saturating_sub(written_chars));
        let end = advance(&doc.text, start, t.end.saturating_sub(t.start));
        let before = doc.text.get(written..start).unwrap_or_default();
        let inside = doc.text.get(start..end).unwrap_or_default();
        escape_text(before, &mut out);
        let tid = if t.tid.is_empty() {
            fresh_tid()
        } else {
            t.tid.clone()
        };
        out.push_str("<TIMEX3");
        for (name, value) in attributes(t, &tid) {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_attribute(value, &mut out);
            out.push('"');
        }
        out.push('>');
        escape_text(inside, &mut out);
        out.push_str("</TIMEX3>");
        (written_chars, written) = (t.end, end);
    }
    escape_text(doc.text.get(written..).unwrap_or_default(), &mut out);
    out.push_str("</TEXT>\n");
    for name in layout.ancestors.iter().rev() {
        out.push_str("</");
        out.push_str(name);
        out.push_str(">\n");
    }
    Ok(out)
}

/// The byte offset `n` characters after byte offset `from` (the end of `text` at most).
fn advance(text: &str, from: usize, n: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.char_indices().nth(n))
        .map_or(text.len(), |(i, _)| from + i)
}

/// The attributes written for `t`, in order, with `tid` standing for its tid.
fn attributes<'a>(
    t: &'a TimexAnnotation,
    tid: &'a str,
) -> impl Iterator<Item = (&'static str, &'a str)> {
    let optional = [
        ("mod", &t.modifier),
        ("quant", &t.quant),
        ("freq", &t.freq),
        ("anchorTimeID", &t.anchor_time_id),
        ("beginPoint", &t.begin_point),
        ("endPoint", &t.end_point),
    ];
    [("tid", tid), ("type", &t.kind), ("value", &t.value)]
        .into_iter()
        .chain(
            optional
                .into_iter()
                .filter_map(|(name, v)| v.as_deref().map(|v| (name, v))),
        )
}

/// Escapes text content. A carriage return is written as a reference because a literal one
/// would be normalised to a line feed by any XML reader.
fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Escapes an attribute value. Tabs and line ends are written as references because literal
/// ones are normalised to spaces by any XML reader.
fn escape_attribute(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}
