//! Which way a sentence points in time, for resolving "Friday" or "in March".
//!
//! The cue is the nearest tense-bearing word in the same sentence (a past auxiliary such as
//! "was", a future one such as "will", or a past-tense verb ending such as "-ed"), looked for
//! within a bounded window so the cost stays linear. A verb form counts as twice as far as an
//! auxiliary, unless the expression hangs on it ("ended on March 3"): then it counts as near
//! as one, and the resolver keeps such a day in the past even where news would otherwise read
//! a day soon ahead as a coming deadline. The cue words are language data
//! (`PAST:`, `FUTURE:` and `PAST_SUFFIX:` in a pack's lexicon), as are the verbs of intent
//! whose infinitive looks ahead (`INTENT:`, `INFINITIVE:`). "Until" (`PROSPECT:`) is no cue of
//! its own: "the border was closed until Thursday" looked back. It looks ahead only after a
//! verb that puts something off (`DEFER:`, "postponed until Tuesday") or in a sentence with no
//! other cue ("talks continue until Thursday").

use crate::pack::{LanguagePack, Tense, TenseCue, WordInfo};
use crate::token::{Token, TokenKind};

/// How many tokens on each side to look at.
const WINDOW: usize = 14;

/// How many words may open a sentence before an expression that still opens it.
const OPENING_WORDS: usize = 2;

/// Sentence number of each token: a new sentence starts after `.`, `!` or `?` followed by a
/// capitalized word, and at every paragraph start.
pub(crate) fn sentence_ids(text: &str, tokens: &[Token]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(tokens.len());
    let mut id = 0u32;
    let mut pending = false;
    for t in tokens {
        if t.para_start && !ids.is_empty() {
            id += 1;
            pending = false;
        } else if pending {
            let first = t.text(text).chars().next();
            if first.is_some_and(|c| c.is_uppercase() || c == '"' || c == '“') || t.line_start {
                id += 1;
            }
            pending = false;
        }
        ids.push(id);
        if t.kind == TokenKind::Punct && matches!(t.text(text), "." | "!" | "?") {
            pending = true;
        }
    }
    ids
}

/// The tense the sentence gives an expression, and whether its cue is attached to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NearTense {
    /// The nearest cue's tense.
    pub tense: Tense,
    /// The cue is the word right before the expression, or the one before that with a
    /// preposition between that is not an infinitive marker: "ended on March 3", "was killed
    /// Friday", but not "was extended to Nov. 16".
    pub attached: bool,
}

