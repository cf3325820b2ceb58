//! annalist-figures: the numbers news reports are about — how many were killed, wounded,
//! arrested, displaced, deployed — found in plain text.
//!
//! The design follows duckling and rustling: a small engine (`token`, `number`,
//! `filter`, `attach`) driven by vocabulary kept as data under `src/lang/en/` (number
//! words, qualifiers, trigger words per category, counted nouns, grammar words). Another
//! language is a [`Vocabulary`] read from a language pack's `figures.txt`; every data file
//! carries `>` example lines that run as tests, so the vocabulary documents itself. Even the
//! grammar words the engine's structures need ("and" closing a list, "of" in a partitive,
//! "among the dead were") are data, in sections a pack fills with its own (see
//! [`Vocabulary`]).
//!
//! Why not a statistical tagger: users audit figures ("where did 61 come from?"), so each
//! decision must be explainable from a word list, and the extractor must run at many MB/s
//! with no model files. The engine works sentence by sentence over a token buffer, looks at
//! a bounded window around each number, and so runs in linear time on any input.
//!
//! The extractor never sees dates on its own terms: callers pass the character spans of
//! the time expressions they tagged ([`FigureOptions::exclude`]), and numbers inside them
//! are never figures. A few date shapes ("March 3", "in 1988") are also recognised here so
//! the crate is usable without a tagger.

#![warn(missing_docs)]

mod attach;
mod engine;
mod filter;
mod lang;
mod lexicon;
mod number;
mod token;
mod vocabulary;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use lexicon::LexiconError;
pub use vocabulary::{Example, ExampleFailure, Vocabulary};

/// How the written number relates to the true count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The number as stated ("52 people").
    Exact,
    /// A lower bound ("more than 20,000", "at least 12"); also ranges, whose `value` is
    /// the lower end.
    AtLeast,
    /// An upper bound ("up to 300", "nearly 50").
    AtMost,
    /// An approximation ("about 3,000", "dozens").
    Approx,
}

impl Bound {
    /// The name used in JSON: `exact`, `at_least`, `at_most` or `approx`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::Approx => "approx",
        }
    }
}

/// What happened to what is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Killed, dead, died, death toll.
    Killed,
    /// Wounded, injured, hurt.
    Injured,
    /// Arrested, detained, jailed.
    Arrested,
    /// Charged, indicted.
    Charged,
    /// Sentenced, convicted.
    Sentenced,
    /// Released, freed, pardoned.
    Released,
    /// Missing, abducted, unaccounted for.
    Missing,
    /// Rescued, pulled out alive, survivors.
    Rescued,
    /// Displaced, fled, evacuated, refugees.
    Displaced,
    /// Destroyed or damaged (homes, vehicles…).
    Destroyed,
    /// Troops or police deployed, sent, brought in.
    Deployed,
    /// Protesters, marchers, people at a rally.
    Participants,
    /// Counted, but nothing above happened to it (and every money or percent figure).
    Other,
}

impl Category {
    /// Every category, in the order the documentation lists them.
    pub const ALL: [Category; 13] = [
        Category::Killed,
        Category::Injured,
        Category::Arrested,
        Category::Charged,
        Category::Sentenced,
        Category::Released,
        Category::Missing,
        Category::Rescued,
        Category::Displaced,
        Category::Destroyed,
        Category::Deployed,
        Category::Participants,
        Category::Other,
    ];

