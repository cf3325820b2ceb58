//! Compact encodings for what the store keeps per document or per event as one value
//! instead of one row each (schema version 3):
//!
//! - the document text, zstd-compressed (news text shrinks to a third or less);
//! - its sentence spans, as varint gaps and lengths (two bytes a sentence instead of a row
//!   and an index entry);
//! - the figures of an event (or of a document, for figures no event states), so that the
//!   timeline reads an event and its figures from one row. A figure's phrase is not repeated
//!   when it can be cut from the event's text (or the document's) at its offsets.
//!
//! Every decoder treats its input as untrusted: malformed bytes give an error, never a panic.

use crate::{FigureRecord, StoreError};

/// zstd level for document text: level 3 (the library default) compresses news text about
/// as well as level 9 here and is several times faster on the single writer.
const ZSTD_LEVEL: i32 = 3;

pub(crate) fn compress_text(text: &str) -> Result<Vec<u8>, StoreError> {
    zstd::bulk::compress(text.as_bytes(), ZSTD_LEVEL).map_err(|e| corrupt(format!("zstd: {e}")))
}

pub(crate) fn decompress_text(blob: &[u8]) -> Result<String, StoreError> {
    // The frame states its size (`compress_text` writes it): one allocation, no stream.
    let bytes = match zstd::zstd_safe::get_frame_content_size(blob) {
        Ok(Some(n)) if n <= 1 << 32 => zstd::bulk::decompress(blob, n as usize),
        _ => zstd::decode_all(blob),
    }
    .map_err(|e| corrupt(format!("document text: {e}")))?;
    String::from_utf8(bytes).map_err(|_| corrupt("document text is not UTF-8".into()))
}

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(what)
}

fn put_u(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

fn put_i(buf: &mut Vec<u8>, v: i64) {
    put_u(buf, ((v << 1) ^ (v >> 63)) as u64);
}

fn put_str(buf: &mut Vec<u8>, s: &str) {
    put_u(buf, s.len() as u64);
    buf.extend_from_slice(s.as_bytes());
}

/// A number: integers (the usual case) as a varint, anything else as its 8 bytes.
fn put_num(buf: &mut Vec<u8>, v: f64) {
    let i = v as i64;
    if (i as f64).to_bits() == v.to_bits() && i.unsigned_abs() < 1 << 53 {
        put_u(buf, (((i << 1) ^ (i >> 63)) as u64) << 1);
    } else {
        put_u(buf, 1);
        buf.extend_from_slice(&v.to_le_bytes());
    }
}

/// Words figures use for bound, category and quantity (and the commonest counted nouns),
/// stored as one byte; anything else is stored as written.
const WORDS: &[&str] = &[
    "exact",
    "at_least",
    "at_most",
    "approx",
    "count",
    "money",
    "percent",
    "killed",
    "injured",
    "arrested",
    "missing",
    "displaced",
    "destroyed",
    "deployed",
    "participants",
    "other",
    "people",
    "prisoners",
    "homes",
    "troops",
    "soldiers",
    "civilians",
    "protesters",
    "police",
    "buildings",
    "houses",
    "",
];

fn put_word(buf: &mut Vec<u8>, w: &str) {
    match WORDS.iter().position(|k| *k == w) {
        Some(i) => put_u(buf, i as u64 + 1),
        None => {
            put_u(buf, 0);
            put_str(buf, w);
        }
    }
}

/// Reads what the `put_*` functions wrote.
pub(crate) struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.b.is_empty()
    }

    fn u(&mut self) -> Result<u64, StoreError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self
                .b
                .split_first()
                .ok_or_else(|| corrupt("truncated value".into()))?;
            self.b = rest;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(corrupt("overlong varint".into()))
    }

    fn i(&mut self) -> Result<i64, StoreError> {
        let u = self.u()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    fn usize(&mut self) -> Result<usize, StoreError> {
        usize::try_from(self.u()?).map_err(|_| corrupt("offset out of range".into()))
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], StoreError> {
        if n > self.b.len() {
            return Err(corrupt("truncated value".into()));
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(head)
    }

    fn str(&mut self) -> Result<&'a str, StoreError> {
        let n = self.usize()?;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| corrupt("text is not UTF-8".into()))
    }

    fn num(&mut self) -> Result<f64, StoreError> {
        let tag = self.u()?;
        if tag & 1 == 0 {
            let z = tag >> 1;
            Ok((((z >> 1) as i64) ^ -((z & 1) as i64)) as f64)
        } else {
            let b: [u8; 8] = self
                .bytes(8)?
                .try_into()
                .map_err(|_| corrupt("a number is cut short".into()))?;
            Ok(f64::from_le_bytes(b))
        }
    }

    fn word_into(&mut self, out: &mut String) -> Result<(), StoreError> {
        let w = match self.usize()? {
            0 => self.str()?,
            i => WORDS
                .get(i - 1)
                .ok_or_else(|| corrupt("unknown word".into()))?,
        };
        out.clear();
        out.push_str(w);
        Ok(())
    }
}

