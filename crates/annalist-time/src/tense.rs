//! Which way a sentence points in time, for resolving "Friday" or "in March".
//!
//! The cue is the nearest tense-bearing word in the same sentence (a past auxiliary such as
//! "was", a future one such as "will", or a past-tense verb ending such as "-ed"), looked for
//! within a bounded window so the cost stays linear. A verb form counts as twice as far as an
//! auxiliary, unless the expression hangs on it ("ended on March 3"): then it counts as near
//! as one, and the resolver keeps such a day in the past even where news would otherwise read
//! a day soon ahead as a coming deadline. The cue words are language data (`PAST:`,
//! `FUTURE:`, `PAST_SUFFIX:` and `FUTURE_SUFFIX:` in a pack's lexicon), as are the verbs of
//! intent whose infinitive looks ahead (`INTENT:`, `INFINITIVE:`) and the word order
//! (`WORD_ORDER: verb-final`: the verb that ends a date's own clause tells its tense, not the
//! one that ends the clause before). "Until" (`PROSPECT:`) is no cue of
//! its own: "the border was closed until Thursday" looked back. It looks ahead only after a
//! verb that puts something off (`DEFER:`, "postponed until Tuesday") or in a sentence with no
//! other cue ("talks continue until Thursday").

use crate::grammar::UNKNOWN_WORD;
use crate::pack::{LanguagePack, Tense, TenseCue, WordId, WordInfo};
use crate::token::{Token, TokenKind};

/// How many tokens on each side to look at.
const WINDOW: usize = 14;

/// How many words may open a sentence before an expression that still opens it.
const OPENING_WORDS: usize = 3;

