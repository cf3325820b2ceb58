//! The matcher: runs a language pack's rules over the tokens of a text, in linear time.
//!
//! Matching is a cascade of finite-state passes (as in FASTUS or HeidelTime, not a chart
//! parser as in Duckling):
//!
//! 1. **Items.** Tokens become items; spelled-out numbers ("twenty-five", "one hundred and
//!    five"), digit groups ("20,000", "3.5") and number shapes ("1990s", "'90s", "21st") are
//!    merged into one number item each.
//! 2. **Stages.** For each stage of the pack, one left-to-right pass tries, at every item, the
//!    rules whose first element can match it, keeps the longest match (the earliest rule on
//!    ties), and replaces the matched items by one *constituent* carrying the merged
//!    [`Frame`]. Later stages see constituents as `@category` items, which is how "4 a.m." and
//!    "March 3, 1988" combine into one TIME.
//!
//! Each pass costs at most (items × candidate rules × pattern length × 2^optionals), with
//! patterns of bounded length, so the whole cascade is linear in the text; nothing combines
//! results of the same pass, so "next next next … week" cannot blow up.
//!
//! Speed comes from doing almost nothing for most words:
//!
//! - A word no rule names (most of any text, including the tense cues the pack knows) costs
//!   one hash lookup, and a run of them folds into one *barrier* item that stops matches.
//! - Where rules can start (a number, "the"), the rules that can start at the item and those
//!   the next item admits are two bit sets ([`RuleSets`], [`FollowSets`]) whose intersection
//!   leaves few; each of those is checked against both items from small flat tables
//!   ([`RuleStart`]), only the few that pass get the full search, and only a complete match
//!   builds a frame.

use crate::frame::Frame;
use crate::pack::{Atom, ClassId, Element, LanguagePack, NumRole, NumberWord, Rule, WordId};
use crate::token::{Token, TokenKind};

/// A number item's value and shape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NumInfo {
    /// The value; `None` when it does not fit (a 40-digit number).
    pub value: Option<f64>,
    /// Number of digits for a plain digit run; 0 for spelled-out or decimal numbers.
    pub digits: u8,
    /// Written with thousands groups ("2,000"): a count, never a year.
    pub grouped: bool,
    /// "21st", "third".
    pub ordinal: bool,
    /// "1990s" → 199, "'90s" → 199.
    pub decade: Option<i64>,
    /// A decimal that reads as a clock time, "7.30" → (7, 30): two decimals, hour and minute
    /// in range. Only a rule that wants a clock uses it ("7.30pm").
    pub dot_clock: Option<(u8, u8)>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ItemKind {
    Word(Option<WordId>),
    Punct(Option<WordId>),
    Number(NumInfo),
    Constituent {
        category: ClassId,
        rule: u16,
        frame: Box<Frame>,
    },
}

/// A token, a merged number, or a constituent built by a rule.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    /// Token span, end exclusive.
    pub first_token: usize,
    pub end_token: usize,
    pub kind: ItemKind,
    /// True when the first token touches the previous token.
    pub joined: bool,
    /// True when a blank line precedes the first token, or a sentence evidently starts
    /// there after an abbreviation's full stop ("at 8 p.m. On Sunday it resumed"): no match
    /// runs across it.
    pub para_start: bool,
    /// True when the first token starts a line.
    pub line_start: bool,
    /// True when the first letter is uppercase.
    pub capitalized: bool,
}

/// Normalizes typographic apostrophes so that `’90s` and `'90s` are one thing.
fn normalize_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' => '\'',
        '–' | '—' | '‑' => '-',
        c => c,
    }
}

/// Looks a token up in the pack's word table, lowercasing on the way without allocating for
/// short ASCII words.
fn lookup(pack: &LanguagePack, s: &str, buf: &mut String) -> Option<WordId> {
    // One-character tokens (commas, "a", dashes) are a third of a text's tokens.
    if let &[b] = s.as_bytes()
        && b != b'`'
    {
        return pack.ascii_char_id(b);
    }
    // Most words are already in lowercase ASCII: look them up as they are.
    if s.bytes().all(|b| b.is_ascii_lowercase()) {
        return pack.word_id(s);
    }
    // Capitalized and upper-case ASCII words need no character-by-character work either
    // (the backtick is the one ASCII character `normalize_char` changes).
    buf.clear();
    if s.is_ascii() && !s.contains('`') {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return pack.word_id(buf);
    }
    for c in s.chars() {
        let c = normalize_char(c);
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(crate::pack::fold_char(c));
        }
    }
    pack.word_id(buf)
}

/// What `items` records for a word the pack does not know.
pub(crate) const UNKNOWN_WORD: WordId = WordId::MAX - 1;

/// Builds the items of stage 0 from the tokens. `word_ids[i]` receives the pack's id of word
/// token `i` as it is looked up ([`UNKNOWN_WORD`] for a word the pack does not know), for the
/// tense cues to read without looking it up again; it keeps its value for tokens not looked up
/// (the later words of a spelled-out number).
pub(crate) fn items(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    word_ids: &mut [WordId],
) -> Vec<Item> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut buf = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let s = t.text(text);
        let base = |kind: ItemKind, end_token: usize| Item {
            start: t.start,
            end: tokens[end_token - 1].end,
            first_token: i,
            end_token,
            kind,
            joined: t.joined,
            para_start: t.para_start,
            line_start: t.line_start,
            capitalized: s.chars().next().is_some_and(char::is_uppercase),
        };
        match t.kind {
            TokenKind::Number => {
                let (info, end) = digit_number(pack, text, tokens, i, &mut buf);
                let (info, end) = with_fraction(pack, text, tokens, info, end, &mut buf);
                out.push(base(ItemKind::Number(info), end));
                i = end;
            }
            TokenKind::Word => {
                let id = lookup(pack, s, &mut buf);
                if let Some(slot) = word_ids.get_mut(i) {
                    *slot = id.unwrap_or(UNKNOWN_WORD);
                }
                if let Some((info, end)) = spelled_number(pack, text, tokens, i, id, &mut buf) {
                    let (info, end) = with_fraction(pack, text, tokens, info, end, &mut buf);
                    out.push(base(ItemKind::Number(info), end));
                    i = end;
                } else {
                    let mut item = base(ItemKind::Word(id.filter(|&id| pack.in_rules(id))), i + 1);
                    // "At 8 p.m. On Sunday it resumed": a sentence starts after the
                    // abbreviation's full stop.
                    if item.capitalized
                        && i > 0
                        && tokens[i - 1].kind == TokenKind::Word
                        && text.as_bytes().get(tokens[i - 1].end.wrapping_sub(1)) == Some(&b'.')
                        && id.is_some_and(|id| pack.word_info(id).opens_sentence)
                    {
                        item.para_start = true;
                    }
                    push_word(&mut out, item);
                    i += 1;
                }
            }
            TokenKind::Punct => {
                // "'90s": an apostrophe, two digits and a decade suffix.
                if let Some((info, end)) = apostrophe_decade(pack, text, tokens, i, &mut buf) {
                    out.push(base(ItemKind::Number(info), end));
                    i = end;
                } else {
                    let id = lookup(pack, s, &mut buf).filter(|&id| pack.in_rules(id));
                    push_word(&mut out, base(ItemKind::Punct(id), i + 1));
                    i += 1;
                }
            }
        }
    }
    out
}

/// Whether an item is a word or sign no rule names: no atom matches it, so it only stops
/// matches from running across it.
fn is_barrier(item: &Item) -> bool {
    matches!(item.kind, ItemKind::Word(None) | ItemKind::Punct(None))
}