/// Sentence spans `[start, end)` as (gap from the previous end, length) pairs.
pub(crate) fn encode_spans(spans: &[(usize, usize)]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(spans.len() * 2 + 2);
    put_u(&mut buf, spans.len() as u64);
    let mut prev = 0i64;
    for &(s, e) in spans {
        put_i(&mut buf, s as i64 - prev);
        put_i(&mut buf, e as i64 - s as i64);
        prev = e as i64;
    }
    buf
}

pub(crate) fn decode_spans(blob: &[u8]) -> Result<Vec<(usize, usize)>, StoreError> {
    let mut r = Reader::new(blob);
    let n = r.usize()?;
    let mut out = Vec::with_capacity(n.min(blob.len()));
    let mut prev = 0i64;
    for _ in 0..n {
        let s = prev
            .checked_add(r.i()?)
            .ok_or_else(|| corrupt("span".into()))?;
        let e = s
            .checked_add(r.i()?)
            .ok_or_else(|| corrupt("span".into()))?;
        if s < 0 || e < s {
            return Err(corrupt("sentence span out of order".into()));
        }
        out.push((s as usize, e as usize));
        prev = e;
    }
    Ok(out)
}

/// A figure as the codec sees it: its index among the document's figures and its record.
#[derive(Clone, Copy)]
pub(crate) struct FigureIn<'a> {
    pub idx: usize,
    pub text: &'a str,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub bound: &'a str,
    pub category: &'a str,
    pub counted: &'a str,
    pub quantity: &'a str,
    pub start: usize,
    pub end: usize,
    pub vague: Option<&'a str>,
    pub replaced: bool,
}

/// The characters `[a, b)` of `base` (which starts at character `offset` of the document),
/// if they are all there.
fn cut(base: &str, offset: usize, a: usize, b: usize) -> Option<&str> {
    let a = a.checked_sub(offset)?;
    let b = b.checked_sub(offset)?;
    if b < a {
        return None;
    }
    let mut it = base.char_indices().map(|(i, _)| i).chain([base.len()]);
    let from = it.nth(a)?;
    let to = if b == a { from } else { it.nth(b - a - 1)? };
    Some(&base[from..to])
}