/// Sentence number of each token: a new sentence starts after `.`, `!` or `?` followed by a
/// capitalized word, and at every paragraph start.
pub(crate) fn sentence_ids(pack: &LanguagePack, text: &str, tokens: &[Token]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(tokens.len());
    let mut id = 0u32;
    let mut pending = false;
    let mut buf = String::new();
    let bytes = text.as_bytes();
    for (i, t) in tokens.iter().enumerate() {
        if t.para_start && !ids.is_empty() {
            id += 1;
            pending = false;
        } else if pending {
            let first = t.text(text).chars().next();
            if first.is_some_and(|c| c.is_uppercase() || c == '"' || c == '“') || t.line_start {
                id += 1;
            }
            pending = false;
        } else if t.kind == TokenKind::Word
            && bytes.get(t.start).is_some_and(u8::is_ascii_uppercase)
            && i > 0
            && tokens[i - 1].kind == TokenKind::Word
            && bytes.get(tokens[i - 1].end.wrapping_sub(1)) == Some(&b'.')
        {
            // After an abbreviation's full stop ("a.m."), only a word that opens sentences
            // begins one.
            let opens = pack
                .word_id(lowercased(t.text(text), &mut buf))
                .is_some_and(|w| pack.word_info(w).opens_sentence);
            if opens {
                id += 1;
            }
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
    /// The cue is a verb of saying ("said", `REPORTING:` words): the expression may belong to
    /// what was said ("said it is calling for the redemption on Dec. 7") rather than to
    /// the saying.
    pub reporting: bool,
}

/// The tokens of a chunk with what the pack knows of each word. The item builder
/// (`grammar::items`) looks every word up anyway and records its id here, so the cues around
/// an expression cost an array read each rather than a lowercasing and a hash lookup (which
/// was a third of the tense look's cost).
pub(crate) struct Words<'a> {
    pack: &'a LanguagePack,
    text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [u32],
    /// Per token: `NOT_LOOKED_UP`, `UNKNOWN_WORD`, or the word's id.
    ids: Vec<WordId>,
    buf: String,
}

/// What a token's slot in [`Words`] holds before its word is looked up.
pub(crate) const NOT_LOOKED_UP: WordId = WordId::MAX;

impl<'a> Words<'a> {
    /// `ids` holds a slot per token: the word ids `grammar::items` recorded, else
    /// [`NOT_LOOKED_UP`].
    pub(crate) fn new(
        pack: &'a LanguagePack,
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [u32],
        ids: Vec<WordId>,
    ) -> Words<'a> {
        Words {
            pack,
            text,
            tokens,
            sentences,
            ids,
            buf: String::new(),
        }
    }

    /// What the pack knows of token `i` if it is a word, looked up in lowercase.
    fn info(&mut self, i: usize) -> Option<&'a WordInfo> {
        let pack = self.pack;
        self.id(i).map(|id| pack.word_info(id))
    }

    /// The pack's id of token `i` if it is a word the pack knows, looked up in lowercase.
    fn id(&mut self, i: usize) -> Option<WordId> {
        let slot = self.ids.get_mut(i)?;
        if *slot == NOT_LOOKED_UP {
            let t = &self.tokens[i];
            *slot = if t.kind == TokenKind::Word {
                self.pack
                    .word_id(lowercased(t.text(self.text), &mut self.buf))
                    .unwrap_or(UNKNOWN_WORD)
            } else {
                UNKNOWN_WORD
            };
        }
        match *slot {
            UNKNOWN_WORD => None,
            id => Some(id),
        }
    }

    /// The tense cue token `i` gives, if any: what the pack says of the word, else a past or
    /// future suffix on a word it does not know.
    fn cue(&mut self, i: usize) -> Option<TenseCue> {
        let tokens = self.tokens;
        let t = tokens.get(i)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        if let Some(info) = self.info(i) {
            if info.tense.is_some() {
                return info.tense;
            }
            if !info.entries.is_empty() || info.number.is_some() {
                return None;
            }
        }
        // (Suffixes are compared without lowercasing an ASCII word: most words end in none.
        // Others are folded as the suffixes were, so that "yapıldı" ends in "dı".)
        let mut word = t.text(self.text);
        if !word.is_ascii() {
            self.buf.clear();
            self.buf
                .extend(word.chars().flat_map(crate::pack::fold_char));
            word = &self.buf;
        }
        let ends_in = |suffixes: &[String]| {
            suffixes.iter().any(|s| {
                word.len()
                    .checked_sub(s.len())
                    .and_then(|at| word.get(at..))
                    .is_some_and(|end| end.eq_ignore_ascii_case(s))
            }) && word.chars().count() > 4
        };
        let tense = if ends_in(&self.pack.past_suffixes) {
            Tense::Past
        } else if ends_in(&self.pack.future_suffixes) {
            Tense::Future
        } else {
            return None;
        };
        Some(TenseCue {
            tense,
            strong: false,
            also_a_noun: false,
        })
    }

    /// Whether the expression at `first` names the period a figure was measured for: "the
    /// figures for the July-September quarter will be released on Thursday" are figures for
    /// a quarter that has ended.
    fn measured_period(&mut self, first: usize) -> bool {
        let mut k = first;
        if k > 0 && self.is(k - 1, |w| w.determiner) {
            k -= 1;
        }
        k >= 2 && self.is(k - 1, |w| w.measured_link) && self.is(k - 2, |w| w.measured)
    }

    /// Whether token `i` is a word the pack knows with the property `has`.
    fn is(&mut self, i: usize, has: impl Fn(&WordInfo) -> bool) -> bool {
        self.info(i).is_some_and(has)
    }

    /// The tense cue nearest to the token span `[first, end)`, within its sentence.
    pub(crate) fn tense_near(&mut self, first: usize, end: usize) -> Option<NearTense> {
        let (text, tokens, sentences) = (self.text, self.tokens, self.sentences);
        let sid = sentences.get(first).copied()?;
        if is_possessive(self.pack, text, tokens, end) || self.measured_period(first) {
            return Some(NearTense {
                tense: Tense::Past,
                attached: false,
                reporting: false,
            });
        }
        // The best cue is the nearest, where a verb form counts as twice as far as an
        // auxiliary: in "would appeal the decision, announced Wednesday" the adjacent
        // "announced" wins.
        let mut best: Option<(usize, Tense, usize)> = None;
        // A clause after a comma governs an expression that opens the sentence ("On Tuesday,
        // the council will vote") but not one that ends the clause before it ("should end by
        // May, officials said"): there the right-hand look stops at the comma. An expression
        // opens the sentence after up to three words ("On Tuesday,", "As of March 1,", "Two days
        // before Christmas,"), where the first days of a range or list that shares its month
        // do not count: their numbers, and a comma before a number, are free ("On 9 and 11
        // March,", "From 9-11 March,", "On 4, 5 and 6 March,").
        let starts_at = |i: usize| i == 0 || sentences.get(i - 1) != Some(&sid);
        let opening_token = |t: &Token| {
            matches!(t.kind, TokenKind::Word | TokenKind::Number)
                || t.kind == TokenKind::Punct && matches!(t.text(text), "-" | "–" | "—")
        };
        // The days of a list ("On 4, 5 and 6 March,") are one end: their numbers and commas
        // do not count as words.
        let list_token = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Number
                    || t.kind == TokenKind::Punct
                        && t.text(text) == ","
                        && tokens
                            .get(k + 1)
                            .is_some_and(|n| n.kind == TokenKind::Number)
            })
        };
        let opens_sentence = {
            let mut k = first;
            let mut words = 0;
            while k > 0 && !starts_at(k) {
                if !list_token(k - 1) {
                    if words == OPENING_WORDS || !opening_token(&tokens[k - 1]) {
                        break;
                    }
                    words += 1;
                }
                k -= 1;
            }
            starts_at(k)
        };
        let mut right_open = true;
        // Where the verb ends its clause, the clause before a comma is another one's: "Cümə
        // günü mitinq keçirildi, şənbə günü konfrans olacaq" (a rally was held on Friday, a
        // conference will be on Saturday).
        let mut left_open = true;
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
                if (!left && !right_open) || (left && !left_open) {
                    continue;
                }
                if left && self.pack.verb_final && t.kind == TokenKind::Punct && t.text(text) == ","
                {
                    left_open = false;
                    continue;
                }
                // "Walked off the job at 6 a.m. on Tuesday and say they will stay out": the
                // clause after "and" is another one's, unless a time goes on ("on Monday and
                // Tuesday").
                if !left && !opens_sentence && self.is(i, |w| w.clause_link) && !self.goes_on(i + 1)
                {
                    right_open = false;
                    continue;
                }
                if !left && !opens_sentence && t.kind == TokenKind::Punct && t.text(text) == "," {
                    right_open = false;
                    continue;
                }
                // "agreed to buy the line in February", "has decided to admit them in early
                // March": what an intent looks ahead to, whatever the tense of the intent.
                if left && i > 0 && self.is(i, |w| w.infinitive) && self.is(i - 1, |w| w.intent) {
                    let score = 2 * d + 1;
                    if best.is_none_or(|(s, _, _)| score < s) {
                        best = Some((score, Tense::Future, i));
                    }
                    continue;
                }
                // "postponed until Tuesday", "extended its deadline until Friday", "moved to
                // June": a day that something was put off to lies ahead, as an auxiliary says.
                let links =
                    |w: &WordInfo| w.prospect || w.defer_link || (d == 1 && w.defer_adjacent);
                if left && self.is(i, links) && self.puts_off(i) {
                    if best.is_none_or(|(s, _, _)| d < s) {
                        best = Some((d, Tense::Future, i));
                    }
                    continue;
                }
                // "The deadline is Friday", "the summit is on Tuesday": a day in the
                // calendar ahead.
                if left && self.is(i, |w| w.copula) && self.hangs_on(i, first) {
                    if best.is_none_or(|(s, _, _)| d < s) {
                        best = Some((d, Tense::Future, i));
                    }
                    continue;
                }
                if let Some(c) = self.cue(i) {
                    // "no earlier than June 30": a comparison, not a tense.
                    if self.is(i + 1, |w| w.comparative) {
                        continue;
                    }
                    // A verb form after a determiner is an adjective ("the reduced
                    // dividend"), after "be" or "to" a participle or infinitive: not a tense.
                    if !c.strong && i > 0 && self.is(i - 1, |w| w.tense_neutral) {
                        continue;
                    }
                    // "announced the plan Aug. 21", "announced plans in September": a noun,
                    // not "plans to". (After a full verb, "announced plans"; not after an
                    // auxiliary, "were planning".)
                    if c.also_a_noun
                        && i > 0
                        && (self.is(i - 1, |w| w.determiner)
                            || self.cue(i - 1).is_some_and(|c| !c.strong))
                    {
                        continue;
                    }
                    // A present form after an auxiliary takes its tense from it: "the shops
                    // were open on Sunday", "did not go on Sunday".
                    if !c.strong && c.also_a_noun && i > 0 {
                        let before = if i > 1 && self.is(i - 1, |w| w.negation) {
                            i - 2
                        } else {
                            i - 1
                        };
                        if self.cue(before).is_some() {
                            continue;
                        }
                    }
                    // A verb the expression hangs on ("ended in October", "was killed
                    // Friday") tells as much as an auxiliary: "the talks that ended in October
                    // are to resume" ended in the past.
                    let attached = left && self.hangs_on(i, first);
                    let score = if c.strong || attached { d } else { 2 * d + 1 };
                    let tense =
                        if c.tense == Tense::Future && i > 0 && self.is(i - 1, |w| w.perfect) {
                            Tense::Past
                        } else if c.tense == Tense::Past
                            && c.strong
                            && self
                                .cue(i + 1)
                                .is_some_and(|c| c.tense == Tense::Future && c.strong)
                        {
                            // "were planning to drive around the airport on Monday", "was
                            // scheduled for Friday": a plan told in the past still looks ahead.
                            // ("Were open on Sunday" is no plan.)
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
        if best.is_none() && first > 0 && self.is(first - 1, |w| w.prospect) {
            // "Talks continue until Thursday": with no tense in the sentence, a state that
            // lasts until a day looks ahead to it. (With one, the tense decides: "the border
            // was closed until Thursday" is last Thursday.)
            return Some(NearTense {
                tense: Tense::Future,
                attached: false,
                reporting: false,
            });
        }
        best.map(|(_, tense, at)| NearTense {
            tense,
            attached: self.hangs_on(at, first),
            reporting: self.is(at, |w| w.reporting),
        })
    }

    /// Whether the cue at token `at` is the word the expression starting at token `first`
    /// hangs on: right before it, or with one word between that is not an infinitive marker
    /// ("ended on March 3", not "extended to Nov. 16").
    fn hangs_on(&mut self, at: usize, first: usize) -> bool {
        at + 1 == first
            || (at + 2 == first
                && self.tokens[at + 1].kind == TokenKind::Word
                && !self.is(at + 1, |w| w.infinitive))
    }

    /// Whether a verb that puts something off (`DEFER:` words) stands a few tokens before the
    /// token at `at`, in its sentence.
    fn puts_off(&mut self, at: usize) -> bool {
        (at.saturating_sub(DEFER_REACH)..at)
            .filter(|&k| self.sentences.get(k) == self.sentences.get(at))
            .any(|k| self.is(k, |w| w.defer))
    }

    /// Whether the token before `first` looks back from what follows (`RETROSPECT:` words,
    /// "since").
    pub(crate) fn follows_retrospect(&mut self, first: usize) -> bool {
        first > 0 && self.is(first - 1, |w| w.retrospect)
    }

    /// Whether the expression at token `first` is where something began: a `RETROSPECT:`
    /// word ("since") stands before it in its clause, right before it ("since Sept. 6") or a
    /// few words back ("since the rains began on Sept. 6"), or a `BEGIN:` verb right after a
    /// `RELATIVE:` word does ("the war, which broke out in April 2023, has killed…"; "broke
    /// out" is a `BEGIN_LINK:` word after a `BEGIN_LEAD:` one). (Not a verb of beginning
    /// alone: in "the assault began late on February 25, and by the morning of February 26
    /// the town had fallen", the assault is on the 25th.)
    pub(crate) fn in_retrospect_clause(&mut self, first: usize) -> bool {
        self.opened_in_clause(first, |w, k| {
            let relative_before = |w: &mut Self, at: usize| at > 0 && w.is(at - 1, |i| i.relative);
            w.is(k, |i| i.retrospect)
                || (w.is(k, |i| i.begins) && relative_before(w, k))
                || (w.pair_ends_at(k, |i| i.begins_lead, |i| i.begins_link)
                    && relative_before(w, k - 1))
        })
    }

    /// Whether the expression at token `first` is the other side of a comparison: a
    /// `COMPARISON:` word ("compared", "versus"), a `COMPARISON_APART:` word not right before
    /// it nor right after a `COMPARISON_BOUND:` one ("than" in "higher than the whole of
    /// 2025", not in "more than four decades ago" nor "more than 40 years ago in a rally
    /// Saturday"), or a `COMPARISON_LINK:` word after a `COMPARISON_LEAD:` one ("up from"),
    /// stands before it in its clause.
    pub(crate) fn in_comparison_clause(&mut self, first: usize) -> bool {
        self.opened_in_clause(first, |w, k| {
            w.is(k, |i| i.comparison)
                || (k + 1 < first
                    && w.is(k, |i| i.comparison_apart)
                    && !(k > 0 && w.is(k - 1, |i| i.comparison_bound)))
                || w.pair_ends_at(k, |i| i.comparison_lead, |i| i.comparison_link)
        })
    }

    /// Whether token `k` is a `link` word right after a `lead` word ("out" in "broke out",
    /// "from" in "up from").
    fn pair_ends_at(
        &mut self,
        k: usize,
        lead: impl Fn(&WordInfo) -> bool,
        link: impl Fn(&WordInfo) -> bool,
    ) -> bool {
        k > 0 && self.is(k, link) && self.is(k - 1, lead)
    }

    /// Whether a token for which `opens` holds stands before token `first` in its clause,
    /// within `RETROSPECT_REACH` tokens. A comma, a semicolon, a colon, a dash or a bracket
    /// ends the clause; so does the sentence.
    fn opened_in_clause(&mut self, first: usize, opens: impl Fn(&mut Self, usize) -> bool) -> bool {
        let (text, tokens, sentences) = (self.text, self.tokens, self.sentences);
        let Some(sid) = sentences.get(first).copied() else {
            return false;
        };
        for k in (first.saturating_sub(RETROSPECT_REACH)..first).rev() {
            let Some(tok) = tokens.get(k) else {
                return false;
            };
            if sentences.get(k) != Some(&sid) {
                return false;
            }
            if tok.kind == TokenKind::Punct
                && matches!(
                    tok.text(text),
                    "," | ";" | ":" | "-" | "–" | "—" | "(" | ")"
                )
            {
                return false;
            }
            if opens(self, k) {
                return true;
            }
        }
        false
    }

    /// Whether the expression ending before token `end` is a possessive ("Tuesday's
    /// bombing"): it names a thing, not when the sentence's news happened.
    pub(crate) fn possessive(&self, end: usize) -> bool {
        is_possessive(self.pack, self.text, self.tokens, end)
    }

    /// Whether the sentence of token `first` is told in the present perfect: a
    /// `PRESENT_PERFECT:` word ("has", "have") stands within `PRESENT_PERFECT_REACH` tokens
    /// of it.
    pub(crate) fn in_present_perfect(&mut self, first: usize) -> bool {
        let sentences = self.sentences;
        let Some(sid) = sentences.get(first).copied() else {
            return false;
        };
        let from = first.saturating_sub(PRESENT_PERFECT_REACH);
        let to = (first + PRESENT_PERFECT_REACH).min(sentences.len());
        (from..to).any(|k| sentences.get(k) == Some(&sid) && self.is(k, |w| w.present_perfect))
    }

    /// Whether the expression on tokens `[first, end)` tells what happens as a rule: a
    /// `HABITUAL:` word ("usually") stands before it in its clause, or a recurring expression
    /// (`sets`, token spans such as "daily", "every year") on either side, within
    /// `HABIT_REACH` tokens. "The museum is open daily from 10 a.m.", "the ceremony takes
    /// place every year on the second Sunday of November": no particular day. A comma, a
    /// semicolon, a colon, a dash or a bracket ends the clause, so "the museum, which opened
    /// in March, is open daily" keeps its March, unless a recurring expression stands right
    /// before the comma ("twice a year, in March") or opens the sentence with it ("Every
    /// Saturday morning, a bus leaves at 8:30"). A word of habit after the expression is
    /// about something else ("the charge on July 3 is usually seen as…"). A recurring word
    /// that describes the noun after it ("the daily share turnover for October", "the party
    /// daily Granma") is no habit of the clause, and neither is a day of a month
    /// (`names_a_day`) that bounds a series (`SERIES_BOUND:` words, "departing each Thursday
    /// from August 6"), nor anything a habit has held since (`RETROSPECT:` words, "every
    /// Friday since mid-September").
    pub(crate) fn in_habitual_clause(
        &mut self,
        first: usize,
        end: usize,
        sets: &[(usize, usize)],
        names_a_day: bool,
    ) -> bool {
        if names_a_day && first > 0 && self.is(first - 1, |w| w.series_bound) {
            return false;
        }
        // "Protests have been held every Friday since mid-September": a habit's start is a
        // particular time, whatever it is.
        if first > 0 && self.is(first - 1, |w| w.retrospect) {
            return false;
        }
        let left = (first.saturating_sub(HABIT_REACH)..first).rev();
        let right = end..end.saturating_add(HABIT_REACH);
        self.habit_in(first, left, sets, true)
            || self.habit_in(first, right, sets, false)
            || self.under_opening_set(first, sets)
    }

    /// Whether the sentence of token `first` opens with a recurring expression and a comma
    /// that govern it ("Every year, the fair opens in June and closes in August"), with no
    /// semicolon or colon between, within `OPENING_SET_REACH` tokens.
    fn under_opening_set(&self, first: usize, sets: &[(usize, usize)]) -> bool {
        let Some(&sid) = self.sentences.get(first) else {
            return false;
        };
        let Some((s, e)) = last_set_before(sets, first) else {
            return false;
        };
        let opens = s == 0 || self.sentences.get(s - 1) != Some(&sid);
        let comma = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.kind == TokenKind::Punct && t.text(self.text) == ",")
        };
        opens
            && comma(e)
            && first > e
            && first - e <= OPENING_SET_REACH
            && self.sentences.get(e) == Some(&sid)
            && (e..first).all(|k| {
                self.tokens.get(k).is_none_or(|t| {
                    t.kind != TokenKind::Punct || !matches!(t.text(self.text), ";" | ":")
                })
            })
    }

    /// Whether a word of habit (`words`: also `HABITUAL:` words) or a recurring expression
    /// (`sets`, token spans in text order) stands on the tokens `ks`, walked away from the
    /// expression at `first` until its clause ends.
    fn habit_in(
        &mut self,
        first: usize,
        ks: impl Iterator<Item = usize>,
        sets: &[(usize, usize)],
        words: bool,
    ) -> bool {
        let (text, tokens, sentences) = (self.text, self.tokens, self.sentences);
        let Some(sid) = sentences.get(first).copied() else {
            return false;
        };
        for k in ks {
            let Some(tok) = tokens.get(k) else { break };
            if sentences.get(k) != Some(&sid) {
                break;
            }
            if tok.kind == TokenKind::Punct {
                let mark = tok.text(text);
                if matches!(mark, "," | ";" | ":" | "-" | "–" | "—" | "(" | ")") {
                    // "Twice a year, in March and September": what comes right after a
                    // recurring expression and its comma names when it recurs.
                    return words
                        && mark == ","
                        && first - k <= SET_APPOSITION
                        && set_ends_at(sets, k);
                }
            }
            if words && self.is(k, |w| w.habitual) {
                return true;
            }
            // `sets` are in text order and do not overlap: the one that could hold `k` is the
            // last to start at or before it.
            let at = sets.partition_point(|&(s, _)| s <= k);
            if let Some(&(s, e)) = at.checked_sub(1).and_then(|i| sets.get(i))
                && (s..e).contains(&k)
                && !(e == s + 1 && self.describes_a_noun(e))
            {
                return true;
            }
        }
        false
    }

    /// Whether token `at` is a word the pack does not know, or a noun it knows as a measured
    /// figure, as the noun a one-word set before it describes is ("daily edition", "daily
    /// figures"), where "daily from 10 a.m." goes on with a word of
    /// the grammar.
    fn describes_a_noun(&mut self, at: usize) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && self.info(at).is_none_or(|w| w.measured)
    }

    /// Whether token `k` may carry a time expression on: a number, or a word some rule names
    /// that is no auxiliary or verb ("pleaded guilty in March and will be sentenced": "will"
    /// begins another clause, though "will last six weeks" is a rule's).
    fn goes_on(&mut self, k: usize) -> bool {
        if self
            .tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Number)
        {
            return true;
        }
        self.id(k).is_some_and(|id| self.pack.in_rules(id))
            && self.info(k).is_none_or(|w| w.tense.is_none())
    }

    /// Whether a word that marks a day as one something happened on ("on") stands before
    /// the token span `[first, end)` or inside it, before its day ("at 11 p.m. on January
    /// 19").
    pub(crate) fn marks_event_day(&mut self, first: usize, end: usize) -> bool {
        (first.saturating_sub(1)..end).any(|k| self.is(k, |w| w.event_day))
    }

    /// Whether token `i` puts what happened before the date that follows ("before").
    pub(crate) fn precedes(&mut self, i: usize) -> bool {
        self.is(i, |w| w.precedes)
    }
}

