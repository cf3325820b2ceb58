//! Number phrases: digits or words, with scales ("3.5 million"), ranges ("130-150",
//! "between 130 and 150"), qualifiers ("more than"), vague counts ("dozens") and money or
//! percent markers. What the number counts is decided later, in [`crate::attach`].

use crate::lexicon::{Class, Entry, Lexicon, RangeWords};
use crate::token::{Kind, Token};
use crate::{Bound, Quantity};

/// A number and the words that qualify it, as token indices into a sentence.
#[derive(Debug, Clone)]
pub(crate) struct NumPhrase {
    /// First token, including a qualifier, currency sign or "between".
    pub start: usize,
    /// First token of the number itself.
    pub core_start: usize,
    /// One past the number itself (with its scale words and range).
    pub core_end: usize,
    /// One past the phrase (with currency, percent sign, "or more").
    pub end: usize,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub bound: Bound,
    pub quantity: Quantity,
    pub currency: Option<String>,
    /// A vague count ("dozens"), which takes "of" before what it counts.
    pub vague: bool,
    /// The word "one" alone, often a pronoun.
    pub lone_one: bool,
    /// The number takes a case ending ("61-ə", "61'e": to 61) and no qualifier after it, so
    /// the word that follows is not what it counts.
    pub case_ending: bool,
}

/// What reading at a token found.
pub(crate) enum Read {
    /// A number phrase.
    Phrase(NumPhrase),
    /// Tokens that look numeric but are not a count (phone numbers, "20th"): skip to here.
    Skip(usize),
    /// Nothing numeric here.
    Nothing,
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    toks: &'a [Token],
    text: &'a str,
}

