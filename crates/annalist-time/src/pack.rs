//! Language packs: a language's vocabulary and grammar rules, read from text.
//!
//! A pack is two text files embedded in the binary (see `lang/en/` for English):
//!
//! * `lexicon.txt` says what single words contribute, one class per line:
//!   `MONTH: march! mar! = month=3` (a `!` means the word counts only when capitalized, so
//!   "may" the verb is not May the month). Number words, scales and ordinals have their own
//!   sections (`NUMBER:`, `SCALE:`, `ORDINAL:`, `NUMBER_FRACTION:` with the words allowed
//!   before a fraction in `FRACTION_LINK:`), as do the tense cues used to resolve "Friday"
//!   backwards or forwards (`PAST:`, `FUTURE:`, the weaker verb forms `PAST_VERB:`, and
//!   `FUTURE_VERB:` for verbs that are also nouns, ignored after a `DETERMINER:`, and
//!   `SCHEDULE_VERB:` for present-tense verbs that tell a plan, weak cues ignored also after
//!   a `TENSE_NEUTRAL:` word such as "to" and after an auxiliary, even across a `NEGATION:`
//!   word; `COPULA:` for "is", which looks ahead only right before a day; `MEASURED:` nouns
//!   with a `MEASURED_LINK:` word, "figures for July", name a period already measured).
//! * `rules.txt` holds the grammar: each rule is a pattern over tokens, the features it adds,
//!   the category it produces, and examples that run as tests:
//!
//!   ```text
//!   rule date.month-day-year
//!     match: MONTH "."? NUM:day ","? NUM:year
//!     ex: March 3, 1988 => DATE 1988-03-03
//!   ```
//!
//! The pattern language is small on purpose (literals, classes, numbers in a role, categories
//! built by earlier stages, `OTHER` for a word no rule names, `?` for optional, `~` for
//! "touching the previous token", `|` for alternatives) so that matching stays linear: see
//! `grammar.rs`.
//!
//! Parsing a pack checks everything a pack author can get wrong (unknown classes, bad
//! features, malformed examples) and reports it with the file and line.

use rustc_hash::FxHashMap;

use crate::frame::Frame;

/// An interned class or category name.
pub type ClassId = u16;

/// What a number must look like to fill a role in a pattern (`NUM:day`, `ORD:nth`…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumRole {
    /// Any cardinal: contributes `count`.
    Count,
    /// Four digits: contributes `year`.
    Year,
    /// Two digits ("'98"): contributes a short year.
    ShortYear,
    /// 1 to 4 digits: a year of any era ("44 BC", "AD 79").
    AnyYear,
    /// 1–31.
    Day,
    /// 1–12.
    Month,
    /// Two digits, 01–31: a day written as numerical dates pad it ("27.03.15").
    PaddedDay,
    /// Two digits, 01–12.
    PaddedMonth,
    /// A digit run too long for a year (five digits or more): "the year 99999999999".
    LongDigits,
    /// Exactly one, contributing nothing: "first" in "the first days of".
    One,
    /// Exactly two, contributing nothing: "second" in "the second half of January".
    Two,
    /// A small whole number of times, 1–1000: "three" in "three times a year" (`freq`).
    Times,
    /// 1–4: the quarter in "Q3".
    Quarter,
    /// 1–2: the half in "H1".
    Half,
    /// 0–24.
    Hour,
    /// Two digits, 0–59.
    Minute,
    /// A count of minutes, 1–59, in words or digits: "twenty" in "twenty past eight".
    Minutes,
    /// Four digits read as a 24-hour clock, `HHMM` ("0735", "1430"): hour and minute.
    Clock,
    /// Two digits, 0–59.
    Second,
    /// 1–53.
    Week,
    /// An ordinal: contributes `nth`.
    Nth,
    /// The second to fourth week of a month ("the second week of March"), as the day it
    /// holds: the 11th, 18th or 25th. Like ISO 8601's first week of a year, which holds 4
    /// January, the n-th week of a month is the one holding day 7n − 3. (The first week is
    /// left to the rules: "early in the month" is how TimeML reads it.)
    WeekOfMonth,
    /// An ordinal century: "21st" contributes `century=20`.
    Century,
    /// The first half of a spelled-out year: "nineteen" in "nineteen ninety-six".
    YearHigh,
    /// The second half of a spelled-out year: "ninety-six".
    YearLow,
    /// A whole year spelled out as one number: "two thousand", "two thousand and five".
    SpelledYear,
    /// A clock time written as a decimal: "7.30" in "7.30pm".
    DotClock,
    /// Three or four digits read as a 12-hour clock, `HMM` or `HHMM` ("430" in "430pm"):
    /// hour 1–12 and minute.
    CompactClock,
    /// Any count, contributing nothing: the bounds of "two to three weeks".
    AnyCount,
}

impl NumRole {
    fn parse(s: &str) -> Option<NumRole> {
        Some(match s {
            "count" => NumRole::Count,
            "year" => NumRole::Year,
            "yy" => NumRole::ShortYear,
            "anyyear" => NumRole::AnyYear,
            "day" => NumRole::Day,
            "month" => NumRole::Month,
            "dd" => NumRole::PaddedDay,
            "mm" => NumRole::PaddedMonth,
            "quarter" => NumRole::Quarter,
            "longdigits" => NumRole::LongDigits,
            "one" => NumRole::One,
            "two" => NumRole::Two,
            "times" => NumRole::Times,
            "half" => NumRole::Half,
            "hour" => NumRole::Hour,
            "minute" => NumRole::Minute,
            "minutes" => NumRole::Minutes,
            "clock" => NumRole::Clock,
            "second" => NumRole::Second,
            "week" => NumRole::Week,
            "nth" => NumRole::Nth,
            "weekofmonth" => NumRole::WeekOfMonth,
            "century" => NumRole::Century,
            "yearhi" => NumRole::YearHigh,
            "yearlo" => NumRole::YearLow,
            "spelledyear" => NumRole::SpelledYear,
            "dotclock" => NumRole::DotClock,
            "compactclock" => NumRole::CompactClock,
            "anycount" => NumRole::AnyCount,
            _ => return None,
        })
    }
}