/// Pushes a word or sign, folding a run of barriers (words no rule names) into one item. Most
/// of a text is such words; every stage would otherwise step over each of them, and one
/// barrier stops a match exactly as the run did.
fn push_word(out: &mut Vec<Item>, item: Item) {
    if is_barrier(&item)
        && let Some(last) = out.last_mut().filter(|last| is_barrier(last))
    {
        last.end = item.end;
        last.end_token = item.end_token;
        return;
    }
    out.push(item);
}

fn joined_text<'t>(text: &'t str, tokens: &[Token], i: usize) -> Option<&'t str> {
    tokens.get(i).filter(|t| t.joined).map(|t| t.text(text))
}

fn is_suffix(list: &[String], s: &str, buf: &mut String) -> bool {
    is_one_of(list.iter().map(String::as_str), s, buf)
}

/// Whether `s` is one of `words` (lowercase), ignoring case.
fn is_one_of<'a>(mut words: impl Iterator<Item = &'a str>, s: &str, buf: &mut String) -> bool {
    if s.is_ascii() {
        return words.any(|x| x.eq_ignore_ascii_case(s));
    }
    buf.clear();
    buf.extend(s.chars().flat_map(crate::pack::fold_char));
    words.any(|x| x == buf.as_str())
}

/// How many tokens after a digit run spell one of `list`'s suffixes: one for a suffix
/// written on ("21st", "1990s"), two for one written after a hyphen that the pack lists with
/// its hyphen ("20-го", "1990-е" in Russian, "1990-cı" in Azerbaijani), none otherwise. The
/// hyphen is part of the entry so that English "3-D" stays a number and a letter.
fn suffix_tokens(
    list: &[String],
    text: &str,
    tokens: &[Token],
    end: usize,
    buf: &mut String,
) -> usize {
    match joined_text(text, tokens, end) {
        Some("-") => match joined_text(text, tokens, end + 1) {
            Some(word) => {
                let hyphenated = list.iter().filter_map(|x| x.strip_prefix('-'));
                usize::from(is_one_of(hyphenated, word, buf)) * 2
            }
            None => 0,
        },
        Some(s) => usize::from(is_suffix(list, s, buf)),
        None => 0,
    }
}

/// A digit run, with its thousands groups ("20,000"), decimals ("3.5"), ordinal suffix
/// ("21st") or decade suffix ("1990s", "1990's").
fn digit_number(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    i: usize,
    buf: &mut String,
) -> (NumInfo, usize) {
    let first = tokens[i].text(text);
    let mut end = i + 1;
    let mut info = NumInfo {
        dot_clock: None,
        value: parse_digits(first),
        digits: first.len().min(255) as u8,
        grouped: false,
        ordinal: false,
        decade: None,
    };
    // Thousands groups: 20,000 / 1,250,000 (each group exactly three digits, touching).
    if (1..=3).contains(&first.len()) {
        let mut value = info.value;
        let mut j = end;
        while joined_text(text, tokens, j) == Some(",")
            && joined_text(text, tokens, j + 1)
                .is_some_and(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        {
            let g = tokens[j + 1].text(text);
            value = value.and_then(|v| parse_digits(g).map(|g| v * 1000.0 + g));
            j += 2;
        }
        if j > end {
            info.value = value.filter(|v| *v < 1e15);
            info.digits = 0;
            info.grouped = true;
            end = j;
        }
    }
    // Decimals: 3.5 (but not 3.3.1988, neither its start nor its middle).
    let after_dotted_digits = i >= 2
        && tokens[i].joined
        && tokens[i - 1].text(text) == "."
        && tokens[i - 1].joined
        && tokens[i - 2].kind == TokenKind::Number;
    if !after_dotted_digits
        && joined_text(text, tokens, end) == Some(".")
        && joined_text(text, tokens, end + 1).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
        && !(joined_text(text, tokens, end + 2) == Some(".")
            && joined_text(text, tokens, end + 3)
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit())))
    {
        let frac = tokens[end + 1].text(text);
        if frac.len() <= 6 {
            info.dot_clock = match (first.parse::<u8>(), frac.parse::<u8>()) {
                (Ok(h), Ok(m)) if first.len() <= 2 && frac.len() == 2 && h <= 24 && m <= 59 => {
                    Some((h, m))
                }
                _ => None,
            };
            info.value = info
                .value
                .and_then(|v| format!("{v}.{frac}").parse::<f64>().ok());
            info.digits = 0;
            end += 2;
            return (info, end);
        }
    }
    if info.digits > 0 && info.digits <= 3 {
        let n = suffix_tokens(&pack.ordinal_suffixes, text, tokens, end, buf);
        if n > 0 {
            info.ordinal = true;
            return (info, end + n);
        }
    }
    let n = suffix_tokens(&pack.decade_suffixes, text, tokens, end, buf);
    if n > 0
        && let Some(d) = decade_of(first, info.digits)
    {
        info.decade = Some(d);
        return (info, end + n);
    }
    if let Some(suffix) = joined_text(text, tokens, end) {
        // "1990's"
        if (suffix == "'" || suffix == "’")
            && let Some(s2) = joined_text(text, tokens, end + 1)
            && is_suffix(&pack.decade_suffixes, s2, buf)
            && let Some(d) = decade_of(first, info.digits)
        {
            info.decade = Some(d);
            return (info, end + 2);
        }
    }
    (info, end)
}

/// Adds a fraction that follows a whole number: "5 1/2" (digits, any language), "two and a
/// half" (the pack's `NUMBER_FRACTION` words, reached across its `FRACTION_LINK` words).
/// Ordinals, decades and numbers with decimals take none.
fn with_fraction(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    info: NumInfo,
    end: usize,
    buf: &mut String,
) -> (NumInfo, usize) {
    let whole = match info.value {
        Some(v) if !info.ordinal && info.decade.is_none() && v.fract() == 0.0 => v,
        _ => return (info, end),
    };
    let with = |f: f64, end: usize| {
        (
            NumInfo {
                dot_clock: None,
                value: Some(whole + f),
                digits: 0,
                grouped: false,
                ..info
            },
            end,
        )
    };
    // "5 1/2": a separate digit fraction, not part of a longer run such as a date (5 1/2/98).
    if let Some(num) = tokens
        .get(end)
        .filter(|t| !t.joined && t.kind == TokenKind::Number)
        && joined_text(text, tokens, end + 1) == Some("/")
        && let Some(den) = joined_text(text, tokens, end + 2)
        && tokens.get(end + 3).is_none_or(|t| !t.joined)
        && let (Ok(n), Ok(d)) = (num.text(text).parse::<u8>(), den.parse::<u8>())
        && n >= 1
        && n < d
        && (2..=4).contains(&d)
    {
        return with(f64::from(n) / f64::from(d), end + 3);
    }
    // "two and a half", "two-and-a-half": at most two link words, then the fraction word,
    // with hyphens between them when they are written as one.
    let (mut k, mut links) = (end, 0);
    while links < 3 {
        let Some(t) = tokens.get(k) else {
            break;
        };
        if t.kind == TokenKind::Punct
            && t.joined
            && t.text(text) == "-"
            && tokens
                .get(k + 1)
                .is_some_and(|next| next.joined && next.kind == TokenKind::Word)
        {
            k += 1;
            continue;
        }
        if t.kind != TokenKind::Word {
            break;
        }
        let Some(id) = lookup(pack, t.text(text), buf) else {
            break;
        };
        let w = pack.word_info(id);
        if let Some(f) = w.fraction {
            if links > 0 || !pack.fraction_links {
                return with(f, k + 1);
            }
            break;
        }
        if !w.fraction_link {
            break;
        }
        links += 1;
        k += 1;
    }
    (info, end)
}

