//! Tokens: words, numbers and single punctuation characters, with byte and character
//! offsets.
//!
//! Numbers are read here, with their thousands separators ("20,000") and decimals ("3.5"),
//! because the separators are ambiguous everywhere else ("52, 310" is two numbers). Letters
//! glued to digits ("20th", "1990s", "5pm", "5m") become a separate word token with no space
//! before it, so later stages can read them as suffixes. Hyphens are their own tokens:
//! "forty-one", "130-150" and "17-year-old" are all decided by the number reader.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, with internal apostrophes ("o'clock").
    Word,
    /// Digits, with separators.
    Num,
    /// Any other single non-space character.
    Punct,
}

/// A number as written in digits.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NumInfo {
    /// Its value (meaningless when `too_long`).
    pub value: f64,
    /// Count of integer digits.
    pub digits: u32,
    /// Written with thousands separators ("20,000").
    pub grouped: bool,
    /// Has a decimal part.
    pub decimal: bool,
    /// Starts with 0 and has more digits ("0134"): codes, phone numbers.
    pub leading_zero: bool,
    /// More integer digits than any count has: not a figure.
    pub too_long: bool,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Byte offsets into the text.
    pub bs: usize,
    pub be: usize,
    /// Character offsets into the text.
    pub cs: usize,
    pub ce: usize,
    /// Whitespace precedes it.
    pub space_before: bool,
    /// Number of line breaks in the whitespace before it (capped).
    pub breaks_before: u8,
    /// Lexicon slot of its lowercase text, `u32::MAX` when absent or a number.
    pub slot: u32,
    /// For numbers.
    pub num: NumInfo,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.bs..self.be).unwrap_or("")
    }
}

/// Most digits a count can have (a quadrillion is already absurd).
const MAX_DIGITS: u32 = 15;

/// How a language writes the parts of a number: English "20,000.5", Turkish and Russian
/// "20.000,5". (Grouping by spaces, "20 000", is read by the number reader in any language.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Separators {
    /// Between groups of three digits.
    pub thousands: u8,
    /// Before the decimals.
    pub decimal: u8,
}

impl Default for Separators {
    fn default() -> Separators {
        Separators {
            thousands: b',',
            decimal: b'.',
        }
    }
}

/// Splits text into tokens, one at a time.
pub(crate) struct Tokenizer<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    chars: usize,
    separators: Separators,
}

impl<'t> Tokenizer<'t> {
    #[cfg(test)]
    pub fn new(text: &'t str) -> Self {
        Tokenizer::with_separators(text, Separators::default())
    }