/// One alternative of a pattern element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A word or punctuation.
    Literal(WordId),
    /// A lexicon class: contributes the word's features.
    Class(ClassId),
    /// A cardinal number in a role.
    Num(NumRole),
    /// An ordinal number in a role.
    Ord(NumRole),
    /// A decade written with digits: "1990s", "'90s".
    Decade,
    /// A category built by an earlier stage: contributes its frame.
    Category(ClassId),
    /// A word or sign no rule names (`OTHER`): what follows a phrase that ends there, as
    /// "was" after "the week before last", where "Tuesday" would carry the phrase on.
    Other,
}

/// One position of a pattern.
#[derive(Clone, Debug)]
pub struct Element {
    /// Any of these matches.
    pub alternatives: Vec<Atom>,
    /// May be skipped.
    pub optional: bool,
    /// Must touch the previous matched token (no white space between).
    pub adjacent: bool,
    /// Also matches, taking no item, where the text or its line ends (`END`): a phrase may
    /// stop there as it would before a comma, "see you on the 12th" as the last words of a
    /// post.
    pub ends_line: bool,
}

/// A grammar rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Unique name, e.g. `date.month-day-year`; shown by `--explain`.
    pub name: String,
    /// Rules run in stages; a stage sees the categories built by earlier ones.
    pub stage: u8,
    /// The pattern.
    pub elements: Vec<Element>,
    /// Features the rule adds to what its parts contribute.
    pub features: Frame,
    /// The category of what it builds.
    pub category: ClassId,
    /// How many leading pattern elements are context, not part of the expression: the items
    /// they match are consumed (no other rule can use them) but left outside the extent.
    pub lead: u8,
    /// How many trailing pattern elements are context: what they match must be there for the
    /// rule to apply, but stays outside the extent and free for other rules ("the year" in
    /// "the year ended Sept. 30" is a duration only because of "ended").
    pub trail: u8,
    /// Line in `rules.txt`.
    pub line: usize,
    /// The fewest items a match can span before a word no rule names (its required
    /// elements, but for a final `OTHER`).
    pub min_len: u8,
}

/// An example attached to a rule: input text, expected type, value and mod.
#[derive(Clone, Debug)]
pub struct Example {
    /// The rule it illustrates.
    pub rule: String,
    /// The sentence; `[` `]` mark the expected extent, or the whole text is the extent.
    pub text: String,
    /// Expected TIMEX3 type.
    pub kind: String,
    /// Expected TIMEX3 value.
    pub value: String,
    /// Expected mod, if any.
    pub modifier: Option<String>,
    /// The anchor for this example (the file's default unless given).
    pub dct: String,
    /// Line in `rules.txt`.
    pub line: usize,
}

/// A lexicon entry for one word.
#[derive(Clone, Debug)]
pub struct LexEntry {
    /// The class the word belongs to.
    pub class: ClassId,
    /// What the word contributes.
    pub features: Frame,
    /// Counts only when the word is capitalized.
    pub capitalized_only: bool,
}

/// How a word takes part in spelled-out numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberWord {
    /// "one" … "nineteen", "twenty" … "ninety" (with their value).
    Cardinal(f64),
    /// "hundred", "thousand", "million".
    Scale(f64),
    /// "first", "twentieth".
    Ordinal(f64),
}

/// Tense cues for resolving "Friday" and "in March" backwards or forwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// The sentence talks about the past.
    Past,
    /// The sentence talks about the future.
    Future,
}

/// An interned word.
pub type WordId = u32;

/// What the pack knows about one word.
#[derive(Clone, Debug, Default)]
pub struct WordInfo {
    /// Lexicon classes the word belongs to.
    pub entries: Vec<LexEntry>,
    /// Its part in spelled-out numbers.
    pub number: Option<NumberWord>,
    /// Joins number words ("and" in "one hundred and five").
    pub joiner: bool,
    /// Stands for one before a scale word ("a" of "a hundred years", "a dozen"): part of
    /// the number.
    pub number_article: bool,
    /// A fraction word that adds to the number before it ("half" in "two and a half").
    pub fraction: Option<f64>,
    /// May stand between a number and its fraction word ("and", "a" in "two and a half").
    pub fraction_link: bool,
    /// The tense it signals.
    pub tense: Option<TenseCue>,
    /// A verb form after it carries no tense ("the reduced dividend", "to be completed").
    pub tense_neutral: bool,
    /// A perfect auxiliary: a word pointing ahead after it names a plan that has passed
    /// ("had been due to expire Friday").
    pub perfect: bool,
    /// An article or possessive: a cue word after it is a noun ("the plan").
    pub determiner: bool,
    /// A verb of intent whose infinitive points ahead ("agreed" in "agreed to buy the line in
    /// February").
    pub intent: bool,
    /// Marks an infinitive ("to").
    pub infinitive: bool,
    /// Before an earlier year, marks it as looked back to, not arrived at ("since" in "part
    /// of the empire since 513 BC").
    pub retrospect: bool,
    /// A verb of beginning ("began", "erupted"): an expression after it in its clause is
    /// where something began, as after "since".
    pub begins: bool,
    /// A verb of beginning after a `BEGIN_LEAD:` word ("out" in "broke out").
    pub begins_link: bool,
    /// Makes a `BEGIN_LINK:` word after it a verb of beginning ("broke").
    pub begins_lead: bool,
    /// A relative pronoun ("which", "that"): a verb of beginning after it opens a clause
    /// about where something began.
    pub relative: bool,
    /// Opens the other side of a comparison ("compared", "versus"): the expressions in its
    /// clause are what the news is measured against.
    pub comparison: bool,
    /// Opens the other side of a comparison when a word stands between it and the expression
    /// ("than the whole of 2025"; right before one it makes a bound: "more than four decades
    /// ago", "no later than June 1").
    pub comparison_apart: bool,
    /// Makes a `COMPARISON_APART:` word after it a bound of a quantity ("more" in "more than
    /// 40 years ago").
    pub comparison_bound: bool,
    /// Opens a comparison after a `COMPARISON_LEAD:` word ("from" in "up from").
    pub comparison_link: bool,
    /// Makes a `COMPARISON_LINK:` word after it open a comparison ("up", "down").
    pub comparison_lead: bool,
    /// A present auxiliary of the perfect ("has", "have"): a period something has held
    /// "since" then reaches the time of writing ("since the start of the year, 37 have been
    /// arrested").
    pub present_perfect: bool,
    /// Negates the verb after it ("not", "never"): "did not go" is still "did"'s tense.
    pub negation: bool,
    /// A present form of "be" right before a day names a day ahead ("the deadline is
    /// Friday", "the summit is on Tuesday"), and tells nothing anywhere else.
    pub copula: bool,
    /// A figure reported for a period ("figures", "data", "results"): with a
    /// `MEASURED_LINK:` word after it ("figures for July"), the period is one that has been
    /// measured, whatever the tense of the sentence ("figures for July will be released").
    pub measured: bool,
    /// Links such a figure to its period ("for").
    pub measured_link: bool,
    /// Tells what happens as a rule ("usually", "typically"): a month, weekday or clock time
    /// near it names no particular one ("the monsoon usually arrives in June").
    pub habitual: bool,
    /// Joins two clauses ("and", "but"): after an expression, the clause it opens tells
    /// another verb's tense.
    pub clause_link: bool,
    /// After a comma, begins another statement ("and", "but", "while", "then"): "sent forces
    /// to Libya in February, and by the end of March had launched an offensive" tells two
    /// things that happened, each with its own date. Read by the events of a timeline, not
    /// by the tagger.
    pub statement_link: bool,
    /// Before a day of a month, makes it where a series starts or stops ("from" in "departing
    /// each Thursday from August 6"): a particular day, though the clause tells a habit.
    pub series_bound: bool,
    /// After a verb that puts something off or sets a period, names the day it runs to, as
    /// `PROSPECT:` words do there ("issued red alerts through Wednesday"), but only there:
    /// "has fallen 2% this year through Oct. 19" is no look ahead.
    pub defer_link: bool,
    /// The same right before the day only: "postponed to June", "moved to Monday" (not "issued
    /// a warning to residents on Monday").
    pub defer_adjacent: bool,
    /// Right before a day, marks it as the day something happened ("on" in "arrested him on
    /// Jan. 20"), not a day something was put off to or runs until: in a past-tense sentence
    /// such a day has come.
    pub event_day: bool,
    /// Between a length and a date, puts what happened that long before the date ("before" in
    /// "attacked two days before Christmas"): in a past-tense sentence the date is then at
    /// most that long after the writer's day.
    pub precedes: bool,
    /// Capitalized after an abbreviation's full stop ("10 a.m. It was cold"), starts a new
    /// sentence: a pronoun or a determiner, not a name ("10 a.m. Tuesday", "a.m. EST").
    pub opens_sentence: bool,
    /// A verb of saying ("said"): a tense it gives may be the saying's, not that of what was
    /// said.
    pub reporting: bool,
    /// A little before a date later than the story's, marks it as an end looked ahead to,
    /// not arrived at ("until" in "a siege that lasted until the fall of Budapest in
    /// February 1945").
    pub prospect: bool,
    /// A few words before a year earlier than the story's, marks it as a look back told in
    /// the pluperfect, not where the story is ("had" in "forces that had invaded Burma in late
    /// 1943", told of 1944).
    pub flashback: bool,
    /// Makes the tense cue right before it a comparison ("than" in "no earlier than June
    /// 30", "later than planned").
    pub comparative: bool,
    /// Puts something off: "until" a few words after it names a day ahead, whatever the
    /// verb's tense ("postponed until Tuesday", "extended its deadline until Friday").
    pub defer: bool,
}

