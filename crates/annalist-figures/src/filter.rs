//! Numbers that are never figures: parts of dates and times, years, identifiers
//! ("Article 1", "Resolution 1483", "No. 5", "page 12"), ages ("aged 45", "Smith, 45,"),
//! measures ("3 days", "12 km") and phone-number fragments.
//!
//! Each rule looks at a token or two around the number, so the checks are cheap and each
//! rejection can be explained by one word in `grammar.txt`.

use crate::Quantity;
use crate::lexicon::{Class, Entry, Lexicon};
use crate::number::NumPhrase;
use crate::token::{Kind, Token};

/// How many tokens before "from" a revision word may stand: "revised the number of people
/// injured in Saturday's blast upward from 120" is a long clause.
const REVISION_REACH: usize = 16;

/// Largest value a figure may have: a quadrillion is already far beyond any count or budget.
const MAX_VALUE: f64 = 1e15;

/// Sorted exclusion spans with a running maximum of their ends, for overlap queries.
pub(crate) struct Exclusions {
    spans: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl Exclusions {
    pub fn new(spans: &[(usize, usize)]) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.iter().copied().filter(|s| s.0 < s.1).collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for s in &spans {
            m = m.max(s.1);
            max_end.push(m);
        }
        Exclusions { spans, max_end }
    }

    /// Whether any span overlaps `[start, end)`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let n = self.spans.partition_point(|s| s.0 < end);
        n > 0 && self.max_end.get(n - 1).is_some_and(|&m| m > start)
    }
}

struct Look<'a> {
    lex: &'a Lexicon,
    toks: &'a [Token],
    text: &'a str,
}

