//! Built-in language packs, and the pipeline that runs a pack over a text.
//!
//! Each language lives in its own folder (`en/`), as two text files embedded in the binary:
//! `lexicon.txt` (words and what they contribute) and `rules.txt` (patterns, each with
//! examples that run as tests). Adding a language means adding a folder and one function
//! here; the engine does not change.

use std::sync::{Arc, OnceLock};

use crate::frame::Order;
use crate::grammar::{self, ItemKind, StageIndex};
use crate::pack::LanguagePack;
use crate::resolve::{self, AnchorUsed, Context};
use crate::token::{TokenKind, tokenize};
use crate::value::{PartOfDay, TimeOfDay};
use crate::{Anchor, DateOrder, Style, Timex, tense};

/// A language pack with its rule index built.
#[derive(Debug)]
pub struct CompiledPack {
    pub(crate) pack: LanguagePack,
    index: Vec<StageIndex>,
}

impl std::fmt::Debug for StageIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StageIndex({})", self.stage)
    }
}

impl CompiledPack {
    pub(crate) fn new(pack: LanguagePack) -> CompiledPack {
        let index = grammar::build_index(&pack);
        CompiledPack { pack, index }
    }
}

/// English vocabulary.
pub const ENGLISH_LEXICON: &str = include_str!("en/lexicon.txt");
/// English grammar rules with their examples.
pub const ENGLISH_RULES: &str = include_str!("en/rules.txt");

/// Parses the English pack (the built-in one is parsed once and shared).
pub fn parse_english() -> Result<LanguagePack, crate::PackError> {
    LanguagePack::parse("en", ENGLISH_LEXICON, ENGLISH_RULES)
}

pub(crate) fn english() -> Arc<CompiledPack> {
    static PACK: OnceLock<Arc<CompiledPack>> = OnceLock::new();
    PACK.get_or_init(|| {
        // The embedded pack is checked by the test suite; failing here is a build defect,
        // not bad input.
        let pack = parse_english().unwrap_or_else(|e| panic!("built-in English pack: {e}"));
        Arc::new(CompiledPack::new(pack))
    })
    .clone()
}

/// Tagging state carried from one chunk of a document to the next: the anchors, the
/// reference times, and the offsets of the chunk in the whole text.
pub(crate) struct SessionState {
    anchor: Anchor,
    ctx: Context,
    /// Global sentence number of the last explicitly stated date.
    stated_in: Option<u64>,
    /// Global sentence number of the last explicitly stated month or day in a year other than
    /// the DCT's: an anniversary piece telling its story.
    story_in: Option<u64>,
    /// Global sentence number of the last duration of several quarters ("the nine months").
    several_quarters_in: Option<u64>,
    sentence_base: u64,
    byte_base: usize,
    char_base: usize,
    years_old: usize,
    years_all: usize,
    /// Expressions that only make sense from the writer's present ("yesterday", "last week").
    deictic: usize,
    /// Stated years with a month ("March 1988", "3 March 1988"): a table of numbers has none.
    full_dates: usize,
    /// A bare year far from the story's, held back as a likely digression until another year
    /// near it confirms that the story has moved there.
    far_year: Option<i32>,
    /// Evidence for how the document writes numeric dates, month first and day first.
    order_evidence: OrderEvidence,
}

/// What a document's dates so far say about its order of day and month (see
/// [`DateOrder::Auto`]).
#[derive(Clone, Copy, Debug, Default)]
struct OrderEvidence {
    month_first: usize,
    day_first: usize,
}

/// How many dates written out one numeric date that can only be read one way outweighs: a
/// British writer quoting an American form ("9/11") is rarer than an American one writing
/// "the 4th of July".
const NUMERIC_ORDER_WEIGHT: usize = 5;

/// How many dates written out a hint from the document's metadata is worth
/// ([`DateOrder::LikelyDayFirst`]): less than one numeric date of the text, since content
/// systems stamp a default locale on every page.
const HINTED_ORDER_WEIGHT: usize = 3;

impl OrderEvidence {
    /// Counts a date's evidence: a numeric date only when it cannot be read the other way,
    /// a date written out always.
    fn count(&mut self, frame: &crate::frame::Frame) {
        let Some(order) = frame.order else { return };
        let weight = match frame.numeric {
            // Month-first rules win ties, so a day-first numeric date is always unambiguous
            // ("27/03/2015", "20.01.1990"); a month-first one is when its day cannot be a month.
            Some(true) if order == Order::DayFirst || frame.day.is_some_and(|d| d > 12) => {
                NUMERIC_ORDER_WEIGHT
            }
            Some(true) => return,
            _ => 1,
        };
        match order {
            Order::MonthFirst => self.month_first += weight,
            Order::DayFirst => self.day_first += weight,
        }
    }

    /// Whether the evidence, with `hint` for one side, says day first; ties go to month first.
    fn day_first(&self, hint: Option<Order>) -> bool {
        let (month_hint, day_hint) = match hint {
            Some(Order::MonthFirst) => (HINTED_ORDER_WEIGHT, 0),
            Some(Order::DayFirst) => (0, HINTED_ORDER_WEIGHT),
            None => (0, 0),
        };
        self.day_first + day_hint > self.month_first + month_hint
    }
}