/// The tense cue nearest to the token span `[first, end)`, within its sentence.
pub(crate) fn tense_near(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    sentences: &[u32],
    first: usize,
    end: usize,
) -> Option<NearTense> {
    let sid = sentences.get(first).copied()?;
    if is_possessive(pack, text, tokens, end) {
        return Some(NearTense {
            tense: Tense::Past,
            attached: false,
        });
    }
    let mut buf = String::new();
    // The best cue is the nearest, where a verb form counts as twice as far as an auxiliary:
    // in "would appeal the decision, announced Wednesday" the adjacent "announced" wins.
    let mut best: Option<(usize, Tense, usize)> = None;
    // A clause after a comma governs an expression that opens the sentence ("On Tuesday, the
    // council will vote") but not one that ends the clause before it ("should end by May,
    // officials said"): there the right-hand look stops at the comma.
    // An expression opens the sentence after up to two words ("On Tuesday,", "As of March
    // 1,").
    let starts_at = |i: usize| i == 0 || sentences.get(i - 1) != Some(&sid);
    let opens_sentence = (0..=OPENING_WORDS).any(|n| {
        first.checked_sub(n).is_some_and(|s| {
            starts_at(s) && tokens[s..first].iter().all(|t| t.kind == TokenKind::Word)
        })
    });
    let mut right_open = true;
    for d in 1..=WINDOW {
        if best.is_some_and(|(score, _, _)| score <= d) {
            break;
        }
        // Look left first at equal distance: "was announced Friday" vs "Friday, it will".
        for (left, idx) in [
            (true, first.checked_sub(d)),
            (false, end.checked_add(d - 1)),
        ] {
            let Some(i) = idx else { continue };
            let Some(t) = tokens.get(i) else { continue };
            if sentences.get(i) != Some(&sid) {
                continue;
            }
            if !left && !right_open {
                continue;
            }
            if !left && !opens_sentence && t.kind == TokenKind::Punct && t.text(text) == "," {
                right_open = false;
                continue;
            }
            // One lookup per token: the checks below all read what the pack knows of it.
            let info = word_info(pack, text, t, &mut buf);
            // "agreed to buy the line in February", "has decided to admit them in early
            // March": what an intent looks ahead to, whatever the tense of the intent.
            if left
                && i > 0
                && info.is_some_and(|w| w.infinitive)
                && word_info(pack, text, &tokens[i - 1], &mut buf).is_some_and(|w| w.intent)
            {
                let score = 2 * d + 1;
                if best.is_none_or(|(s, _, _)| score < s) {
                    best = Some((score, Tense::Future, i));
                }
                continue;
            }
            // "postponed until Tuesday", "extended its deadline until Friday": a day that
            // something was put off to lies ahead, as an auxiliary says.
            if left
                && info.is_some_and(|w| w.prospect)
                && puts_off(pack, text, tokens, sentences, i, &mut buf)
            {
                if best.is_none_or(|(s, _, _)| d < s) {
                    best = Some((d, Tense::Future, i));
                }
                continue;
            }
            if let Some(c) = cue_of(pack, info, t.text(text), t.kind, &mut buf) {
                // "no earlier than June 30": a comparison, not a tense.
                if tokens.get(i + 1).is_some_and(|n| {
                    word_info(pack, text, n, &mut buf).is_some_and(|w| w.comparative)
                }) {
                    continue;
                }
                // A verb form after a determiner is an adjective ("the reduced dividend"),
                // after "be" or "to" a participle or infinitive: not a tense.
                if !c.strong && i > 0 && follows_neutral_word(pack, text, &tokens[i - 1], &mut buf)
                {
                    continue;
                }
                // "announced the plan Aug. 21", "announced plans in September": a noun, not
                // "plans to".
                if c.also_a_noun
                    && i > 0
                    && (follows_determiner(pack, text, &tokens[i - 1], &mut buf)
                        || follows_verb(pack, text, &tokens[i - 1], &mut buf))
                {
                    continue;
                }
                // A verb the expression hangs on ("ended in October", "was killed Friday")
                // tells as much as an auxiliary: "the talks that ended in October are to
                // resume" ended in the past.
                let attached = left && hangs_on(pack, text, tokens, i, first, &mut buf);
                let score = if c.strong || attached { d } else { 2 * d + 1 };
                let tense = if c.tense == Tense::Future
                    && i > 0
                    && word_info(pack, text, &tokens[i - 1], &mut buf).is_some_and(|w| w.perfect)
                {
                    Tense::Past
                } else if c.tense == Tense::Past
                    && c.strong
                    && names_a_plan(pack, text, tokens, i, &mut buf)
                {
                    // "were planning to drive around the airport on Monday", "was scheduled
                    // for Friday": a plan told in the past still looks ahead.
                    Tense::Future
                } else {
                    c.tense
                };
                if best.is_none_or(|(s, _, _)| score < s) {
                    best = Some((score, tense, i));
                }
            }
        }
    }
    if best.is_none()
        && let Some(prev) = first.checked_sub(1).and_then(|i| tokens.get(i))
        && word_info(pack, text, prev, &mut buf).is_some_and(|w| w.prospect)
    {
        // "Talks continue until Thursday": with no tense in the sentence, a state that lasts
        // until a day looks ahead to it. (With one, the tense decides: "the border was closed
        // until Thursday" is last Thursday.)
        return Some(NearTense {
            tense: Tense::Future,
            attached: false,
        });
    }
    best.map(|(_, tense, at)| NearTense {
        tense,
        attached: hangs_on(pack, text, tokens, at, first, &mut buf),
    })
}

/// Whether the cue at token `at` is the word the expression starting at token `first` hangs
/// on: right before it, or with one word between that is not an infinitive marker ("ended on
/// March 3", not "extended to Nov. 16").
fn hangs_on(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    at: usize,
    first: usize,
    buf: &mut String,
) -> bool {
    at + 1 == first
        || (at + 2 == first
            && tokens.get(at + 1).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && !word_info(pack, text, t, buf).is_some_and(|w| w.infinitive)
            }))
}

