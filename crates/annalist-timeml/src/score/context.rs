//! The sentence around a mistake.
//!
//! A value is only wrong relative to its sentence (tense, an anchor date mentioned earlier), so
//! each listed mistake carries the sentence it sits in: back to the previous sentence end and on
//! to the next, where a sentence ends at `.`, `!` or `?` before white space, or at a blank line.
//! When no end is found within [`SEARCH`] characters, 60 characters of text stand in.

/// How far to look for a sentence end on each side.
const SEARCH: usize = 240;
/// How much text to show on each side when no sentence end is near.
const FALLBACK: usize = 60;

/// Characters `start..end`, clipped to the text.
pub(crate) fn slice(chars: &[char], start: usize, end: usize) -> String {
    let end = end.min(chars.len());
    chars[start.min(end)..end].iter().collect()
}

/// The sentence around `start..end` on one line (white space runs become one space), the span
/// marked with `[` `]`.
pub(crate) fn around(chars: &[char], start: usize, end: usize) -> String {
    let end = end.min(chars.len());
    let start = start.min(end);
    let from = sentence_start(chars, start);
    let to = sentence_end(chars, end);
    let mut out = String::new();
    if from.1 {
        out.push('…');
    }
    push_collapsed(&chars[from.0..start], &mut out);
    out.push('[');
    push_collapsed(&chars[start..end], &mut out);
    out.push(']');
    push_collapsed(&chars[end..to.0], &mut out);
    if to.1 {
        out.push('…');
    }
    out.trim().to_string()
}

/// Where the sentence holding `start` begins, and whether the text was cut short instead.
fn sentence_start(chars: &[char], start: usize) -> (usize, bool) {
    let floor = start.saturating_sub(SEARCH);
    let mut i = start;
    while i > floor {
        let c = chars[i - 1];
        let next = chars.get(i).copied();
        let ends_sentence = matches!(c, '.' | '!' | '?') && next.is_some_and(char::is_whitespace);
        let blank_line = c == '\n' && i >= 2 && chars[i - 2] == '\n';
        if ends_sentence || blank_line {
            return (i, false);
        }
        i -= 1;
    }
    if floor == 0 {
        (0, false)
    } else {
        (start - FALLBACK, true)
    }
}

/// Where the sentence holding `end` stops, and whether the text was cut short instead.
fn sentence_end(chars: &[char], end: usize) -> (usize, bool) {
    let ceiling = (end + SEARCH).min(chars.len());
    for i in end..ceiling {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace) {
            return (i + 1, false);
        }
        if c == '\n' && next == Some('\n') {
            return (i, false);
        }
    }
    if ceiling == chars.len() {
        (ceiling, false)
    } else {
        (end + FALLBACK, true)
    }
}

fn push_collapsed(chars: &[char], out: &mut String) {
    for &c in chars {
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.ends_with('[') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}
