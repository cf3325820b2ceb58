//! Events: statements placed on the timeline, each with the exact span it came from.
//!
//! A sentence becomes an event when it says when something happened (it holds a DATE or TIME
//! expression) or when it gives figures (then it takes the time of the story at that point:
//! the last date a sentence stated, marked `inherited`, or the publication date, marked
//! `dct`). Durations and recurrences alone do not date a sentence.
//!
//! The time of an event is the most precise date or time its sentence states (the first of
//! equals): "On the night of January 19, 1990, troops entered Baku" is placed on 1990-01-19.
//! A date that only says where a count began does not date it: "1.2 million people have been
//! displaced since the rains began on Sept. 6" takes the time of the story, like a sentence
//! with no date.
//!
//! Names of people, organizations and places are found by a transparent heuristic
//! (capitalized word sequences, minus dates and sentence-initial function words, with a few
//! cue words for the kind) and labelled as such; a gazetteer can replace it later.
//!
//! A sentence capitalizes its first word whatever it is, so the document decides: that word
//! is no name when the document writes it in lowercase elsewhere, and, standing alone, only
//! when the document also capitalizes it inside a sentence. "Forecasters expect rain" and
//! "More than 300 homes" give no names; "Baku was quiet", in an article that says "entered
//! Baku", gives Baku. This needs no word list, so it works in any language.

use annalist_ingest::Sentence;
use annalist_time::value::RefPoint;
use annalist_time::{
    AnchorUsed, Granularity, Interval, Mod, RangeRole, Timex, TimexType, TimexValue,
};
use rustc_hash::FxHashSet;
use serde::Serialize;

/// Where an event's time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeSource {
    /// A time expression in the sentence itself.
    Explicit,
    /// The last date an earlier sentence stated (the story's reference time).
    Inherited,
    /// The publication date: the sentence is dated by when it was written.
    Dct,
}

/// When an event happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventTime {
    /// TIMEX3 value (`1990-01-19`, `1988`, `PAST_REF`, `XXXX-03-03`), or two joined as an
    /// ISO 8601 interval when the text gives a range (`1992/1994`: "between 1992 and 1994").
    pub value: String,
    /// `[start, end)`, when the value is a concrete period.
    pub interval: Option<Interval>,
    /// How precise the value is (`year`, `month`, `day`, `minute`…).
    pub granularity: Option<Granularity>,
    /// The TIMEX3 `mod` of the expression dating it ("late 1980s": `END`), which the
    /// interval already reflects.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Mod>,
    /// Explicit, inherited or the DCT.
    pub source: TimeSource,
    /// Index into the document's timexes, for an explicit time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timex: Option<usize>,
}

/// The kind of a name, as the heuristic guesses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// After a title ("Mr.", "President", "Gen.").
    Person,
    /// Ends in an organization word ("Ministry", "Army", "Council", "Party"…).
    Organization,
    /// After "in", "at", "from", "to", "near" or a compass word.
    Place,
    /// Anything else.
    Name,
}

/// A capitalized name in an event's sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Name {
    /// As written.
    pub text: String,
    /// Character offsets in the document text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The heuristic's guess.
    pub kind: NameKind,
}

/// A dated statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Index into the document's sentences.
    pub sentence: usize,
    /// Character offsets of the statement in the document text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The statement, on one line.
    pub text: String,
    /// When.
    pub time: EventTime,
    /// Indexes into the document's figures.
    pub figures: Vec<usize>,
    /// Names mentioned, found by a capitalization heuristic.
    pub names: Vec<Name>,
}

/// Which name-finding method produced [`Event::names`]: reported alongside them.
pub const NAMES_METHOD: &str = "capitalization heuristic";

fn dating(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time)
}

fn event_time(t: &Timex, index: usize, source: TimeSource) -> EventTime {
    EventTime {
        value: t.value.to_string(),
        interval: t.interval,
        granularity: t.value.granularity(),
        modifier: t.modifier,
        source,
        timex: (source == TimeSource::Explicit).then_some(index),
    }
}

/// Where a figure stands, and whether it is a running total, for [`build_events`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureSpan {
    /// First character of the figure phrase.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// Whether its sentence says the count runs up to the time of writing ("so far").
    pub to_date: bool,
    /// Whether its sentence is told in the perfect ("have been killed").
    pub perfect: bool,
    /// Whether its sentence has a present "has"/"have" ("have been killed", "now has").
    pub told_now: bool,
    /// Whether its sentence is told in the present or the future, with no past auxiliary
    /// ("are known to be in custody", "will be available").
    pub present: bool,
}

