//! Splitting text into tokens, in one pass, with byte offsets.
//!
//! The grammar works on tokens, not characters, so that a rule never has to think about
//! spacing or punctuation it does not care about. Tokens are deliberately small: a run of
//! letters, a run of digits, or one punctuation character. Compound shapes ("1990s", "20th",
//! "mid-1990s", "5:30") are rebuilt by the grammar, which knows whether the pieces touched
//! ([`Token::joined`]). The one exception is dotted abbreviations ("a.m.", "U.S."), which are
//! kept whole because their internal dots are not sentence ends.
//!
//! This module must stay linear and allocation-free per token: it runs over every byte of
//! every document.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script), possibly a dotted abbreviation such as `a.m.`.
    Word,
    /// ASCII digits.
    Number,
    /// One character that is neither a letter, a digit nor white space.
    Punct,
}

/// A token: a span of the text and what it is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Letters, digits or punctuation.
    pub kind: TokenKind,
    /// True when no white space separates this token from the previous one.
    pub joined: bool,
    /// True when a line break (or the start of the text) precedes this token.
    pub line_start: bool,
    /// True when a blank line precedes this token: a paragraph or headline boundary.
    pub para_start: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn class_of(c: char) -> Option<TokenKind> {
    if c.is_ascii_digit() {
        Some(TokenKind::Number)
    } else if c.is_alphabetic() {
        Some(TokenKind::Word)
    } else if c.is_whitespace() {
        None
    } else {
        Some(TokenKind::Punct)
    }
}

/// [`class_of`] for every ASCII character, as a table: the tokenizer looks at every byte,
/// and most of a text is ASCII. (`char::is_alphabetic` is not usable in a constant, so the
/// ASCII cases are spelled out; a test checks them against `class_of`.)
const ASCII_CLASSES: [Option<TokenKind>; 128] = {
    let mut table = [Some(TokenKind::Punct); 128];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = match b {
            b'0'..=b'9' => Some(TokenKind::Number),
            b'a'..=b'z' | b'A'..=b'Z' => Some(TokenKind::Word),
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => None,
            _ => Some(TokenKind::Punct),
        };
        b += 1;
    }
    table
};

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut joined = false;
    let mut newlines = 2u8; // the start of the text counts as a paragraph start
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path: most news text is ASCII.
        let (class, len) = if b < 0x80 {
            (ASCII_CLASSES[usize::from(b)], 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (class_of(c), c.len_utf8()),
                None => break,
            }
        };
        let Some(kind) = class else {
            if b == b'\n' {
                newlines = newlines.saturating_add(1);
            }
            joined = false;
            i += len;
            continue;
        };
        let start = i;
        i += len;
        match kind {
            TokenKind::Number => {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            TokenKind::Word => {
                i = scan_word(text, i);
                i = extend_dotted_abbreviation(text, start, i);
            }
            TokenKind::Punct => {}
        }
        tokens.push(Token {
            start,
            end: i,
            kind,
            joined,
            line_start: newlines > 0,
            para_start: newlines > 1,
        });
        joined = true;
        newlines = 0;
    }
    tokens
}

fn scan_word(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            break;
        }
        match text[i..].chars().next() {
            Some(c) if c.is_alphabetic() => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// Extends a one- or two-letter word into a dotted abbreviation ("a.m.", "U.S.", "p.m"):
/// letters separated by single dots, at least two letter groups.
fn extend_dotted_abbreviation(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    if end - start > 2 || end >= bytes.len() || bytes[end] != b'.' {
        return end;
    }
    let mut i = end;
    let mut groups = 1;
    while i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_alphabetic() {
        let g = i + 1;
        let mut j = g;
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j - g > 2 {
            break;
        }
        groups += 1;
        i = j;
    }
    if groups < 2 {
        return end;
    }
    // Keep a trailing dot as part of the abbreviation ("a.m.").
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn the_ascii_table_agrees_with_the_classes() {
        for b in 0..128u8 {
            assert_eq!(
                ASCII_CLASSES[usize::from(b)],
                class_of(char::from(b)),
                "byte {b}"
            );
        }
    }

    #[test]
    fn splits_letters_digits_and_punctuation() {
        assert_eq!(texts("March 3, 1988"), ["March", "3", ",", "1988"]);
        assert_eq!(texts("mid-1990s"), ["mid", "-", "1990", "s"]);
        assert_eq!(texts("5:30"), ["5", ":", "30"]);
    }

    #[test]
    fn keeps_dotted_abbreviations_whole() {
        assert_eq!(texts("at 4 a.m. on"), ["at", "4", "a.m.", "on"]);
        assert_eq!(texts("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(texts("5 p.m"), ["5", "p.m"]);
        // A sentence end after a short word is not an abbreviation.
        assert_eq!(texts("it is. Then"), ["it", "is", ".", "Then"]);
    }

    #[test]
    fn records_joins_and_line_starts() {
        let toks = tokenize("1990s\n\nnext");
        assert!(!toks[0].joined);
        assert!(toks[1].joined, "the 's' touches 1990");
        assert!(toks[2].para_start);
        let toks = tokenize("a\nb");
        assert!(toks[1].line_start && !toks[1].para_start);
    }

    #[test]
    fn handles_non_ascii_letters_and_offsets() {
        let s = "Bakı, 20 Yanvar — “now”";
        let toks = tokenize(s);
        let words: Vec<&str> = toks.iter().map(|t| t.text(s)).collect();
        assert_eq!(words, ["Bakı", ",", "20", "Yanvar", "—", "“", "now", "”"]);
    }
}
