//! Paragraphs and sentences, with character offsets into the document text.
//!
//! The tagger anchors relative dates sentence by sentence and the event builder attaches
//! figures to sentences, so a wrong split costs twice: "Jan. 20" must not end a sentence,
//! nor "5:30 a.m. Monday", "U.S. Army", "No. 5", "3.5 million" or "Mr. Aliyev", while a
//! headline without a full stop must not run into the first sentence below it.
//!
//! Offsets are in Unicode scalar values (Rust `char`s), end exclusive, because that is
//! what JSON consumers and the TimeML tools count in. The splitter is a single forward
//! pass with a small look-back at the word before each full stop: no allocation per
//! character, no regex, so it keeps up with ingest throughput.

use serde::Serialize;

/// A span of text in character offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A sentence: its character span and the index of its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Sentence {
    /// First character.
    pub start: usize,
    /// One past the last character (after closing quotes and brackets).
    pub end: usize,
    /// Index into [`paragraphs`]`(text)`.
    pub paragraph: usize,
}

/// Titles and other abbreviations after which a full stop never ends a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "gov", "sen", "rep", "rev", "hon", "st", "mt", "ft", "pres", "amb", "supt", "insp", "vs", "v",
    "approx", "ca", "cf", "e.g", "i.e", "etc.,", "fig", "figs", "pp", "vol", "art", "dept", "univ",
    "gens",
];

/// Abbreviations that do not end a sentence when a number follows: "Jan. 20", "No. 5".
const BEFORE_NUMBER: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "nr", "p", "ch", "sec", "para", "tel",
];

/// How many words a sentence may have up to "a.m." or "p.m." for the time to open it ("At
/// about 10 a.m.").
const CLOCK_OPENER_WORDS: usize = 4;

/// Capitalised words besides days and months that still belong to a clock time after "a.m."
/// or "p.m." ("7 p.m. Eastern time", "9 a.m. Tomorrow").
const CLOCK_FOLLOWERS: &[&str] = &[
    "eastern",
    "central",
    "mountain",
    "pacific",
    "local",
    "today",
    "tomorrow",
    "yesterday",
    "tonight",
];

/// Capitalised words that start a new sentence after an ambiguous abbreviation ("U.S.", "a.m.").
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "In",
    "On",
    "At",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "After",
    "As",
    "When",
    "While",
    "If",
    "Some",
    "Many",
    "According",
    "Meanwhile",
    "However",
    "Also",
    "For",
    "What",
    "Who",
    "Why",
    "How",
    "Then",
    "Earlier",
    "Later",
    "Since",
    "Officials",
    "Police",
    "Witnesses",
    "No",
    "One",
    "Two",
    "Three",
    "More",
    "Most",
    "Such",
    "Both",
    "Yet",
];

/// Splits `text` into paragraphs: blocks separated by one or more blank lines.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut bytes_spans = Vec::new();
    for_each_paragraph(text, |s, e| bytes_spans.push((s, e)));
    let mut map = CharMap::new(text);
    bytes_spans
        .into_iter()
        .map(|(s, e)| Span {
            start: map.char_at(s),
            end: map.char_at(e),
        })
        .collect()
}

/// Splits `text` into sentences with character offsets (end exclusive) and paragraph indices.
///
/// ```
/// use annalist_ingest::segment;
/// let text = "Troops left Kherson\n\nMr. Aliyev arrived on Jan. 20 at 5:30 a.m. He spoke briefly.";
/// let s: Vec<String> = segment(text)
///     .iter()
///     .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
///     .collect();
/// assert_eq!(s, ["Troops left Kherson", "Mr. Aliyev arrived on Jan. 20 at 5:30 a.m.", "He spoke briefly."]);
/// ```
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut byte_sentences: Vec<(usize, usize, usize)> = Vec::new();
    let mut para = 0;
    for_each_paragraph(text, |ps, pe| {
        split_paragraph(text, ps, pe, |s, e| byte_sentences.push((s, e, para)));
        para += 1;
    });
    let mut map = CharMap::new(text);
    byte_sentences
        .into_iter()
        .map(|(s, e, p)| Sentence {
            start: map.char_at(s),
            end: map.char_at(e),
            paragraph: p,
        })
        .collect()
}