    /// The name used in JSON (`killed`, `injured`, …, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Killed => "killed",
            Category::Injured => "injured",
            Category::Arrested => "arrested",
            Category::Charged => "charged",
            Category::Sentenced => "sentenced",
            Category::Released => "released",
            Category::Missing => "missing",
            Category::Rescued => "rescued",
            Category::Displaced => "displaced",
            Category::Destroyed => "destroyed",
            Category::Deployed => "deployed",
            Category::Participants => "participants",
            Category::Other => "other",
        }
    }

    /// Parses a JSON name back (`None` for anything else).
    pub fn parse(name: &str) -> Option<Category> {
        Some(match name {
            "killed" => Category::Killed,
            "injured" => Category::Injured,
            "arrested" => Category::Arrested,
            "charged" => Category::Charged,
            "sentenced" => Category::Sentenced,
            "released" => Category::Released,
            "missing" => Category::Missing,
            "rescued" => Category::Rescued,
            "displaced" => Category::Displaced,
            "destroyed" => Category::Destroyed,
            "deployed" => Category::Deployed,
            "participants" => Category::Participants,
            "other" => Category::Other,
            _ => return None,
        })
    }

    /// Whether only people undergo it: "captured 12 villages" arrests no one, and "lost 40
    /// tanks" kills no one.
    pub(crate) fn only_people(self) -> bool {
        matches!(
            self,
            Category::Killed
                | Category::Injured
                | Category::Arrested
                | Category::Charged
                | Category::Sentenced
                | Category::Released
        )
    }

    /// Whether only things undergo it: "a bus carrying 40 pilgrims was swept away" destroys
    /// no one (what became of them the sentence does not say).
    pub(crate) fn only_things(self) -> bool {
        self == Category::Destroyed
    }

    /// Whether what is counted is people when the text leaves it implicit
    /// ("the wounding of 310" counts people).
    fn counts_people(self) -> bool {
        self.only_people()
            || matches!(
                self,
                Category::Missing
                    | Category::Rescued
                    | Category::Displaced
                    | Category::Participants
            )
    }
}

/// What kind of quantity the number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// A count of people or things.
    Count,
    /// An amount of money ("$5 million"); `counted` names the currency.
    Money,
    /// A percentage ("12 percent").
    Percent,
}

impl Quantity {
    /// The name used in JSON: `count`, `money` or `percent`.
    pub fn as_str(self) -> &'static str {
        match self {
            Quantity::Count => "count",
            Quantity::Money => "money",
            Quantity::Percent => "percent",
        }
    }
}

/// One figure found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// First character (Unicode scalar value) of the figure phrase.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// First byte of the figure phrase in the UTF-8 text (for slicing `&text[byte_start..byte_end]`).
    pub byte_start: usize,
    /// One past its last byte.
    pub byte_end: usize,
    /// Character span `(start, end)` of the number itself, without qualifier or counted
    /// noun ("20,000" in "more than 20,000 troops"; "130 and 150" in "between 130 and 150").
    pub number_span: (usize, usize),
    /// The phrase as written ("more than 20,000 troops and police").
    pub text: String,
    /// The number; for a range, its lower end.
    pub value: f64,
    /// Lower end of a range ("between 130 and 150"), if the text gives one.
    pub low: Option<f64>,
    /// Upper end of a range.
    pub high: Option<f64>,
    /// Exact, lower bound, upper bound or approximate.
    pub bound: Bound,
    /// Whether the number is an approximation: a vague count ("dozens", coded 12 as
    /// ACLED does) or an approximating qualifier ("about", "some", "an estimated").
    /// A vague count keeps this flag even under a bound ("more than a dozen").
    pub approx: bool,
    /// The words of a vague count as written ("hundreds", "tens of thousands"), when the
    /// number is one: `value` is then only its conventional coding (ACLED's "hundreds" = 100),
    /// and a reader should see the words.
    pub vague: Option<String>,
    /// The count a revision or an update replaced ("revised the toll down to 74 from 81",
    /// "rose to 90 from 81": the 81): kept as written, but no longer its source's figure, so
    /// comparisons of sources leave it out.
    pub replaced: bool,
    /// What happened to what is counted.
    pub category: Category,
    /// What is counted ("people", "troops and police", "homes and shops"); implied
    /// "people" for casualty categories with no noun; the currency for money; empty when
    /// unknown.
    pub counted: String,
    /// Count, money or percent.
    pub quantity: Quantity,
    /// Whether its sentence says the count runs up to the time of writing: "so far", "to
    /// date", "since then" ("Since then, at least 41 people have been killed").
    pub to_date: bool,
    /// Whether its sentence is told in the perfect ("have been killed", "had fled"): with a
    /// date it counts since, the count ran up to a later time.
    pub perfect: bool,
    /// Whether its sentence has a present "has"/"have" ("300 people have been killed", "the
    /// town now has 8,000 residents"): told of the time of writing.
    pub told_now: bool,
    /// Whether its sentence is told in the present or the future, with no past auxiliary
    /// ("six suspects are known to be in custody", "will be available", "said it would
    /// deploy"): in news, of the time of writing.
    pub present: bool,
}