fn decade_of(digits: &str, n: u8) -> Option<i64> {
    let v: i64 = digits.parse().ok()?;
    match n {
        3 | 4 if v % 10 == 0 => Some(v / 10),
        2 if v % 10 == 0 => Some(190 + v / 10),
        _ => None,
    }
}

fn apostrophe_decade(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    i: usize,
    buf: &mut String,
) -> Option<(NumInfo, usize)> {
    let t = tokens[i].text(text);
    if t != "'" && t != "’" {
        return None;
    }
    let digits = joined_text(text, tokens, i + 1)?;
    if digits.len() != 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = joined_text(text, tokens, i + 2)?;
    if !is_suffix(&pack.decade_suffixes, suffix, buf) {
        return None;
    }
    let decade = decade_of(digits, 2)?;
    Some((
        NumInfo {
            dot_clock: None,
            value: None,
            digits: 0,
            grouped: false,
            ordinal: false,
            decade: Some(decade),
        },
        i + 3,
    ))
}

fn parse_digits(s: &str) -> Option<f64> {
    if s.len() > 15 {
        return None;
    }
    s.parse::<u64>().ok().map(|v| v as f64)
}

/// A spelled-out number: "twenty-five", "one hundred and five", "a dozen" is not handled
/// here (the article is a rule's business).
fn spelled_number(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    i: usize,
    id: Option<WordId>,
    buf: &mut String,
) -> Option<(NumInfo, usize)> {
    let info = pack.word_info(id?);
    let first = match info.number {
        Some(n) => n,
        // "a hundred years": the article is the number's one.
        None if info.number_article
            && tokens
                .get(i + 1)
                .filter(|t| t.kind == TokenKind::Word)
                .and_then(|t| lookup(pack, t.text(text), buf))
                .is_some_and(|id| {
                    matches!(pack.word_info(id).number, Some(NumberWord::Scale(_)))
                }) =>
        {
            NumberWord::Cardinal(1.0)
        }
        None => return None,
    };
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut last: Option<NumberWord> = None;
    let mut end = i;
    let mut ordinal = false;
    let mut j = i;
    let mut word = Some(first);
    while let Some(w) = word {
        let ok = match (last, w) {
            (None, _) => true,
            // "twenty five", "twenty-first": a unit after a ten.
            (Some(NumberWord::Cardinal(p)), NumberWord::Cardinal(v) | NumberWord::Ordinal(v)) => {
                (20.0..100.0).contains(&p) && p % 10.0 == 0.0 && v < 10.0
            }
            (Some(NumberWord::Cardinal(_)), NumberWord::Scale(_)) => true,
            (Some(NumberWord::Scale(p)), NumberWord::Scale(s)) => s > p,
            (Some(NumberWord::Scale(_)), NumberWord::Cardinal(_) | NumberWord::Ordinal(_)) => true,
            (Some(NumberWord::Ordinal(_)), _) => false,
        };
        if !ok {
            break;
        }
        match w {
            NumberWord::Cardinal(v) => current += v,
            NumberWord::Ordinal(v) => {
                current += v;
                ordinal = true;
            }
            NumberWord::Scale(s) => {
                current = if current == 0.0 { s } else { current * s };
                if s >= 1000.0 {
                    total += current;
                    current = 0.0;
                }
            }
        }
        last = Some(w);
        end = j + 1;
        if ordinal {
            break;
        }
        // The next number word, across a hyphen or a joiner ("and").
        let mut k = j + 1;
        if tokens
            .get(k)
            .is_some_and(|t| t.joined && t.text(text) == "-")
        {
            k += 1;
        } else if let Some(t) = tokens.get(k)
            && t.kind == TokenKind::Word
            && lookup(pack, t.text(text), buf).is_some_and(|id| pack.word_info(id).joiner)
            && matches!(last, Some(NumberWord::Scale(_)))
        {
            k += 1;
        }
        word = tokens
            .get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .and_then(|t| lookup(pack, t.text(text), buf))
            .and_then(|id| pack.word_info(id).number);
        j = k;
    }
    if end == i {
        return None;
    }
    // A lone scale word ("hundred") or ordinal-less run is still a number.
    Some((
        NumInfo {
            dot_clock: None,
            value: Some(total + current),
            digits: 0,
            grouped: false,
            ordinal,
            decade: None,
        },
        end,
    ))
}

/// Per-stage index of which rules can start at which item.
pub(crate) struct StageIndex {
    pub stage: u8,
    /// The sets of rules below, each stored once.
    sets: RuleSets,
    /// The rules that can start at an item: per word id, lowercase and capitalized; per
    /// category, for a constituent of it; for a number. Ids of `sets`, [`RuleSets::EMPTY`] where
    /// none can.
    first_words: Vec<[u32; 2]>,
    first_categories: Vec<u32>,
    first_number: u32,
    /// Per rule (by id), the fewest items a match spans; a copy of [`Rule::min_len`] kept
    /// dense because it is read for every candidate.
    min_len: Vec<u8>,
    /// Per rule (by id), its range of `start_list`: how a match of it can begin.
    starts: Vec<(u32, u32)>,
    start_list: Vec<RuleStart>,
    start_atoms: Vec<Atom>,
    /// The number atoms (`NUM:…`, `ORD:…`, `DECADE`) that can begin a rule of this stage, and
    /// per rule (by id) the set of them that can begin it, as bits. A number is a candidate
    /// for most rules that start with one, and rarely fits more than one or two of them: its
    /// own set, worked out once, turns the others away with one test each. `None` when there
    /// are more atoms than bits (no filtering then).
    number_atoms: Option<Vec<Atom>>,
    number_first: Vec<u64>,
    /// Which rules may begin right before a given item: see [`FollowSets`].
    follow: FollowSets,
}

/// Sets of rules, as bits over rule ids, each distinct set stored once: most words start (or
/// admit) the same rules, so a few hundred sets serve the whole vocabulary and stay in cache.
#[derive(Default)]
struct RuleSets {
    /// `u64`s per set.
    width: usize,
    bits: Vec<u64>,
    ids: rustc_hash::FxHashMap<Vec<u64>, u32>,
}

impl RuleSets {
    /// The id of the empty set.
    const EMPTY: u32 = 0;

    fn new(rules: usize) -> RuleSets {
        let mut sets = RuleSets {
            width: rules.div_ceil(64),
            ..RuleSets::default()
        };
        sets.intern(vec![0; sets.width]);
        sets
    }

    fn empty(&self) -> Vec<u64> {
        vec![0; self.width]
    }

    fn intern(&mut self, set: Vec<u64>) -> u32 {
        debug_assert_eq!(set.len(), self.width);
        let next = self.ids.len() as u32;
        *self.ids.entry(set).or_insert_with_key(|set| {
            self.bits.extend_from_slice(set);
            next
        })
    }

    /// The union of `sets`, interned.
    fn union(&mut self, sets: &[&Vec<u64>]) -> u32 {
        let mut out = self.empty();
        for set in sets {
            union_into(&mut out, set);
        }
        self.intern(out)
    }

    fn get(&self, id: u32) -> &[u64] {
        let at = id as usize * self.width;
        &self.bits[at..at + self.width]
    }
}

fn union_into(out: &mut [u64], set: &[u64]) {
    for (x, y) in out.iter_mut().zip(set) {
        *x |= y;
    }
}