/// Where a sentence may divide into statements (at a semicolon, or at a comma before a word
/// such as "and" or "while": the language pack's `STATEMENT_LINK:` words), as character
/// offsets: the statement before ends at `end`, leaving the punctuation out, and the next
/// begins at `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementBreak {
    /// One past the last character of the statement before (where the punctuation is).
    pub end: usize,
    /// First character of the next statement.
    pub start: usize,
}

/// A sentence, or the part of one that tells one dated thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Statement {
    sentence: usize,
    start: usize,
    end: usize,
    /// Whether it starts where its sentence does (its first word is capitalized whatever it
    /// is).
    first: bool,
}

/// The statements of a text: each sentence whole, unless it tells two or more things that
/// happened at different times, each part with its own date ("On 6 July, he ordered the
/// landing; on 12-14 July, the division embarked"): it then divides at the breaks between
/// them. A part that says no date stays with the part before it ("52 people were killed on
/// March 3, and 310 were wounded" is one statement), or the one after, at the start; and
/// neither an aside in brackets, nor the other side of a comparison, nor a time with no place
/// on the timeline ("now", "recently", "at 9 p.m." on no known day) dates a part: in a
/// history, "the artillery now overlooked the British positions" is no statement of the time
/// of writing.
fn statements(
    chars: &[char],
    sentences: &[Sentence],
    timexes: &[Timex],
    breaks: &[StatementBreak],
) -> Vec<Statement> {
    let mut out = Vec::with_capacity(sentences.len());
    let (mut ti, mut bi) = (0, 0);
    for (si, s) in sentences.iter().enumerate() {
        while ti < timexes.len() && timexes[ti].start < s.start {
            ti += 1;
        }
        while bi < breaks.len() && breaks[bi].end <= s.start {
            bi += 1;
        }
        let whole = Statement {
            sentence: si,
            start: s.start,
            end: s.end,
            first: true,
        };
        let mut tk = ti;
        while tk < timexes.len() && timexes[tk].start < s.end {
            tk += 1;
        }
        let inside = &timexes[ti..tk];
        let mut cuts: Vec<StatementBreak> = Vec::new();
        while bi < breaks.len() && breaks[bi].start < s.end {
            let b = breaks[bi];
            // Not inside an expression.
            let parts_nothing = !inside.iter().any(|t| t.start < b.start && t.end > b.end);
            if b.end > s.start && parts_nothing {
                cuts.push(b);
            }
            bi += 1;
        }
        if cuts.is_empty() || inside.len() < 2 {
            out.push(whole);
            continue;
        }
        // What stands in brackets is an aside: "recaptured the peninsula (lost in 1986)".
        let bracketed: Vec<bool> = inside
            .iter()
            .map(|t| {
                let to = t.start.min(chars.len());
                let before = &chars[s.start.min(to)..to];
                let opened = before.iter().filter(|c| matches!(c, '(' | '[')).count();
                opened > before.iter().filter(|c| matches!(c, ')' | ']')).count()
            })
            .collect();
        // The values each part dates itself by.
        let dates = |from: usize, to: usize| -> Vec<&TimexValue> {
            inside
                .iter()
                .zip(&bracketed)
                .filter(|&(t, &aside)| {
                    t.start >= from
                        && t.end <= to
                        && dating(t)
                        && !aside
                        && !t.compared
                        && t.interval.is_some()
                })
                .map(|(t, _)| &t.value)
                .collect()
        };
        // Each part with the values it dates itself by.
        let mut parts: Vec<(Statement, Vec<&TimexValue>)> = Vec::new();
        let mut start = s.start;
        for (i, end) in cuts.iter().map(|c| c.end).chain([s.end]).enumerate() {
            let part_dates = dates(start, end);
            match parts.last_mut() {
                // A date of its own, after a part with others: a statement of its own.
                Some((_, before))
                    if !before.is_empty()
                        && !part_dates.is_empty()
                        && !part_dates.iter().all(|d| before.contains(d)) =>
                {
                    parts.push((
                        Statement {
                            sentence: si,
                            start,
                            end,
                            first: false,
                        },
                        part_dates,
                    ));
                }
                Some((last, before)) => {
                    last.end = end;
                    before.extend(part_dates);
                }
                None => parts.push((
                    Statement {
                        sentence: si,
                        start,
                        end,
                        first: true,
                    },
                    part_dates,
                )),
            }
            if let Some(c) = cuts.get(i) {
                start = c.start;
            }
        }
        if parts.len() > 1 {
            out.extend(parts.into_iter().map(|(part, _)| part));
        } else {
            out.push(whole);
        }
    }
    out
}