/// What the caller knows about the text beyond its characters.
#[derive(Debug, Clone, Default)]
pub struct FigureOptions {
    /// Character spans `(start, end)` (end exclusive) of time expressions: numbers inside
    /// them are never figures ("1988", the "3" of "March 3").
    pub exclude: Vec<(usize, usize)>,
}

impl FigureOptions {
    /// Options excluding time expressions given as *byte* spans `(start, end)` of `text`
    /// (as a byte-oriented tagger or a regex reports them), converted to the character
    /// spans [`FigureOptions::exclude`] holds. Spans that do not fall on character
    /// boundaries are widened to the characters they touch; spans past the end are clipped.
    pub fn from_byte_spans(text: &str, spans: &[(usize, usize)]) -> FigureOptions {
        let mut sorted: Vec<(usize, usize)> = spans.to_vec();
        sorted.sort_unstable();
        // One pass over the text: character index of every byte offset we need.
        let mut points: Vec<usize> = sorted.iter().flat_map(|&(s, e)| [s, e]).collect();
        points.sort_unstable();
        points.dedup();
        let mut char_at: Vec<(usize, usize)> = Vec::with_capacity(points.len());
        let mut next = points.iter().copied().peekable();
        let mut chars = 0usize;
        for (b, _) in text.char_indices() {
            while let Some(&p) = next.peek() {
                if p > b {
                    break;
                }
                // A byte offset inside the previous character rounds down to it.
                let idx = if p == b {
                    chars
                } else {
                    chars.saturating_sub(1)
                };
                char_at.push((p, idx));
                next.next();
            }
            chars += 1;
        }
        // Past the last character's start: inside it (rounds down, like above), or at or
        // past the end of the text.
        for p in next {
            let idx = if p < text.len() {
                chars.saturating_sub(1)
            } else {
                chars
            };
            char_at.push((p, idx));
        }
        let lookup = |b: usize| {
            char_at
                .binary_search_by_key(&b, |&(p, _)| p)
                .map(|i| char_at[i].1)
                .unwrap_or(chars)
        };
        let exclude = sorted
            .iter()
            .filter(|&&(s, e)| s < e)
            .map(|&(s, e)| {
                let (cs, ce) = (lookup(s), lookup(e));
                // An end inside a character covers that character.
                let ce = if text.is_char_boundary(e.min(text.len())) {
                    ce
                } else {
                    ce + 1
                };
                (cs, ce.max(cs))
            })
            .collect();
        FigureOptions { exclude }
    }
}

/// Finds the figures in `text`, in text order.
///
/// Never panics and runs in time linear in `text.len()`.
///
/// ```
/// use annalist_figures::{Bound, Category, FigureOptions, extract_figures};
///
/// let text = "In early March more than 20,000 troops and police were brought into the capital.";
/// let figures = extract_figures(text, &FigureOptions::default());
/// assert_eq!(figures.len(), 1);
/// let f = &figures[0];
/// assert_eq!((f.value, f.bound, f.category), (20_000.0, Bound::AtLeast, Category::Deployed));
/// assert_eq!(f.counted, "troops and police");
/// assert_eq!(f.text, "more than 20,000 troops and police");
/// // Offsets are characters, end exclusive.
/// assert_eq!((f.start, f.end), (15, 49));
/// ```
pub fn extract_figures(text: &str, opts: &FigureOptions) -> Vec<Figure> {
    match Vocabulary::english() {
        Ok(english) => english.extract(text, opts),
        // The vocabulary is compiled in and checked by tests; if it were broken, finding
        // nothing is the honest answer.
        Err(_) => Vec::new(),
    }
}

/// Checks that the built-in English vocabulary parses (it is parsed once, on first use).
pub fn check_vocabulary() -> Result<(), LexiconError> {
    Vocabulary::english().map(|_| ())
}