/// For each kind of item, the rules of a stage that may begin right before it: those with a
/// way to begin whose second item that kind can be, or that need no second item.
///
/// A word like "the" or a number starts dozens of rules, and [`StageIndex::may_start`] turns
/// nearly all of them away by the item that follows, atom by atom. Intersected with the rules
/// that can start at an item, the set the next item admits leaves about one rule in fifty (on
/// 1 MB of news) for `may_start`, which still checks each: the sets are a filter only, and
/// `may_start` checks both items against the same way of beginning.
#[derive(Default)]
struct FollowSets {
    /// Per word id, lowercase and capitalized (ids of [`StageIndex::sets`]).
    words: Vec<[u32; 2]>,
    /// Per category, for a constituent of it (a rejected one admits only `plain`'s rules).
    categories: Vec<u32>,
    /// For a word or sign no rule names (`OTHER`).
    barrier: u32,
    /// The rules that need no second item: for the end of the text, and all other sets
    /// include them.
    plain: u32,
    /// The number atoms that can be second items, each with the rules it admits beyond
    /// `plain`'s; a number admits the union of those it matches.
    numbers: Vec<(Atom, Vec<u64>)>,
}

/// One way a match of a rule can begin: its first item matched by an atom of `first` (the
/// alternatives of a leading optional element or of the first required one), and, when a
/// required element comes later, its second item matched by an atom of `follow` (the
/// alternatives of the elements up to and including that required one). Both are ranges of
/// [`StageIndex::start_atoms`].
///
/// Checking the first two items this way, before the full search, turns most attempts away
/// cheaply: a number or "the" is a candidate for dozens of rules, and the item after it
/// rarely fits. The tables are flat and small so that the check stays in cache; the rules
/// themselves are large.
#[derive(Clone, Copy, Debug)]
struct RuleStart {
    first: (u32, u32),
    follow: Option<(u32, u32)>,
}

pub(crate) fn build_index(pack: &LanguagePack) -> Vec<StageIndex> {
    let mut stages: Vec<u8> = pack.rules.iter().map(|r| r.stage).collect();
    stages.sort_unstable();
    stages.dedup();
    stages
        .into_iter()
        .map(|stage| {
            let mut idx = StageIndex {
                stage,
                sets: RuleSets::new(pack.rules.len()),
                first_words: Vec::new(),
                first_categories: Vec::new(),
                first_number: RuleSets::EMPTY,
                min_len: pack.rules.iter().map(|r| r.min_len).collect(),
                starts: Vec::with_capacity(pack.rules.len()),
                start_list: Vec::new(),
                start_atoms: Vec::new(),
                number_atoms: Some(Vec::new()),
                number_first: vec![0; pack.rules.len()],
                follow: FollowSets::default(),
            };
            for rule in &pack.rules {
                idx.add_starts(rule);
            }
            idx.first_sets(pack);
            idx.follow = idx.follow_sets(pack);
            idx
        })
        .collect()
}

impl StageIndex {
    /// The rules that can start at each kind of item: every alternative of leading optional
    /// elements and of the first required one.
    fn first_sets(&mut self, pack: &LanguagePack) {
        let mut literals: rustc_hash::FxHashMap<WordId, Vec<u64>> = Default::default();
        // Classes and categories share their ids.
        let mut classes = vec![self.sets.empty(); pack.class_names.len()];
        let mut number = self.sets.empty();
        for (ri, rule) in pack.rules.iter().enumerate() {
            if rule.stage != self.stage {
                continue;
            }
            for el in &rule.elements {
                for atom in &el.alternatives {
                    let set = match atom {
                        Atom::Literal(w) => literals.entry(*w).or_insert_with(|| self.sets.empty()),
                        Atom::Class(c) | Atom::Category(c) => &mut classes[*c as usize],
                        Atom::Num(_) | Atom::Ord(_) | Atom::Decade => {
                            self.note_number_start(ri as u16, atom);
                            &mut number
                        }
                        // The pack refuses a pattern that `OTHER` begins.
                        Atom::Other => continue,
                    };
                    set[ri / 64] |= 1 << (ri % 64);
                }
                if !el.optional {
                    break;
                }
            }
        }
        let none = self.sets.empty();
        self.first_words = word_sets(pack, &mut self.sets, &literals, &classes, &none);
        self.first_categories = classes
            .iter()
            .map(|c| self.sets.intern(c.clone()))
            .collect();
        self.first_number = self.sets.intern(number);
    }

    fn note_number_start(&mut self, ri: u16, atom: &Atom) {
        let Some(atoms) = &mut self.number_atoms else {
            return;
        };
        let bit = match atoms.iter().position(|a| a == atom) {
            Some(bit) => bit,
            None if atoms.len() < 64 => {
                atoms.push(atom.clone());
                atoms.len() - 1
            }
            None => {
                self.number_atoms = None;
                return;
            }
        };
        self.number_first[usize::from(ri)] |= 1 << bit;
    }

    /// The number atoms of this stage that `item` matches, as bits (see
    /// [`StageIndex::number_first`]); every bit when the stage does not keep them.
    fn number_fits(&self, pack: &LanguagePack, item: &Item) -> u64 {
        match &self.number_atoms {
            Some(atoms) => atoms
                .iter()
                .enumerate()
                .filter(|(_, atom)| atom_matches(pack, atom, item))
                .fold(0, |bits, (bit, _)| bits | 1 << bit),
            None => u64::MAX,
        }
    }

    fn add_starts(&mut self, rule: &Rule) {
        let from = self.start_list.len() as u32;
        for (k, el) in rule.elements.iter().enumerate() {
            let first = self.push_atoms(std::slice::from_ref(el));
            let follow = rule.elements[k + 1..]
                .iter()
                .position(|e| !e.optional)
                .map(|r| self.push_atoms(&rule.elements[k + 1..=k + 1 + r]));
            self.start_list.push(RuleStart { first, follow });
            if !el.optional {
                break;
            }
        }
        self.starts.push((from, self.start_list.len() as u32));
    }

    fn push_atoms(&mut self, elements: &[Element]) -> (u32, u32) {
        let from = self.start_atoms.len() as u32;
        for el in elements {
            self.start_atoms.extend(el.alternatives.iter().cloned());
        }
        (from, self.start_atoms.len() as u32)
    }

    /// Whether rule `ri` can begin at `items[at]`, judged from that item and the next one.
    fn may_start(&self, pack: &LanguagePack, ri: u16, items: &[Item], at: usize) -> bool {
        let matches = |(a, b): (u32, u32), item: &Item| {
            self.start_atoms[a as usize..b as usize]
                .iter()
                .any(|atom| atom_matches(pack, atom, item))
        };
        let (a, b) = self.starts[usize::from(ri)];
        self.start_list[a as usize..b as usize].iter().any(|s| {
            matches(s.first, &items[at])
                && s.follow
                    .is_none_or(|f| items.get(at + 1).is_some_and(|next| matches(f, next)))
        })
    }

    fn follow_sets(&mut self, pack: &LanguagePack) -> FollowSets {
        let empty = self.sets.empty();
        let mut plain = empty.clone();
        let mut literals: rustc_hash::FxHashMap<WordId, Vec<u64>> = Default::default();
        let mut classes = vec![empty.clone(); pack.class_names.len()];
        let mut categories = vec![empty.clone(); pack.class_names.len()];
        let mut barrier = empty.clone();
        let mut numbers: Vec<(Atom, Vec<u64>)> = Vec::new();
        for (ri, rule) in pack.rules.iter().enumerate() {
            if rule.stage != self.stage {
                continue;
            }
            let (a, b) = self.starts[ri];
            for start in &self.start_list[a as usize..b as usize] {
                let Some((fa, fb)) = start.follow else {
                    plain[ri / 64] |= 1 << (ri % 64);
                    continue;
                };
                for atom in &self.start_atoms[fa as usize..fb as usize] {
                    let set = match atom {
                        Atom::Literal(w) => literals.entry(*w).or_insert_with(|| empty.clone()),
                        Atom::Class(c) => &mut classes[*c as usize],
                        Atom::Category(c) => &mut categories[*c as usize],
                        Atom::Other => &mut barrier,
                        Atom::Num(_) | Atom::Ord(_) | Atom::Decade => {
                            let k = match numbers.iter().position(|(n, _)| n == atom) {
                                Some(k) => k,
                                None => {
                                    numbers.push((atom.clone(), empty.clone()));
                                    numbers.len() - 1
                                }
                            };
                            &mut numbers[k].1
                        }
                    };
                    set[ri / 64] |= 1 << (ri % 64);
                }
            }
        }
        let sets = &mut self.sets;
        FollowSets {
            words: word_sets(pack, sets, &literals, &classes, &plain),
            categories: categories
                .iter()
                .map(|c| sets.union(&[&plain, c]))
                .collect(),
            barrier: sets.union(&[&plain, &barrier]),
            plain: sets.intern(plain),
            numbers,
        }
    }