/// How many tokens before a date a `PROSPECT` word ("until") may stand.
const PROSPECT_REACH: usize = 6;
/// How far (in years) a bare year may lie from the year a narrative is in before it is taken
/// for an aside ("documents found in 2004", "the largest cavalry battle since 1813") rather
/// than a move of the story.
const DIGRESSION_YEARS: i32 = 25;
/// How many years ahead of the story a month with its year must be to be an aside.
const MONTH_DIGRESSION_YEARS: i32 = 3;

/// What the words around a stated date say about it, for `is_digression`.
#[derive(Clone, Copy)]
struct Surroundings {
    /// It follows a `RETROSPECT` word ("since 513 BC").
    retrospect: bool,
    /// A `PROSPECT` word stands a few words before it ("lasted until … 1945").
    prospect: bool,
    /// A `FLASHBACK` word stands a few words before it ("had invaded Burma in late 1943").
    flashback: bool,
    /// It stands alone in parentheses ("(1790)").
    parenthetical: bool,
    /// It sits between a determiner and a word ("the 1978 Treaty").
    names_a_thing: bool,
}

impl SessionState {
    /// The style the text read as so far: a history narrative or news.
    pub(crate) fn style(&self) -> Style {
        if self.ctx.narrative {
            Style::Narrative
        } else {
            Style::News
        }
    }

    pub(crate) fn new(anchor: &Anchor) -> SessionState {
        SessionState {
            anchor: anchor.clone(),
            ctx: Context {
                dct: anchor.dct.map(|d| d.date()),
                dct_time: anchor
                    .dct
                    .filter(|d| d.time() != jiff::civil::Time::midnight()),
                ..Context::default()
            },
            stated_in: None,
            story_in: None,
            several_quarters_in: None,
            sentence_base: 0,
            byte_base: 0,
            char_base: 0,
            years_old: 0,
            years_all: 0,
            deictic: 0,
            full_dates: 0,
            far_year: None,
            order_evidence: OrderEvidence::default(),
        }
    }

    /// Whether the document writes numeric dates day first.
    fn writes_day_first(&self) -> bool {
        match self.anchor.date_order {
            DateOrder::Auto => self.order_evidence.day_first(None),
            DateOrder::LikelyMonthFirst => self.order_evidence.day_first(Some(Order::MonthFirst)),
            DateOrder::LikelyDayFirst => self.order_evidence.day_first(Some(Order::DayFirst)),
            DateOrder::MonthFirst => false,
            DateOrder::DayFirst => true,
        }
    }

    /// Whether a bare year, in a narrative, is an aside that must not move the story: in a
    /// history of 1920, "documents found in 2004" does not make the next "on 29 August" 2004,
    /// nor does a year in a sentence that looks ahead.
    ///
    /// A second, different far year near the first confirms a real move ("In 1066 … by
    /// 1067 …"; a repeated one does not: "the '99 Boys (Ragazzi del '99)"). A month with its
    /// year is an aside only years ahead of the story, and a day never is. An earlier year
    /// after a `RETROSPECT` word ("since"), and a year in parentheses, are asides however
    /// near.
    fn is_digression(
        &mut self,
        frame: &crate::frame::Frame,
        value: &crate::TimexValue,
        tense: Option<crate::pack::Tense>,
        around: Surroundings,
    ) -> bool {
        use crate::value::YearField::Year;
        let Surroundings {
            retrospect,
            prospect,
            flashback,
            parenthetical,
            names_a_thing,
        } = around;
        if !self.ctx.narrative {
            return false;
        }
        let (Some(Year(year)), Some(Year(story))) = (
            resolve::as_reference(value).map(|v| v.year),
            self.ctx.reference.map(|v| v.year),
        ) else {
            return false;
        };
        // "lasted until the fall of Budapest in February 1945": where something ended, even
        // to the day, while the story stays where it was.
        if prospect && year > story {
            return true;
        }
        if frame.day.is_some() {
            return false;
        }
        // "In November 2008, protesters burned an effigy", in a story of April 2003: a month
        // years ahead is an aside too, unless another far year confirms the move. (Not a
        // month behind: histories look back to explain.)
        if frame.month.is_some() {
            return self.is_far(year, year - story > MONTH_DIGRESSION_YEARS);
        }
        // A year the story looks ahead to is a plan, not where it is: "the road would be open
        // for a campaign planned in 1976" leaves "on 11 March" in 1975.
        if tense == Some(crate::pack::Tense::Future) {
            return true;
        }
        // A year looked back to ("since 513 BC") is where something began, not where the
        // story is.
        if retrospect && year < story {
            return true;
        }
        // "the Civil Constitution of the Clergy (1790)": a year in parentheses annotates a name.
        if parenthetical {
            return true;
        }
        // "complying with the 1978 Treaty of Friendship", "forces that had invaded Burma in
        // late 1943", told of 1979 and of 1944: an earlier year that names a thing, or that a
        // pluperfect looks back to, is not where the story is.
        if (names_a_thing || flashback) && year < story {
            return true;
        }
        self.is_far(year, (year - story).abs() > DIGRESSION_YEARS)
    }