    /// A tokenizer reading numbers with the given separators.
    pub fn with_separators(text: &'t str, separators: Separators) -> Self {
        Tokenizer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            chars: 0,
            separators,
        }
    }

    /// The char at the current position.
    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    fn peek_at(&self, byte: usize) -> Option<char> {
        self.text.get(byte..)?.chars().next()
    }

    fn bump(&mut self, c: char) {
        self.pos += c.len_utf8();
        self.chars += 1;
    }

    fn digit_at(&self, byte: usize) -> bool {
        self.bytes.get(byte).is_some_and(u8::is_ascii_digit)
    }

    /// Reads a run of ASCII digits, accumulating into `info`.
    fn digits(&mut self, info: &mut NumInfo) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if !b.is_ascii_digit() {
                break;
            }
            info.digits += 1;
            if info.digits > MAX_DIGITS {
                info.too_long = true;
            } else {
                info.value = info.value * 10.0 + f64::from(b - b'0');
            }
            self.pos += 1;
            self.chars += 1;
        }
    }

    fn number(&mut self) -> NumInfo {
        let mut info = NumInfo {
            leading_zero: self.bytes.get(self.pos) == Some(&b'0') && self.digit_at(self.pos + 1),
            ..NumInfo::default()
        };
        let first_start = self.pos;
        self.digits(&mut info);
        let first_len = self.pos - first_start;
        // Thousands groups: ",ddd" not followed by another digit, after 1-3 digits.
        let Separators { thousands, decimal } = self.separators;
        if first_len <= 3 {
            loop {
                let p = self.pos;
                let three = (1..=3).all(|k| self.digit_at(p + k));
                if self.bytes.get(p) == Some(&thousands) && three && !self.digit_at(p + 4) {
                    self.pos += 1;
                    self.chars += 1;
                    self.digits(&mut info);
                    info.grouped = true;
                } else {
                    break;
                }
            }
        }
        // Decimal part.
        if self.bytes.get(self.pos) == Some(&decimal) && self.digit_at(self.pos + 1) {
            self.pos += 1;
            self.chars += 1;
            let mut scale = 0.1;
            while let Some(&b) = self.bytes.get(self.pos) {
                if !b.is_ascii_digit() {
                    break;
                }
                info.value += f64::from(b - b'0') * scale;
                scale /= 10.0;
                self.pos += 1;
                self.chars += 1;
            }
            info.decimal = true;
        }
        info
    }

    fn word(&mut self) {
        while let Some(c) = self.peek() {
            // Letters, and apostrophes inside words ("o'clock").
            let inner_apostrophe = (c == '\'' || c == '’')
                && self
                    .peek_at(self.pos + c.len_utf8())
                    .is_some_and(char::is_alphabetic);
            if c.is_alphabetic() || inner_apostrophe {
                self.bump(c);
            } else {
                break;
            }
        }
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let mut space_before = false;
        let mut breaks: u8 = 0;
        let c = loop {
            let c = self.peek()?;
            if c.is_whitespace() {
                space_before = true;
                if c == '\n' {
                    breaks = breaks.saturating_add(1);
                }
                self.bump(c);
            } else {
                break c;
            }
        };
        let (bs, cs) = (self.pos, self.chars);
        let mut num = NumInfo::default();
        let kind = if c.is_ascii_digit() {
            num = self.number();
            Kind::Num
        } else if c.is_alphabetic() {
            self.word();
            Kind::Word
        } else {
            self.bump(c);
            Kind::Punct
        };
        Some(Token {
            kind,
            bs,
            be: self.pos,
            cs,
            ce: self.chars,
            space_before,
            breaks_before: breaks,
            slot: u32::MAX,
            num,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        Tokenizer::new(text)
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn separators_belong_to_numbers() {
        let toks: Vec<Token> = Tokenizer::new("20,000 and 3.5 then 52, 310").collect();
        assert_eq!(toks[0].num.value, 20000.0);
        assert!(toks[0].num.grouped);
        assert_eq!(toks[2].num.value, 3.5);
        assert_eq!(toks[4].num.value, 52.0);
        assert_eq!(toks[5].kind, Kind::Punct);
        assert_eq!(toks[6].num.value, 310.0);
    }

    #[test]
    fn separators_are_the_languages() {
        let turkish = Separators {
            thousands: b'.',
            decimal: b',',
        };
        let toks: Vec<Token> =
            Tokenizer::with_separators("20.000 ve 3,5 ile 1.250.000", turkish).collect();
        let values: Vec<f64> = toks
            .iter()
            .filter(|t| t.kind == Kind::Num)
            .map(|t| t.num.value)
            .collect();
        assert_eq!(values, [20000.0, 3.5, 1250000.0]);
        // The same text read the English way.
        let toks: Vec<Token> = Tokenizer::new("20.000 ve 3,5").collect();
        let values: Vec<f64> = toks
            .iter()
            .filter(|t| t.kind == Kind::Num)
            .map(|t| t.num.value)
            .collect();
        assert_eq!(values, [20.0, 3.0, 5.0]);
    }

    #[test]
    fn glued_letters_and_hyphens_split() {
        assert_eq!(
            kinds("20th 17-year-old"),
            vec![
                (Kind::Num, "20"),
                (Kind::Word, "th"),
                (Kind::Num, "17"),
                (Kind::Punct, "-"),
                (Kind::Word, "year"),
                (Kind::Punct, "-"),
                (Kind::Word, "old"),
            ]
        );
    }

    #[test]
    fn char_offsets_count_scalars() {
        let text = "é 52 “killed”";
        let toks: Vec<Token> = Tokenizer::new(text).collect();
        assert_eq!((toks[1].cs, toks[1].ce), (2, 4));
        assert_eq!((toks[3].cs, toks[3].ce), (6, 12));
    }

    #[test]
    fn long_digit_runs_are_one_token() {
        let text = "1".repeat(100);
        let toks: Vec<Token> = Tokenizer::new(&text).collect();
        assert_eq!(toks.len(), 1);
        assert!(toks[0].num.too_long);
    }
}