    /// The rules that may begin right before `next` (the end of the text when `None`), as a
    /// bit set over rule ids; `scratch` holds a number's set.
    fn rules_followed_by<'a>(
        &'a self,
        pack: &LanguagePack,
        next: Option<&Item>,
        scratch: &'a mut Vec<u64>,
    ) -> &'a [u64] {
        let f = &self.follow;
        let set = |id: u32| self.sets.get(id);
        let Some(next) = next else {
            return set(f.plain);
        };
        match &next.kind {
            ItemKind::Word(Some(w)) | ItemKind::Punct(Some(w)) => {
                set(f.words[*w as usize][usize::from(next.capitalized)])
            }
            ItemKind::Word(None) | ItemKind::Punct(None) => set(f.barrier),
            ItemKind::Constituent {
                category, frame, ..
            } if frame.reject.is_none() => set(f.categories[*category as usize]),
            ItemKind::Constituent { .. } => set(f.plain),
            ItemKind::Number(_) => {
                scratch.clear();
                scratch.extend_from_slice(set(f.plain));
                for (atom, extra) in &f.numbers {
                    if atom_matches(pack, atom, next) {
                        union_into(scratch, extra);
                    }
                }
                scratch
            }
        }
    }

    /// The rules that can start at `item` (`None` when none can).
    // Asked for every item of every stage; left to itself the compiler keeps it out of line.
    #[inline]
    fn rules_starting_at(&self, item: &Item) -> Option<&[u64]> {
        let id = match &item.kind {
            ItemKind::Word(Some(w)) | ItemKind::Punct(Some(w)) => {
                self.first_words[*w as usize][usize::from(item.capitalized)]
            }
            ItemKind::Number(_) => self.first_number,
            ItemKind::Constituent { category, .. } => self.first_categories[*category as usize],
            _ => RuleSets::EMPTY,
        };
        (id != RuleSets::EMPTY).then(|| self.sets.get(id))
    }
}

/// Per word id, lowercase and capitalized, the id of the union of `base`, the word's own set
/// in `literals`, and the sets in `classes` of the classes it belongs to.
fn word_sets(
    pack: &LanguagePack,
    sets: &mut RuleSets,
    literals: &rustc_hash::FxHashMap<WordId, Vec<u64>>,
    classes: &[Vec<u64>],
    base: &[u64],
) -> Vec<[u32; 2]> {
    let base = base.to_vec();
    let base_id = sets.intern(base.clone());
    (0..pack.word_info.len() as WordId)
        .map(|w| {
            // A word no rule names is read as `OTHER` (see `items`) and never looked up here.
            if !pack.in_rules(w) {
                return [base_id; 2];
            }
            [false, true].map(|capitalized| {
                let mut parts: Vec<&Vec<u64>> = vec![&base];
                parts.extend(literals.get(&w));
                for e in &pack.word_info(w).entries {
                    if !e.capitalized_only || capitalized {
                        parts.push(&classes[e.class as usize]);
                    }
                }
                sets.union(&parts)
            })
        })
        .collect()
}

/// What an atom contributes when it matches an item; `None` when it does not match.
fn match_atom(pack: &LanguagePack, atom: &Atom, item: &Item) -> Option<Frame> {
    match (atom, &item.kind) {
        (Atom::Literal(w), ItemKind::Word(Some(x)) | ItemKind::Punct(Some(x))) if w == x => {
            Some(Frame::default())
        }
        (Atom::Class(c), ItemKind::Word(Some(w)) | ItemKind::Punct(Some(w))) => pack
            .word_info(*w)
            .entries
            .iter()
            .find(|e| e.class == *c && (!e.capitalized_only || item.capitalized))
            .map(|e| e.features.clone()),
        (
            Atom::Category(c),
            ItemKind::Constituent {
                category, frame, ..
            },
        ) if c == category && frame.reject.is_none() => Some((**frame).clone()),
        (Atom::Num(role), ItemKind::Number(n)) if !n.ordinal && n.decade.is_none() => {
            number_role(*role, n).map(NumPart::frame)
        }
        (Atom::Ord(role), ItemKind::Number(n)) if n.ordinal => {
            number_role(*role, n).map(NumPart::frame)
        }
        // "the 1800s" is the 19th century, not its first ten years; "the 2000s" stays a
        // decade, as usage has it.
        (Atom::Decade, ItemKind::Number(n)) => n.decade.map(|d| {
            if d % 10 == 0 && (100..=190).contains(&d) {
                Frame {
                    century: Some(d / 10),
                    unit: Some(crate::frame::Unit::Century),
                    ..Frame::default()
                }
            } else {
                Frame {
                    decade: Some(d),
                    ..Frame::default()
                }
            }
        }),
        // A word no rule names contributes nothing, wherever the pattern has it.
        (Atom::Other, _) if is_barrier(item) => Some(Frame::default()),
        _ => None,
    }
}

/// What a number contributes in a role: one or two fields of a frame. Kept small so that
/// testing whether a number fits a role (at every candidate rule) builds no frame.
#[derive(Clone, Copy, Debug, PartialEq)]
enum NumPart {
    Count(f64),
    Year(i64),
    ShortYear(i64),
    Day(u8),
    Month(u8),
    Hour(u8),
    Minute(u8),
    Clock(u8, u8),
    Second(u8),
    Week(u8),
    Quarter(u8),
    Half(u8),
    Nth(i64),
    Century(i64),
    YearHigh(i64),
    Times(i64),
    /// Fits, contributes nothing (`anycount`).
    Nothing,
}

impl NumPart {
    fn frame(self) -> Frame {
        let mut f = Frame::default();
        match self {
            NumPart::Count(v) => f.count = Some(crate::frame::Count::N(v)),
            NumPart::Year(y) => f.year = Some(y),
            NumPart::ShortYear(y) => f.short_year = Some(y),
            NumPart::Day(d) => f.day = Some(d),
            NumPart::Month(m) => f.month = Some(m),
            NumPart::Hour(h) => f.hour = Some(h),
            NumPart::Minute(m) => f.minute = Some(m),
            NumPart::Clock(h, m) => {
                f.hour = Some(h);
                f.minute = Some(m);
            }
            NumPart::Second(s) => f.second = Some(s),
            NumPart::Week(w) => f.week = Some(w),
            NumPart::Quarter(q) => f.quarter = Some(q),
            NumPart::Half(h) => f.half = Some(h),
            NumPart::Nth(n) => f.nth = Some(n),
            NumPart::Century(c) => f.century = Some(c),
            NumPart::YearHigh(y) => f.year_high = Some(y),
            NumPart::Times(t) => f.times = Some(t),
            NumPart::Nothing => {}
        }
        f
    }
}