/// What a document's events are placed against, beside its text and what was found in it.
#[derive(Clone, Debug, Default)]
pub struct Setting {
    /// The document's date as a timex-like value, if known.
    pub dct: Option<EventTime>,
    /// Where the date of a wire dateline opening the text ends (a character offset).
    pub dateline: Option<usize>,
    /// Whether the tagger read the text as a history narrative rather than news.
    pub history: bool,
}

/// Builds the events of a document from its text, sentences, timexes, the character spans of
/// its figures and where its sentences may divide into statements (`breaks`, sorted).
pub fn build_events(
    chars: &[char],
    sentences: &[Sentence],
    timexes: &[Timex],
    figure_spans: &[FigureSpan],
    breaks: &[StatementBreak],
    setting: Setting,
) -> Vec<Event> {
    let Setting {
        dct,
        dateline,
        history,
    } = setting;
    // News that speaks of its own days somewhere: a text that only tells of long ago reads as a
    // history, however short.
    let news = !history
        && dct.as_ref().and_then(|d| d.interval).is_some_and(|d| {
            timexes.iter().any(|t| {
                dating(t)
                    && t.interval
                        .is_some_and(|iv| years_before(iv, d) <= NEAR_THE_WRITER_YEARS)
            })
        });
    let mut events = Vec::new();
    let mut reference: Option<EventTime> = None;
    let case = WordCase::of(chars);
    let (mut ti, mut fi) = (0, 0);
    for s in statements(chars, sentences, timexes, breaks) {
        let si = s.sentence;
        // Timexes and figures are in document order, like sentences: walk them in step.
        while ti < timexes.len() && timexes[ti].start < s.start {
            ti += 1;
        }
        while fi < figure_spans.len() && figure_spans[fi].start < s.start {
            fi += 1;
        }
        let mut figures = Vec::new();
        let mut f = fi;
        while f < figure_spans.len() && figure_spans[f].start < s.end {
            figures.push(f);
            f += 1;
        }
        let (mut best, mut dateline_date): (Option<usize>, Option<usize>) = (None, None);
        // "So far, 41 people have been killed": a running total holds when it is told, as a
        // count since a date does.
        let mut counts_since = figures
            .iter()
            .any(|&f| figure_spans.get(f).is_some_and(|f| f.to_date));
        let mut since_after_story = false;
        // "The government has promised 500,000 rupees per family", with no date: told of the
        // time of writing, not of the story's last day.
        let told_now = figures
            .iter()
            .any(|&f| figure_spans.get(f).is_some_and(|f| f.told_now));
        let told_present = !figures.is_empty()
            && figures
                .iter()
                .all(|&f| figure_spans.get(f).is_some_and(|f| f.present));
        let mut k = ti;
        while k < timexes.len() && timexes[k].start < s.end {
            let t = &timexes[k];
            // "1.2 million people have been displaced since the rains began on Sept. 6": the
            // count holds now, not on Sept. 6. Told in the simple past, the count happened
            // then: "the deadliest since 2014, when 79 people died" is 2014's.
            let count_since = t.since
                && figures
                    .iter()
                    .any(|&f| figure_spans.get(f).is_some_and(|f| f.perfect || f.to_date));
            counts_since |= count_since && dating(t);
            // "Since 2023, more than 600 people have been detained", after a story at 2021: the
            // count cannot hold at a story's time before its own start.
            if count_since
                && let (Some(since), Some(story)) =
                    (t.interval, reference.as_ref().and_then(|r| r.interval))
                && story.end <= since.start
            {
                since_after_story = true;
            }
            // "41 killed this year, up from 29 in 2025": the other side of a comparison never
            // dates the sentence ("Turnout was 58.7 percent, down from 63.1 percent in 2022" is
            // told of now). A wire dateline's date, the day of the report, dates it only when
            // nothing else does ("KARACHI, Dec. 7 — Rains lashed Sindh on Sunday night").
            let aside = dateline.is_some_and(|end| t.end <= end);
            let slot = if aside { &mut dateline_date } else { &mut best };
            if dating(t) && !count_since && !t.compared {
                let better = match *slot {
                    None => true,
                    Some(b) => precision(t) > precision(&timexes[b]),
                };
                if better {
                    *slot = Some(k);
                }
            }
            k += 1;
        }
        // "Police said on Friday they had arrested 12 people on Wednesday": what was reported
        // happened before the report. A day or week of it stated in the sentence dates it
        // ("... detained last week", "killed in the weekend fighting"); one after the report
        // ("said Monday the father could come as early as Tuesday") does not, nor a month or
        // year, which more often dates a thing the statement mentions ("arrested in connection
        // with the bombings last year").
        if let Some(b) = best
            && timexes[b].reported
            && let Some(report) = timexes[b].interval
            && let Some(earlier) = (ti..k).rfind(|&j| {
                let t = &timexes[j];
                j != b
                    && dating(t)
                    && !t.reported
                    && !t.since
                    && !t.compared
                    && (!t.possessive || in_a_possessive_event(chars, t))
                    && !names_a_thing(chars, t)
                    && t.value.granularity() >= Some(Granularity::Week)
                    && t.interval.is_some_and(|iv| iv.end <= report.start)
            })
        {
            best = Some(earlier);
        }
        if !counts_since {
            best = best.or(dateline_date);
        }
        let time = match best {
            Some(b) => {
                let mut t = event_time(&timexes[b], b, TimeSource::Explicit);
                // "Between 1992 and 1994, about 30,000 people were killed": the whole range,
                // written as an ISO 8601 interval (`1992/1994`).
                if let Some(link) = timexes[b].range
                    && let Ok(o) = timexes.binary_search_by_key(&link.other, |o| o.start)
                {
                    let (first, second) = match link.role {
                        RangeRole::Start => (&timexes[b], &timexes[o]),
                        RangeRole::End => (&timexes[o], &timexes[b]),
                    };
                    // (Two ends with one value, "on 2 October 1950-the day after", are one day.)
                    if first.value != second.value {
                        t.value = format!("{}/{}", first.value, second.value);
                        t.interval = Some(link.interval);
                    }
                }
                // "Now" is the time of writing: "the town now has fewer than 8,000" is on the
                // publication date.
                if let (TimexValue::Ref(RefPoint::Present), Some(d)) = (&timexes[b].value, &dct) {
                    t = EventTime {
                        source: TimeSource::Explicit,
                        timex: Some(b),
                        ..d.clone()
                    };
                }
                // "Days later, a curfew was imposed": after the story's time; "recently", "a
                // few years ago": before the writer's. Placed there, not at the end of the
                // timeline, and the story's time stays where it was.
                let vague = match &timexes[b].value {
                    TimexValue::Ref(RefPoint::Past) => Some(Mod::Before),
                    TimexValue::Ref(RefPoint::Future) => Some(Mod::After),
                    _ => None,
                };
                if let Some(modifier) = vague {
                    let base = if timexes[b].anchor == AnchorUsed::Narrative {
                        reference.as_ref()
                    } else {
                        dct.as_ref()
                    };
                    if let Some(base) = base {
                        t = EventTime {
                            modifier: Some(modifier),
                            source: TimeSource::Explicit,
                            timex: Some(b),
                            ..base.clone()
                        };
                    }
                }
                if t.interval.is_some() && vague.is_none() {
                    reference = Some(EventTime {
                        source: TimeSource::Inherited,
                        timex: None,
                        ..t.clone()
                    });
                }
                Some(t)
            }
            // A count since a date holds when it is told: in news, at the time of writing
            // ("Since the war began in 2022, more than 12,000 civilians have been killed",
            // after a sentence about 2025), unless the story is far from it, as a history's is.
            // A running total told in the present perfect reaches the time of writing however
            // old the story: "Since then, more than 150,000 people have been detained", ten
            // years after a coup.
            None if (counts_since || told_now)
                && (counts_since && (since_after_story || told_now)
                    || dct.as_ref().is_some_and(|d| near_the_writer(&reference, d))) =>
            {
                dct.clone()
            }
            // "Six suspects are known to be in custody", "About $225,000 will be available":
            // in news, told from the time of writing, even after a paragraph about a year long
            // past ("The 2018 inquiry never reported." does not date them); in a history (or a
            // text that never speaks of the writer's days), of the story's time.
            None if told_present
                && news
                && dct
                    .as_ref()
                    .is_some_and(|d| !near_the_writer(&reference, d)) =>
            {
                dct.clone()
            }
            None if !figures.is_empty() => reference.clone().or_else(|| dct.clone()),
            None => None,
        };
        let Some(time) = time else { continue };
        let text = collapsed(&chars[s.start.min(chars.len())..s.end.min(chars.len())]);
        let names = find_names(chars, s.start, s.end, s.first, &timexes[ti..k], &case);
        events.push(Event {
            sentence: si,
            start: s.start,
            end: s.end,
            text,
            time,
            figures,
            names,
        });
    }
    events
}