impl Ctx<'_> {
    fn word(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.text(self.text).eq_ignore_ascii_case(w))
    }

    fn punct(&self, i: usize, p: &[&str]) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && p.contains(&t.text(self.text)))
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    /// The longest entry of a phrase ending exactly at `end` (exclusive), with its start.
    fn ending_at<T>(&self, end: usize, f: impl Fn(&Entry) -> Option<T>) -> Option<(T, usize)> {
        (1..=4).rev().find_map(|len| {
            let start = end.checked_sub(len)?;
            self.lex
                .at(self.toks, start)
                .filter(|&(_, n)| n == len)
                .find_map(|(e, _)| f(e))
                .map(|v| (v, start))
        })
    }

    /// A number in digits at `i`: value and the index after it.
    fn digits(&self, i: usize) -> Result<(f64, usize), ()> {
        let t = self.toks.get(i).ok_or(())?;
        if t.kind != Kind::Num || t.num.too_long {
            return Err(());
        }
        let mut value = t.num.value;
        let mut j = i + 1;
        // "20 000": a space as thousands separator.
        if t.num.digits <= 3 && !t.num.grouped && !t.num.decimal {
            while let Some(n) = self.toks.get(j) {
                let group = n.kind == Kind::Num
                    && n.num.digits == 3
                    && !n.num.grouped
                    && !n.num.decimal
                    && n.space_before
                    && n.breaks_before == 0
                    && n.bs == self.toks[j - 1].be + 1;
                if !group {
                    break;
                }
                value = value * 1000.0 + n.num.value;
                j += 1;
            }
        }
        // Letters glued to the digits: a multiplier ("5m") or not a count ("20th", "5pm").
        if self.toks.get(j).is_some_and(|n| n.kind == Kind::Word) && self.glued(j) {
            match self.lex.single(self.toks, j, |e| match e {
                Entry::Suffix(s) => Some(*s),
                _ => None,
            }) {
                Some(s) => {
                    value = (value * s * 1000.0).round() / 1000.0;
                    j += 1;
                }
                None => return Err(()),
            }
        }
        // "3.5 million", "20 thousand".
        while let Some(s) = self.lex.single(self.toks, j, |e| match e {
            Entry::Scale(s) => Some(*s),
            _ => None,
        }) {
            // Round away binary noise: 1.7 * 1e6 is 1700000.0000000002.
            value = (value * s * 1000.0).round() / 1000.0;
            j += 1;
        }
        Ok((value, j))
    }

    /// A number in words at `i`: value, index after, vague.
    fn words(&self, i: usize) -> Option<(f64, usize, bool)> {
        // Asked at every word of a sentence with a number in it: most start none, and the
        // phrases of a common word ("the", "of") are many to look through.
        let starts_number = self
            .toks
            .get(i)
            .is_some_and(|t| self.lex.starts_number(t.slot));
        if !starts_number && !self.word(i, "half") && !self.word(i, "a") && !self.word(i, "an") {
            return None;
        }
        if let Some((v, n)) = self.lex.at(self.toks, i).find_map(|(e, n)| match e {
            Entry::Vague(v) => Some((*v, n)),
            _ => None,
        }) {
            return Some((v, i + n, true));
        }
        #[derive(PartialEq)]
        enum Last {
            None,
            Unit,
            Tens,
            Scale,
        }
        let atom = |j: usize| {
            self.lex.single(self.toks, j, |e| match e {
                Entry::Atom(v) => Some(*v),
                _ => None,
            })
        };
        let scale = |j: usize| {
            self.lex.single(self.toks, j, |e| match e {
                Entry::Scale(v) => Some(*v),
                _ => None,
            })
        };
        let (mut total, mut current) = (0.0, 0.0);
        let mut last = Last::None;
        let mut j = i;
        // "half a million": the scale that follows is halved.
        if self.word(j, "half")
            && (self.word(j + 1, "a") || self.word(j + 1, "an"))
            && scale(j + 2).is_some()
        {
            current = 0.5;
            last = Last::Unit;
            j += 2;
        } else if (self.word(j, "a") || self.word(j, "an")) && scale(j + 1).is_some() {
            current = 1.0;
            last = Last::Unit;
            j += 1;
        }
        loop {
            if let Some(v) = atom(j) {
                let ok = match last {
                    Last::None | Last::Scale => true,
                    Last::Tens => v < 10.0,
                    Last::Unit => false,
                };
                if !ok {
                    break;
                }
                current += v;
                last = if v >= 20.0 { Last::Tens } else { Last::Unit };
                j += 1;
            } else if let Some(s) = scale(j) {
                if last == Last::None {
                    break;
                }
                // A scale after another scale multiplies one; "half a" keeps its 0.5.
                let base = if current > 0.0 { current } else { 1.0 };
                if s < 1000.0 {
                    current = base * s;
                } else {
                    total += base * s;
                    current = 0.0;
                }
                last = Last::Scale;
                j += 1;
            } else if (self.lex.is(self.toks, j, Class::Conjunction)
                && last == Last::Scale
                && atom(j + 1).is_some())
                || (self.punct(j, &["-"])
                    && last == Last::Tens
                    && self.glued(j)
                    && self.glued(j + 1)
                    && atom(j + 1).is_some_and(|v| v < 10.0))
            {
                // "one hundred and fifty", "forty-one".
                j += 1;
            } else {
                break;
            }
        }
        (last != Last::None).then_some((total + current, j, false))
    }

    /// The scale word ending a number at `end` ("million" in "1.2 million"), if any.
    fn trailing_scale(&self, end: usize) -> Option<f64> {
        let last = end.checked_sub(1)?;
        self.lex.single(self.toks, last, |e| match e {
            Entry::Scale(s) | Entry::Suffix(s) => Some(*s),
            _ => None,
        })
    }

    /// Any number (digits or words) at `i`.
    fn any(&self, i: usize) -> Option<(f64, usize, bool)> {
        if self.is_num(i) {
            self.digits(i).ok().map(|(v, j)| (v, j, false))
        } else {
            self.words(i)
        }
    }
}