fn number_role(role: NumRole, n: &NumInfo) -> Option<NumPart> {
    // Too long to have a value, maybe, but still too long for a year.
    if role == NumRole::LongDigits {
        return (n.digits > 4 && !n.ordinal && n.decade.is_none()).then_some(NumPart::Nothing);
    }
    let v = n.value?;
    let int = (v.fract() == 0.0).then_some(v as i64);
    let small = |lo: i64, hi: i64, max_digits: u8| -> Option<u8> {
        let i = int?;
        if (lo..=hi).contains(&i) && n.digits <= max_digits {
            Some(i as u8)
        } else {
            None
        }
    };
    let part = match role {
        NumRole::Count => {
            if v > 1e9 {
                return None;
            }
            NumPart::Count(v)
        }
        NumRole::Year => {
            // Four digits from 1000 to 2999: "0735" is a clock time, "8088" a chip.
            if n.digits != 4 || !int.is_some_and(|y| (1000..=2999).contains(&y)) {
                return None;
            }
            NumPart::Year(int?)
        }
        NumRole::ShortYear => {
            if n.digits != 2 {
                return None;
            }
            NumPart::ShortYear(int?)
        }
        NumRole::AnyYear => {
            let i = int?;
            if !(1..=9999).contains(&i) || n.digits == 0 || n.digits > 4 {
                return None;
            }
            NumPart::Year(i)
        }
        NumRole::SpelledYear => {
            if n.digits != 0 || n.grouped || !int.is_some_and(|y| (1000..=2999).contains(&y)) {
                return None;
            }
            NumPart::Year(int?)
        }
        // A day of the month is written in digits or as an ordinal ("March eighth"): "in
        // April. One of them" is not April 1.
        NumRole::Day if n.digits == 0 && !n.ordinal => return None,
        NumRole::Day => NumPart::Day(small(1, 31, 2)?),
        NumRole::Month => NumPart::Month(small(1, 12, 2)?),
        NumRole::PaddedDay if n.digits == 2 => NumPart::Day(small(1, 31, 2)?),
        NumRole::PaddedMonth if n.digits == 2 => NumPart::Month(small(1, 12, 2)?),
        NumRole::PaddedDay | NumRole::PaddedMonth => return None,
        NumRole::LongDigits => return None, // handled above
        NumRole::One if v == 1.0 => NumPart::Nothing,
        NumRole::One => return None,
        NumRole::Two if v == 2.0 => NumPart::Nothing,
        NumRole::Two => return None,
        NumRole::Times => NumPart::Times(int.filter(|t| (1..=1000).contains(t))?),
        NumRole::Quarter => NumPart::Quarter(small(1, 4, 1)?),
        NumRole::Half => NumPart::Half(small(1, 2, 1)?),
        NumRole::Hour => NumPart::Hour(small(0, 24, 2)?),
        NumRole::Minute => {
            if n.digits != 2 {
                return None;
            }
            NumPart::Minute(small(0, 59, 2)?)
        }
        NumRole::Minutes if n.ordinal => return None,
        NumRole::Minutes => NumPart::Minute(small(1, 59, 2)?),
        NumRole::Clock => {
            let i = int?;
            if n.digits != 4 || i / 100 > 23 || i % 100 > 59 {
                return None;
            }
            NumPart::Clock((i / 100) as u8, (i % 100) as u8)
        }
        NumRole::AnyCount => {
            if !(0.0..=1e9).contains(&v) {
                return None;
            }
            NumPart::Nothing
        }
        NumRole::CompactClock => {
            let i = int?;
            if !(3..=4).contains(&n.digits) || !(1..=12).contains(&(i / 100)) || i % 100 > 59 {
                return None;
            }
            NumPart::Clock((i / 100) as u8, (i % 100) as u8)
        }
        NumRole::DotClock => {
            let (h, m) = n.dot_clock?;
            NumPart::Clock(h, m)
        }
        NumRole::Second => {
            if n.digits != 2 {
                return None;
            }
            NumPart::Second(small(0, 59, 2)?)
        }
        NumRole::Week => NumPart::Week(small(1, 53, 2)?),
        NumRole::Nth => NumPart::Nth(int.filter(|i| (1..=1000).contains(i))?),
        NumRole::WeekOfMonth => NumPart::Day(small(2, 4, 1)? * 7 - 3),
        NumRole::Century => NumPart::Century(int.filter(|i| (1..=100).contains(i))? - 1),
        NumRole::YearHigh => {
            if n.digits != 0 {
                return None;
            }
            NumPart::YearHigh(int.filter(|i| (10..=20).contains(i))?)
        }
        NumRole::YearLow => {
            if n.digits != 0 {
                return None;
            }
            NumPart::ShortYear(int.filter(|i| (1..=99).contains(i))?)
        }
    };
    Some(part)
}

/// Whether an atom matches an item, without computing what it contributes (cheap: this runs
/// for every candidate rule at every position).
fn atom_matches(pack: &LanguagePack, atom: &Atom, item: &Item) -> bool {
    match (atom, &item.kind) {
        (Atom::Literal(w), ItemKind::Word(Some(x)) | ItemKind::Punct(Some(x))) => w == x,
        (Atom::Class(c), ItemKind::Word(Some(w)) | ItemKind::Punct(Some(w))) => {
            pack.word_in_class(*w, *c, item.capitalized)
        }
        // A rejected span ("1990 troops") is no part of a larger expression: "20 January of
        // 1990 troops" keeps its day rather than losing it to the rejection.
        (
            Atom::Category(c),
            ItemKind::Constituent {
                category, frame, ..
            },
        ) => c == category && frame.reject.is_none(),
        (Atom::Num(role), ItemKind::Number(n)) => {
            !n.ordinal && n.decade.is_none() && number_role(*role, n).is_some()
        }
        (Atom::Ord(role), ItemKind::Number(n)) => n.ordinal && number_role(*role, n).is_some(),
        (Atom::Decade, ItemKind::Number(n)) => n.decade.is_some(),
        (Atom::Other, _) => is_barrier(item),
        _ => false,
    }
}

/// Tries `rule` at `items[at..]`; returns the end (exclusive) of the longest match, the
/// merged frame, and how many leading and trailing items are context (see [`Rule::lead`] and
/// [`Rule::trail`]).
///
/// The search first matches the pattern's shape (which atom matches which item) and merges
/// the parts' features only for complete matches, which are rare: most attempts fail on the
/// first or second element.
/// The longest match of `rule` at `at` that could beat a match ending at `to_beat` (a longer
/// one, or as long when the rule blocks): the frames of matches that would lose anyway are
/// never built.
fn match_rule(
    pack: &LanguagePack,
    rule: &Rule,
    items: &[Item],
    at: usize,
    to_beat: Option<usize>,
    path: &mut Vec<(usize, usize, u8)>,
    best: &mut Option<(usize, Frame, (usize, usize))>,
) {
    // The result goes to the caller's slot: returning a frame by value would copy it on every
    // attempt, and nearly every attempt fails.
    *best = None;
    let floor = match to_beat {
        Some(end) if rule.features.reject == Some(true) => Some(end),
        Some(end) => Some(end + 1),
        None => None,
    };
    path.clear();
    match_from(pack, rule, &rule.elements, items, at, at, floor, path, best);
}