    /// Whether a stated year that is `far` from the story's is an aside: the first far year
    /// is; a second, different one near it confirms a real move. A year near the story
    /// forgets the far one.
    fn is_far(&mut self, year: i32, far: bool) -> bool {
        if !far {
            self.far_year = None;
            return false;
        }
        match self.far_year {
            Some(prev) if prev != year && (year - prev).abs() <= DIGRESSION_YEARS => {
                self.far_year = None;
                false
            }
            _ => {
                self.far_year = Some(year);
                true
            }
        }
    }

    /// Tags the next chunk of the document; offsets in the result count from the start of
    /// the document.
    pub(crate) fn tag_chunk(&mut self, cp: &CompiledPack, text: &str) -> Vec<Timex> {
        let out = self.tag_inner(cp, text);
        self.byte_base += text.len();
        self.char_base += text.chars().count();
        out
    }

    fn tag_inner(&mut self, cp: &CompiledPack, text: &str) -> Vec<Timex> {
        let pack = &cp.pack;
        let tokens = tokenize(text);
        let sentences = tense::sentence_ids(pack, text, &tokens);
        let sentence_base = self.sentence_base;
        self.sentence_base += u64::from(sentences.last().copied().unwrap_or(0)) + 1;
        let mut word_ids = vec![tense::NOT_LOOKED_UP; tokens.len()];
        let mut items = grammar::items(pack, text, &tokens, &mut word_ids);
        for stage in &cp.index {
            items = grammar::run_stage(pack, stage, items);
        }
        let found: Vec<_> = items
            .into_iter()
            .filter_map(|it| match it.kind {
                ItemKind::Constituent {
                    category,
                    rule,
                    frame,
                } if !pack.hidden[category as usize] => {
                    Some((it.start, it.end, it.first_token, it.end_token, rule, frame))
                }
                _ => None,
            })
            .collect();
        if found.is_empty() {
            return Vec::new();
        }
        let dct = self.ctx.dct;
        if let Some(d) = dct {
            let limit = i64::from(d.year()) - 10;
            for y in found.iter().filter_map(|f| f.5.year) {
                self.years_all += 1;
                if y < limit {
                    self.years_old += 1;
                }
            }
        }
        for f in &found {
            self.order_evidence.count(&f.5);
        }
        let day_first = self.writes_day_first();
        self.full_dates += found
            .iter()
            .filter(|f| f.5.year.is_some() && f.5.month.is_some())
            .count();
        self.deictic += found
            .iter()
            .filter(|f| {
                let fr = &f.5;
                // "Now", "current" and "recently" are as common in history as in news: not
                // counted.
                fr.day_offset.is_some()
                    || (fr.rel.is_some() && fr.anchor.is_none())
                    || fr.anchor == Some(crate::frame::AnchorPref::Dct)
            })
            .count();
        // A history narrative states many years and speaks little from the writer's present:
        // either most of its years are long past and deixis ("yesterday", "last week", "three
        // years ago") is rare, or it has many years and almost no deixis, or it is short and
        // all history (four years or more, all long past, no deixis at all). A news story that
        // lists old years (NATO's enlargements) still speaks from its own week.
        self.ctx.narrative = match self.anchor.style {
            Style::News => false,
            Style::Narrative => true,
            Style::Auto => {
                dct.is_none()
                    || (self.years_all >= 5
                        && self.years_old * 10 >= self.years_all * 7
                        && self.deictic * 2 < self.years_all)
                    || (self.years_all >= 8
                        && self.full_dates >= 3
                        && self.deictic * 10 < self.years_all)
                    || (self.years_all >= 4
                        && self.years_old == self.years_all
                        && self.deictic == 0)
            }
        };
        // Only a narrative reads quoted deixis differently: news skips the pass.
        let mut words = tense::Words::new(pack, text, &tokens, &sentences, word_ids);
        let quoted = if self.ctx.narrative {
            crate::quote::inside_quotes(text, &tokens)
        } else {
            Vec::new()
        };
        let mut out = Vec::with_capacity(found.len());
        let mut stated = Vec::with_capacity(found.len());
        let mut cursor = (0usize, 0usize); // (byte, char) within this chunk
        let mut char_at = |byte: usize| -> usize {
            let (b, c) = cursor;
            let n = text[b..byte].chars().count();
            cursor = (byte, c + n);
            c + n
        };
        // Where the year of an elided range ends ("February 25-26, 1992"): that year has
        // already been given to the first day, and must not pull the story back to the year
        // alone.
        let mut elided_year_end = None;
        // The last length found ("two days"): where it ends, and how many days it spans at most.
        let mut last_length: Option<(usize, i32)> = None;
        // Where the last expression ended, in tokens: one a comma after it is in apposition.
        let mut last_end_tok: Option<usize> = None;
        // The day the last expression named, if it named one: "next Saturday, the day before
        // parliament reconvenes" names it again.
        let mut last_day: Option<crate::value::CalendarValue> = None;
        // The year the last expression named, when it named only a year: "the following year,
        // on 9 September" is that year's September.
        let mut last_year: Option<i64> = None;
        // The sentence and year of the last year counted from the writer's ("last year").
        let mut deictic_year: Option<(u64, i64)> = None;
        // Recurring expressions ("daily", "every year"): what they stand near is habitual.
        let sets: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| f.5.set.is_some())
            .map(|f| (f.2, f.3))
            .collect();
        for (start, end, first_tok, end_tok, rule, mut frame) in found {
            // "03/04/2015" in a document that writes day first: the rule that read it month
            // first won the tie.
            if day_first
                && frame.numeric == Some(true)
                && frame.order == Some(crate::frame::Order::MonthFirst)
                && let (Some(month), Some(day)) = (frame.month, frame.day)
                && day <= 12
            {
                frame.month = Some(day);
                frame.day = Some(month);
                frame.order = Some(crate::frame::Order::DayFirst);
            }
            let year_stated = frame.year.is_some();
            if frame.year.is_none()
                && frame.month.is_some()
                && frame.day.is_some()
                && let Some((year, len)) = text
                    .get(end..)
                    .and_then(|after| crate::range::elided_year(pack, after))
            {
                frame.year = Some(i64::from(year));
                elided_year_end = Some(end + len);
            }
            let absorbed = elided_year_end.is_some_and(|e| end <= e)
                && frame.month.is_none()
                && frame.day.is_none();
            let near = words.tense_near(first_tok, end_tok);
            let mut t = near.map(|n| n.tense);
            self.ctx.tense_attached = near.is_some_and(|n| n.attached);
            self.ctx.tense_reported = near.is_some_and(|n| n.reporting);
            let sentence =
                sentence_base + u64::from(sentences.get(first_tok).copied().unwrap_or(0));
            self.ctx.recent_reference = self
                .stated_in
                .is_some_and(|s| sentence.saturating_sub(s) < RECENT_SENTENCES);
            self.ctx.several_quarters = self.several_quarters_in == Some(sentence);
            self.ctx.quoted = quoted.get(first_tok).copied().unwrap_or(false);
            self.ctx.looked_back_to = words.follows_retrospect(first_tok);
            self.ctx.reaches_now = self.ctx.looked_back_to && words.in_present_perfect(first_tok);
            self.ctx.event_day = words.marks_event_day(first_tok, end_tok);
            self.ctx.appositive = last_end_tok.is_some_and(|e| {
                e + 1 == first_tok
                    && tokens
                        .get(e)
                        .is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == ",")
            });
            // "The following year, on 9 September": a comma and at most one word between.
            let apposed_after_a_word = last_end_tok.is_some_and(|e| {
                (e + 1 == first_tok || e + 2 == first_tok)
                    && tokens
                        .get(e)
                        .is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == ",")
                    && tokens
                        .get(e + 1)
                        .is_some_and(|t| e + 1 == first_tok || t.kind == TokenKind::Word)
            });
            // "14th December Friday": right after the expression before it.
            let right_after_the_last = last_end_tok == Some(first_tok);
            last_end_tok = Some(end_tok);
            if apposed_after_a_word
                && frame.year.is_none()
                && frame.month.is_some()
                && frame.day.is_some()
                && let Some(year) = last_year
            {
                frame.year = Some(year);
            }
            // "Last year's fires destroyed 1,500 buildings in August": the year the sentence
            // counted from the writer's is the month's.
            if frame.year.is_none()
                && frame.month.is_some()
                && frame.rel.is_none()
                && frame.year_rel.is_none()
                && let Some((at, year)) = deictic_year
                && at == sentence
            {
                frame.year = Some(year);
            }
            // "Two days before Christmas", "the week before Christmas": what happened lies that
            // long before the day.
            let length = |f: &crate::frame::Frame| length_days(f.count, f.unit?);
            self.ctx.days_before = if frame.from_date == Some(true) && frame.dir == Some(-1) {
                length(&frame)
            } else {
                last_length
                    .filter(|&(len_end, _)| len_end + 1 == first_tok && words.precedes(len_end))
                    .map(|(_, days)| days)
            };
            let is_length = frame.dir.is_none()
                && frame.year.is_none()
                && frame.month.is_none()
                && frame.day.is_none();
            last_length = is_length
                .then(|| length(&frame))
                .flatten()
                .map(|days| (end_tok, days));
            self.ctx.story_reference = self
                .story_in
                .is_some_and(|s| sentence.saturating_sub(s) < STORY_SENTENCES);
            // Whether the expression opens its line and a dash or bar (or, with `colon`, a
            // colon) follows it: it heads an entry of a live report or a chronology.
            let heads_an_entry = |colon: bool| {
                tokens.get(first_tok).is_some_and(|t| t.line_start)
                    && tokens.get(end_tok).is_some_and(|t| {
                        t.kind == TokenKind::Punct
                            && match t.text(text) {
                                "—" | "–" | "-" | "|" => true,
                                ":" => colon,
                                _ => false,
                            }
                    })
            };
            // "13:05 — A red warning is in force": a live report's timestamp, on the writer's
            // day, not on a day the entry before it looked ahead to.
            if !self.ctx.narrative && is_timestamp(&frame) && heads_an_entry(false) {
                frame.anchor = Some(crate::frame::AnchorPref::Dct);
            }
            // "Nov. 28 – The prime minister announces that talks will be frozen": a day that
            // heads an entry of a chronology is when the entry happened, whatever the tense
            // of what it tells.
            if !self.ctx.narrative
                && frame.year.is_none()
                && (frame.day.is_some() || frame.weekday.is_some())
                && frame.rel.is_none()
                && frame.dir.is_none()
                && heads_an_entry(true)
            {
                t = None;
            }
            // "The monsoon usually arrives in June", "open daily from 10 a.m.": no particular
            // June or morning.
            let habitual = resolve::may_be_habitual(&frame)
                && words.in_habitual_clause(first_tok, end_tok, &sets, frame.day.is_some());
            let resolved = if habitual {
                // "Markets are usually closed on Friday": every Friday.
                resolve::unanchored(&frame).map(|mut r| {
                    if frame.weekday.is_some() && frame.month.is_none() {
                        r.kind = crate::TimexType::Set;
                    }
                    r
                })
            } else {
                resolve::resolve(&frame, t, &self.ctx).or_else(|| resolve::unanchored(&frame))
            };
            let Some(mut r) = resolved else {
                continue;
            };
            let names_the_day_again = self.ctx.appositive
                && frame.same == Some(true)
                && frame.unit == Some(crate::frame::Unit::Day)
                && frame.count.is_none();
            if names_the_day_again && let Some(day) = last_day {
                r.value = crate::TimexValue::Calendar(day);
            }
            // "On 3 March 1988, a Thursday,", "14th December Friday": the weekday names the
            // day just stated.
            let bare_weekday = frame.weekday.is_some()
                && frame.day.is_none()
                && frame.month.is_none()
                && frame.year.is_none()
                && frame.rel.is_none()
                && frame.dir.is_none()
                && frame.hour.is_none();
            if (apposed_after_a_word || right_after_the_last)
                && bare_weekday
                && let Some(day) = last_day
                && day.to_date().is_some_and(|d| {
                    Some(d.weekday().to_monday_one_offset()) == frame.weekday.map(|w| w as i8)
                })
            {
                r.value = crate::TimexValue::Calendar(day);
                r.anchor = AnchorUsed::Narrative;
            }
            if r.anchor == AnchorUsed::Dct
                && (frame.rel.is_some() || frame.year_rel.is_some())
                && frame.unit == Some(crate::frame::Unit::Year)
                && let crate::TimexValue::Calendar(crate::value::CalendarValue {
                    year: crate::value::YearField::Year(y),
                    part: crate::value::DatePart::None,
                    ..
                }) = &r.value
            {
                deictic_year = Some((sentence, i64::from(*y)));
            }
            last_year = match &r.value {
                crate::TimexValue::Calendar(crate::value::CalendarValue {
                    year: crate::value::YearField::Year(y),
                    part: crate::value::DatePart::None,
                    time: None,
                    ..
                }) => Some(i64::from(*y)),
                _ => None,
            };
            last_day = match &r.value {
                crate::TimexValue::Calendar(c) if c.to_date().is_some() => {
                    Some(crate::value::CalendarValue { time: None, ..*c })
                }
                _ => None,
            };
            if spans_several_quarters(&r.value) {
                self.several_quarters_in = Some(sentence);
            }
            // Dates the text states (fully, or partly with the year inferred) become the
            // reference time; relative ones resolved from it do not: "a year earlier" must not
            // move the reference that the next "a year earlier" resolves from.
            let relative = frame.dir.is_some() || frame.rel.is_some() || frame.same.is_some();
            // In a story, a step of days forward ("the next day", "two days later") moves
            // the story on: the next step counts from it. (Not a step back, which is a
            // flashback, nor one of months or years, after which a history names its months
            // in the year it was telling, nor "the eleventh day" of a count.)
            let steps_on = (self.ctx.narrative || self.story_in.is_some())
                && frame.same.is_none()
                && frame.nth.is_none()
                && frame.unit == Some(crate::frame::Unit::Day)
                && (frame.rel.is_some_and(|r| r > 0) || frame.dir.is_some_and(|d| d > 0));
            let updates = match r.anchor {
                AnchorUsed::None => true,
                AnchorUsed::Narrative => !relative || steps_on,
                // In a narrative, the writer's own time does not move the story's.
                AnchorUsed::Dct => !self.ctx.narrative,
            };
            // In news, a year or month something has held "since" is where it began, not
            // what the next sentences talk about (see `Context::reference_began`).
            let began_since =
                updates && !self.ctx.narrative && frame.day.is_none() && self.ctx.looked_back_to;
            // "3,200 people have crossed since Monday. Around 400 arrived overnight": in news,
            // the day something has held since is where it began, and the story stays at the
            // time of writing. So does "the largest since the coup of October 25, 2021":
            // "began at 11 a.m." is the marches' day.
            // (Also kept on the timex, as `since`.)
            let in_since_clause = words.in_retrospect_clause(first_tok);
            let held_since_day = updates
                && !self.ctx.narrative
                && self.story_in.is_none()
                && (frame.day.is_some() || frame.weekday.is_some())
                && (self.ctx.looked_back_to || in_since_clause);
            // Only a narrative has asides: news skips the look at the words around.
            // "From 264 to 241 BC": a range of years is a move of the story, not an aside
            // (its first end, a bare number, is split off later).
            let ends_a_range_of_years = frame.year.is_some()
                && frame.month.is_none()
                && frame.day.is_none()
                && crate::range::elided_start_before(pack, &text[..start]);
            let digression = updates && self.ctx.narrative && !ends_a_range_of_years && {
                let before = first_tok.checked_sub(1).and_then(|i| tokens.get(i));
                let word_before = before
                    .filter(|tok| tok.kind == TokenKind::Word)
                    .and_then(|tok| pack.word_id(&crate::pack::fold_case(tok.text(text))))
                    .map(|id| pack.word_info(id));
                let retrospect = word_before.is_some_and(|w| w.retrospect);
                let is_punct = |tok: Option<&crate::token::Token>, p: &str| {
                    tok.is_some_and(|tok| tok.kind == TokenKind::Punct && tok.text(text) == p)
                };
                let parenthetical = is_punct(before, "(") && is_punct(tokens.get(end_tok), ")");
                let words_before = || {
                    (first_tok.saturating_sub(PROSPECT_REACH)..first_tok)
                        .filter(|&k| sentences.get(k) == sentences.get(first_tok))
                        .filter_map(|k| tokens.get(k))
                        .filter(|tok| tok.kind == TokenKind::Word)
                        .filter_map(|tok| pack.word_id(&crate::pack::fold_case(tok.text(text))))
                        .map(|id| pack.word_info(id))
                };
                let prospect = words_before().any(|w| w.prospect);
                let flashback = words_before().any(|w| w.flashback);
                // A bare year between a determiner and a word names a thing ("the 1978
                // Treaty").
                let names_a_thing = frame.month.is_none()
                    && frame.day.is_none()
                    && word_before.is_some_and(|w| w.determiner)
                    && tokens
                        .get(end_tok)
                        .is_some_and(|tok| tok.kind == TokenKind::Word);
                let around = Surroundings {
                    retrospect,
                    prospect,
                    flashback,
                    parenthetical,
                    names_a_thing,
                };
                self.is_digression(&frame, &r.value, t, around)
            };
            // A story told in relative steps ("that afternoon", "the next morning", "two
            // days earlier") is still going on: its year still holds for a day of a month.
            if relative && r.anchor == AnchorUsed::Narrative && self.story_in.is_some() {
                self.story_in = Some(sentence);
            }
            if updates
                && !digression
                && !absorbed
                && !held_since_day
                && let Some(reference) = resolve::as_reference(&r.value)
            {
                if let Some(day) = reference.to_date() {
                    self.ctx.day_left_for_month = false;
                    self.ctx.left_day = None;
                    let night = Some(TimeOfDay::Part(PartOfDay::Night));
                    let night_before = match reference.part {
                        crate::value::DatePart::Day { day: Some(d), .. }
                            if reference.time.is_none()
                                && crate::range::ends_a_night(pack, &text[..start], d) =>
                        {
                            day.yesterday().ok()
                        }
                        _ => None,
                    };
                    match night_before {
                        Some(first) => {
                            let mut at_night = crate::value::CalendarValue::day(first);
                            at_night.time = night;
                            self.ctx.day_reference = Some(at_night);
                            self.ctx.day_reference_night = true;
                        }
                        None => {
                            self.ctx.day_reference = Some(reference);
                            // Midnight (24:00) ends its day as a night does: "at 5 a.m." after
                            // it is the next morning.
                            self.ctx.day_reference_night = matches!(
                                &r.value,
                                crate::TimexValue::Calendar(c) if c.time == night
                                    || matches!(c.time, Some(TimeOfDay::Clock { hour: 24, .. }))
                            );
                        }
                    }
                    self.ctx.time_reference = match &r.value {
                        crate::TimexValue::Calendar(crate::value::CalendarValue {
                            time:
                                Some(TimeOfDay::Clock {
                                    hour,
                                    minute,
                                    second,
                                }),
                            ..
                        }) => jiff::civil::Time::new(
                            (*hour % 24) as i8,
                            minute.unwrap_or(0) as i8,
                            second.unwrap_or(0) as i8,
                            0,
                        )
                        .ok()
                        .map(|t| day.to_datetime(t)),
                        _ => None,
                    };
                }
                // "On 3 March talks began. In June a draft was published, and withdrawn a week
                // later": the story has left that day for a month that does not hold it.
                if reference.to_date().is_none()
                    && matches!(
                        reference.part,
                        crate::value::DatePart::Month(Some(_))
                            | crate::value::DatePart::Week(Some(_))
                    )
                    && let Some(span) = reference.interval()
                    && self
                        .ctx
                        .day_reference
                        .and_then(|d| d.to_date())
                        .is_some_and(|d| {
                            let d = d.to_datetime(jiff::civil::Time::midnight());
                            d < span.start || d >= span.end
                        })
                {
                    self.ctx.left_day = self.ctx.day_reference.and_then(|d| d.to_date());
                    self.ctx.day_reference = None;
                    self.ctx.day_reference_night = false;
                    self.ctx.time_reference = None;
                    self.ctx.day_left_for_month = true;
                }
                // "Expects a charge in the current quarter": the quarter under way is not the
                // one the results are for ("the year-earlier quarter" stays last year's third).
                if matches!(reference.part, crate::value::DatePart::Quarter(_))
                    && frame.rel != Some(0)
                {
                    self.ctx.quarter_reference = Some(reference);
                }
                // (A clock time alone states no day: hung on one the writer's day gave, "on 1
                // December, when fighting resumed after 7 a.m.", it starts no story of its own.)
                let clock_only = frame.hour.is_some()
                    && frame.day.is_none()
                    && frame.month.is_none()
                    && frame.year.is_none()
                    && frame.weekday.is_none();
                if r.anchor == AnchorUsed::None
                    || (r.anchor == AnchorUsed::Narrative && !relative && !clock_only)
                {
                    self.stated_in = Some(sentence);
                    let years_back = match (reference.year, self.ctx.dct) {
                        (crate::value::YearField::Year(y), Some(d)) => i32::from(d.year()) - y,
                        _ => 0,
                    };
                    // A day of another year starts a story; so does a month or season of a
                    // year long gone ("The Ottomans laid siege in April 1453 … on 29 May the
                    // city fell", "In the spring of 1992 the town fell … by the summer"),
                    // though in news a month a few years back is most often a comparison.
                    let fine = reference.to_date().is_some()
                        || (years_back >= STORY_MONTH_YEARS
                            && matches!(
                                reference.part,
                                crate::value::DatePart::Month(Some(_))
                                    | crate::value::DatePart::Season(_)
                            ))
                        || (years_back >= STORY_YEAR_YEARS
                            && reference.part == crate::value::DatePart::None);
                    // The story's own year, stated again, goes on with it: "At 1:23 a.m. on
                    // 26 April 1986 … moved out in 1986 … acknowledged only on 28 April".
                    let story_goes_on = self
                        .story_in
                        .is_some_and(|s| sentence.saturating_sub(s) < STORY_SENTENCES)
                        && self
                            .ctx
                            .reference
                            .is_some_and(|previous| previous.year == reference.year);
                    if years_back != 0 && (fine || story_goes_on) {
                        self.story_in = Some(sentence);
                    } else if r.anchor == AnchorUsed::None {
                        self.story_in = None;
                    }
                }
                self.ctx.reference = Some(reference);
                self.ctx.reference_year_stated = r.anchor == AnchorUsed::None;
                self.ctx.reference_began = began_since;
            }
            let cstart = self.char_base + char_at(start);
            let cend = self.char_base + char_at(end);
            out.push(Timex {
                start: cstart,
                end: cend,
                byte_start: self.byte_base + start,
                byte_end: self.byte_base + end,
                text: text[start..end].to_string(),
                kind: r.kind,
                interval: match r.kind {
                    crate::TimexType::Date | crate::TimexType::Time => {
                        let anchor_day = match r.anchor {
                            AnchorUsed::Dct => self.ctx.dct,
                            _ => None,
                        };
                        match (frame.side, anchor_day) {
                            (Some(side), Some(day)) => r.value.interval_beside(day, side),
                            _ => None,
                        }
                        .or_else(|| r.value.interval_with(r.modifier))
                    }
                    _ => None,
                },
                value: r.value,
                modifier: r.modifier,
                quant: r.quant,
                freq: r.freq,
                anchor: r.anchor,
                since: in_since_clause,
                compared: words.in_comparison_clause(first_tok),
                possessive: words.possessive(end_tok),
                // "said on Friday", or "On Thursday, officials said": the saying's day.
                reported: self.ctx.tense_reported
                    && (self.ctx.tense_attached
                        || (first_tok.saturating_sub(1)..first_tok)
                            .all(|k| k == 0 || sentences.get(k - 1) != sentences.get(first_tok))),
                range: None,
                rule: pack.rules[rule as usize].name.as_str().into(),
            });
            stated.push(crate::range::Stated {
                year: year_stated
                    || frame.decade.is_some()
                    || frame.century.is_some()
                    || frame.short_year.is_some(),
                day: frame.day.is_some()
                    || frame.weekday.is_some()
                    || frame.day_offset.is_some()
                    || frame.easter.is_some(),
                weekday_only: frame.weekday.is_some()
                    && frame.month.is_none()
                    && frame.day.is_none()
                    && frame.rel.is_none(),
                past: t == Some(crate::pack::Tense::Past),
                ahead: (frame.weekday.is_some() && frame.rel.is_some_and(|r| r > 0))
                    || frame.day_offset.is_some_and(|d| d > 0),
                month_or_season: (frame.month.is_some() || frame.season.is_some())
                    && frame.year.is_none()
                    && frame.year_rel.is_none()
                    && frame.rel.is_none()
                    && frame.dir.is_none()
                    && frame.day_offset.is_none(),
            });
        }
        crate::compound::join(pack, text, self.byte_base, &mut out, &mut stated);
        crate::range::split_elided(pack, text, self.byte_base, &mut out, &mut stated);
        crate::range::link(pack, text, self.byte_base, &mut out, &stated, self.ctx.dct);
        for t in &mut out {
            if let crate::TimexValue::Calendar(v) = &mut t.value {
                if v.hang_time_on_a_day() {
                    t.kind = crate::TimexType::Date;
                }
                // "December next year" written on 31 December 9999: past the calendar annalist
                // supports, so its year is unknown.
                if !v.year_in_range() {
                    v.year = crate::value::YearField::Unknown;
                    t.interval = None;
                }
            }
        }
        out
    }
}