/// Whether a date stands before a noun it names, after "the": "the August 7 bombings", "the
/// Dec. 21, 1988, bombing". It names a thing, not when the sentence's news happened.
fn names_a_thing(chars: &[char], t: &Timex) -> bool {
    let the = word_before(chars, t).eq_ignore_ascii_case("the");
    let after = chars[t.end.min(chars.len())..]
        .iter()
        .find(|c| !c.is_whitespace() && **c != ',');
    the && after.is_some_and(|c| c.is_lowercase())
}

/// Whether a possessive date names the event a statement is about, after "in", "during",
/// "from" or "of": "Sixty-one people died in Saturday's crush, an MP said on Sunday", "The
/// death toll from Saturday's landslide has risen to 74, officials said on Monday" (not
/// "probing into last Friday's bombings", which names what was probed).
fn in_a_possessive_event(chars: &[char], t: &Timex) -> bool {
    let word = word_before(chars, t);
    ["in", "during", "from", "of"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// The letters that end the text before an expression, past white space (empty after a
/// sign).
fn word_before(chars: &[char], t: &Timex) -> String {
    let head = &chars[..t.start.min(chars.len())];
    let end = head
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |e| e + 1);
    let start = head[..end]
        .iter()
        .rposition(|c| !c.is_alphabetic())
        .map_or(0, |s| s + 1);
    head[start..end].iter().collect()
}

/// Whether the story's time `reference` (or none yet) lies within `NEAR_THE_WRITER_YEARS`
/// before the writer's time `dct`.
fn near_the_writer(reference: &Option<EventTime>, dct: &EventTime) -> bool {
    let (Some(r), Some(d)) = (reference.as_ref().and_then(|r| r.interval), dct.interval) else {
        return reference.is_none();
    };
    years_before(r, d) <= NEAR_THE_WRITER_YEARS
}

/// How many calendar years `period` ends before the writer's time `dct` starts (0 when it
/// reaches it or lies after it).
fn years_before(period: Interval, dct: Interval) -> i16 {
    (dct.start.date().year() - period.end.date().year()).max(0)
}

/// How far before the writer's time a story may be and still be news: a count since a date
/// in it holds at the time of writing.
const NEAR_THE_WRITER_YEARS: i16 = 2;

/// Values with an interval, which a timeline can place, win (in "a curfew from 9 p.m. has been
/// in place since Sunday", the 9 p.m. of no known day does not date the statement); then dates
/// that do not only say where something began ("this year's parade, the first since 2019" is
/// this year's; "approved early on Friday, after a debate that began at 10 a.m. on Thursday"
/// is Friday's); then finer values; among equals,
/// dates that are not a possessive naming a thing ("the death toll from Tuesday's bombing rose
/// to 38 on Wednesday" is Wednesday's), then dates the text states in full over ones counted
/// from the writer's day: in "said on
/// Wednesday that 83 people were killed on January 20, 1990", the killing is on January 20. A
/// part of a day counts as a day: in "the assault began late on February 25, 1992, and by the
/// morning of February 26 the town had fallen", the assault is on February 25.
fn precision(t: &Timex) -> (bool, bool, Option<Granularity>, bool, bool) {
    let granularity = match t.value.granularity() {
        Some(Granularity::PartOfDay) => Some(Granularity::Day),
        g => g,
    };
    (
        // ("Now", "hours later": placed at the time of writing or the story's.)
        t.interval.is_some() || matches!(t.value, TimexValue::Ref(_)),
        !t.since,
        granularity,
        !t.possessive,
        t.anchor == AnchorUsed::None,
    )
}

const FUNCTION_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "Or",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "Since",
    "Until",
    "Like",
    "With",
    "Without",
    "Then",
    "There",
    "Here",
    "Two",
    "Three",
    "Some",
    "Many",
    "Most",
    "All",
    "Official",
    "Officials",
    "According",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Last",
    "Next",
];
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Prime",
    "Minister",
    "General",
    "Gen",
    "Colonel",
    "Col",
    "Sen",
    "Senator",
    "Rep",
    "Gov",
    "Governor",
    "King",
    "Queen",
    "Pope",
    "Judge",
    "Chancellor",
    "Ambassador",
    "Secretary",
    "Commander",
    "Lt",
    "Captain",
    "Capt",
    "Emperor",
    "Empress",
    "Sultan",
    "Tsar",
    "Czar",
    "Prince",
    "Princess",
    "Duke",
    "Marshal",
    "Admiral",
    "Mayor",
    "Bishop",
    "Patriarch",
    "Sheikh",
];
const ORGANIZATION_WORDS: &[&str] = &[
    "Ministry",
    "Army",
    "Council",
    "Party",
    "Union",
    "Bank",
    "Committee",
    "Court",
    "Agency",
    "Organization",
    "Organisation",
    "Association",
    "Corp",
    "Inc",
    "Ltd",
    "Company",
    "Group",
    "Front",
    "Assembly",
    "Parliament",
    "Government",
    "Commission",
    "Office",
    "Institute",
    "University",
    "Police",
    "Forces",
    "Navy",
    "Service",
    "Nations",
    "Fund",
    "Times",
    "Post",
    "News",
    "Press",
    "Agency",
    "Watch",
    "Movement",
    "Brigade",
    "Guard",
];
const PLACE_CUES: &[&str] = &[
    "in", "at", "from", "to", "near", "into", "across", "outside", "inside", "toward", "towards",
];