/// How many tokens before an expression "since", or a word of comparison, may stand and still
/// govern it: "since [the rains began on] Sept. 6" is five, "since [the state of emergency
/// was declared in] late October" eight, "compared with [a loss of $195 million in] the 1988
/// period" six.
const RETROSPECT_REACH: usize = 9;

/// How many tokens from an expression "has" or "have" may stand and still tell its
/// sentence's tense: "Since the start of the year, 37 journalists have been arrested" is 9.
const PRESENT_PERFECT_REACH: usize = 12;

/// How far from an expression a word of habit ("usually") or a recurring expression ("every
/// year") may stand: "open daily from 10 a.m. to 6 p.m." puts 6 p.m. five tokens from "daily".
const HABIT_REACH: usize = 8;

/// The last of `sets` (token spans in text order) to start before token `at`.
fn last_set_before(sets: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    let i = sets.partition_point(|&(s, _)| s < at);
    i.checked_sub(1).and_then(|i| sets.get(i)).copied()
}

/// Whether one of `sets` ends just before token `at`.
fn set_ends_at(sets: &[(usize, usize)], at: usize) -> bool {
    last_set_before(sets, at).is_some_and(|(_, e)| e == at)
}

/// How far into its sentence a recurring expression that opens it still governs: "Every
/// year, the fair opens in June and closes in August" puts August nine tokens after the comma.
const OPENING_SET_REACH: usize = 20;

/// How close after a recurring expression and its comma an expression must stand to tell when
/// it recurs: "twice a year, in March" is two tokens on.
const SET_APPOSITION: usize = 2;

/// How many tokens before "until" a verb that puts something off may stand.
const DEFER_REACH: usize = 10;

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

/// `word` in lowercase: itself when it already is (most words), else copied into `buf`.
fn lowercased<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    buf.clear();
    buf.extend(word.chars().flat_map(crate::pack::fold_char));
    buf
}