/// Encodes figures; `base` is the text they can be cut from (an event's stored text, or the
/// document's), starting at character `offset` of the document.
pub(crate) fn encode_figures(figures: &[FigureIn<'_>], base: &str, offset: usize) -> Vec<u8> {
    let mut buf = Vec::with_capacity(figures.len() * 16);
    put_u(&mut buf, figures.len() as u64);
    for f in figures {
        let in_base = cut(base, offset, f.start, f.end) == Some(f.text);
        let flags = u64::from(f.low.is_some())
            | u64::from(f.high.is_some()) << 1
            | u64::from(!in_base) << 2
            | u64::from(f.vague.is_some()) << 3
            | u64::from(f.replaced) << 4;
        put_u(&mut buf, flags);
        put_u(&mut buf, f.idx as u64);
        put_i(&mut buf, f.start as i64 - offset as i64);
        put_i(&mut buf, f.end as i64 - f.start as i64);
        put_num(&mut buf, f.value);
        if let Some(v) = f.low {
            put_num(&mut buf, v);
        }
        if let Some(v) = f.high {
            put_num(&mut buf, v);
        }
        put_word(&mut buf, f.bound);
        put_word(&mut buf, f.category);
        put_word(&mut buf, f.counted);
        put_word(&mut buf, f.quantity);
        if !in_base {
            put_str(&mut buf, f.text);
        }
        // Flags 8 and 16 came with vague and replaced counts: figures stored before them
        // read as neither.
        if let Some(words) = f.vague {
            put_str(&mut buf, words);
        }
    }
    buf
}

/// Decodes figures written by [`encode_figures`] with the same `base` and `offset`, each
/// with its index among the document's figures.
pub(crate) fn decode_figures(
    blob: &[u8],
    base: &str,
    offset: usize,
) -> Result<Vec<(usize, FigureRecord)>, StoreError> {
    let mut figures = Vec::new();
    let mut idx = Vec::new();
    decode_figures_into(blob, base, offset, &mut figures, Some(&mut idx))?;
    Ok(idx.into_iter().zip(figures).collect())
}

/// [`decode_figures`] into `out`, reusing the records (and their strings) already there;
/// the figures' indexes go to `idx` when asked for.
pub(crate) fn decode_figures_into(
    blob: &[u8],
    base: &str,
    offset: usize,
    out: &mut Vec<FigureRecord>,
    mut idx: Option<&mut Vec<usize>>,
) -> Result<(), StoreError> {
    let mut r = Reader::new(blob);
    let n = r.usize()?;
    if n > blob.len() {
        return Err(corrupt("figure count".into()));
    }
    out.truncate(n);
    for k in 0..n {
        if k == out.len() {
            out.push(FigureRecord {
                text: String::new(),
                value: 0.0,
                low: None,
                high: None,
                bound: String::new(),
                category: String::new(),
                counted: String::new(),
                quantity: String::new(),
                start: 0,
                end: 0,
                vague: None,
                replaced: false,
            });
        }
        let f = &mut out[k];
        let flags = r.u()?;
        let i = r.usize()?;
        if let Some(idx) = idx.as_deref_mut() {
            idx.push(i);
        }
        let start = (offset as i64)
            .checked_add(r.i()?)
            .filter(|s| *s >= 0)
            .ok_or_else(|| corrupt("figure offset".into()))?;
        let end = start
            .checked_add(r.i()?)
            .filter(|e| *e >= start)
            .ok_or_else(|| corrupt("figure offset".into()))?;
        f.start = start as usize;
        f.end = end as usize;
        f.value = r.num()?;
        f.low = if flags & 1 != 0 { Some(r.num()?) } else { None };
        f.high = if flags & 2 != 0 { Some(r.num()?) } else { None };
        r.word_into(&mut f.bound)?;
        r.word_into(&mut f.category)?;
        r.word_into(&mut f.counted)?;
        r.word_into(&mut f.quantity)?;
        f.text.clear();
        if flags & 4 != 0 {
            f.text.push_str(r.str()?);
        } else {
            f.text.push_str(
                cut(base, offset, f.start, f.end)
                    .ok_or_else(|| corrupt("figure outside its text".into()))?,
            );
        }
        f.replaced = flags & 16 != 0;
        f.vague = if flags & 8 != 0 {
            Some(r.str()?.to_string())
        } else {
            None
        };
    }
    if !r.is_empty() {
        return Err(corrupt("trailing bytes after figures".into()));
    }
    Ok(())
}

/// An event's statement from its stored text: with figures, the sentence as written,
/// shown on one line; without, the statement itself.
pub(crate) fn statement_into(out: &mut String, stored: &str, has_figures: bool) {
    if has_figures {
        one_line_into(out, stored);
    } else {
        out.clear();
        out.push_str(stored);
    }
}

/// Collapses whitespace runs to one space and trims: an event's statement on one line.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::new();
    one_line_into(&mut out, s);
    out
}