/// Converts increasing byte offsets to char offsets in one forward pass.
struct CharMap<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharMap<'a> {
    fn new(text: &'a str) -> Self {
        CharMap {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    fn char_at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Calls `f(start, end)` (byte offsets, trimmed) for each paragraph.
fn for_each_paragraph(text: &str, mut f: impl FnMut(usize, usize)) {
    let mut para_start: Option<usize> = None;
    let mut last_content_end = 0;
    let mut pos = 0;
    let bytes = text.as_bytes();
    while pos < text.len() {
        let line_end = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = para_start.take() {
                f(s, last_content_end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            para_start.get_or_insert(pos + lead);
            last_content_end = pos + line.trim_end().len();
        }
        pos = line_end + 1;
    }
    if let Some(s) = para_start {
        f(s, last_content_end);
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Splits the paragraph `text[ps..pe]`, calling `f(start, end)` with byte offsets.
fn split_paragraph(text: &str, ps: usize, pe: usize, mut f: impl FnMut(usize, usize)) {
    let para = &text[ps..pe];
    let longest_line = para
        .lines()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0);
    let mut start = 0usize; // byte offset within para
    let mut iter = para.char_indices().peekable();
    let emit = |s: usize, e: usize, f: &mut dyn FnMut(usize, usize)| {
        let piece = &para[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.trim_end().len();
        if trail > lead {
            f(ps + s + lead, ps + s + trail);
        }
    };
    let mut line_start = 0usize;
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            let line = para[line_start..i].trim();
            let next = para[i + 1..].trim_start();
            if headline_break(line, next, longest_line) {
                emit(start, i, &mut f);
                start = i + 1;
            }
            line_start = i + 1;
            continue;
        }
        if !is_terminal(c) {
            continue;
        }
        // Extend over more terminators ("?!", "...") and closing quotes/brackets.
        let mut end = i + c.len_utf8();
        let mut run = 1;
        while let Some(&(j, d)) = iter.peek() {
            if is_terminal(d) {
                run += 1;
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        while let Some(&(j, d)) = iter.peek() {
            if is_closer(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &para[end..];
        let Some(first) = rest.chars().next() else {
            continue;
        };
        if !first.is_whitespace() {
            continue; // "3.5", "U.S.", "example.com", "a.m.,"
        }
        let next_word = rest.trim_start();
        let Some(n) = next_word.chars().next() else {
            continue;
        };
        if is_sentence_end(&para[start..i], c, run, next_word, n) {
            emit(start, end, &mut f);
            start = end;
        }
    }
    emit(start, para.len(), &mut f);
}

/// Decides whether `.`/`!`/`?` at the end of `before` ends a sentence, given what follows.
fn is_sentence_end(before: &str, c: char, run: usize, next_word: &str, n: char) -> bool {
    if n.is_lowercase() {
        return false;
    }
    if c != '.' || run > 1 {
        return true;
    }
    let word = before
        .rsplit(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '"' | '“' | '‘' | '['))
        .next()
        .unwrap_or("");
    let word_lc = word.to_lowercase();
    let bare = word_lc.trim_start_matches(['\'', '(']);
    if NEVER_FINAL.contains(&bare) {
        return false;
    }
    if n.is_ascii_digit() && BEFORE_NUMBER.contains(&bare) {
        return false;
    }
    // A list number or letter opening the sentence: "1. Troops left", "b. Casualties".
    let list_marker = word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit())
        || word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic());
    if list_marker && before.trim() == word {
        return false;
    }
    let mut letters = word.chars().filter(|ch| ch.is_alphabetic());
    // A single capital before the stop is an initial: "John F. Kennedy".
    if let (Some(l), None) = (letters.next(), letters.next())
        && l.is_uppercase()
        && word.chars().count() == 1
    {
        return false;
    }
    // A clock time ends the sentence before a capitalised word unless that word still belongs
    // to the time: a day or month ("5:30 a.m. Monday"), a zone ("8 p.m. EST"), or a place
    // whose time it is ("9 p.m. Moscow time"); or unless the time opens the sentence ("At 10
    // a.m. President Aliyev arrived").
    if matches!(bare, "a.m" | "p.m") {
        if before.split_whitespace().count() <= CLOCK_OPENER_WORDS {
            return false;
        }
        let mut words = next_word.split_whitespace();
        let next: String = words
            .next()
            .unwrap_or("")
            .chars()
            .take_while(|ch| ch.is_alphabetic())
            .collect();
        let after = words.next().unwrap_or("").to_lowercase();
        // (A bracket or a number after the time is still its: "10:35 a.m. (0735 GMT) Friday".)
        let next_lc = next.to_lowercase();
        let belongs = !next_word.starts_with(|ch: char| ch.is_uppercase())
            || CLOCK_FOLLOWERS.contains(&next_lc.as_str())
            || crate::dct::english_month(&next_lc).is_some()
            || crate::dct::english_weekday(&next_lc)
            || (next.len() >= 2 && next.chars().all(|ch| ch.is_ascii_uppercase()))
            || after.starts_with("time");
        return !belongs;
    }
    // Initialisms with inner stops ("U.S", "a.m", "U.N"): only a clear sentence starter splits.
    if word.contains('.') && word.chars().all(|ch| ch.is_alphabetic() || ch == '.') {
        let next: String = next_word
            .chars()
            .take_while(|ch| ch.is_alphabetic())
            .collect();
        return STARTERS.contains(&next.as_str());
    }
    true
}

/// A line break inside a paragraph ends a sentence when the line before is a headline:
/// no final punctuation, clearly shorter than the paragraph's body lines, and the next
/// line starts like a sentence.
fn headline_break(line: &str, next: &str, longest_line: usize) -> bool {
    let Some(last) = line.chars().last() else {
        return false;
    };
    if is_terminal(last) || matches!(last, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/' | '&')
    {
        return false;
    }
    let starts_like_sentence = next.chars().next().is_some_and(|ch| {
        ch.is_uppercase() || ch.is_ascii_digit() || matches!(ch, '"' | '“' | '«' | '‘' | '\'')
    });
    let len = line.chars().count();
    starts_like_sentence && (len * 4 < longest_line * 3 || longest_line < 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        segment(text)
            .iter()
            .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
            .collect()
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(
            split(
                "Mr. Aliyev met Gen. Smith on Jan. 20 at 5:30 a.m. Monday. Losses rose by 3.5 million."
            ),
            [
                "Mr. Aliyev met Gen. Smith on Jan. 20 at 5:30 a.m. Monday.",
                "Losses rose by 3.5 million."
            ]
        );
        assert_eq!(
            split("The U.S. Army said No. 5 brigade left. The U.S. said nothing."),
            [
                "The U.S. Army said No. 5 brigade left.",
                "The U.S. said nothing."
            ]
        );
        assert_eq!(
            split("It ended at 5 p.m. The next day was calm."),
            ["It ended at 5 p.m.", "The next day was calm."]
        );
        // After a clock time, a capitalised word starts a sentence unless it belongs to the
        // time or the time opens the sentence.
        assert_eq!(
            split("The station went off the air at 7:30 p.m. Over the next two days, 130 died."),
            [
                "The station went off the air at 7:30 p.m.",
                "Over the next two days, 130 died."
            ]
        );
        assert_eq!(
            split(
                "The order came at 9 p.m. Moscow time on Tuesday. At 10 a.m. President Aliyev spoke."
            ),
            [
                "The order came at 9 p.m. Moscow time on Tuesday.",
                "At 10 a.m. President Aliyev spoke."
            ]
        );
        assert_eq!(
            split("Polls close at 8 p.m. EST and results come at 11 p.m. Tuesday."),
            ["Polls close at 8 p.m. EST and results come at 11 p.m. Tuesday."]
        );
        assert_eq!(
            split("The blast occurred at about 10:35 a.m. (0735 GMT) Friday."),
            ["The blast occurred at about 10:35 a.m. (0735 GMT) Friday."]
        );
        assert_eq!(
            split("John F. Kennedy spoke. Then he left."),
            ["John F. Kennedy spoke.", "Then he left."]
        );
    }

    #[test]
    fn more_abbreviations() {
        assert_eq!(
            split("He lives in St. Petersburg. Shares of Apple Inc. The talks went on."),
            [
                "He lives in St. Petersburg.",
                "Shares of Apple Inc.",
                "The talks went on."
            ]
        );
        assert_eq!(
            split(
                "It began in Sept. 2001 and ended in Oct. 2002. Lt. Col. Smith said the U.N. Security Council met."
            ),
            [
                "It began in Sept. 2001 and ended in Oct. 2002.",
                "Lt. Col. Smith said the U.N. Security Council met."
            ]
        );
        assert_eq!(
            split("Prices rose 2.5%. Wait... What happened?"),
            ["Prices rose 2.5%.", "Wait...", "What happened?"]
        );
        assert_eq!(
            split("1. Troops left the city.\n2. Aid arrived."),
            ["1. Troops left the city.", "2. Aid arrived."]
        );
        assert_eq!(
            split("“We will win,” he said. “No.” Then he left."),
            ["“We will win,” he said.", "“No.”", "Then he left."]
        );
    }

    #[test]
    fn quotes_and_marks() {
        assert_eq!(
            split("\"We will rebuild.\" The mayor left. \"Why?\" she asked. Really?! Yes."),
            [
                "\"We will rebuild.\"",
                "The mayor left.",
                "\"Why?\" she asked.",
                "Really?!",
                "Yes."
            ]
        );
        assert_eq!(
            split("He wrote (see below.) Next one."),
            ["He wrote (see below.)", "Next one."]
        );
    }

    #[test]
    fn headlines_and_paragraphs() {
        let text = "Floods hit Batumi\nHeavy rain caused rivers to burst their banks across the region on Sunday.\n\nSecond paragraph here.";
        let s = segment(text);
        assert_eq!(split(text)[0], "Floods hit Batumi");
        assert_eq!(s.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 0, 1]);
        let wrapped = "The minister said on Tuesday that the talks with\nPresident Aliyev would resume next week in Baku.";
        assert_eq!(split(wrapped).len(), 1);
    }

    #[test]
    fn char_offsets_not_bytes() {
        let text = "Министр прибыл. Он уехал.";
        let s = segment(text);
        assert_eq!((s[1].start, s[1].end), (16, 25));
        assert_eq!(
            paragraphs("  a\n\n\n b  "),
            [Span { start: 2, end: 3 }, Span { start: 7, end: 8 }]
        );
    }
}