#[allow(clippy::too_many_arguments)]
fn match_from(
    pack: &LanguagePack,
    rule: &Rule,
    elements: &[Element],
    items: &[Item],
    start: usize,
    pos: usize,
    floor: Option<usize>,
    path: &mut Vec<(usize, usize, u8)>,
    best: &mut Option<(usize, Frame, (usize, usize))>,
) {
    let Some((el, rest)) = elements.split_first() else {
        if best.as_ref().is_none_or(|(end, _, _)| pos > *end)
            && floor.is_none_or(|f| pos >= f)
            && let Some(frame) = merge_path(pack, rule, items, path)
        {
            let lead = path
                .iter()
                .filter(|(element, _, _)| *element < usize::from(rule.lead))
                .count();
            let first_trailing = rule.elements.len().saturating_sub(usize::from(rule.trail));
            let trail = path
                .iter()
                .filter(|(element, _, _)| *element >= first_trailing)
                .count();
            *best = Some((pos, frame, (lead, trail)));
        }
        return;
    };
    // `END`: the text or its line ends here ("see you on the 12th" closing a headline or a
    // post). It takes no item.
    if el.ends_line && pos > start && items.get(pos).is_none_or(|item| item.line_start) {
        match_from(pack, rule, rest, items, start, pos, floor, path, best);
    }
    if let Some(item) = items.get(pos) {
        let boundary_ok = pos == start || !item.para_start;
        let join_ok = !el.adjacent || item.joined;
        if boundary_ok && join_ok {
            // The first matching alternative wins, keeping the search bounded.
            if let Some(a) = el
                .alternatives
                .iter()
                .position(|atom| atom_matches(pack, atom, item))
            {
                path.push((rule.elements.len() - elements.len(), pos, a as u8));
                match_from(pack, rule, rest, items, start, pos + 1, floor, path, best);
                path.pop();
            }
        }
    }
    if el.optional {
        match_from(pack, rule, rest, items, start, pos, floor, path, best);
    }
}

/// Merges the rule's features with the contributions of the matched items; `None` when two
/// parts disagree.
fn merge_path(
    pack: &LanguagePack,
    rule: &Rule,
    items: &[Item],
    path: &[(usize, usize, u8)],
) -> Option<Frame> {
    let mut frame = rule.features.clone();
    for &(element, pos, alt) in path {
        // Context elements are matched but contribute nothing.
        if element < usize::from(rule.lead)
            || element >= rule.elements.len().saturating_sub(usize::from(rule.trail))
        {
            continue;
        }
        let atom = rule.elements.get(element)?.alternatives.get(alt as usize)?;
        let contribution = match_atom(pack, atom, items.get(pos)?)?;
        frame.merge(&contribution).ok()?;
    }
    Some(frame)
}

/// Runs one stage over `items`.
/// The positions of the bits set in `bits`, lowest first.
fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            bit
        })
    })
}