impl Look<'_> {
    fn is(&self, i: Option<usize>, class: Class) -> bool {
        i.is_some_and(|i| self.lex.is(self.toks, i, class))
    }

    fn punct(&self, i: Option<usize>, p: &[&str]) -> bool {
        i.and_then(|i| self.toks.get(i))
            .is_some_and(|t| t.kind == Kind::Punct && p.contains(&t.text(self.text)))
    }

    fn kind(&self, i: Option<usize>, kind: Kind) -> bool {
        i.and_then(|i| self.toks.get(i))
            .is_some_and(|t| t.kind == kind)
    }

    fn capitalized(&self, i: Option<usize>) -> bool {
        i.and_then(|i| self.toks.get(i)).is_some_and(|t| {
            t.kind == Kind::Word
                && t.text(self.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn counted_noun(&self, i: usize) -> bool {
        self.lex
            .at(self.toks, i)
            .any(|(e, _)| matches!(e, Entry::Counted { .. }))
    }
}

/// Whether the phrase is not a figure.
pub(crate) fn rejected(
    lex: &Lexicon,
    toks: &[Token],
    text: &str,
    p: &NumPhrase,
    exclusions: &Exclusions,
) -> bool {
    let look = Look { lex, toks, text };
    let (Some(first), Some(last)) = (
        toks.get(p.core_start),
        toks.get(p.core_end.saturating_sub(1)),
    ) else {
        return true;
    };
    // Absurd magnitudes ("one hundred hundred hundred…", "10^30" spelled out) are noise.
    if !p.value.is_finite()
        || p.value > MAX_VALUE
        || p.high.is_some_and(|h| !h.is_finite() || h > MAX_VALUE)
    {
        return true;
    }
    if exclusions.overlaps(first.cs, last.ce) {
        return true;
    }
    let before = p.start.checked_sub(1);
    let before2 = p.start.checked_sub(2);
    let after = p.core_end;
    // Identifiers: "Article 1", "No. 5", "#3".
    if look.is(before, Class::IdBefore)
        || (look.punct(before, &[".", "#", ":"]) && look.is(before2, Class::IdBefore))
        || look.punct(before, &["#", "№"])
    {
        return true;
    }
    // Dates: "March 3", "3 March", "March 3, 1988".
    let month = |i: Option<usize>| look.is(i, Class::Month) && look.capitalized(i);
    let abbreviated_month =
        look.punct(p.core_start.checked_sub(1), &["."]) && month(p.core_start.checked_sub(2));
    if month(p.core_start.checked_sub(1)) || month(Some(after)) || abbreviated_month {
        return true;
    }
    // The year of "March 3, 1988" (not "in June 1812, fewer than 100,000 returned").
    let bare_four_digits =
        p.start == p.core_start && first.kind == Kind::Num && first.num.digits == 4;
    if bare_four_digits
        && look.punct(before, &[","])
        && look.kind(before2, Kind::Num)
        && month(p.start.checked_sub(3))
    {
        return true;
    }
    // Years: four digits, unless they count something right after ("1500 troops").
    let is_year = p.quantity == Quantity::Count
        && first.kind == Kind::Num
        && first.num.digits == 4
        && !first.num.grouped
        && !first.num.decimal
        && (1000.0..=2100.0).contains(&first.num.value);
    if is_year && (look.is(before, Class::YearBefore) || !look.counted_noun(after)) {
        return true;
    }
    // Clock times: "10:30", "5 pm", "5 p.m.".
    if (look.punct(Some(after), &[":"]) && look.kind(Some(after + 1), Kind::Num))
        || (look.punct(before, &[":"]) && look.kind(before2, Kind::Num))
        || lex
            .at(toks, after)
            .any(|(e, _)| *e == Entry::Word(Class::TimeAfter))
    {
        return true;
    }
    // Ages: "aged 45", "Smith, 45, was", and the rest of a list of ages ("aged 12 and
    // 15", "aged 19, 23 and 41"): walk back over numbers and joiners to "aged".
    if look.is(before, Class::AgeBefore) {
        return true;
    }
    let mut k = before;
    let mut ages = false;
    for _ in 0..8 {
        let joiner = look.punct(k, &[","]) || look.is(k, Class::Conjunction);
        let prev = k.and_then(|i| i.checked_sub(1));
        if !joiner || !look.kind(prev, Kind::Num) {
            break;
        }
        let before_num = prev.and_then(|i| i.checked_sub(1));
        if look.is(before_num, Class::AgeBefore) {
            ages = true;
            break;
        }
        k = before_num;
    }
    if ages {
        return true;
    }
    let small = p.value < 130.0 && p.low.is_none();
    if small
        && look.punct(before, &[","])
        && look.capitalized(before2)
        && look.punct(Some(after), &[",", ".", ")", ";"])
    {
        return true;
    }
    // Ratios: "only one in five trains ran", "1 out of every 10 voters".
    let ratio = (1..=3).any(|len| {
        let Some(link) = p.start.checked_sub(len) else {
            return false;
        };
        let number_before = link
            .checked_sub(1)
            .and_then(|k| toks.get(k))
            .is_some_and(|t| {
                t.kind == Kind::Num || t.slot != u32::MAX && lex.starts_number(t.slot)
            });
        number_before
            && lex
                .at(toks, link)
                .any(|(e, n)| n == len && *e == Entry::Word(Class::RatioLink))
    });
    if ratio {
        return true;
    }
    // Measures: "3 days", "12 km", "dozens of kilometres".
    if p.quantity == Quantity::Count {
        let mut next = p.end;
        if p.vague && look.is(Some(next), Class::Partitive) {
            next += 1;
        }
        // (Not a unit that opens a longer trigger: "1,243 cases of enforced disappearance".)
        if look.is(Some(next), Class::Unit)
            && !lex
                .at(toks, next)
                .any(|(e, n)| n > 1 && matches!(e, Entry::Trigger(..)))
        {
            return true;
        }
    }
    // Phone numbers, codes and slashed dates: digit groups glued by punctuation.
    if first.kind == Kind::Num {
        if first.num.leading_zero {
            return true;
        }
        let glued_group = |sep: usize, num: usize| {
            look.punct(Some(sep), &["-", "/", ".", "(", ")", "+"])
                && look.glued(sep.max(num))
                && look.kind(Some(num), Kind::Num)
        };
        if glued_group(after, after + 1) && look.glued(after) {
            return true;
        }
        if let (Some(b), Some(b2)) = (before, before2)
            && look.glued(p.start)
            && glued_group(b, b2)
        {
            return true;
        }
        if look.punct(before, &["+", "("]) && look.glued(p.start) {
            return true;
        }
        // Model names and codes: "MH17", "F-16", "COVID-19", "G20".
        let glued_to_word = look.kind(before, Kind::Word) && look.glued(p.start);
        let hyphen_code = look.punct(before, &["-"])
            && look.glued(p.start)
            && look.kind(before2, Kind::Word)
            && before.is_some_and(|b| look.glued(b));
        if glued_to_word || hyphen_code {
            return true;
        }
        // Three or more digit groups in a row ("20 7946 0958").
        if look.kind(Some(after), Kind::Num) && look.kind(before, Kind::Num) {
            return true;
        }
    }
    // "no one", "one of the", "the one".
    if p.lone_one
        && (look.is(Some(p.end), Class::Partitive) || look.is(before, Class::NotOneBefore))
    {
        return true;
    }
    // "14 members of one family": the group the count before belongs to, not a count.
    if p.lone_one
        && look.is(before, Class::Partitive)
        && before2.is_some_and(|k| look.counted_noun(k))
    {
        return true;
    }
    // Fractional counts without a scale ("5.1 magnitude") are measures.
    if p.quantity == Quantity::Count && first.num.decimal && p.core_end == p.core_start + 1 {
        return true;
    }
    false
}

/// Whether the number is the count a revision or an update replaced: the one after "from" in
/// a clause with a `Revision` word ("revised the toll down to 74 from 81", "rose to 90 from
/// 74"), or right after a `RevisionAdverb` ("up from 74").
pub(crate) fn replaced_by_revision(
    lex: &Lexicon,
    toks: &[Token],
    text: &str,
    p: &NumPhrase,
) -> bool {
    let look = Look { lex, toks, text };
    let Some(from) = p.start.checked_sub(1) else {
        return false;
    };
    if !look.is(Some(from), Class::ChangeFrom) {
        return false;
    }
    if from > 0 && look.is(Some(from - 1), Class::RevisionAdverb) {
        return true;
    }
    let mut clause = (0..from)
        .rev()
        .take(REVISION_REACH)
        .take_while(|&k| !look.punct(Some(k), &[".", ";", "!", "?"]));
    clause.any(|k| look.is(Some(k), Class::Revision))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_queries() {
        let ex = Exclusions::new(&[(10, 20), (0, 3), (30, 31)]);
        assert!(ex.overlaps(2, 4));
        assert!(ex.overlaps(15, 16));
        assert!(ex.overlaps(19, 25));
        assert!(!ex.overlaps(3, 10));
        assert!(!ex.overlaps(20, 30));
        assert!(ex.overlaps(30, 31));
        assert!(!Exclusions::new(&[]).overlaps(0, 100));
    }
}