/// A word's tense signal and how much to trust it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TenseCue {
    /// Which way it points.
    pub tense: Tense,
    /// Auxiliaries and reporting verbs ("will", "was", "said") outrank verb forms ("held",
    /// anything in "-ed", which may be a participle after "will be").
    pub strong: bool,
    /// Not a cue after a determiner (`DETERMINER:` words), where it is a noun or adjective.
    pub also_a_noun: bool,
}

impl TenseCue {
    fn auxiliary(tense: Tense) -> TenseCue {
        TenseCue {
            tense,
            strong: true,
            also_a_noun: false,
        }
    }

    fn verb(tense: Tense) -> TenseCue {
        TenseCue {
            tense,
            strong: false,
            also_a_noun: false,
        }
    }

    /// A verb as telling as an auxiliary that is also a noun or an adjective: "plans to
    /// close" points ahead, "announced the plan" and "the expected merger" do not.
    /// A present-tense verb that tells a plan ("voters go to the polls on Sunday"): a weak
    /// cue, and none after "to", a modal or a determiner ("failed to meet demand", "should
    /// go back", "the votes").
    fn schedule() -> TenseCue {
        TenseCue {
            tense: Tense::Future,
            strong: false,
            also_a_noun: true,
        }
    }

    fn verb_or_noun(tense: Tense) -> TenseCue {
        TenseCue {
            tense,
            strong: true,
            also_a_noun: true,
        }
    }
}

/// Everything the engine knows about a language.
#[derive(Debug)]
pub struct LanguagePack {
    /// ISO 639-1 code.
    pub code: String,
    pub(crate) class_names: Vec<String>,
    /// Every word the pack knows (lexicon words, number words, tense cues, rule literals),
    /// lowercase, to its id: a token whose word is not here can match nothing but `~` joins.
    pub(crate) words: FxHashMap<Box<str>, WordId>,
    pub(crate) word_info: Vec<WordInfo>,
    pub(crate) ordinal_suffixes: Vec<String>,
    /// True when the pack names `FRACTION_LINK` words: a fraction word then needs one
    /// ("two and a half", not "two half"); packs without them put it right after the number.
    pub(crate) fraction_links: bool,
    pub(crate) decade_suffixes: Vec<String>,
    pub(crate) past_suffixes: Vec<String>,
    /// Endings of future verb forms, for languages that build the future with a suffix
    /// (Azerbaijani "-acaq", Turkish "-ecek") rather than an auxiliary.
    pub(crate) future_suffixes: Vec<String>,
    /// The verb ends its clause (Azerbaijani, Turkish): the tense of an expression comes from
    /// its own clause, so the look for a cue on its left stops at a comma. Set by
    /// `WORD_ORDER: verb-final` in the lexicon.
    pub(crate) verb_final: bool,
    /// What, written right after an expression, makes it a possessive ("Wednesday's ruling"):
    /// the expression then names a day that has come, whatever the tense around it.
    pub(crate) possessive_markers: Vec<String>,
    /// Words that join the lengths of a compound duration: "and" in "two hours and 40
    /// minutes" (`DURATION_JOIN`, read by `compound.rs`).
    pub(crate) duration_joins: Vec<String>,
    /// The words that join the two ends of a range.
    pub(crate) range: RangeWords,
    pub(crate) rules: Vec<Rule>,
    pub(crate) examples: Vec<Example>,
    /// Category names that are never reported on their own (they start with `_`).
    pub(crate) hidden: Vec<bool>,
    /// Per word, whether some rule element can match it (as a literal or through one of its
    /// classes). The others (tense cues, number words, range links) are known to the pack
    /// but, to the rules, no different from words it does not know.
    pub(crate) in_rules: Vec<bool>,
    /// Per word, its range in `word_classes`: the classes of `word_info[w].entries` with
    /// their capitalized-only flag, packed together so that the matcher's test of a class
    /// stays within a few cache lines (an entry also carries a whole frame).
    class_spans: Vec<(u32, u32)>,
    word_classes: Vec<(ClassId, bool)>,
    /// The id of each one-character ASCII word ("a", ",", "-"), so that the commonest tokens
    /// of a text are looked up without hashing.
    ascii_chars: [Option<WordId>; 128],
}