pub(crate) fn run_stage(
    pack: &LanguagePack,
    index: &StageIndex,
    mut items: Vec<Item>,
) -> Vec<Item> {
    // A match replaces its first item with the constituent and leaves the others in place,
    // noted in `consumed`, to be dropped in one pass at the end: moving every later item down
    // after each match would copy the whole text's items once per stage. Matching only looks
    // at items[i..], which no match has touched yet.
    let mut consumed: Vec<(usize, usize)> = Vec::new();
    let mut path = Vec::new();
    let mut attempt = None;
    let mut scratch = Vec::new();
    let comma = pack.word_id(",");
    // How many items from i on could take part in a match: a word the pack does not know
    // matches no atom, so no rule needing more items than that can match at i. Counted no
    // further than the longest rule needs. The next barrier at or after i is remembered, so
    // that each item is looked at once in this count however many starts precede it.
    let longest = pack
        .rules
        .iter()
        .map(|r| usize::from(r.min_len))
        .max()
        .unwrap_or(0);
    let mut next_barrier = 0;
    let mut i = 0;
    while i < items.len() {
        let Some(starting) = index.rules_starting_at(&items[i]) else {
            i += 1;
            continue;
        };
        if next_barrier < i {
            next_barrier = i;
        }
        let horizon = (i + longest).min(items.len());
        while next_barrier < horizon && !is_barrier(&items[next_barrier]) {
            next_barrier += 1;
        }
        let reach = next_barrier.min(horizon) - i;
        let mut best: Option<(usize, Frame, u16, (usize, usize))> = None;
        let number_fits = match items[i].kind {
            ItemKind::Number(_) => index.number_fits(pack, &items[i]),
            _ => u64::MAX,
        };
        let followed_by = index.rules_followed_by(pack, items.get(i + 1), &mut scratch);
        // Rule ids in ascending order, as ties go to the earlier rule.
        let candidates = starting
            .iter()
            .zip(followed_by)
            .enumerate()
            .flat_map(|(k, (&a, &b))| set_bits(a & b).map(move |bit| k * 64 + bit));
        for r in candidates {
            let ri = r as u16;
            if usize::from(index.min_len[r]) > reach
                || (number_fits != u64::MAX && index.number_first[r] & number_fits == 0)
                || !index.may_start(pack, ri, &items, i)
            {
                continue;
            }
            let rule = &pack.rules[ri as usize];
            let to_beat = best.as_ref().map(|(e, _, _, _)| *e);
            match_rule(pack, rule, &items, i, to_beat, &mut path, &mut attempt);
            if let Some((end, frame, lead)) = attempt.take() {
                // Longest wins; on a tie the earlier rule, unless the later one is a blocking
                // rule (ages, money): those exist to win ties.
                let blocks = frame.reject == Some(true);
                if best.as_ref().is_none_or(|(e, f, _, _)| {
                    end > *e || (end == *e && blocks && f.reject.is_none())
                }) {
                    best = Some((end, frame, ri, lead));
                }
            }
        }
        match best {
            Some((end, frame, ri, (lead, trail))) if end > i => {
                // Trailing context is left for the next match: the constituent ends before it.
                let mut end = end - trail.min(end - i - 1);
                // An optional comma a rule allows before a part that did not come ("Christmas,
                // 1990" but "Christmas, the market") is left outside, for what follows.
                while end - i > 1
                    && matches!(items[end - 1].kind, ItemKind::Punct(Some(w)) if Some(w) == comma)
                {
                    end -= 1;
                }
                let lead = lead.min(end - i - 1);
                let first = &items[i + lead];
                let last = &items[end - 1];
                let constituent = Item {
                    start: first.start,
                    end: last.end,
                    first_token: first.first_token,
                    end_token: last.end_token,
                    kind: ItemKind::Constituent {
                        category: pack.rules[ri as usize].category,
                        rule: ri,
                        frame: Box::new(frame),
                    },
                    joined: first.joined,
                    para_start: first.para_start,
                    line_start: first.line_start,
                    capitalized: first.capitalized,
                };
                items[i] = constituent;
                if end > i + 1 {
                    consumed.push((i + 1, end));
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    if !consumed.is_empty() {
        // The ranges are in ascending order and do not overlap.
        let mut ranges = consumed.iter().peekable();
        let mut at = 0;
        items.retain(|_| {
            while ranges.peek().is_some_and(|&&(_, end)| at >= end) {
                ranges.next();
            }
            let keep = ranges.peek().is_none_or(|&&(start, _)| at < start);
            at += 1;
            keep
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn english() -> crate::Tagger {
        crate::Tagger::english()
    }

    /// Texts that exercise most rules: every example of the English pack and the bundled
    /// articles.
    fn sample_texts(pack: &LanguagePack) -> Vec<String> {
        let mut texts: Vec<String> = pack
            .examples()
            .iter()
            .map(|ex| ex.text.replace(['[', ']'], ""))
            .collect();
        for article in [
            include_str!("../../../examples/articles/baku-1990.txt"),
            include_str!("../../../examples/articles/armistice-1918.txt"),
            include_str!("../../../examples/articles/constantinople-1453.txt"),
        ] {
            texts.push(article.to_string());
        }
        texts
    }

    #[test]
    fn a_rejected_span_is_no_part_of_a_larger_expression() -> Result<(), Box<dyn std::error::Error>>
    {
        let lexicon = "MONTH: march = month=3\n";
        let rules = "rule day\n  match: MONTH NUM:day\n  as: @date\n\
                     rule year\n  match: NUM:year\n\
                     rule distance\n  match: NUM:year \"km\"\n  set: reject=true\n\
                     rule in-year\n  match: @date \"of\" @timex\n  stage: 2\n";
        let tagger = crate::Tagger::with_pack(LanguagePack::parse("xx", lexicon, rules)?);
        let anchor = crate::Anchor::from_dct("2025-03-14")?;
        let texts = |s: &str| -> Vec<(String, String)> {
            tagger
                .tag(s, &anchor)
                .into_iter()
                .map(|t| (t.text, t.value.to_string()))
                .collect()
        };
        let one = |text: &str, value: &str| vec![(text.to_string(), value.to_string())];
        assert_eq!(
            texts("march 3 of 1990"),
            one("march 3 of 1990", "1990-03-03")
        );
        assert_eq!(texts("march 3 of 1200 km"), one("march 3", "2025-03-03"));
        Ok(())
    }

    #[test]
    fn a_suffix_after_a_hyphen_counts_only_when_the_pack_lists_it_with_the_hyphen()
    -> Result<(), Box<dyn std::error::Error>> {
        let lexicon = "MONTH: мая may = month=5\nORDINAL_SUFFIX: -го th d\nDECADE_SUFFIX: -е s\n";
        let rules = "rule d\n  match: ORD:day MONTH\nrule decade\n  match: DECADE\n";
        let tagger = crate::Tagger::with_pack(LanguagePack::parse("xx", lexicon, rules)?);
        let anchor = crate::Anchor::from_dct("2025-03-14")?;
        let texts = |s: &str| -> Vec<String> {
            tagger.tag(s, &anchor).into_iter().map(|t| t.text).collect()
        };
        assert_eq!(texts("20-го мая"), ["20-го мая"]);
        assert_eq!(texts("20-ГО мая"), ["20-ГО мая"]);
        assert_eq!(texts("20th may"), ["20th may"]);
        assert_eq!(texts("1990-е"), ["1990-е"]);
        assert_eq!(texts("1990s"), ["1990s"]);
        assert!(texts("20-th may").is_empty());
        assert!(texts("3-d may").is_empty());
        assert!(texts("1990-s").is_empty());
        Ok(())
    }

    #[test]
    fn the_start_check_never_turns_away_a_rule_that_matches() {
        let tagger = english();
        let pack = tagger.pack();
        let index = build_index(pack);
        let mut path = Vec::new();
        let mut attempt = None;
        let mut checked = 0;
        let mut numbers_checked = 0;
        for text in sample_texts(pack) {
            let tokens = tokenize(&text);
            let mut items = items(pack, &text, &tokens, &mut []);
            for stage in &index {
                for i in 0..items.len() {
                    let mut scratch = Vec::new();
                    let starting = stage.rules_starting_at(&items[i]);
                    let followed_by = stage.rules_followed_by(pack, items.get(i + 1), &mut scratch);
                    let has = |set: &[u64], r: usize| set[r / 64] & (1 << (r % 64)) != 0;
                    for (r, rule) in pack.rules.iter().enumerate() {
                        if rule.stage != stage.stage {
                            continue;
                        }
                        let ri = r as u16;
                        match_rule(pack, rule, &items, i, None, &mut path, &mut attempt);
                        if attempt.is_some() {
                            checked += 1;
                            assert!(
                                starting.is_some_and(|s| has(s, r)),
                                "rule {} matches at {:?} in {text:?} but is not among the rules \
                                 that start there",
                                rule.name,
                                &text[items[i].start..]
                            );
                            assert!(
                                has(followed_by, r),
                                "rule {} matches at {:?} in {text:?} but the item after the \
                                 first turned it away",
                                rule.name,
                                &text[items[i].start..]
                            );
                            assert!(
                                stage.may_start(pack, ri, &items, i),
                                "rule {} matches at {:?} in {text:?} but the start check \
                                 turned it away",
                                rule.name,
                                &text[items[i].start..]
                            );
                            if let ItemKind::Number(_) = items[i].kind {
                                numbers_checked += 1;
                                let fits = stage.number_fits(pack, &items[i]);
                                assert!(
                                    stage.number_first[usize::from(ri)] & fits != 0,
                                    "rule {} matches at {:?} in {text:?} but the number check \
                                     turned it away",
                                    rule.name,
                                    &text[items[i].start..]
                                );
                            }
                        }
                    }
                }
                items = run_stage(pack, stage, items);
            }
        }
        assert!(checked > 1000, "only {checked} matches were checked");
        assert!(
            numbers_checked > 300,
            "only {numbers_checked} matches at numbers were checked"
        );
    }

    #[test]
    fn words_no_rule_names_fold_into_one_barrier() -> Result<(), Box<dyn std::error::Error>> {
        let tagger = english();
        let pack = tagger.pack();
        // "was" is a tense cue: the pack knows it, no rule names it.
        let was = pack.word_id("was").ok_or("the English pack knows 'was'")?;
        assert!(!pack.in_rules(was));
        let the = pack.word_id("the").ok_or("the English pack knows 'the'")?;
        assert!(pack.in_rules(the));
        let text = "the crowd was quiet until the curfew";
        let tokens = tokenize(text);
        let found = items(pack, text, &tokens, &mut []);
        let barriers: Vec<&str> = found
            .iter()
            .filter(|it| is_barrier(it))
            .map(|it| &text[it.start..it.end])
            .collect();
        // "crowd was quiet until" (one barrier, "until" included only if no rule names it) and
        // "curfew"; "the" stays a word of its own.
        assert!(barriers.contains(&"curfew"), "{barriers:?}");
        assert!(barriers[0].starts_with("crowd was quiet"), "{barriers:?}");
        assert!(found.iter().any(|it| it.kind == ItemKind::Word(Some(the))));
        assert_eq!(found.iter().filter(|it| is_barrier(it)).count(), 2);
        Ok(())
    }

    #[test]
    fn a_number_fits_a_role_exactly_when_it_contributes_to_it() {
        let tagger = english();
        let pack = tagger.pack();
        let tokens_of = |s: &str| (s.to_string(), tokenize(s));
        for text in [
            "1988",
            "03",
            "3",
            "21st",
            "430",
            "7.30",
            "99999999999",
            "twelve",
        ] {
            let (text, tokens) = tokens_of(text);
            let items = items(pack, &text, &tokens, &mut []);
            let item = &items[0];
            for role in [
                NumRole::Count,
                NumRole::Year,
                NumRole::ShortYear,
                NumRole::AnyYear,
                NumRole::Day,
                NumRole::Month,
                NumRole::Hour,
                NumRole::Minute,
                NumRole::Clock,
                NumRole::CompactClock,
                NumRole::DotClock,
                NumRole::Century,
                NumRole::SpelledYear,
            ] {
                for atom in [Atom::Num(role), Atom::Ord(role)] {
                    assert_eq!(
                        atom_matches(pack, &atom, item),
                        match_atom(pack, &atom, item).is_some(),
                        "{text:?} as {atom:?}"
                    );
                }
            }
        }
        // And what a year contributes is the year.
        let (text, tokens) = tokens_of("1988");
        let items = items(pack, &text, &tokens, &mut []);
        let frame = match_atom(pack, &Atom::Num(NumRole::Year), &items[0]);
        assert_eq!(frame.and_then(|f| f.year), Some(1988));
    }
}
