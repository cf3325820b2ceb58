//! What a number counts and what happened to it.
//!
//! For each number phrase, in order of how tightly English binds them:
//! 1. a head right after the number ("52 dead", "97 arrests", "310 wounded");
//! 2. a trigger right before it ("killed 12", "the wounding of 310", "detained another 20");
//! 3. a verb after what is counted ("52 people were killed", "3,000 protesters rallied"),
//!    skipping an appositive ("52 people, including 10 children, were killed");
//! 4. a phrase after what is counted that says what became of it ("pulled 355 people from
//!    the water"), or a toll phrase a few words before ("the death toll rose to 61");
//! 5. a list neighbour: a category carries forward through a list ("the destruction of 40
//!    homes and shops, 12 vehicles") and backward from a verb after the last item
//!    ("12 soldiers and 3 civilians were killed");
//! 6. the counted noun's own default ("3,000 protesters" are participants).
//!
//! A number followed by a lowercase noun the vocabulary does not know counts something
//! else ("5 letters") and is dropped: precision matters more than recall here, since users
//! sum these figures.

use crate::lexicon::{Class, Entry, Lexicon, Role};
use crate::number::NumPhrase;
use crate::token::{Kind, Token};
use crate::{Bound, Category};

/// Where a category came from, for list inheritance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Head,
    Left,
    Right,
    Toll,
    Inherited,
}

/// A number phrase with what it counts.
#[derive(Debug, Clone)]
pub(crate) struct Attached {
    pub category: Option<(Category, Source)>,
    /// Token range of the counted noun phrase.
    pub counted: Option<(usize, usize)>,
    /// Category the counted noun implies.
    pub default: Option<Category>,
    /// One past the figure's last token (number, counted phrase or head).
    pub tail: usize,
    /// One past the verb that categorised it, when that verb follows the figure
    /// ("1.2m people had fled"): lists continue from there.
    pub reach: usize,
    /// "12,000 more": what is counted is the previous figure's noun.
    pub elided: bool,
    /// Followed by a noun we do not know: counts something else.
    pub unknown: bool,
    /// A qualifier after the counted noun ("52 people or more").
    pub bound: Option<Bound>,
}

pub(crate) struct Attacher<'a> {
    pub lex: &'a Lexicon,
    pub toks: &'a [Token],
    pub text: &'a str,
}

/// Most modifiers between a number and its noun ("52 unarmed Palestinian civilians").
const MAX_MODIFIERS: usize = 3;
/// How far back a toll phrase reaches.
const TOLL_WINDOW: usize = 16;

/// How many words a place after a count may have, for [`Attacher::parallel_place`].
const PLACE_WORDS: usize = 4;