/// [`one_line`] into a reused buffer.
pub(crate) fn one_line_into(out: &mut String, s: &str) {
    out.clear();
    // Most statements are on one line already: one pass to see it, one copy.
    let mut prev_space = true;
    let simple = s.bytes().all(|c| {
        let ok = c < 0x80
            && !(c.is_ascii_whitespace() && (c != b' ' || prev_space))
            && !matches!(c, 0x0b | 0x1c..=0x1f);
        prev_space = c == b' ';
        ok
    }) && !prev_space;
    if simple {
        out.push_str(s);
        return;
    }
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig<'a>(idx: usize, text: &'a str, start: usize, value: f64) -> FigureIn<'a> {
        FigureIn {
            idx,
            text,
            value,
            low: None,
            high: None,
            bound: "exact",
            category: "killed",
            counted: "villagers",
            quantity: "count",
            start,
            end: start + text.chars().count(),
            vague: None,
            replaced: false,
        }
    }

    #[test]
    fn spans_round_trip() -> Result<(), StoreError> {
        let spans = [(0, 10), (11, 40), (40, 41), (100, 250)];
        assert_eq!(decode_spans(&encode_spans(&spans))?, spans);
        assert_eq!(decode_spans(&encode_spans(&[]))?, []);
        assert!(decode_spans(&[5, 1]).is_err());
        Ok(())
    }

    #[test]
    fn figures_round_trip_and_phrases_are_cut_from_the_text_when_they_can_be()
    -> Result<(), StoreError> {
        // Offsets in characters: the 'é' before the figure must not shift it.
        let base = "Les élus: 52 villagers died, about 1.5 more.";
        let mut a = fig(3, "52 villagers", 110, 52.0);
        a.low = Some(50.0);
        a.high = Some(-1e300);
        let mut b = fig(7, "something else entirely", 130, 1.5);
        b.bound = "approx";
        b.category = "a new category";
        let blob = encode_figures(&[a, b], base, 100);
        let without_base = encode_figures(&[a, b], "", 100);
        let out = decode_figures(&blob, base, 100)?;
        assert_eq!(out[0].0, 3);
        assert_eq!(out[0].1.text, "52 villagers");
        assert_eq!((out[0].1.start, out[0].1.end), (110, 122));
        assert_eq!(
            (out[0].1.value, out[0].1.low, out[0].1.high),
            (52.0, Some(50.0), Some(-1e300))
        );
        assert_eq!(out[1].0, 7);
        assert_eq!(out[1].1.text, "something else entirely");
        assert_eq!(out[1].1.value, 1.5);
        assert_eq!(out[1].1.category, "a new category");
        assert_eq!(out[1].1.bound, "approx");
        assert_eq!(out[1].1.counted, "villagers");
        // The phrase that can be cut from the text is not stored.
        assert_eq!(without_base.len() - blob.len(), "52 villagers".len() + 1);
        assert_eq!(
            decode_figures(&without_base, "", 100)?[0].1.text,
            "52 villagers"
        );
        Ok(())
    }

    #[test]
    fn the_words_of_a_vague_count_round_trip() -> Result<(), StoreError> {
        let base = "Dozens of villagers died; 52 villagers were hurt.";
        let mut a = fig(0, "Dozens of villagers", 0, 12.0);
        a.bound = "approx";
        a.vague = Some("Dozens");
        let b = fig(1, "52 villagers", 26, 52.0);
        let out = decode_figures(&encode_figures(&[a, b], base, 0), base, 0)?;
        assert_eq!(out[0].1.vague.as_deref(), Some("Dozens"));
        assert_eq!(out[0].1.text, "Dozens of villagers");
        assert_eq!(out[1].1.vague, None);
        // A blob from before vague counts (no flag 8) reads as not vague: the same bytes
        // without the words and the flag.
        let old = encode_figures(&[b], base, 0);
        assert_eq!(decode_figures(&old, base, 0)?[0].1.vague, None);
        // Cut short inside the words: an error.
        let blob = encode_figures(&[a], base, 0);
        assert!(decode_figures(&blob[..blob.len() - 2], base, 0).is_err());
        Ok(())
    }

    #[test]
    fn malformed_blobs_are_errors_not_panics() {
        let base = "52 villagers";
        let blob = encode_figures(&[fig(0, "52 villagers", 0, 52.0)], base, 0);
        for n in 0..blob.len() {
            assert!(decode_figures(&blob[..n], base, 0).is_err(), "{n}");
        }
        assert!(decode_figures(&blob, "52", 0).is_err());
        assert!(decompress_text(b"not zstd").is_err());
    }

    #[test]
    fn text_round_trips_through_compression() -> Result<(), StoreError> {
        let text = "Le 3 mars 1988, 52 personnes ont été tuées. ".repeat(50);
        let blob = compress_text(&text)?;
        assert!(blob.len() < text.len() / 5);
        assert_eq!(decompress_text(&blob)?, text);
        Ok(())
    }

    #[test]
    fn statements_on_one_line() {
        for s in [
            "  a\n b\t\tc  ",
            "",
            " ",
            "a b",
            "a  b",
            "a b ",
            " a b",
            "a\u{b}b",
            "a\u{1f}b",
            "a\u{a0}b",
            "é  b",
            "a\u{2028}b",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(one_line(s), want, "{s:?}");
        }
    }
}