/// How many tokens before "until" a verb that puts something off may stand.
const DEFER_REACH: usize = 6;

/// Whether a verb that puts something off (`DEFER:` words) stands a few tokens before the
/// token at `at`, in its sentence.
fn puts_off(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    sentences: &[u32],
    at: usize,
    buf: &mut String,
) -> bool {
    (at.saturating_sub(DEFER_REACH)..at)
        .filter(|&k| sentences.get(k) == sentences.get(at))
        .filter_map(|k| tokens.get(k))
        .any(|t| word_info(pack, text, t, buf).is_some_and(|w| w.defer))
}

/// Whether the past auxiliary at token `at` carries a verb that points ahead: "were
/// planning", "was scheduled", "was expected".
fn names_a_plan(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    at: usize,
    buf: &mut String,
) -> bool {
    tokens.get(at + 1).is_some_and(|next| {
        cue(pack, next.text(text), next.kind, buf).is_some_and(|c| c.tense == Tense::Future)
    })
}

/// Whether the token before `first` looks back from what follows (`RETROSPECT:` words,
/// "since").
pub(crate) fn follows_retrospect(
    pack: &LanguagePack,
    text: &str,
    tokens: &[Token],
    first: usize,
) -> bool {
    let mut buf = String::new();
    first
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| word_info(pack, text, t, &mut buf).is_some_and(|w| w.retrospect))
}

/// Whether a possessive marker ("'s") follows the token span ending before `end`.
fn is_possessive(pack: &LanguagePack, text: &str, tokens: &[Token], end: usize) -> bool {
    let Some(last) = end.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    let rest = &text[last.end..];
    pack.possessive_markers.iter().any(|m| {
        rest.get(..m.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(m))
            && !rest[m.len()..].starts_with(char::is_alphanumeric)
    })
}

/// What the pack knows of a word token, looked up in lowercase.
fn word_info<'p>(
    pack: &'p LanguagePack,
    text: &str,
    token: &Token,
    buf: &mut String,
) -> Option<&'p WordInfo> {
    if token.kind != TokenKind::Word {
        return None;
    }
    pack.word_id(lowercased(token.text(text), buf))
        .map(|id| pack.word_info(id))
}

/// `word` in lowercase: itself when it already is (most words), else copied into `buf`.
fn lowercased<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    buf.clear();
    buf.extend(word.chars().flat_map(char::to_lowercase));
    buf
}

fn follows_neutral_word(pack: &LanguagePack, text: &str, prev: &Token, buf: &mut String) -> bool {
    word_info(pack, text, prev, buf).is_some_and(|w| w.tense_neutral)
}

fn follows_determiner(pack: &LanguagePack, text: &str, prev: &Token, buf: &mut String) -> bool {
    word_info(pack, text, prev, buf).is_some_and(|w| w.determiner)
}

/// After a full verb ("announced plans"), not after an auxiliary ("were planning").
fn follows_verb(pack: &LanguagePack, text: &str, prev: &Token, buf: &mut String) -> bool {
    cue(pack, prev.text(text), prev.kind, buf).is_some_and(|c| !c.strong)
}

fn cue(pack: &LanguagePack, word: &str, kind: TokenKind, buf: &mut String) -> Option<TenseCue> {
    if kind != TokenKind::Word {
        return None;
    }
    let info = pack
        .word_id(lowercased(word, buf))
        .map(|id| pack.word_info(id));
    cue_of(pack, info, word, kind, buf)
}

/// As [`cue`], with what the pack knows of the word already looked up.
fn cue_of(
    pack: &LanguagePack,
    info: Option<&WordInfo>,
    word: &str,
    kind: TokenKind,
    buf: &mut String,
) -> Option<TenseCue> {
    if kind != TokenKind::Word {
        return None;
    }
    if let Some(info) = info {
        if info.tense.is_some() {
            return info.tense;
        }
        if !info.entries.is_empty() || info.number.is_some() {
            return None;
        }
    }
    let lower = lowercased(word, buf);
    if lower.chars().count() > 4
        && pack
            .past_suffixes
            .iter()
            .any(|s| lower.ends_with(s.as_str()))
    {
        return Some(TenseCue {
            tense: Tense::Past,
            strong: false,
            also_a_noun: false,
        });
    }
    None
}