/// Reads the number phrase starting at token `i`, if any.
pub(crate) fn read(lex: &Lexicon, toks: &[Token], i: usize, text: &str) -> Read {
    let cx = Ctx { lex, toks, text };
    let Some(tok) = toks.get(i) else {
        return Read::Nothing;
    };
    let (mut value, mut j, vague) = if tok.kind == Kind::Num {
        match cx.digits(i) {
            Ok((v, j)) => (v, j, false),
            Err(()) => return Read::Skip(skip_numeric(toks, i)),
        }
    } else {
        match cx.words(i) {
            Some(found) => found,
            None => return Read::Nothing,
        }
    };
    let lone_one = !vague && j == i + 1 && cx.word(i, "one");
    let mut start = i;
    let (mut low, mut high) = (None, None);
    // Ranges: "130-150", "130 to 150", "between 130 and 150".
    let dash = cx.punct(j, &["-", "–", "—"]);
    let from = i > 0 && lex.is(toks, i - 1, Class::ChangeFrom);
    let same_kind = cx.is_num(j + 1) == (tok.kind == Kind::Num);
    if !vague
        && (dash || (lex.is(toks, j, Class::RangeTo) && !from))
        && same_kind
        && let Some((w, k, _)) = cx.any(j + 1)
    {
        // "1.1 to 1.2 million": the scale of the upper end applies to both.
        value = scaled_by_upper_end(&cx, value, j, k, w);
        // "10-15,000": the upper end's thousands apply to the lower ("10,000 to 15,000"), when
        // that brings the two to one order of magnitude.
        let grouped = toks
            .get(j + 1)
            .is_some_and(|t| t.kind == Kind::Num && t.text(cx.text).contains(','));
        if grouped && value < 1000.0 && value * 1000.0 < w && value * 10_000.0 > w {
            value *= 1000.0;
        }
        if w > value {
            low = Some(value);
            high = Some(w);
            j = k;
        } else if dash {
            // "3-1", "555-0134": scores, codes.
            return Read::Skip(skip_numeric(toks, k));
        }
    }
    // Ranges in words: "between 130 and 150", Turkish "130 ile 150 arasında"; "between 70
    // and 85 million" scales both ends.
    if low.is_none()
        && !vague
        && let Some((w, end, before)) = lex.ranges.iter().find_map(|r| range_at(&cx, r, i, j))
        && scaled_by_upper_end(&cx, value, j, end, w) < w
    {
        value = scaled_by_upper_end(&cx, value, j, end, w);
        low = Some(value);
        high = Some(w);
        j = end;
        start = i - before;
    }
    let core_end = j;
    let mut bound = if vague { Bound::Approx } else { Bound::Exact };
    if low.is_some() {
        bound = Bound::AtLeast;
    }
    let mut case_ending = false;
    // "52-odd", "5,000-plus"; other glued words make a compound adjective ("17-year-old"),
    // unless the language writes case endings so ("61-ə"; Turkish "61'e").
    if cx.punct(j, &["-"]) && cx.glued(j) && cx.glued(j + 1) {
        if let Some(b) = lex.single(toks, j + 1, |e| match e {
            Entry::PostQualifier(b) => Some(*b),
            _ => None,
        }) {
            bound = b;
            j += 2;
        } else if cx.word(j + 1, "strong") {
            // "a 5,000-strong crowd": the size of what follows.
            j += 2;
        } else if lex.is(toks, j + 1, Class::Ending) {
            case_ending = true;
            j += 2;
        } else if toks.get(j + 1).is_some_and(|t| t.kind != Kind::Num) {
            return Read::Skip(j + 1);
        }
    } else if cx.punct(j, &["'", "’"]) && cx.glued(j) && cx.glued(j + 1) {
        // A qualifier may begin with the ending: Turkish "300'e kadar" (up to 300), where a
        // bare "300 kadar" is about 300.
        if let Some((b, n)) = lex.at(toks, j).find_map(|(e, n)| match e {
            Entry::PostQualifier(b) if n >= 2 => Some((*b, n)),
            _ => None,
        }) {
            bound = b;
            j += n;
        } else if lex.is(toks, j + 1, Class::Ending) {
            case_ending = true;
            j += 2;
        }
    }
    let mut quantity = Quantity::Count;
    let mut currency = None;
    // Percent and currency after the number.
    for (e, n) in lex.at(toks, j) {
        match e {
            Entry::Percent => {
                quantity = Quantity::Percent;
                j += n;
                break;
            }
            // "500 pounds" of explosives is a weight; "1.2 million pounds" is money.
            Entry::Currency(c) if c == "pounds" && n == 1 && value < 1e6 => {}
            Entry::Currency(c) => {
                quantity = Quantity::Money;
                currency = Some(c.clone());
                j += n;
                break;
            }
            _ => {}
        }
    }
    // Currency before: "$5 million", "US$ 3"; percent before: Turkish "yüzde 12", "%12"
    // (but "rose 12% 5 times" is not "% 5").
    if quantity == Quantity::Count
        && let Some((before, s)) = cx.ending_at(start, |e| match e {
            Entry::Currency(c) => Some(Some(c.clone())),
            Entry::Percent => Some(None),
            _ => None,
        })
    {
        match before {
            Some(c) => {
                quantity = Quantity::Money;
                currency = Some(c);
                start = s;
            }
            None if !s.checked_sub(1).is_some_and(|b| cx.is_num(b)) => {
                quantity = Quantity::Percent;
                start = s;
            }
            None => {}
        }
    }
    // "or more", "or so", "+".
    if let Some((b, n)) = lex.at(toks, j).find_map(|(e, n)| match e {
        Entry::PostQualifier(b) => Some((*b, n)),
        _ => None,
    }) {
        let next_is_number =
            toks.get(j + n).is_some_and(|t| t.kind == Kind::Num) || cx.words(j + n).is_some();
        if !next_is_number {
            bound = b;
            j += n;
            // "20.000'den fazla asker": more than 20,000 soldiers.
            case_ending = false;
        }
    }
    // Qualifier before: the longest phrase ending where the phrase starts.
    if let Some((b, s)) = cx.ending_at(start, |e| match e {
        Entry::Qualifier(b) => Some(*b),
        _ => None,
    }) {
        bound = b;
        start = s;
    }
    Read::Phrase(NumPhrase {
        start,
        core_start: i,
        core_end,
        end: j,
        value,
        low,
        high,
        bound,
        quantity,
        currency,
        vague,
        lone_one,
        case_ending,
    })
}