/// Splits a long text into chunks of about `target` bytes at paragraph breaks (or, failing
/// that, line breaks, then white space), so that tagging works on bounded pieces. A chunk
/// boundary never falls inside a paragraph unless the paragraph is longer than `2 * target`.
pub fn chunks(text: &str, target: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= 2 * target {
            return Some(std::mem::take(&mut rest));
        }
        let window = &rest[..floor_char_boundary(rest, 2 * target)];
        let from = floor_char_boundary(rest, target);
        let cut = window[from..]
            .find("\n\n")
            .map(|i| from + i + 2)
            .or_else(|| window.rfind("\n\n").filter(|&i| i > 0).map(|i| i + 2))
            .or_else(|| window.rfind('\n').filter(|&i| i > 0).map(|i| i + 1))
            .or_else(|| window.rfind(". ").filter(|&i| i > 0).map(|i| i + 2))
            .or_else(|| {
                window
                    .rfind(char::is_whitespace)
                    .filter(|&i| i > 0)
                    .map(|i| i + 1)
            })
            .unwrap_or(window.len().max(1));
        let cut = floor_char_boundary(rest, cut).max(next_char_boundary(rest, 1));
        let (head, tail) = rest.split_at(cut);
        rest = tail;
        Some(head)
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn next_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// The chunk size used by [`crate::Tagger::tag`].
pub const CHUNK_BYTES: usize = 64 * 1024;

/// A duration of two or three quarters, as a company's half-year or nine-month results
/// cover: "the six months", "the first nine months".
fn spans_several_quarters(value: &crate::TimexValue) -> bool {
    use crate::value::{Amount, DurationUnit};
    let crate::TimexValue::Duration(d) = value else {
        return false;
    };
    match d.parts.as_slice() {
        [(Amount::Known(n), DurationUnit::Month)] => *n == 6.0 || *n == 9.0,
        [(Amount::Known(n), DurationUnit::Quarter)] => *n == 2.0 || *n == 3.0,
        _ => false,
    }
}

/// For how many sentences (counting its own) a stated date supplies the year of partial
/// dates after it in news. Only its own: in news, "In January" two sentences after "in 1994"
/// still means this January (measured on TimeBank).
const RECENT_SENTENCES: u64 = 1;

/// For how many sentences (counting its own) a stated day of another year supplies the year
/// of a day of a month without one, or of a month soon after it: "On January 19, 1990,
/// troops entered Baku. … At 7 a.m. on January 20 it was read on the radio." (A stated year
/// alone does not: "dating to 1994. In January, …" in news means this January.)
const STORY_SENTENCES: u64 = 5;

/// How many years before the DCT a stated month must lie to start a story as a stated day
/// does: "April 1453 … on 29 May" is 1453's May, where "sales in March 2023 … on May 29", in
/// news of 2025, is most often this May.
const STORY_MONTH_YEARS: i32 = 20;

/// How many years before the DCT a year alone must lie to start a story: "The survey was
/// carried out in 1086. William died on 9 September" is 1086's September, where "dating to
/// 1994. In January, …" in news of 1998 is this January.
const STORY_YEAR_YEARS: i32 = 50;

/// How many days at most a length of `count` `unit`s spans: "two days" 2, "36 hours" 2,
/// "weeks" 70 (an unstated count is taken as up to ten).
fn length_days(count: Option<crate::frame::Count>, unit: crate::frame::Unit) -> Option<i32> {
    use crate::frame::{Count, Unit};
    let count = match count {
        Some(Count::N(n)) if n.is_finite() && (0.0..1000.0).contains(&n) => n,
        Some(Count::N(_)) => return None,
        Some(Count::Some) | None => 10.0,
    };
    let days = match unit {
        Unit::Second | Unit::Minute => 1.0,
        Unit::Hour => count / 24.0,
        Unit::Day | Unit::Night => count,
        Unit::Week | Unit::Weekend => count * 7.0,
        Unit::Month => count * 31.0,
        Unit::Quarter | Unit::Season => count * 92.0,
        Unit::Half => count * 183.0,
        Unit::Year => count * 366.0,
        Unit::Decade | Unit::Century | Unit::Millennium => return None,
    };
    Some((days.ceil() as i32).max(1))
}

/// Whether a frame is a clock time and nothing else ("13:05", "9 a.m."): no day, month, year
/// or count from an anchor.
fn is_timestamp(f: &crate::frame::Frame) -> bool {
    f.hour.is_some()
        && f.day.is_none()
        && f.month.is_none()
        && f.year.is_none()
        && f.weekday.is_none()
        && f.rel.is_none()
        && f.dir.is_none()
        && f.day_offset.is_none()
        && f.unit.is_none()
        && f.set.is_none()
}