impl Attacher<'_> {
    fn entries(&self, i: usize) -> impl Iterator<Item = (&Entry, usize)> + '_ {
        self.lex.at(self.toks, i)
    }

    fn is(&self, i: usize, class: Class) -> bool {
        self.lex.is(self.toks, i, class)
    }

    fn word(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.text(self.text).eq_ignore_ascii_case(w))
    }

    fn quote(&self, i: usize) -> bool {
        ["\"", "“", "”", "'", "‘", "’"]
            .iter()
            .any(|q| self.punct(i, q))
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.text(self.text) == p)
    }

    fn trigger(&self, i: usize, roles: &[Role]) -> Option<(Category, usize)> {
        // "200 rallies were held": right after a number, the events counted.
        if self.is(i, Class::EventNoun) && i > 0 && self.is_number_word(i - 1) {
            return None;
        }
        self.entries(i).find_map(|(e, n)| match e {
            Entry::Trigger(c, r) if roles.contains(r) => Some((*c, n)),
            _ => None,
        })
    }

    /// Whether the token at `i` is a number: digits or a number word ("two hundred").
    fn is_number_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
            || self.entries(i).any(|(e, _)| {
                matches!(
                    e,
                    Entry::Atom(_) | Entry::Scale(_) | Entry::Vague(_) | Entry::Suffix(_)
                )
            })
    }

    /// Whether the counted phrase `[start, end)` ends in a noun for things ("villages",
    /// "armoured vehicles"), not people.
    pub fn counts_things(&self, (start, end): (usize, usize)) -> bool {
        (start..end).any(|k| {
            self.counted_at(k)
                .is_some_and(|(n, human, _)| !human && k + n == end)
        })
    }

    /// Whether the counted phrase `[start, end)` ends in a noun for people ("pilgrims",
    /// "civilians").
    pub fn counts_people(&self, (start, end): (usize, usize)) -> bool {
        (start..end).any(|k| {
            self.counted_at(k)
                .is_some_and(|(n, human, _)| human && k + n == end)
        })
    }

    /// Whether the counted phrase `[start, end)` ends in a noun for people held captive
    /// ("hostages", "political prisoners").
    pub fn counts_captives(&self, (start, end): (usize, usize)) -> bool {
        (start..end).any(|k| {
            self.entries(k)
                .any(|(e, n)| *e == Entry::Word(Class::Captive) && k + n == end)
        })
    }

    fn counted_at(&self, i: usize) -> Option<(usize, bool, Option<Category>)> {
        // A capitalised thing inside a sentence is a name ("two House of Lords members").
        let name = i > 0
            && !self.sentence_stop(i - 1)
            && self.toks.get(i).is_some_and(|t| {
                t.text(self.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            });
        self.entries(i).find_map(|(e, n)| match e {
            Entry::Counted { human, default } if *human || !name => Some((n, *human, *default)),
            _ => None,
        })
    }

    /// A capitalised plural that looks like a people's name ("Palestinians", "Iraqis",
    /// "Kurds", "Turks"), not a place or title ("Seven Pines", "the Three Alls").
    fn proper_plural(&self, i: usize) -> bool {
        const ENDINGS: [&str; 6] = ["ans", "is", "ds", "ks", "hs", "ers"];
        i > 0
            && self.toks.get(i).is_some_and(|t| {
                let w = t.text(self.text);
                t.kind == Kind::Word
                    && w.len() > 3
                    && ENDINGS.iter().any(|e| w.ends_with(e))
                    && w.chars().next().is_some_and(char::is_uppercase)
            })
            && !self.is(i, Class::Month)
            && !self.titled_number_before(i)
    }

    /// A capitalised number word inside a sentence ("at Five Forks") starts a name.
    fn titled_number_before(&self, i: usize) -> bool {
        (i.saturating_sub(4)..i).any(|j| {
            let capital = self.toks.get(j).is_some_and(|t| {
                t.kind == Kind::Word
                    && t.text(self.text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            });
            let number = self
                .entries(j)
                .any(|(e, _)| matches!(e, Entry::Atom(_) | Entry::Scale(_)));
            let sentence_start = j == 0 || self.sentence_stop(j - 1);
            capital && number && !sentence_start
        })
    }

    fn lowercase_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Word
                && t.text(self.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        })
    }

    /// Could be an adjective before the counted noun.
    fn modifier(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        t.kind == Kind::Word
            && !self.entries(i).any(|(e, _)| {
                matches!(
                    e,
                    Entry::Trigger(..)
                        | Entry::Word(Class::Function | Class::Aux | Class::Unit | Class::Month)
                        | Entry::Atom(_)
                        | Entry::Scale(_)
                        | Entry::Vague(_)
                )
            })
    }

    /// The counted noun phrase starting at `i`: range, human, default category.
    pub fn counted(&self, i: usize) -> Option<(usize, usize, Option<Category>)> {
        let (start, end, default) = self.counted_head(i)?;
        Some((start, self.coordinated(end), default))
    }

    /// Modifiers and a head noun, extended over noun compounds ("National Guard troops",
    /// "militant commanders").
    fn counted_head(&self, i: usize) -> Option<(usize, usize, Option<Category>)> {
        let (start, mut end, mut default) = self.simple_head(i)?;
        let trigger = |i: usize| {
            self.entries(i)
                .any(|(e, _)| matches!(e, Entry::Trigger(..)))
        };
        // Only a singular noun modifies another ("militant commanders", not "Americans home").
        let plural = |end: usize| {
            end.checked_sub(1)
                .and_then(|l| self.toks.get(l))
                .is_some_and(|t| t.text(self.text).ends_with('s'))
        };
        while let Some((_, e, d)) = self.simple_head(end).filter(|_| {
            !plural(end) && !trigger(end) && (self.modifier(end) || self.counted_at(end).is_some())
        }) {
            end = e;
            default = d.or(default);
        }
        Some((start, end, default))
    }

    fn simple_head(&self, i: usize) -> Option<(usize, usize, Option<Category>)> {
        let mut k = i;
        let mut modifiers = 0;
        loop {
            if let Some((n, _, default)) = self.counted_at(k) {
                return Some((i, k + n, default));
            }
            if self.proper_plural(k) {
                return Some((i, k + 1, None));
            }
            if self.punct(k, "-") && k > i && self.toks.get(k).is_some_and(|t| !t.space_before) {
                k += 1;
                continue;
            }
            if modifiers < MAX_MODIFIERS && self.modifier(k) {
                modifiers += 1;
                k += 1;
                continue;
            }
            // Coordinated modifiers: "French and allied soldiers".
            if modifiers > 0
                && modifiers < MAX_MODIFIERS
                && self.is(k, Class::Conjunction)
                && self.modifier(k + 1)
            {
                k += 1;
                continue;
            }
            return None;
        }
    }

    /// Extends a counted phrase over "and shops", ", women and children".
    /// A list joined only by commas is not accepted until a conjunction ("and") closes it
    /// ("14 people, hospital officials said" is not a list).
    fn coordinated(&self, end: usize) -> usize {
        let (mut committed, mut cur) = (end, end);
        loop {
            let comma = self.punct(cur, ",");
            let mut k = cur + 1;
            let mut closes = self.is(cur, Class::Conjunction);
            if comma && self.is(k, Class::Conjunction) {
                k += 1;
                closes = true;
            }
            if !(comma || closes) || self.toks.get(k).is_some_and(|t| t.kind == Kind::Num) {
                return committed;
            }
            let trigger = self
                .entries(k)
                .any(|(e, _)| matches!(e, Entry::Trigger(..)));
            let next = (!trigger)
                .then(|| self.counted_head(k).map(|(_, e, _)| e))
                .flatten();
            match next {
                Some(e) => {
                    cur = e;
                    if closes {
                        committed = e;
                    }
                }
                None => return committed,
            }
        }
    }

    /// Attaches the phrase; `prev_end` bounds the backward windows.
    pub fn attach(&self, p: &NumPhrase, prev_end: usize) -> Attached {
        let mut after = p.end;
        if p.vague && self.is(after, Class::Partitive) {
            after += 1;
        }
        // "12 more people": "more" is not what is counted.
        if self.is(after, Class::Additional) && self.counted(after + 1).is_some() {
            after += 1;
        }
        // Partitives: "five of the suspects", "82 of them", "6,000 of its 9,000 houses", "12
        // of 40 passengers" (the whole's own number is read as a figure of its own).
        let mut partitive_them = false;
        if !p.vague && self.is(after, Class::Partitive) {
            let is_num = |i: usize| self.toks.get(i).is_some_and(|t| t.kind == Kind::Num);
            if self.is(after + 1, Class::PartitivePronoun) {
                partitive_them = true;
            } else if self.is(after + 1, Class::Determiner) || is_num(after + 1) {
                let whole = after + usize::from(!is_num(after + 1)) + 1;
                let noun = if is_num(whole) { whole + 1 } else { whole };
                if self.counted(noun).is_some() {
                    after = noun;
                }
            }
        }
        // 'Police detained 210 "rioters"': quotes keep the writer's distance from the noun;
        // it is still what is counted.
        let (after, closing_quote) = match self.counted(after + 1) {
            Some((_, e, _)) if self.quote(after) && self.quote(e) => (after + 1, 1),
            _ => (after, 0),
        };
        let mut out = Attached {
            category: None,
            counted: None,
            default: None,
            tail: p.end,
            reach: 0,
            unknown: false,
            bound: None,
            elided: false,
        };
        // "…and another 400 damaged": the same things as the last count, with what follows
        // still read for what happened.
        out.elided =
            self.counted(after).is_none() && self.ends_phrase(p.start, Class::AdditionalBefore);
        // 1. Head right after the number.
        // A word followed by a colon labels the next number ("Injured: 74 Hospitalized: 6").
        // A counted noun that begins with a trigger word is the noun ("120 rescue workers").
        let counted_longer = |n: usize| {
            self.entries(p.end)
                .any(|(e, m)| matches!(e, Entry::Counted { .. }) && m > n)
        };
        let head = self
            .trigger(p.end, &[Role::Noun, Role::Adj, Role::Verb, Role::Intrans])
            .filter(|&(_, n)| !self.punct(p.end + n, ":") && !counted_longer(n))
            .map(|(c, n)| (c, p.end + n))
            // "210 new arrests", "12 more deaths": a word of addition before the noun.
            .or_else(|| {
                self.is(p.end, Class::Additional)
                    .then(|| self.trigger(p.end + 1, &[Role::Noun]))
                    .flatten()
                    .map(|(c, n)| (c, p.end + 1 + n))
            });
        if p.case_ending {
            // "sayı 61-ə çatdı" (the number reached 61): what follows is not counted.
        } else if let Some((c, tail)) = head {
            // "Two of the wounded later died", "released 41 of the detainees": what a verb
            // says happened to a group's members, rather than what made them the group.
            let verb = self
                .is(p.end, Class::Partitive)
                .then(|| {
                    self.right(tail)
                        .map(|(verb, _)| verb)
                        .or_else(|| self.left(p.start, prev_end))
                })
                .flatten()
                .filter(|&verb| verb != c && verb != Category::Other);
            out.category = Some((verb.unwrap_or(c), Source::Head));
            out.tail = tail;
        } else if partitive_them {
            out.tail = after + 2;
        } else if self.is(after, Class::Additional) && !self.opens_qualifier(after) {
            out.elided = true;
            out.tail = after + 1;
        } else if let Some((s, e, default)) = self.counted(after) {
            // "two passenger trains": a singular noun used as a modifier of something else.
            // A capitalized word after it is a name or a date, not the head ("97 people
            // Monday").
            let last = e.checked_sub(1).and_then(|l| self.toks.get(l));
            let singular = last.is_some_and(|t| !t.text(self.text).ends_with('s'))
                && !self.is(e.saturating_sub(1), Class::IrregularPlural);
            // "1,240 civilian deaths", "300 civilian casualties": the singular noun says who,
            // the noun after it what happened.
            if singular
                && p.value != 1.0
                && let Some((c, n)) = self.trigger(e, &[Role::Noun])
            {
                out.category = Some((c, Source::Head));
                out.counted = Some((s, e));
                out.default = default;
                out.tail = e + n;
                return out;
            }
            if singular
                && p.value != 1.0
                && self.lex.settings.plural_after_numbers
                && self.modifier(e)
                && self.lowercase_word(e)
            {
                out.unknown = true;
                return out;
            }
            out.counted = Some((s, e));
            out.default = default;
            out.tail = e + closing_quote;
        } else if self.lowercase_word(after)
            && self.modifier(after)
            // A past-tense verb is no counted noun: "22 testified", and "an army of 65,000
            // arrived" (but "1,000 armed men" counts men).
            && !(self.past_verb(after)
                && (self.clause_start(p.start) || self.counted(after + 1).is_none()))
        {
            // "Five stewards were injured": a plural noun we do not know, but what only people
            // undergo was done to it, so it names people. (A passive only, perhaps after one
            // auxiliary, "have been taken": not "two chances to prosecute", "one country fell".)
            let passive = self.is(after + 1, Class::Passive)
                || (self.is(after + 1, Class::Aux) && self.is(after + 2, Class::Passive));
            // (Where nouns after numbers are plural: see `singular` above.)
            let plural = !self.lex.settings.plural_after_numbers
                || self
                    .toks
                    .get(after)
                    .is_some_and(|t| t.text(self.text).ends_with('s'));
            if let Some((c, reach)) = self
                .right(after + 1)
                .filter(|(c, _)| passive && plural && c.only_people())
            {
                out.category = Some((c, Source::Right));
                out.counted = Some((after, after + 1));
                out.tail = after + 1;
                out.reach = reach;
                return out;
            }
            out.unknown = true;
            return out;
        }
        if out.category.is_some() {
            return out;
        }
        let post = self.entries(out.tail).find_map(|(e, n)| match e {
            Entry::PostQualifier(b) => Some((*b, n)),
            _ => None,
        });
        if let (Some(_), Some((b, n))) = (out.counted, post) {
            out.bound = Some(b);
            out.tail += n;
        }
        // The whole a share is taken from ("half of the 2,000 residents", "40 of the 476
        // passengers"): counted, but what the sentence says happened is the share's. The
        // whole is what its noun says it is ("two of the 12 detainees": 12 arrested).
        if self.whole_of_share(p.start) {
            let category = out
                .default
                .filter(|_| out.counted.is_some())
                .unwrap_or(Category::Other);
            out.category = Some((category, Source::Left));
            return out;
        }
        // 2. A group named right before ("Among the dead were 6 children").
        if let Some(c) = self.among(p.start) {
            out.category = Some((c, Source::Left));
            // "Of the dead, 31 were children": what the members were is what is counted.
            if out.counted.is_none()
                && self.is(out.tail, Class::Copula)
                && let Some((s, e, default)) = self.counted(out.tail + 1)
            {
                out.counted = Some((s, e));
                out.default = default;
                out.tail = e;
            }
            return out;
        }
        // 2b. Trigger right before.
        if let Some(c) = self.left(p.start, prev_end) {
            out.category = Some((c, Source::Left));
            return out;
        }
        // 3. Verb after what is counted.
        if let Some((c, tail)) = self.right(out.tail) {
            out.category = Some((c, Source::Right));
            if out.counted.is_none() {
                out.tail = tail;
            }
            out.reach = tail;
            return out;
        }
        // 3b. A verb before a first object with no number ("detained the driver and two
        // signal operators"), when no verb follows.
        if let Some(c) = self.left_across_object(p.start, prev_end) {
            out.category = Some((c, Source::Left));
            return out;
        }
        // 3c. What became of them, said after them ("pulled 355 people from the water"); the
        // dead stay dead ("pulled 12 bodies from the rubble").
        if out.default != Some(Category::Killed)
            && let Some((c, n)) = self.trigger(out.tail, &[Role::Outcome])
        {
            out.category = Some((c, Source::Right));
            out.reach = out.tail + n;
            return out;
        }
        // 4. Toll phrase.
        if let Some(c) = self.toll(p.start) {
            out.category = Some((c, Source::Toll));
            return out;
        }
        // 5. A bare number opening a clause and followed by a past-tense verb counts
        // people ("fewer than 100,000 returned", "22 testified").
        if out.counted.is_none() && self.clause_start(p.start) && self.past_verb(p.end) {
            out.default = Some(Category::Other);
        }
        out
    }

    /// Whether a clause starts at `i`: the sentence start, after punctuation, or after a
    /// conjunction.
    fn clause_start(&self, i: usize) -> bool {
        i == 0
            || self.punct(i - 1, ",")
            || self.punct(i - 1, ";")
            || self.sentence_stop(i - 1)
            || self.is(i - 1, Class::ClauseOpener)
    }

    /// A lowercase past-tense verb at `i`, perhaps after "had" or "have".
    fn past_verb(&self, i: usize) -> bool {
        let i = if self.word(i, "had") || self.word(i, "have") {
            i + 1
        } else {
            i
        };
        self.lowercase_word(i)
            && self
                .toks
                .get(i)
                .is_some_and(|t| t.text(self.text).ends_with("ed"))
            && !self.entries(i).any(|(e, _)| {
                matches!(
                    e,
                    Entry::Word(Class::Unit | Class::Function | Class::TimeAfter)
                )
            })
    }

    /// Whether "of them" follows the number ending at `end` ("650,000 of them abroad"): a part
    /// of the count before it.
    pub fn part_of_them(&self, end: usize) -> bool {
        self.is(end, Class::Partitive) && self.is(end + 1, Class::PartitivePronoun)
    }

    /// Whether a phrase of `class` ends right before token `at`.
    fn ends_phrase(&self, at: usize, class: Class) -> bool {
        (1..=3).any(|len| {
            at.checked_sub(len).is_some_and(|s| {
                self.entries(s)
                    .any(|(e, n)| n == len && *e == Entry::Word(class))
            })
        })
    }

    /// "Among the dead were 6 children": the category of the noun after "among the" (a
    /// phrase of class `among`), perhaps followed by a copula (Russian "Среди погибших 6
    /// детей" has none).
    ///
    /// So do "Of the dead, 31 were children" (a phrase of class `among_comma`, then a comma)
    /// and "The dead included 8 foreigners" (a verb of class `inclusion` after the noun).
    fn among(&self, start: usize) -> Option<Category> {
        let before = start.checked_sub(1)?;
        let (noun, phrase) = if self.is(before, Class::Copula) {
            (before.checked_sub(1)?, Some(Class::Among))
        } else if self.punct(before, ",") {
            (before.checked_sub(1)?, Some(Class::AmongComma))
        } else if self.is(before, Class::Inclusion) {
            (before.checked_sub(1)?, None)
        } else {
            (before, Some(Class::Among))
        };
        // "Among the 27 victims were five children": the whole's own count may stand between.
        let whole_count = noun
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .is_some_and(|t| t.kind == Kind::Num);
        let phrase_end = noun - usize::from(whole_count);
        // ("Among the dead, 12 were children" as well as "Of the dead, …".)
        let group_named = |class: Class| {
            self.ends_phrase(phrase_end, class)
                || (class == Class::AmongComma && self.ends_phrase(phrase_end, Class::Among))
        };
        if phrase.is_some_and(|class| !group_named(class)) {
            return None;
        }
        self.entries(noun).find_map(|(e, n)| match e {
            Entry::Trigger(c, _) if n == 1 => Some(*c),
            Entry::Counted {
                default: Some(c), ..
            } if n == 1 => Some(*c),
            // "Among the casualties were 5 police officers": people something happened to,
            // not what the officers' noun implies (deployed).
            Entry::Counted {
                human: true,
                default: None,
            } if n == 1 => Some(Category::Other),
            _ => None,
        })
    }

    fn left(&self, start: usize, floor: usize) -> Option<Category> {
        // Labels: "Injured: 74", "Total dead: 192".
        if start >= floor + 2
            && self.punct(start - 1, ":")
            && let Some((c, _)) = self.trigger(start - 2, &[Role::Noun, Role::Adj, Role::Verb])
        {
            return Some(c);
        }
        let mut k = start;
        let mut saw_of = false;
        for _ in 0..4 {
            if k <= floor {
                return None;
            }
            for len in (1..=4).rev() {
                let Some(s) = k.checked_sub(len) else {
                    continue;
                };
                if s < floor {
                    continue;
                }
                let mut verb = None;
                let mut noun = None;
                for (e, n) in self.entries(s) {
                    match e {
                        Entry::Trigger(c, Role::Verb | Role::Active) if n == len => {
                            verb = verb.or(Some(*c))
                        }
                        Entry::Trigger(c, Role::Noun) if n == len => noun = noun.or(Some(*c)),
                        _ => {}
                    }
                }
                if let (Some(c), false) = (verb, saw_of) {
                    return Some(c);
                }
                if let Some(c) = noun
                    && (saw_of || self.is(k - 1, Class::Partitive))
                {
                    return Some(c);
                }
            }
            // Skip a filler ("another", "a further", "of").
            let filler = (1..=3).rev().find_map(|len| {
                let s = k.checked_sub(len)?;
                (s >= floor
                    && self
                        .entries(s)
                        .any(|(e, n)| n == len && *e == Entry::Word(Class::Filler)))
                .then_some(s)
            });
            match filler {
                Some(s) => {
                    if self.is(s, Class::Partitive) {
                        saw_of = true;
                    }
                    k = s;
                }
                None => return None,
            }
        }
        None
    }

    /// The verb before "the driver and" when the number at `start` follows them: a
    /// determiner, one or two words, a conjunction, with the verb right before the
    /// determiner.
    fn left_across_object(&self, start: usize, floor: usize) -> Option<Category> {
        let and = start.checked_sub(1)?;
        if and <= floor || !self.is(and, Class::Conjunction) {
            return None;
        }
        (1..=2).find_map(|words| {
            let det = and.checked_sub(words + 1)?;
            let plain = (det + 1..and).all(|k| self.modifier(k) || self.counted_at(k).is_some());
            if det <= floor || !self.is(det, Class::Determiner) || !plain {
                return None;
            }
            (1..=3).find_map(|len| {
                let s = det.checked_sub(len)?;
                if s < floor {
                    return None;
                }
                self.entries(s).find_map(|(e, n)| match e {
                    Entry::Trigger(c, Role::Verb | Role::Active) if n == len => Some(*c),
                    _ => None,
                })
            })
        })
    }

    fn right(&self, from: usize) -> Option<(Category, usize)> {
        let mut k = from;
        // Appositive: ", including 10 children," or "(including …)".
        if self.punct(k, ",") && self.is(k + 1, Class::Apposition) {
            let close = (k + 2..k + 16).find(|&m| self.punct(m, ",") || self.sentence_stop(m))?;
            if !self.punct(close, ",") {
                return None;
            }
            k = close + 1;
        } else if self.punct(k, "(") {
            let close = (k + 1..k + 16).find(|&m| self.punct(m, ")") || self.sentence_stop(m))?;
            if !self.punct(close, ")") {
                return None;
            }
            k = close + 1;
        } else if self.punct(k, ",") && self.is(k + 1, Class::Aux) {
            k += 1;
        } else if self.is(k, Class::Conjunction)
            && self.is(k + 1, Class::Determiner)
            && let Some((_, e, _)) = self.counted_head(k + 2)
        {
            // "Five soldiers and a civilian were killed": a second subject with no number of
            // its own shares the verb.
            k = e;
        }
        let mut relative_clause = false;
        for _ in 0..6 {
            if let Some((c, n)) = self.trigger(k, &[Role::Verb, Role::Intrans, Role::Adj]) {
                // "12 soldiers killed 3 civilians": an active verb, not this number's fate.
                let object_follows = self.toks.get(k + n).is_some_and(|t| t.kind == Kind::Num);
                // "soldiers, who captured the airport", "soldiers who killed the villagers":
                // what they did ("killed" is also a head, "52 killed", so a verb form counts).
                let active =
                    relative_clause && self.trigger(k, &[Role::Verb]).is_some_and(|(_, m)| m == n);
                return (!object_follows && !active).then_some((c, k + n));
            }
            if self.is(k, Class::Relative) {
                relative_clause = true;
            } else if self.is(k, Class::Passive) {
                relative_clause = false;
            }
            let aux = self
                .entries(k)
                .find_map(|(e, n)| (*e == Entry::Word(Class::Aux)).then_some(n));
            // Where the verb ends the clause, other words come before it ("5.000 asker
            // bölgeye konuşlandırıldı"); another number or a comma ends the search.
            let verb_final_word = self.lex.settings.verb_final
                && self.toks.get(k).is_some_and(|t| t.kind == Kind::Word);
            match aux {
                Some(n) => k += n,
                None if verb_final_word => k += 1,
                None => return None,
            }
        }
        None
    }

    fn sentence_stop(&self, i: usize) -> bool {
        match self.toks.get(i) {
            None => true,
            Some(t) => {
                t.kind == Kind::Punct && matches!(t.text(self.text), "." | ";" | ":" | "!" | "?")
            }
        }
    }

    /// A toll phrase shortly before; it may reach past other numbers ("the death toll rose
    /// from 52 to 61").
    fn toll(&self, start: usize) -> Option<Category> {
        let lo = start.saturating_sub(TOLL_WINDOW);
        let mut k = start;
        while k > lo {
            k -= 1;
            if self.sentence_stop(k) {
                return None;
            }
            if let Some((c, _)) = self.trigger(k, &[Role::Toll]) {
                return Some(c);
            }
        }
        None
    }

    /// Whether the phrase at `start` follows "put the figure at" and the like, or a part of
    /// what was last counted ("Of those, 600,000 are children": a comma may come between).
    pub fn after_reference(&self, start: usize) -> bool {
        let end = if start > 0 && self.punct(start - 1, ",") {
            start - 1
        } else {
            start
        };
        (1..=4).any(|len| {
            end.checked_sub(len).is_some_and(|s| {
                self.entries(s)
                    .any(|(e, n)| n == len && *e == Entry::Word(Class::Reference))
            })
        })
    }

    /// Whether a phrase of class `class` starts at token `k`.
    pub fn starts(&self, k: usize, class: Class) -> bool {
        self.lex.may_start(self.toks, k, class)
            && self.entries(k).any(|(e, _)| *e == Entry::Word(class))
    }

    /// Whether the phrase at `start` follows "including", "among them" and the like.
    pub fn after_apposition(&self, start: usize) -> bool {
        self.ends_phrase(start, Class::Apposition)
    }

    /// Whether tokens `[from, to)` are exactly a phrase joining two estimates ("to", "or",
    /// Azerbaijani "və ya").
    pub fn alternative(&self, from: usize, to: usize) -> bool {
        to > from
            && self
                .entries(from)
                .any(|(e, n)| n == to - from && *e == Entry::Word(Class::Alternative))
    }

    /// Whether the number at `start` follows a share, a partitive and a determiner, perhaps
    /// with a possessor ("half of the", "a third of its", "70 percent of the city's", "40 of
    /// the", "two of the").
    fn whole_of_share(&self, start: usize) -> bool {
        (1..=4).any(|back| {
            start > back
                && self.is(start - back, Class::Determiner)
                && self.is(start - back - 1, Class::Partitive)
                && (start - back - 1)
                    .checked_sub(1)
                    .is_some_and(|k| self.is(k, Class::Share) || self.is_number_word(k))
                && (start - back + 1..start).all(|k| {
                    self.toks
                        .get(k)
                        .is_some_and(|t| t.kind != Kind::Num && !self.is(k, Class::Partitive))
                        // A possessor, not a clause: "part of a group that holds 525,546
                        // shares" takes no share of them.
                        && !self.is(k, Class::Function)
                })
        })
    }

    /// Whether a qualifier phrase starts at `i` ("more than").
    fn opens_qualifier(&self, i: usize) -> bool {
        self.entries(i)
            .any(|(e, n)| n >= 2 && matches!(e, Entry::Qualifier(_)))
    }

    /// Whether tokens `[from, to)` are a place after one count and connectors before the
    /// next, which has a place of its own at `next_end`: "12 people in Kharkiv and 3 in Sumy",
    /// "40 in Tbilisi, 12 in Batumi". The second count is the same kind of count.
    pub fn parallel_place(&self, from: usize, to: usize, next_end: usize) -> bool {
        if !self.is(from, Class::PlaceLink) || !self.is(next_end, Class::PlaceLink) {
            return false;
        }
        // The place: up to four words, no numbers or punctuation but a dot or a hyphen.
        let mut k = from + 1;
        while k < to
            && k - from <= PLACE_WORDS
            && self
                .toks
                .get(k)
                .is_some_and(|t| t.kind == Kind::Word || self.punct(k, ".") || self.punct(k, "-"))
            && !self.is(k, Class::Connector)
        {
            k += 1;
        }
        k > from + 1 && k < to && self.only_connectors(k, to, false)
    }

    /// Whether a clause ends at `i`, or goes on only with where or when ("in later years").
    pub fn ends_clause_or_places(&self, i: usize) -> bool {
        self.sentence_stop(i) || self.punct(i, ",") || self.is(i, Class::PlaceLink)
    }

    /// Whether tokens `[from, to)` only join list items.
    pub fn only_connectors(&self, from: usize, to: usize, backward: bool) -> bool {
        if to < from || to - from > 6 {
            return false;
        }
        // "11 hostages, of whom 3 were released": what happened to the part is not what
        // happened to the whole, so a partitive never carries a category backward.
        if backward && (from..to).any(|k| self.is(k, Class::PartitivePronoun)) {
            return false;
        }
        let mut k = from;
        while k < to {
            if self.punct(k, ",") || self.punct(k, ";") {
                k += 1;
                continue;
            }
            let n = self.entries(k).find_map(|(e, n)| {
                let ok = *e == Entry::Word(Class::Connector)
                    || (!backward && *e == Entry::Word(Class::Filler));
                (ok && k + n <= to).then_some(n)
            });
            match n {
                Some(n) => k += n,
                None => return false,
            }
        }
        true
    }
}