/// The lower end of a range, `value` read up to `j`, scaled by the scale word of the upper
/// end `w` read up to `k` when the lower end has none and stays below it ("1.1 to 1.2
/// million", "between 70 and 85 million").
fn scaled_by_upper_end(cx: &Ctx<'_>, value: f64, j: usize, k: usize, w: f64) -> f64 {
    match (cx.trailing_scale(j), cx.trailing_scale(k)) {
        (None, Some(s)) if value * s < w => value * s,
        _ => value,
    }
}

/// The range of `words` whose first number is read from `i` to `j`: the second number, where
/// the range ends, and how many of its words come before `i`.
fn range_at(cx: &Ctx<'_>, words: &RangeWords, i: usize, j: usize) -> Option<(f64, usize, usize)> {
    let slots_at = |from: usize, slots: &[u32]| {
        cx.toks
            .get(from..from + slots.len())
            .is_some_and(|t| t.iter().zip(slots).all(|(t, &s)| t.slot == s))
    };
    let before = words.before.len();
    if !slots_at(i.checked_sub(before)?, &words.before) || !slots_at(j, &words.between) {
        return None;
    }
    let (w, k, _) = cx.any(j + words.between.len())?;
    slots_at(k, &words.after).then_some((w, k + words.after.len(), before))
}

/// Skips a run of digit groups joined without spaces ("555-0134", "3/5/2020", "20th").
fn skip_numeric(toks: &[Token], i: usize) -> usize {
    let mut j = i + 1;
    while let Some(t) = toks.get(j) {
        if t.space_before {
            break;
        }
        j += 1;
    }
    j.max(i + 1)
}