/// The words that join the ends of a range (`RANGE_*` and `ELIDED_*` in a lexicon), read by
/// `range.rs`. Dashes are words here too.
#[derive(Debug, Default)]
pub(crate) struct RangeWords {
    /// Join two expressions: "to", "through", a dash (`RANGE_LINK`).
    pub links: Vec<String>,
    /// Open a range whose link is one of `opener_links`: "between" (`RANGE_OPENER`).
    pub openers: Vec<String>,
    /// Join two expressions only after an opener: "and" (`RANGE_OPENER_LINK`).
    pub opener_links: Vec<String>,
    /// Join an expression and a bare number that shares its month or century: "6-7 January",
    /// "1915-17" (`ELIDED_LINK`).
    pub elided: Vec<String>,
    /// As `elided`, but the number must end the phrase: "April 24 and 25." yet not "March 3
    /// and 4 people" (`ELIDED_LINK_FINAL`).
    pub elided_final: Vec<String>,
    /// Join the days of a list before its last link: the commas of "4, 5 and 6 March" and
    /// "March 4, 5 and 6" (`ELIDED_LIST_LINK`). Only a list that ends with an `elided_final`
    /// word is one: "March 4, 5" alone is not.
    pub elided_list: Vec<String>,
    /// Articles an elided range's day may carry on both ends: "from the 3rd to the 5th of
    /// May" (`ELIDED_ARTICLE`).
    pub elided_articles: Vec<String>,
    /// Join a part of the day to an elided range's first day: "of" in "the night of 19-20
    /// January" (`ELIDED_POD_LINK`).
    pub elided_pod_links: Vec<String>,
    /// Join two expressions that are not a range but share the year the second one states:
    /// "in August and September 1914" (`COORDINATION_LINK`).
    pub coordination: Vec<String>,
    /// Join a clock time, and the one in brackets after it, to the day they are on: "on" in
    /// "at 07:00 local time (04:00 GMT) on Sunday" (`DAY_LINK`).
    pub day_links: Vec<String>,
}

/// Lowercases a character for looking a word up: as Unicode does, except for the two i's of
/// Turkish and Azerbaijani. Their capital dotted İ is i ("İyun", "İki"), where Unicode gives i
/// and a combining dot that no lexicon writes; and their dotless ı is matched as i, because
/// its capital is the Latin I: all-caps "MAYIS" and "AYINDA" lowercase to "mayis" and
/// "ayinda", and must still find "mayıs" and "ayında". (No time word of these languages is
/// told from another by its dot alone.)
pub(crate) fn fold_char(c: char) -> std::char::ToLowercase {
    if c == 'İ' || c == 'ı' { 'I' } else { c }.to_lowercase()
}

/// A word lowercased as [`fold_char`] does. (`str::to_lowercase` first: it lowercases ASCII
/// runs many bytes at a time, and range gaps can be long. Both i's are encoded from the byte
/// 0xC4 on, which a byte search finds fastest.)
pub(crate) fn fold_case(word: &str) -> String {
    let lower = word.to_lowercase();
    if word.as_bytes().contains(&0xC4) && word.contains(['İ', 'ı']) {
        lower.replace("i\u{307}", "i").replace('ı', "i")
    } else {
        lower
    }
}