/// The characters with each run of white space made one space, and none at either end.
fn collapsed(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    for word in chars.split(|c| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// The words of `chars[start..end]`, as `[start, end)` character ranges: letters, digits,
/// hyphens and apostrophes, starting with a letter.
fn words_in(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let end = end.min(chars.len());
    let mut words = Vec::new();
    let mut i = start;
    while i < end {
        if chars[i].is_alphabetic() {
            let a = i;
            while i < end && is_word_char(chars[i]) {
                i += 1;
            }
            words.push((a, i));
        } else {
            i += 1;
        }
    }
    words
}

/// How a document writes its words: the evidence that decides whether a capitalized sentence
/// opener is a name. Words are kept as hashes, built in one pass without allocating: this
/// runs over every document, and a collision only costs one name.
struct WordCase {
    /// Words written in lowercase somewhere.
    lowercase: FxHashSet<u64>,
    /// Capitalized words written after a letter, digit or comma: inside a sentence, where
    /// only names are capitalized.
    capitalized_inside: FxHashSet<u64>,
}

/// Folds one more character into a word's hash.
fn hash_step(h: u64, c: char) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

fn hash_word(word: impl IntoIterator<Item = char>) -> u64 {
    word.into_iter().fold(0, hash_step)
}

impl WordCase {
    fn of(chars: &[char]) -> Self {
        let mut lowercase = FxHashSet::default();
        let mut capitalized_inside = FxHashSet::default();
        let mut before = ' ';
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !c.is_alphabetic() {
                if !c.is_whitespace() {
                    before = c;
                }
                i += 1;
                continue;
            }
            let (mut h, mut has_upper) = (0, false);
            while i < chars.len() && is_word_char(chars[i]) {
                h = hash_step(h, chars[i]);
                has_upper |= chars[i].is_uppercase();
                i += 1;
            }
            if !has_upper {
                lowercase.insert(h);
            } else if before.is_alphanumeric() || before == ',' {
                capitalized_inside.insert(h);
            }
            before = chars[i - 1];
        }
        WordCase {
            lowercase,
            capitalized_inside,
        }
    }

    /// Whether `word`, capitalized at the start of a sentence, is an ordinary word: the
    /// document writes it in lowercase elsewhere, or (`alone`: no capitalized word follows
    /// it) never capitalizes it inside a sentence.
    fn ordinary_opener(&self, word: &[char], alone: bool) -> bool {
        let lower = hash_word(word.iter().flat_map(|c| c.to_lowercase()));
        self.lowercase.contains(&lower)
            || alone
                && !self
                    .capitalized_inside
                    .contains(&hash_word(word.iter().copied()))
    }
}

/// Capitalized word sequences in `[start, end)` outside time expressions.
fn find_names(
    chars: &[char],
    start: usize,
    end: usize,
    opens_sentence: bool,
    timexes: &[Timex],
    case: &WordCase,
) -> Vec<Name> {
    let words = words_in(chars, start, end);
    let in_timex = |a: usize| timexes.iter().any(|t| t.start <= a && a < t.end);
    // Words are compared in place: most are lowercase, and an event's every word is looked at.
    let is = |(a, b): (usize, usize), w: &str| chars[a..b].iter().copied().eq(w.chars());
    let one_of = |span: (usize, usize), list: &[&str]| list.iter().any(|w| is(span, w));
    let capitalized = |(a, _): (usize, usize)| chars[a].is_uppercase();
    // "NATO", "US": never an ordinary word, whatever the text writes in lowercase ("us").
    let all_caps = |(a, b): (usize, usize)| chars[a..b].iter().all(|c| !c.is_lowercase());
    // A wire dateline's city: the document's first words, in capitals, before a comma
    // ("DHAKA, Nov. 30 (Example Wire) —").
    let dateline_city = |from: usize, last: usize| {
        from == 0
            && chars[..words[0].0].iter().all(|c| c.is_whitespace())
            && (from..=last).all(|w| all_caps(words[w]))
            && chars.get(words[last].1) == Some(&',')
    };
    let mut names = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let (a, _) = words[k];
        // A sentence's first word, or the first after a dash or colon ("DHAKA, Nov. 30 —
        // Troops entered"), is capitalized whatever it is.
        let opener = if k == 0 {
            opens_sentence
        } else {
            chars[words[k - 1].1..a]
                .iter()
                .any(|c| matches!(c, '—' | '–' | ':'))
        };
        let ordinary_opener = opener
            && (one_of(words[k], FUNCTION_WORDS)
                || !all_caps(words[k])
                    && case.ordinary_opener(
                        &chars[a..words[k].1],
                        !words.get(k + 1).is_some_and(|&w| capitalized(w)),
                    ));
        if !capitalized(words[k]) || in_timex(a) || ordinary_opener {
            k += 1;
            continue;
        }
        // Extend over capitalized words, allowing "of"/"the"/"de" inside ("Bank of England").
        let first = k;
        let mut last = k;
        let mut j = k + 1;
        while j < words.len() {
            let gap_ok = chars[words[j - 1].1..words[j].0]
                .iter()
                .all(|c| *c == ' ' || *c == '.');
            if !gap_ok || in_timex(words[j].0) {
                break;
            }
            if capitalized(words[j]) {
                last = j;
                j += 1;
            } else if one_of(words[j], &["of", "the", "de", "al", "bin", "van", "von"])
                && j + 1 < words.len()
                && capitalized(words[j + 1])
            {
                j += 1;
            } else {
                break;
            }
        }
        let mut from = first;
        // Drop a leading function word ("The Ministry of Defence" keeps "Ministry of Defence").
        while from < last && one_of(words[from], FUNCTION_WORDS) {
            from += 1;
        }
        let title_before = first > 0 && one_of(words[first - 1], TITLES);
        let mut title_inside = false;
        while from < last && one_of(words[from], TITLES) {
            from += 1;
            title_inside = true;
        }
        let (s, e) = (words[from].0, words[last].1);
        if !(from == last && one_of(words[from], FUNCTION_WORDS)) {
            let text: String = chars[s..e].iter().collect();
            let kind = if title_before || title_inside {
                NameKind::Person
            } else if dateline_city(from, last) {
                NameKind::Place
            } else if one_of(words[last], ORGANIZATION_WORDS)
                || chars[words[from].0..words[from].1]
                    .iter()
                    .all(|c| c.is_uppercase() || *c == '-')
                    && e - s >= 2
            {
                NameKind::Organization
            } else if from > 0 && one_of(words[from - 1], PLACE_CUES) {
                NameKind::Place
            } else {
                NameKind::Name
            };
            names.push(Name {
                text,
                start: s,
                end: e,
                kind,
            });
        }
        k = last + 1;
    }
    names
}