/// A mistake in a language pack, with where it is.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PackError {
    /// `lexicon.txt` or `rules.txt`.
    pub file: &'static str,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl LanguagePack {
    /// Reads a pack from its lexicon and rules text.
    pub fn parse(code: &str, lexicon: &str, rules: &str) -> Result<LanguagePack, PackError> {
        let mut pack = LanguagePack {
            code: code.to_string(),
            class_names: Vec::new(),
            words: FxHashMap::default(),
            word_info: Vec::new(),
            ordinal_suffixes: Vec::new(),
            fraction_links: false,
            decade_suffixes: Vec::new(),
            past_suffixes: Vec::new(),
            future_suffixes: Vec::new(),
            verb_final: false,
            possessive_markers: Vec::new(),
            duration_joins: Vec::new(),
            range: RangeWords::default(),
            rules: Vec::new(),
            examples: Vec::new(),
            hidden: Vec::new(),
            in_rules: Vec::new(),
            class_spans: Vec::new(),
            word_classes: Vec::new(),
            ascii_chars: [None; 128],
        };
        // Category 0 is what a rule builds when it names no category of its own.
        pack.intern("@timex");
        pack.parse_lexicon(lexicon)?;
        pack.parse_rules(rules)?;
        pack.in_rules = pack.words_in_rules();
        for info in &pack.word_info {
            let start = pack.word_classes.len() as u32;
            pack.word_classes
                .extend(info.entries.iter().map(|e| (e.class, e.capitalized_only)));
            pack.class_spans
                .push((start, pack.word_classes.len() as u32));
        }
        for b in 0..128u8 {
            let c = char::from(b).to_ascii_lowercase();
            pack.ascii_chars[usize::from(b)] = pack.word_id(c.encode_utf8(&mut [0; 4]));
        }
        Ok(pack)
    }

    /// Whether the word belongs to the class, as written (capitalized or not).
    pub(crate) fn word_in_class(&self, id: WordId, class: ClassId, capitalized: bool) -> bool {
        let Some(&(a, b)) = self.class_spans.get(id as usize) else {
            return false;
        };
        self.word_classes[a as usize..b as usize]
            .iter()
            .any(|&(c, cap_only)| c == class && (!cap_only || capitalized))
    }

    fn words_in_rules(&self) -> Vec<bool> {
        let mut literal = vec![false; self.word_info.len()];
        let mut class = vec![false; self.class_names.len()];
        for atom in self
            .rules
            .iter()
            .flat_map(|r| &r.elements)
            .flat_map(|e| &e.alternatives)
        {
            match atom {
                Atom::Literal(w) => literal[*w as usize] = true,
                Atom::Class(c) => class[*c as usize] = true,
                _ => {}
            }
        }
        self.word_info
            .iter()
            .zip(literal)
            .map(|(info, lit)| lit || info.entries.iter().any(|e| class[e.class as usize]))
            .collect()
    }

    /// Whether some rule can match the word: a word no rule names stops a match like an
    /// unknown one.
    pub(crate) fn in_rules(&self, id: WordId) -> bool {
        self.in_rules.get(id as usize).copied().unwrap_or(false)
    }

    /// The rules, in the order they are tried.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The examples attached to rules.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// The name of a class or category.
    pub fn class_name(&self, id: ClassId) -> &str {
        &self.class_names[id as usize]
    }

    /// The id of a word, lowercase.
    pub fn word_id(&self, lowercase: &str) -> Option<WordId> {
        self.words.get(lowercase).copied()
    }

    /// The id of a one-character ASCII word, in either case: the same as [`Self::word_id`] of
    /// its lowercase, from a table.
    pub(crate) fn ascii_char_id(&self, b: u8) -> Option<WordId> {
        self.ascii_chars.get(usize::from(b)).copied().flatten()
    }

    /// Whether `word` (in any case), after a comma, begins another statement (the pack's
    /// `STATEMENT_LINK:` words: "and", "but", "while"…).
    pub fn opens_statement(&self, word: &str) -> bool {
        self.word_id(&fold_case(word))
            .is_some_and(|id| self.word_info(id).statement_link)
    }

    /// What the pack knows about a word.
    pub fn word_info(&self, id: WordId) -> &WordInfo {
        &self.word_info[id as usize]
    }

    /// Interns each word and sets a flag on it.
    fn flag_words<'w>(
        &mut self,
        words: impl Iterator<Item = &'w str>,
        set: impl Fn(&mut WordInfo),
    ) {
        for w in words {
            let id = self.intern_word(w);
            set(&mut self.word_info[id as usize]);
        }
    }

    fn intern_word(&mut self, word: &str) -> WordId {
        let w = fold_case(word);
        if let Some(&id) = self.words.get(w.as_str()) {
            return id;
        }
        let id = self.word_info.len() as WordId;
        self.word_info.push(WordInfo::default());
        self.words.insert(w.into_boxed_str(), id);
        id
    }

    fn intern(&mut self, name: &str) -> ClassId {
        if let Some(i) = self.class_names.iter().position(|n| n == name) {
            return i as ClassId;
        }
        self.class_names.push(name.to_string());
        // Categories are interned with their `@`: "@_early_hours" is hidden.
        self.hidden
            .push(name.strip_prefix('@').unwrap_or(name).starts_with('_'));
        (self.class_names.len() - 1) as ClassId
    }

    fn class_id(&self, name: &str) -> Option<ClassId> {
        self.class_names
            .iter()
            .position(|n| n == name)
            .map(|i| i as ClassId)
    }

    fn parse_lexicon(&mut self, text: &str) -> Result<(), PackError> {
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |message: String| PackError {
                file: "lexicon.txt",
                line,
                message,
            };
            let content = raw.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let (class, rest) = content
                .split_once(':')
                .ok_or_else(|| err("expected `CLASS: words [= features]`".into()))?;
            let class = class.trim();
            let (words, features) = match rest.split_once('=') {
                Some((w, f))
                    if !matches!(class, "NUMBER" | "SCALE" | "ORDINAL" | "NUMBER_FRACTION") =>
                {
                    (w, f)
                }
                _ => (rest, ""),
            };
            let words = words.split_whitespace();
            match class {
                "NUMBER" | "SCALE" | "ORDINAL" | "NUMBER_FRACTION" => {
                    for item in words {
                        let (w, v) = item
                            .split_once('=')
                            .ok_or_else(|| err(format!("expected word=value, found {item:?}")))?;
                        let v: f64 = v
                            .parse()
                            .map_err(|_| err(format!("bad number {v:?} for {w:?}")))?;
                        if class == "NUMBER_FRACTION" {
                            if !(0.0..1.0).contains(&v) {
                                return Err(err(format!("fraction {v} of {w:?} is not below 1")));
                            }
                            let id = self.intern_word(w);
                            self.word_info[id as usize].fraction = Some(v);
                            continue;
                        }
                        let kind = match class {
                            "NUMBER" => NumberWord::Cardinal(v),
                            "SCALE" => NumberWord::Scale(v),
                            _ => NumberWord::Ordinal(v),
                        };
                        let id = self.intern_word(w);
                        self.word_info[id as usize].number = Some(kind);
                    }
                }
                // Word flags: each class marks its words for the engine's passes.
                "TENSE_NEUTRAL" => self.flag_words(words, |w| w.tense_neutral = true),
                "PERFECT" => self.flag_words(words, |w| w.perfect = true),
                "INTENT" => self.flag_words(words, |w| w.intent = true),
                "RETROSPECT" => self.flag_words(words, |w| w.retrospect = true),
                "PRESENT_PERFECT" => self.flag_words(words, |w| w.present_perfect = true),
                "BEGIN" => self.flag_words(words, |w| w.begins = true),
                "BEGIN_LINK" => self.flag_words(words, |w| w.begins_link = true),
                "BEGIN_LEAD" => self.flag_words(words, |w| w.begins_lead = true),
                "RELATIVE" => self.flag_words(words, |w| w.relative = true),
                "COMPARISON" => self.flag_words(words, |w| w.comparison = true),
                "COMPARISON_LINK" => self.flag_words(words, |w| w.comparison_link = true),
                "COMPARISON_APART" => self.flag_words(words, |w| w.comparison_apart = true),
                "COMPARISON_BOUND" => self.flag_words(words, |w| w.comparison_bound = true),
                "COMPARISON_LEAD" => self.flag_words(words, |w| w.comparison_lead = true),
                "NEGATION" => self.flag_words(words, |w| w.negation = true),
                "COPULA" => self.flag_words(words, |w| w.copula = true),
                "MEASURED" => self.flag_words(words, |w| w.measured = true),
                "MEASURED_LINK" => self.flag_words(words, |w| w.measured_link = true),
                "HABITUAL" => self.flag_words(words, |w| w.habitual = true),
                "CLAUSE_LINK" => self.flag_words(words, |w| w.clause_link = true),
                "STATEMENT_LINK" => self.flag_words(words, |w| w.statement_link = true),
                "SERIES_BOUND" => self.flag_words(words, |w| w.series_bound = true),
                "DEFER_LINK" => self.flag_words(words, |w| w.defer_link = true),
                "DEFER_ADJACENT" => self.flag_words(words, |w| w.defer_adjacent = true),
                "EVENT_DAY" => self.flag_words(words, |w| w.event_day = true),
                "PRECEDES" => self.flag_words(words, |w| w.precedes = true),
                "OPENS_SENTENCE" => self.flag_words(words, |w| w.opens_sentence = true),
                "REPORTING" => self.flag_words(words, |w| w.reporting = true),
                "PROSPECT" => self.flag_words(words, |w| w.prospect = true),
                "FLASHBACK" => self.flag_words(words, |w| w.flashback = true),
                "DEFER" => self.flag_words(words, |w| w.defer = true),
                "COMPARATIVE" => self.flag_words(words, |w| w.comparative = true),
                "INFINITIVE" => self.flag_words(words, |w| w.infinitive = true),
                "NUMBER_JOINER" => self.flag_words(words, |w| w.joiner = true),
                "NUMBER_ARTICLE" => self.flag_words(words, |w| w.number_article = true),
                "DETERMINER" => self.flag_words(words, |w| w.determiner = true),
                "FRACTION_LINK" => {
                    self.fraction_links = true;
                    self.flag_words(words, |w| w.fraction_link = true);
                }
                "WORD_ORDER" => {
                    self.verb_final = match words.collect::<Vec<_>>().as_slice() {
                        ["verb-final"] => true,
                        ["verb-medial"] => false,
                        other => {
                            return Err(err(format!(
                                "WORD_ORDER is verb-final or verb-medial, not {other:?}"
                            )));
                        }
                    };
                }
                "ORDINAL_SUFFIX" => self.ordinal_suffixes.extend(words.map(fold_case)),
                "DECADE_SUFFIX" => self.decade_suffixes.extend(words.map(fold_case)),
                "PAST_SUFFIX" => self.past_suffixes.extend(words.map(fold_case)),
                "FUTURE_SUFFIX" => self.future_suffixes.extend(words.map(fold_case)),
                "POSSESSIVE" => self.possessive_markers.extend(words.map(fold_case)),
                "DURATION_JOIN" => self.duration_joins.extend(words.map(fold_case)),
                "RANGE_LINK" => self.range.links.extend(words.map(fold_case)),
                "RANGE_OPENER" => self.range.openers.extend(words.map(fold_case)),
                "RANGE_OPENER_LINK" => self.range.opener_links.extend(words.map(fold_case)),
                "ELIDED_LINK" => self.range.elided.extend(words.map(fold_case)),
                "ELIDED_LINK_FINAL" => self.range.elided_final.extend(words.map(fold_case)),
                "ELIDED_LIST_LINK" => self.range.elided_list.extend(words.map(fold_case)),
                "ELIDED_ARTICLE" => self.range.elided_articles.extend(words.map(fold_case)),
                "ELIDED_POD_LINK" => self.range.elided_pod_links.extend(words.map(fold_case)),
                "COORDINATION_LINK" => self.range.coordination.extend(words.map(fold_case)),
                "DAY_LINK" => self.range.day_links.extend(words.map(fold_case)),
                "PAST" | "FUTURE" | "PAST_VERB" | "FUTURE_VERB" | "SCHEDULE_VERB" => {
                    let cue = match class {
                        "PAST" => TenseCue::auxiliary(Tense::Past),
                        "FUTURE" => TenseCue::auxiliary(Tense::Future),
                        "FUTURE_VERB" => TenseCue::verb_or_noun(Tense::Future),
                        "SCHEDULE_VERB" => TenseCue::schedule(),
                        _ => TenseCue::verb(Tense::Past),
                    };
                    for w in words {
                        let id = self.intern_word(w);
                        self.word_info[id as usize].tense = Some(cue);
                    }
                }
                _ => {
                    if !class
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                    {
                        return Err(err(format!("class names are UPPER_CASE, found {class:?}")));
                    }
                    let features = Frame::parse(features).map_err(err)?;
                    let id = self.intern(class);
                    for w in words {
                        let (word, capitalized_only) = match w.strip_suffix('!') {
                            Some(w) => (w, true),
                            None => (w, false),
                        };
                        let wid = self.intern_word(word);
                        self.word_info[wid as usize].entries.push(LexEntry {
                            class: id,
                            features: features.clone(),
                            capitalized_only,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    fn parse_rules(&mut self, text: &str) -> Result<(), PackError> {
        let mut default_dct = String::from("2000-01-01");
        let mut current: Option<Rule> = None;
        let mut pending_examples: Vec<Example> = Vec::new();
        let lines: Vec<&str> = text.lines().collect();
        for (i, raw) in lines.iter().enumerate() {
            let line = i + 1;
            let err = |message: String| PackError {
                file: "rules.txt",
                line,
                message,
            };
            let content = strip_comment(raw).trim();
            if content.is_empty() {
                continue;
            }
            if let Some(d) = content.strip_prefix("dct ") {
                default_dct = d.trim().to_string();
            } else if let Some(name) = content.strip_prefix("rule ") {
                self.finish_rule(current.take(), &mut pending_examples, line)?;
                current = Some(Rule {
                    name: name.trim().to_string(),
                    stage: 1,
                    elements: Vec::new(),
                    features: Frame::default(),
                    category: 0,
                    lead: 0,
                    trail: 0,
                    line,
                    min_len: 0,
                });
            } else if let Some(rule) = current.as_mut() {
                let (key, value) = content
                    .split_once(':')
                    .ok_or_else(|| err(format!("expected `key: value`, found {content:?}")))?;
                let value = value.trim();
                match key.trim() {
                    "match" => rule.elements = self.parse_pattern(value).map_err(err)?,
                    "set" => rule.features = Frame::parse(value).map_err(err)?,
                    "lead" => {
                        rule.lead = value
                            .parse()
                            .map_err(|_| err(format!("bad lead count {value:?}")))?
                    }
                    "trail" => {
                        rule.trail = value
                            .parse()
                            .map_err(|_| err(format!("bad trail count {value:?}")))?
                    }
                    "stage" => {
                        rule.stage = value
                            .parse()
                            .map_err(|_| err(format!("bad stage {value:?}")))?
                    }
                    "as" => {
                        let cat = value.strip_prefix('@').ok_or_else(|| {
                            err(format!("a category starts with @, found {value:?}"))
                        })?;
                        rule.category = self.intern(&format!("@{cat}"));
                    }
                    "ex" => pending_examples
                        .push(parse_example(&rule.name, value, &default_dct, line).map_err(err)?),
                    other => return Err(err(format!("unknown rule key {other:?}"))),
                }
            } else {
                return Err(err("expected `rule NAME` or `dct DATE`".into()));
            }
        }
        self.finish_rule(current.take(), &mut pending_examples, lines.len())?;
        Ok(())
    }

    fn finish_rule(
        &mut self,
        rule: Option<Rule>,
        examples: &mut Vec<Example>,
        line: usize,
    ) -> Result<(), PackError> {
        let Some(rule) = rule else { return Ok(()) };
        if rule.elements.is_empty() {
            return Err(PackError {
                file: "rules.txt",
                line: rule.line,
                message: format!("rule {} has no `match:`", rule.name),
            });
        }
        if rule.elements.iter().all(|e| e.optional) {
            return Err(PackError {
                file: "rules.txt",
                line: rule.line,
                message: format!("rule {} can match nothing", rule.name),
            });
        }
        let mut rule = rule;
        // A final `OTHER` may match the word no rule names where the match must stop.
        rule.min_len = rule
            .elements
            .iter()
            .filter(|e| !e.optional && !e.alternatives.contains(&Atom::Other) && !e.ends_line)
            .count()
            .min(255) as u8;
        if self.rules.iter().any(|r| r.name == rule.name) {
            return Err(PackError {
                file: "rules.txt",
                line,
                message: format!("rule {} is defined twice", rule.name),
            });
        }
        self.examples.append(examples);
        self.rules.push(rule);
        Ok(())
    }

    fn parse_pattern(&mut self, pattern: &str) -> Result<Vec<Element>, String> {
        let mut elements = Vec::new();
        for word in split_pattern(pattern)? {
            let mut w = word.as_str();
            let adjacent = w.starts_with('~');
            if adjacent {
                w = &w[1..];
            }
            let optional = w.ends_with('?') && w.len() > 1 && !w.ends_with("\"?\"");
            if optional {
                w = &w[..w.len() - 1];
            }
            let mut alternatives = Vec::new();
            let mut ends_line = false;
            for alt in split_alternatives(w) {
                if alt == "END" {
                    ends_line = true;
                } else {
                    alternatives.extend(self.parse_atom(&alt)?);
                }
            }
            if alternatives.is_empty() && !ends_line {
                return Err(format!("empty pattern element in {pattern:?}"));
            }
            elements.push(Element {
                alternatives,
                optional,
                adjacent,
                ends_line,
            });
        }
        if elements.first().is_some_and(|e| e.adjacent) {
            return Err("the first element cannot be `~`".into());
        }
        // Rules are found by what can start them, and tried only as far as the next word no
        // rule names (see `grammar::run_stage`): such a word may only end a pattern.
        let last = elements.len().saturating_sub(1);
        if elements
            .iter()
            .enumerate()
            .any(|(k, e)| e.alternatives.contains(&Atom::Other) && (k != last || k == 0))
        {
            return Err("`OTHER` can only end a pattern of two elements or more".into());
        }
        // Two required elements before it keep `END` out of what may start a match.
        let required_before = |k: usize| elements[..k].iter().filter(|e| !e.optional).count();
        if elements
            .iter()
            .enumerate()
            .any(|(k, e)| e.ends_line && (k != last || required_before(k) < 2))
        {
            return Err("`END` can only end a pattern, after two required elements".into());
        }
        Ok(elements)
    }

    fn parse_atom(&mut self, atom: &str) -> Result<Vec<Atom>, String> {
        if let Some(lit) = atom.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
            if lit.is_empty() {
                return Err("empty literal".into());
            }
            if lit == "/" {
                return Ok(vec![Atom::Literal(self.intern_word("/"))]);
            }
            return Ok(lit
                .split('/')
                .map(|l| Atom::Literal(self.intern_word(l)))
                .collect());
        }
        if let Some(cat) = atom.strip_prefix('@') {
            return Ok(vec![Atom::Category(self.intern(&format!("@{cat}")))]);
        }
        if let Some((kind, role)) = atom.split_once(':') {
            let role =
                NumRole::parse(role).ok_or_else(|| format!("unknown number role {role:?}"))?;
            return match kind {
                "NUM" => Ok(vec![Atom::Num(role)]),
                "ORD" => Ok(vec![Atom::Ord(role)]),
                _ => Err(format!("roles go with NUM or ORD, found {kind:?}")),
            };
        }
        if atom == "DECADE" {
            return Ok(vec![Atom::Decade]);
        }
        if atom == "OTHER" {
            return Ok(vec![Atom::Other]);
        }
        match self.class_id(atom) {
            Some(id) => Ok(vec![Atom::Class(id)]),
            None => Err(format!("unknown class {atom:?} (not in lexicon.txt)")),
        }
    }
}

fn strip_comment(line: &str) -> &str {
    // A `#` starts a comment unless it is inside a quoted literal.
    let mut in_quote = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quote = !in_quote,
            '#' if !in_quote => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits a pattern on white space, keeping quoted literals (which may contain spaces) whole.
fn split_pattern(pattern: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_quote = false;
    for c in pattern.chars() {
        match c {
            '"' => {
                in_quote = !in_quote;
                cur.push(c);
            }
            c if c.is_whitespace() && !in_quote => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if in_quote {
        return Err(format!("unclosed quote in {pattern:?}"));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Splits `A|B|"x"` on `|` outside quotes.
fn split_alternatives(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_quote = false;
    for c in s.chars() {
        match c {
            '"' => {
                in_quote = !in_quote;
                cur.push(c);
            }
            '|' if !in_quote => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

fn parse_example(rule: &str, spec: &str, dct: &str, line: usize) -> Result<Example, String> {
    // `TEXT => TYPE VALUE [MOD] [@ DCT]`
    let (text, expect) = spec
        .rsplit_once("=>")
        .ok_or_else(|| format!("an example is `text => TYPE VALUE [MOD] [@DCT]`: {spec:?}"))?;
    let (expect, dct) = match expect.split_once('@') {
        Some((e, d)) => (e, d.trim().to_string()),
        None => (expect, dct.to_string()),
    };
    let mut parts = expect.split_whitespace();
    let kind = parts.next().ok_or("example without a type")?.to_string();
    if !matches!(kind.as_str(), "DATE" | "TIME" | "DURATION" | "SET" | "NONE") {
        return Err(format!("unknown type {kind:?} in example"));
    }
    let value = parts.next().unwrap_or("").to_string();
    let modifier = parts.next().map(str::to_string);
    Ok(Example {
        rule: rule.to_string(),
        text: text.trim().to_string(),
        kind,
        value,
        modifier,
        dct,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEX: &str = "MONTH: march! = month=3\nNUMBER: one=1 two=2\nSCALE: hundred=100\n";

    #[test]
    fn one_character_words_come_from_the_table_as_from_the_map() -> Result<(), PackError> {
        let rules = "dct 1990-01-01\nrule x\n  match: \"a\" \",\" MONTH\n";
        let pack = LanguagePack::parse("xx", LEX, rules)?;
        assert!(pack.word_id("a").is_some() && pack.word_id(",").is_some());
        for b in 0..128u8 {
            let lower = char::from(b).to_ascii_lowercase().to_string();
            assert_eq!(pack.ascii_char_id(b), pack.word_id(&lower), "byte {b}");
        }
        assert_eq!(pack.ascii_char_id(b'A'), pack.word_id("a"));
        assert_eq!(pack.ascii_char_id(200), None);
        Ok(())
    }

    #[test]
    fn the_turkic_is_fold_to_i() {
        assert_eq!(fold_case("İyunda"), "iyunda");
        assert_eq!(fold_case("İKİ"), "iki");
        assert_eq!(fold_case("Iyun"), "iyun");
        assert_eq!(fold_case("Январь"), "январь");
        // Dotless ı is matched as i, since its capital is I.
        assert_eq!(fold_case("Bakı"), "baki");
        assert_eq!(fold_case("MAYIS"), fold_case("mayıs"));
        assert_eq!(fold_case("Ayında"), "ayinda");
        let folded: String = "AYINDA ayında".chars().flat_map(fold_char).collect();
        assert_eq!(folded, "ayinda ayinda");
    }

    #[test]
    fn word_order_is_verb_final_or_verb_medial() -> Result<(), PackError> {
        let pack = |lex: &str| LanguagePack::parse("xx", lex, "");
        assert!(!pack(LEX)?.verb_final);
        assert!(pack("WORD_ORDER: verb-final\n")?.verb_final);
        let e = pack("MONTH: may = month=5\nWORD_ORDER: sov\n").unwrap_err();
        assert_eq!((e.file, e.line), ("lexicon.txt", 2));
        assert!(e.message.contains("verb-final"), "{e}");
        Ok(())
    }

    #[test]
    fn parses_a_small_pack() -> Result<(), Box<dyn std::error::Error>> {
        let rules = "dct 1990-01-01\nrule date.month-day\n  match: MONTH \".\"? NUM:day\n  ex: March 3 => DATE 1990-03-03\n";
        let pack = LanguagePack::parse("xx", LEX, rules)?;
        assert_eq!(pack.rules().len(), 1);
        assert_eq!(pack.rules()[0].elements.len(), 3);
        assert!(pack.rules()[0].elements[1].optional);
        assert_eq!(pack.examples()[0].value, "1990-03-03");
        assert_eq!(pack.examples()[0].dct, "1990-01-01");
        let march = pack.word_info(pack.word_id("march").ok_or("no word \"march\"")?);
        assert!(march.entries[0].capitalized_only);
        assert_eq!(march.entries[0].features.month, Some(3));
        let hundred = pack.word_info(pack.word_id("hundred").ok_or("no word \"hundred\"")?);
        assert_eq!(hundred.number, Some(NumberWord::Scale(100.0)));
        Ok(())
    }

    #[test]
    fn categories_named_with_an_underscore_are_hidden() -> Result<(), PackError> {
        let rules =
            "rule a\n  match: MONTH\n  as: @_month\nrule b\n  match: @_month NUM:day\n  stage: 2\n";
        let pack = LanguagePack::parse("xx", LEX, rules)?;
        let hidden = pack.rules()[0].category;
        let shown = pack.rules()[1].category;
        assert_eq!(pack.class_name(hidden), "@_month");
        assert!(pack.hidden[hidden as usize]);
        assert!(!pack.hidden[shown as usize]);
        Ok(())
    }

    #[test]
    fn reports_mistakes_with_their_line() {
        let rules = "rule a\n  match: MONTHS NUM:day\n";
        let e = LanguagePack::parse("xx", LEX, rules).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown class"), "{e}");

        let e = LanguagePack::parse("xx", "MONTH: may = month=13x", "").unwrap_err();
        assert_eq!((e.file, e.line), ("lexicon.txt", 1));

        let e = LanguagePack::parse("xx", LEX, "rule a\n  match: MONTH?\n").unwrap_err();
        assert!(e.message.contains("match nothing"), "{e}");

        let e = LanguagePack::parse("xx", LEX, "rule a\n  match: NUM:fortnight\n").unwrap_err();
        assert!(e.message.contains("role"), "{e}");

        for pattern in ["OTHER? MONTH", "MONTH OTHER NUM:day", "OTHER"] {
            let rules = format!("rule a\n  match: {pattern}\n");
            let e = LanguagePack::parse("xx", LEX, &rules).unwrap_err();
            assert!(e.message.contains("only end"), "{pattern}: {e}");
        }
        assert!(LanguagePack::parse("xx", LEX, "rule a\n  match: MONTH OTHER\n").is_ok());
        for pattern in [
            "MONTH END",
            "MONTH END MONTH MONTH",
            "END MONTH MONTH",
            "MONTH MONTH? END",
        ] {
            let rules = format!("rule a\n  match: {pattern}\n");
            let e = LanguagePack::parse("xx", LEX, &rules).unwrap_err();
            assert!(e.message.contains("only end"), "{pattern}: {e}");
        }
        assert!(LanguagePack::parse("xx", LEX, "rule a\n  match: MONTH MONTH END\n").is_ok());
    }

    #[test]
    fn splits_patterns_with_quoted_literals() -> Result<(), String> {
        assert_eq!(
            split_pattern(r#"MONTH "," NUM:year"#)?,
            ["MONTH", "\",\"", "NUM:year"]
        );
        assert_eq!(
            split_alternatives(r#"NUM:count|"a/an""#),
            ["NUM:count", "\"a/an\""]
        );
        Ok(())
    }
}
