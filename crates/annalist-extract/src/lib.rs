//! annalist-extract: everything annalist learns from one document, as one value.
//!
//! [`extract`] is a pure function of a [`Document`] (already read by `annalist-ingest`) and
//! the taggers: it segments the text, tags its time expressions against the document's
//! publication date, finds the figures (`annalist-figures`) outside them, builds the events,
//! and returns an [`Extraction`]. No I/O, no global state, so documents can
//! be extracted in parallel and the result is reproducible.
//!
//! A document is tagged by the tagger whose language pack's code is the document's detected
//! language ([`Taggers`]): English is built in, and other languages come from packs the user
//! adds. Documents in a language without a pack are returned with their sentences and a note,
//! and no time expressions. Figures are found with the figures vocabulary of the document's
//! language: English is built in, and a pack may bring one (its `figures.txt`).

#![warn(missing_docs)]

pub mod compare;
pub mod events;

use std::sync::Arc;

use annalist_figures::Vocabulary;
use annalist_ingest::{Document, NumericDateOrder, Sentence, segment};
use annalist_time::{Anchor, DateOrder, Style, Tagger, Timex};
use serde::Serialize;

/// How many sentences at the top of a document may be a line that only gives its date.
const DATELINE_SENTENCES: usize = 4;

pub use events::{Event, EventTime, Name, NameKind, TimeSource};

/// A number attached to what happened ("52 people were killed"), as stored and compared
/// across sources. Produced by the figures extractor; offsets are characters in `doc.text`.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Figure {
    /// First character of the figure phrase.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The phrase as written ("more than 20,000 troops").
    pub text: String,
    /// The number (for a range, its best single value: the lower bound).
    pub value: f64,
    /// Range bounds ("between 130 and 150"), when the text gives a range.
    pub low: Option<f64>,
    /// Upper bound of a range.
    pub high: Option<f64>,
    /// `exact`, `at_least` ("more than", "at least"), `at_most` ("up to", "nearly") or
    /// `approx` ("about", "dozens").
    pub bound: String,
    /// What happened to what is counted: `killed`, `injured`, `arrested`, `charged`,
    /// `sentenced`, `released`, `missing`, `rescued`, `displaced`, `destroyed`, `deployed`,
    /// `participants` or `other`.
    pub category: String,
    /// What is counted ("people", "troops and police", "homes and shops").
    pub counted: String,
    /// `count`, `money` or `percent`.
    pub quantity: String,
    /// The words of a vague count as written ("hundreds", "dozens"): `value` is then only
    /// their conventional coding (100, 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vague: Option<String>,
    /// The count a revision or an update replaced ("revised the toll down to 74 from 81",
    /// "rose to 90 from 81": the 81): no longer its source's figure, so comparisons of sources
    /// leave it out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replaced: bool,
}

/// Removes from the figures grouped for one date and category those that are parts of
/// another figure of the same document, for comparing sources: "74 people were killed … Of
/// the dead, 31 were children" gives 31 children beside 74 people, and the children are not
/// another source's toll. A smaller figure of the same document that counts something else
/// is taken for such a part; one that counts the same thing ("police said 40 people died;
/// hospitals put it at 52 people") is the document's own disagreement and stays. `key` gives
/// a figure's document, what it counts and its largest value (a range's upper end).
pub fn drop_parts_of_counts<T>(figures: &mut Vec<T>, key: impl Fn(&T) -> (&str, &str, f64)) {
    let parts: Vec<bool> = figures
        .iter()
        .map(|f| {
            let (doc, counted, value) = key(f);
            figures.iter().any(|g| {
                let (g_doc, g_counted, g_value) = key(g);
                g_doc == doc && g_counted != counted && g_value > value
            })
        })
        .collect();
    let mut parts = parts.into_iter();
    figures.retain(|_| !parts.next().unwrap_or(false));
}

/// What annalist found in one document.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    /// The document, with its metadata and text.
    pub doc: Document,
    /// Sentences, as character offsets into `doc.text`.
    pub sentences: Vec<Sentence>,
    /// Time expressions, as character offsets into `doc.text`.
    pub timexes: Vec<Timex>,
    /// Figures (casualties, arrests, deployments…), in document order.
    pub figures: Vec<Figure>,
    /// Dated statements, in document order; their `figures` index into `figures`.
    pub events: Vec<Event>,
    /// How the names in events were found.
    pub names_method: &'static str,
    /// Why something was not done (a language not yet supported, no publication date).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The temporal taggers and figures vocabularies to choose from, one per language: the
/// built-in English ones and any from language packs the user adds (`annalist add --pack
/// DIR`). A document goes to the tagger whose pack's code is its detected language ("en",
/// "ru"), and to the figures vocabulary of that code, if there is one.
#[derive(Clone, Debug)]
pub struct Taggers {
    taggers: Vec<Tagger>,
    /// Pack vocabularies by language code; English is built in.
    figures: Vec<(String, Arc<Vocabulary>)>,
    /// How documents write numeric dates ("03/04/2015"); decided per document by default.
    date_order: DateOrder,
}

impl Default for Taggers {
    fn default() -> Taggers {
        Taggers::english()
    }
}

impl Taggers {
    /// The built-in English tagger alone.
    pub fn english() -> Taggers {
        Taggers {
            taggers: vec![Tagger::english()],
            figures: Vec::new(),
            date_order: DateOrder::Auto,
        }
    }

    /// Reads every document's numeric dates in this order ("03/04/2015" as 4 March or 3
    /// April), instead of deciding per document.
    pub fn set_date_order(&mut self, order: DateOrder) {
        self.date_order = order;
    }

    /// Adds the figures vocabulary of the language `code` ("tr"); one for the same code is
    /// replaced, so a pack can also stand in for the built-in English one.
    pub fn add_figures(&mut self, code: &str, vocabulary: Vocabulary) {
        self.figures.retain(|(c, _)| c != code);
        self.figures.push((code.to_string(), Arc::new(vocabulary)));
    }

    /// The figures vocabulary for documents in `language`, if any.
    pub fn figures_for(&self, language: &str) -> Option<&Vocabulary> {
        match self.figures.iter().find(|(c, _)| c == language) {
            Some((_, v)) => Some(v),
            None if language == "en" => Vocabulary::english().ok(),
            None => None,
        }
    }

    /// Adds the tagger of another language pack; one with the same code is replaced, so a
    /// pack can also stand in for the built-in English one.
    pub fn add(&mut self, tagger: Tagger) {
        let code = tagger.pack().code.clone();
        self.taggers.retain(|t| t.pack().code != code);
        self.taggers.push(tagger);
    }

    /// The tagger for documents in `language` (an ISO 639-1 code such as "en"), if any.
    pub fn for_language(&self, language: &str) -> Option<&Tagger> {
        self.taggers.iter().find(|t| t.pack().code == language)
    }

    /// The codes of the languages these taggers handle, in the order they were added.
    pub fn languages(&self) -> Vec<&str> {
        self.taggers
            .iter()
            .map(|t| t.pack().code.as_str())
            .collect()
    }
}

/// The order the tagger reads `doc`'s numeric dates in: the caller's, if it set one, or else
/// decided from the text, starting from what the document's metadata suggests.
fn date_order(caller: DateOrder, metadata: Option<NumericDateOrder>) -> DateOrder {
    match (caller, metadata) {
        (DateOrder::Auto, Some(NumericDateOrder::MonthFirst)) => DateOrder::LikelyMonthFirst,
        (DateOrder::Auto, Some(NumericDateOrder::DayFirst)) => DateOrder::LikelyDayFirst,
        (caller, _) => caller,
    }
}

/// Runs `doc` through segmentation and the temporal tagger of its language.
pub fn extract(mut doc: Document, taggers: &Taggers) -> Extraction {
    let sentences = segment(&doc.text);
    let mut notes = Vec::new();
    // A short text's language is a guess ("Police detained 97 people." reads as Romanian):
    // when the guess is a language without a pack, the likeliest language with one is taken,
    // and said so.
    if taggers.for_language(&doc.language).is_none()
        && let Some(language) =
            annalist_ingest::detect_language_among(&doc.text, &taggers.languages())
    {
        notes.push(format!(
            "language detected as {:?} with low confidence; read as {language:?}, the likeliest \
             language with a pack",
            doc.language
        ));
        doc.language = language;
    }
    let tagger = taggers.for_language(&doc.language);
    let mut history = false;
    let timexes = if let Some(tagger) = tagger {
        let anchor = match &doc.published {
            Some(dct) => Anchor {
                dct: Some(dct.datetime()),
                ..Anchor::default()
            },
            None => {
                notes.push(
                    "no publication date: relative expressions are left unanchored".to_string(),
                );
                Anchor::none()
            }
        };
        let anchor = Anchor {
            date_order: date_order(taggers.date_order, doc.date_order),
            ..anchor
        };
        let (timexes, style) = tagger.tag_with_style(&doc.text, &anchor);
        history = style == Style::Narrative;
        timexes
    } else {
        notes.push(format!(
            "language {:?} is stored but not tagged: no language pack for it (there are \
             packs for {}; add one with --pack DIR)",
            doc.language,
            taggers.languages().join(", ")
        ));
        Vec::new()
    };
    let chars: Vec<char> = doc.text.chars().collect();
    let dct = doc.published.as_ref().map(dct_time);
    let vocabulary = if doc.is_english() {
        taggers.figures_for("en")
    } else {
        taggers.figures_for(&doc.language)
    };
    let mut spans: Vec<events::FigureSpan> = Vec::new();
    let figures: Vec<Figure> = if let Some(vocabulary) = vocabulary {
        // Time expressions are never figures: "1988", the "3" of "March 3".
        let opts = annalist_figures::FigureOptions {
            exclude: timexes.iter().map(|t| (t.start, t.end)).collect(),
        };
        vocabulary
            .extract(&doc.text, &opts)
            .into_iter()
            .map(|f| {
                spans.push(events::FigureSpan {
                    start: f.start,
                    end: f.end,
                    to_date: f.to_date,
                    perfect: f.perfect,
                    told_now: f.told_now,
                    present: f.present,
                });
                Figure {
                    start: f.start,
                    end: f.end,
                    text: f.text,
                    value: f.value,
                    low: f.low,
                    high: f.high,
                    bound: f.bound.as_str().to_string(),
                    category: f.category.as_str().to_string(),
                    counted: f.counted,
                    quantity: f.quantity.as_str().to_string(),
                    vague: f.vague,
                    replaced: f.replaced,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let dateline = annalist_ingest::wire_dateline_end(&doc.text)
        .and_then(|end| doc.text.get(..end))
        .map(|head| head.chars().count());
    let breaks = tagger.map_or_else(Vec::new, |t| {
        statement_breaks(&chars, &sentences, &timexes, t)
    });
    let mut events = events::build_events(
        &chars,
        &sentences,
        &timexes,
        &spans,
        &breaks,
        events::Setting {
            dct,
            dateline,
            history,
        },
    );
    // A line at the top that only gives the publication date ("Posted: September 14, 2026 at
    // 9:15 am"), or a byline and its date ("By Jane Smith, 20 January 2027"), is the page's
    // metadata, not something that happened.
    events.retain(|e| {
        !(e.sentence < DATELINE_SENTENCES
            && e.figures.is_empty()
            && (annalist_ingest::is_date_only_line(&e.text) || annalist_ingest::is_byline(&e.text)))
    });
    // A plain text's headline, read as its title, is the title, as a page's is: the body
    // tells what happened ("Quake toll rises to 312" above "The toll rose to 312 on Sunday").
    if let Some(title) = doc.title.as_deref() {
        events.retain(|e| !(e.sentence == 0 && e.text == title.trim()));
    }
    Extraction {
        doc,
        sentences,
        timexes,
        figures,
        events,
        names_method: events::NAMES_METHOD,
        notes,
    }
}

/// Where the text's sentences may divide into statements: at each semicolon, and at each
/// comma before a word the language pack says begins another statement ("and", "while"),
/// except inside brackets ("(concealing soldiers, pack animals, and equipment)") and at the
/// end of a list of short items ("executive, legislative, and judicial authority"). Only a
/// sentence with two dates or more can divide, so only those are looked at.
fn statement_breaks(
    chars: &[char],
    sentences: &[Sentence],
    timexes: &[Timex],
    tagger: &Tagger,
) -> Vec<events::StatementBreak> {
    let mut breaks = Vec::new();
    let mut ti = 0;
    for s in sentences {
        while ti < timexes.len() && timexes[ti].start < s.start {
            ti += 1;
        }
        let dates = timexes[ti..]
            .iter()
            .take_while(|t| t.start < s.end)
            .filter(|t| {
                matches!(
                    t.kind,
                    annalist_time::TimexType::Date | annalist_time::TimexType::Time
                )
            })
            .count();
        if dates >= 2 {
            let sentence = &chars[s.start.min(chars.len())..s.end.min(chars.len())];
            breaks.extend(breaks_in(sentence, tagger).into_iter().map(|(end, start)| {
                events::StatementBreak {
                    end: s.start + end,
                    start: s.start + start,
                }
            }));
        }
    }
    breaks
}

/// [`statement_breaks`] within one sentence, as `(end, start)` offsets in it.
fn breaks_in(chars: &[char], tagger: &Tagger) -> Vec<(usize, usize)> {
    let next_word = |from: usize| {
        let start = from
            + chars[from..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .count();
        let len = chars[start..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .count();
        (start, len)
    };
    // Whether the words right before `at` are a list item: a comma comes within three words.
    let ends_a_list = |at: usize| {
        let mut words = 0;
        let mut in_word = false;
        for &c in chars[..at].iter().rev() {
            match c {
                ',' => return true,
                ';' | '.' | '!' | '?' | '\n' | ':' => return false,
                c if c.is_alphanumeric() => {
                    if !in_word {
                        words += 1;
                        if words > 3 {
                            return false;
                        }
                    }
                    in_word = true;
                }
                _ => in_word = false,
            }
        }
        false
    };
    let mut breaks = Vec::new();
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '\n' => depth = 0,
            _ => {}
        }
        if depth > 0 || !matches!(c, ';' | ',') {
            continue;
        }
        let (start, len) = next_word(i + 1);
        // (Only a few words may open a statement: a longer one is not looked up.)
        let opens = c == ';'
            || (1..=12).contains(&len)
                && !ends_a_list(i)
                && tagger
                    .pack()
                    .opens_statement(&chars[start..start + len].iter().collect::<String>());
        if opens && start < chars.len() {
            breaks.push((i, start));
        }
    }
    breaks
}

/// The publication date as an event time (for statements dated only by their writing).
fn dct_time(d: &annalist_ingest::Dct) -> EventTime {
    let v = annalist_time::value::CalendarValue::day(d.date);
    let value = annalist_time::TimexValue::Calendar(v);
    EventTime {
        interval: value.interval(),
        granularity: value.granularity(),
        modifier: None,
        value: value.to_string(),
        source: TimeSource::Dct,
        timex: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_ingest::{IngestOptions, read_bytes};
    use annalist_time::Mod;

    /// The tagger of the sketch pack in `examples/packs/{code}`.
    fn sketch(code: &str) -> Result<Tagger, Box<dyn std::error::Error>> {
        let dir = format!("{}/../../examples/packs/{code}", env!("CARGO_MANIFEST_DIR"));
        let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}"));
        let pack =
            annalist_time::LanguagePack::parse(code, &read("lexicon.txt")?, &read("rules.txt")?);
        Ok(Tagger::with_pack(pack?))
    }

    fn doc(bytes: &str) -> Result<Document, Box<dyn std::error::Error>> {
        let first = read_bytes("test.txt", bytes.as_bytes(), &IngestOptions::default())
            .into_iter()
            .next()
            .ok_or("no document read")?;
        Ok(first?)
    }

    /// Checks the time value and its source of each event of the document read from `bytes`.
    #[track_caller]
    fn assert_event_dates(
        bytes: &str,
        expected: &[(&str, TimeSource)],
    ) -> Result<(), Box<dyn std::error::Error>> {
        let x = extract(doc(bytes)?, &Taggers::english());
        let found: Vec<(&str, TimeSource)> = x
            .events
            .iter()
            .map(|e| (e.time.value.as_str(), e.time.source))
            .collect();
        assert_eq!(found, expected);
        Ok(())
    }

    #[test]
    fn the_documents_metadata_sets_how_its_numeric_dates_are_read()
    -> Result<(), Box<dyn std::error::Error>> {
        let values =
            |bytes: &str, taggers: &Taggers| -> Result<Vec<String>, Box<dyn std::error::Error>> {
                let x = extract(doc(bytes)?, taggers);
                Ok(x.timexes.iter().map(|t| t.value.to_string()).collect())
            };
        let body = "\n\nThe hearing was moved to 09/01/2027.\n";
        let british = format!("Date: 2026-12-07\nLanguage: en-GB{body}");
        let american = format!("Date: 2026-12-07\nLanguage: en-US{body}");
        let unsaid = format!("Date: 2026-12-07{body}");
        // A numeric header date that can only be read day first says how the body writes.
        let header = format!("Date: 25/11/2026{body}");
        let english = Taggers::english();
        assert_eq!(values(&british, &english)?, ["2027-01-09"]);
        assert_eq!(values(&american, &english)?, ["2027-09-01"]);
        assert_eq!(values(&unsaid, &english)?, ["2027-09-01"]);
        assert_eq!(values(&header, &english)?, ["2027-01-09"]);
        // The caller's order overrides the metadata's.
        let mut month_first = Taggers::english();
        month_first.set_date_order(DateOrder::MonthFirst);
        assert_eq!(values(&british, &month_first)?, ["2027-09-01"]);
        Ok(())
    }

    #[test]
    fn tags_against_the_detected_publication_date() -> Result<(), Box<dyn std::error::Error>> {
        let d = doc(
            "Date: 2025-03-14\nTitle: Curfew\n\nThirty-seven years ago a curfew was announced. Yesterday the square was quiet.\n",
        )?;
        let x = extract(d, &Taggers::english());
        let values: Vec<String> = x.timexes.iter().map(|t| t.value.to_string()).collect();
        assert_eq!(values, ["1988", "2025-03-13"]);
        // Offsets point into the document text.
        for t in &x.timexes {
            let s: String = x
                .doc
                .text
                .chars()
                .skip(t.start)
                .take(t.end - t.start)
                .collect();
            assert_eq!(s, t.text);
        }
        assert_eq!(x.sentences.len(), 2);
        assert!(x.notes.is_empty());
        Ok(())
    }

    #[test]
    fn dated_sentences_become_events_with_their_span_and_names()
    -> Result<(), Box<dyn std::error::Error>> {
        let d = doc(
            "Date: 2026-01-20\n\nOn the night of January 19, 1990, Soviet troops entered Baku. Nobody slept. The next day, President Mikhail Gorbachev defended the decision in Moscow.\n",
        )?;
        let x = extract(d, &Taggers::english());
        assert_eq!(x.events.len(), 2, "{:#?}", x.events);
        let e = &x.events[0];
        assert_eq!(e.time.value, "1990-01-19TNI");
        assert_eq!(e.time.source, TimeSource::Explicit);
        assert_eq!(
            e.time.granularity,
            Some(annalist_time::Granularity::PartOfDay)
        );
        let span: String = x
            .doc
            .text
            .chars()
            .skip(e.start)
            .take(e.end - e.start)
            .collect();
        assert!(
            span.starts_with("On the night of January 19, 1990"),
            "{span}"
        );
        assert!(e.names.iter().any(|n| n.text == "Baku"), "{:?}", e.names);
        assert!(!e.names.iter().any(|n| n.text.contains("January")));
        let e2 = &x.events[1];
        assert_eq!(e2.time.value, "1990-01-20");
        let gorbachev = e2
            .names
            .iter()
            .find(|n| n.text == "Mikhail Gorbachev")
            .ok_or("Mikhail Gorbachev")?;
        assert_eq!(gorbachev.kind, NameKind::Person);
        let moscow = e2
            .names
            .iter()
            .find(|n| n.text == "Moscow")
            .ok_or("Moscow")?;
        assert_eq!(moscow.kind, NameKind::Place);
        Ok(())
    }

    #[test]
    fn a_part_of_a_day_does_not_outrank_the_day_a_sentence_states_in_full()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2022-02-25\n\nThe assault began late on February 25, 1992, and by the \
             morning of February 26 the town had fallen. Officials said 613 civilians were \
             killed.\n",
            &[
                ("1992-02-25", TimeSource::Explicit),
                ("1992-02-25", TimeSource::Inherited),
            ],
        )?;
        Ok(())
    }

    /// The events of `bytes` as (value, text) pairs.
    fn statements(bytes: &str) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
        let x = extract(doc(bytes)?, &Taggers::english());
        Ok(x.events
            .iter()
            .map(|e| (e.time.value.clone(), e.text.clone()))
            .collect())
    }

    #[test]
    fn a_sentence_that_tells_two_dated_things_gives_two_events()
    -> Result<(), Box<dyn std::error::Error>> {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(v, t)| (v.to_string(), t.to_string()))
                .collect()
        };
        // A semicolon, and a comma before "and" or "while", divide a sentence where each part
        // says when; the span and text of each event are its own part.
        let text = "Date: 2026-03-18\n\nOn 6 July 1950, he ordered the landing at Incheon; on \
                    12 July, the division embarked. Dong Khe fell on September 18, and Cao Bang \
                    fell on October 3. Nsukka fell on 14 July 1967, while Garkem was taken on \
                    12 July.\n";
        assert_eq!(
            statements(text)?,
            pairs(&[
                (
                    "1950-07-06",
                    "On 6 July 1950, he ordered the landing at Incheon"
                ),
                ("1950-07-12", "on 12 July, the division embarked."),
                ("1950-09-18", "Dong Khe fell on September 18"),
                ("1950-10-03", "and Cao Bang fell on October 3."),
                ("1967-07-14", "Nsukka fell on 14 July 1967"),
                ("1967-07-12", "while Garkem was taken on 12 July."),
            ])
        );
        let x = extract(doc(text)?, &Taggers::english());
        let chars: Vec<char> = x.doc.text.chars().collect();
        for e in &x.events {
            assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        }
        assert_eq!(x.events[0].sentence, x.events[1].sentence);
        Ok(())
    }

    #[test]
    fn a_sentence_stays_whole_unless_each_part_says_when() -> Result<(), Box<dyn std::error::Error>>
    {
        let values = |text: &str| -> Result<Vec<String>, Box<dyn std::error::Error>> {
            Ok(statements(text)?.into_iter().map(|(v, _)| v).collect())
        };
        // A part with no date of its own: the sentence is one statement.
        assert_eq!(
            values(
                "Date: 2026-03-18\n\n52 people were killed on March 3, and 310 were \
                 wounded.\n"
            )?,
            ["2026-03-03"]
        );
        // The last item of a list, an aside in brackets, the time of writing in a history.
        assert_eq!(
            values(
                "Date: 2009-12-19\n\nThe authority held executive, legislative, and judicial \
                 power from April 21, 2003. By April 1988 the army had regrouped, and retook \
                 the peninsula (lost in 1986, and never held since). Since the guns now \
                 overlooked the harbor, the position was untenable, and the British fled on \
                 March 17, 1776.\n"
            )?,
            ["2003-04-21", "1988-04", "1776-03-17"]
        );
        Ok(())
    }

    #[test]
    fn a_time_of_no_known_day_does_not_outrank_a_date_the_timeline_can_place()
    -> Result<(), Box<dyn std::error::Error>> {
        // The curfew's hours have no day of their own (`2026-XX-XXT21:00`): the curfew is
        // placed on the Sunday it began, a statement apart from the troops of last week.
        assert_event_dates(
            "Date: 2026-03-18\n\nProtests began on March 2. Some 2,500 troops were deployed \
             to the region last week, and a curfew from 9 p.m. to 6 a.m. has been in place \
             since Sunday.\n",
            &[
                ("2026-03-02", TimeSource::Explicit),
                ("2026-W11", TimeSource::Explicit),
                ("2026-03-15", TimeSource::Explicit),
            ],
        )?;

        Ok(())
    }

    #[test]
    fn a_count_since_a_date_holds_at_the_time_of_the_story_not_on_that_date()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-09-14\n\nThe toll rose to 87 on Monday. More than 1.2 million people \
             have been displaced since the rains began on Sept. 6. About 45 remain missing. \
             The rains began on Sept. 6 in the hills.\n",
            &[
                ("2026-09-14", TimeSource::Explicit),
                ("2026-09-14", TimeSource::Dct),
                // "remain missing": a state at the time of writing.
                ("2026-09-14", TimeSource::Dct),
                ("2026-09-06", TimeSource::Explicit),
            ],
        )?;
        // "Since" governs a date eight words on.
        assert_event_dates(
            "Date: 2026-12-07\n\nSome 3,000 people have been held without charge since the \
             state of emergency was declared in late October.\n",
            &[("2026-12-07", TimeSource::Dct)],
        )?;
        // In news, at the time of writing even after a sentence about another year.
        assert_event_dates(
            "Date: 2026-12-04\n\nThat compares with 980 deaths in 2025. Since the conflict \
             began in February 2022, more than 12,000 civilians have been killed.\n",
            &[
                ("2025", TimeSource::Explicit),
                ("2026-12-04", TimeSource::Dct),
            ],
        )?;
        // Told in the simple past, the count happened at the date: "when" hangs it there.
        assert_event_dates(
            "Date: 2026-12-07\n\nThe crash was the deadliest since 2014, when 79 people died \
             in a similar accident.\n",
            &[("2014", TimeSource::Explicit)],
        )?;
        // Counted since a date after the story's time: the story's time cannot hold it.
        assert_event_dates(
            "Date: 2026-12-07\n\nTalks resumed in the spring of 2021. Since 2023, more than 600 \
             people have been detained.\n",
            &[
                ("2021-SP", TimeSource::Explicit),
                ("2026-12-07", TimeSource::Dct),
            ],
        )?;
        // In a history, at the time of the story.
        assert_event_dates(
            "Date: 2026-12-04\n\nIn March 1944 the front moved west. Since the war began \
             in 1939, some 5 million soldiers had been killed.\n",
            &[
                ("1944-03", TimeSource::Explicit),
                ("1944-03", TimeSource::Inherited),
            ],
        )?;
        // The date a relative clause says something began at is no date of the count.
        assert_event_dates(
            "Date: 2026-12-07\n\nThe war, which broke out in April 2023, has killed at least \
             150,000 people. The fighting began on 15 April 2023 and killed 300 people.\n",
            &[
                ("2026-12-07", TimeSource::Dct),
                ("2023-04-15", TimeSource::Explicit),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_running_total_holds_at_the_time_of_writing_in_news()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-06\n\nThe protests started in mid-October. Since then, at least 41 \
             people have been killed. So far 200 people have been detained, police said on \
             Friday.\n",
            &[
                ("2026-10", TimeSource::Explicit),
                ("2026-12-06", TimeSource::Dct),
                // A date in the sentence still wins over the running total.
                ("2026-12-04", TimeSource::Explicit),
            ],
        )?;
        // Told in the present perfect, it reaches the time of writing however old the story.
        assert_event_dates(
            "Date: 2026-07-15\n\nA state of emergency was declared on 20 July 2016. Since \
             then, more than 150,000 people have been detained.\n",
            &[
                ("2016-07-20", TimeSource::Explicit),
                ("2026-07-15", TimeSource::Dct),
            ],
        )?;
        // In a history, at the time of the story.
        assert_event_dates(
            "Date: 2026-12-04\n\nIn March 1944 the front moved west. So far 5 million \
             soldiers had been killed.\n",
            &[
                ("1944-03", TimeSource::Explicit),
                ("1944-03", TimeSource::Inherited),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_count_that_remains_holds_at_the_time_of_writing() -> Result<(), Box<dyn std::error::Error>>
    {
        // Before: the story's Friday.
        assert_event_dates(
            "Date: 2026-12-07\n\nFlash floods swept through the valley on Friday, killing 23 \
             people. Eleven people remain missing, the agency said.\n",
            &[
                ("2026-12-04", TimeSource::Explicit),
                ("2026-12-07", TimeSource::Dct),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_count_told_in_the_present_holds_at_the_time_of_writing()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-07\n\nThe floods began on 23 November. Two days later the army \
             deployed 4,000 troops. The government has promised 500,000 rupees to each \
             family. Holders would have received $20 a share.\n",
            &[
                ("2026-11-23", TimeSource::Explicit),
                ("2026-11-25", TimeSource::Explicit),
                ("2026-12-07", TimeSource::Dct),
                ("2026-11-25", TimeSource::Inherited),
            ],
        )?;
        // News that goes back years in a paragraph comes back to the time of writing when it
        // tells of now or ahead, not when it tells of the past.
        assert_event_dates(
            "Date: 2026-11-24\n\nClashes on Saturday killed 63 people. In June 2018, 86 \
             people died in the same district. Six suspects from that attack are still on \
             trial, and the government says it will deploy 1,500 troops. Three of the victims \
             were children.\n",
            &[
                ("2026-11-21", TimeSource::Explicit),
                ("2018-06", TimeSource::Explicit),
                ("2026-11-24", TimeSource::Dct),
                ("2018-06", TimeSource::Inherited),
            ],
        )?;
        // In a history, the story's present is its own.
        assert_event_dates(
            "Date: 2026-12-04\n\nIn March 1944 the front moved west. The army has 300 \
             tanks left.\n",
            &[
                ("1944-03", TimeSource::Explicit),
                ("1944-03", TimeSource::Inherited),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_range_dates_its_statement_as_a_whole() -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-07\n\nBetween 1992 and 1994, about 30,000 people were killed. From \
             10 to 14 March 1993, the city was shelled.\n",
            &[
                ("1992/1994", TimeSource::Explicit),
                ("1993-03-10/1993-03-14", TimeSource::Explicit),
            ],
        )?;
        // Two ends with one value are one day.
        assert_event_dates(
            "Date: 2026-12-07\n\nThe Politburo authorized it on 2 October 1950-the day after \
             the army crossed.\n",
            &[("1950-10-02", TimeSource::Explicit)],
        )?;
        Ok(())
    }

    #[test]
    fn a_line_giving_only_the_publication_date_is_no_event()
    -> Result<(), Box<dyn std::error::Error>> {
        let d = doc(
            "Posted: September 14, 2026 at 9:15 am EDT\n\nPolice arrested 40 protesters \
             on Saturday. Officials said on September 14, 2026 that talks would resume.\n",
        )?;
        let x = extract(d, &Taggers::english());
        let texts: Vec<&str> = x.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Police arrested 40 protesters on Saturday.",
                "Officials said on September 14, 2026 that talks would resume."
            ]
        );
        assert_eq!(x.events[0].time.value, "2026-09-12");
        // Nor is a byline with its date, in plain text or a page.
        let d = doc(
            "Date: 2027-01-20\n\nBy Leyla Aliyeva, 20 January 2027\n\nBy Sunday, 131 \
             civilians had been killed. By late February the advance had come to a halt.\n",
        )?;
        let x = extract(d, &Taggers::english());
        let texts: Vec<&str> = x.events.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "By Sunday, 131 civilians had been killed.",
                "By late February the advance had come to a halt."
            ]
        );
        Ok(())
    }

    #[test]
    fn a_date_something_began_at_does_not_outrank_another_date()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-05-09\n\nThis year's parade, the first since 2019 without foreign \
             leaders, lasted 45 minutes.\n\nLawmakers approved the budget early on Friday, \
             after a debate that began at 10 a.m. on Thursday.\n",
            &[
                ("2026", TimeSource::Explicit),
                // (Even a finer one: the debate began on Thursday, the vote was on Friday.)
                ("2026-05-08", TimeSource::Explicit),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn the_other_side_of_a_comparison_never_dates_a_statement()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-07\n\nAt least 41 people have been killed this year, up from 29 in \
             2025.\n\nPolice arrested 300 people in November, compared with 120 in \
             October 2025.\n\n\
             Sales rose in 2026 versus 2025.\n\nTurnout was 58.7 percent, down from 63.1 \
             percent in 2022.\n\nExports were down from 2019.\n",
            &[
                ("2026", TimeSource::Explicit),
                ("2026-11", TimeSource::Explicit),
                ("2026", TimeSource::Explicit),
                // Alone, it leaves a statement with figures to the story's time (here the
                // sentence before's) or the writer's day, and one without figures undated.
                ("2026", TimeSource::Inherited),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_headline_in_the_text_is_the_title_not_an_event() -> Result<(), Box<dyn std::error::Error>>
    {
        assert_event_dates(
            "Quake toll rises to 312\nBy Jane Doe\n7 December 2026\n\nThe toll rose to 312 on \
             Sunday.\n",
            &[("2026-12-06", TimeSource::Explicit)],
        )?;
        // A first sentence that is not the title stays.
        assert_event_dates(
            "Date: 2026-12-07\nTitle: Quake\n\nThe toll rose to 312 on Sunday.\n",
            &[("2026-12-06", TimeSource::Explicit)],
        )?;
        Ok(())
    }

    #[test]
    fn a_wire_datelines_date_is_the_report_not_the_statement()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-07\n\nKARACHI, Dec. 7 — Rains lashed Sindh on Sunday night, \
             killing 12 people.\n\nOfficials said on Monday that 38 bodies were found.\n",
            &[
                ("2026-12-06TNI", TimeSource::Explicit),
                ("2026-12-07", TimeSource::Explicit),
            ],
        )?;
        // Alone, it still dates what it heads; and a date before a dash later on is no
        // dateline.
        assert_event_dates(
            "Date: 2026-12-07\n\nGENEVA, Dec. 7 (Example Wire) - Police detained 40 people.\n\n\
             Police detained 40 people in Geneva, Dec. 5 — the day of the vote — and 12 on \
             Monday.\n",
            &[
                ("2026-12-07", TimeSource::Explicit),
                ("2026-12-05", TimeSource::Explicit),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn what_was_reported_happened_on_its_own_day_before_the_report()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-07\n\nPolice said on Friday they had arrested 12 people on \
             Wednesday.\n\nOn Thursday, officials said 40 people were killed on Tuesday.\n\n\
             Officials said Monday the father could come as early as Tuesday.\n\n\
             Freeh said Friday the raid is not linked to the probe into the August 7 \
             bombings.\n\nSixty-one people died in Saturday's crush, an MP said on Sunday.\n\n\
             Albright said on Tuesday she was heartened by progress in probing last Friday's \
             bombings.\n\nThe death toll from Saturday's landslide has risen to 74, officials \
             said on Monday.\n",
            &[
                ("2026-12-02", TimeSource::Explicit),
                ("2026-12-01", TimeSource::Explicit),
                // A day after the report, or a date naming a thing, does not date it.
                ("2026-12-07", TimeSource::Explicit),
                ("2026-12-04", TimeSource::Explicit),
                // A possessive date does after "in": it names the event itself.
                ("2026-12-05", TimeSource::Explicit),
                ("2026-12-01", TimeSource::Explicit),
                // (After "from" or "of" too: the toll of that event.)
                ("2026-12-05", TimeSource::Explicit),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_weekend_or_week_before_the_report_dates_what_was_reported()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-08\n\nA rights group said on Tuesday that 61 people had been killed \
             in the weekend fighting.\n\nThe group said on Tuesday that it would publish a \
             report next weekend.\n\nPolice said on Tuesday that 14 protesters were detained \
             last week.\n\nPolice said on Tuesday that a man was arrested over the bombings \
             last month.\n",
            &[
                ("2026-W49-WE", TimeSource::Explicit),
                // (A weekend after the report does not.)
                ("2026-12-08", TimeSource::Explicit),
                ("2026-W49", TimeSource::Explicit),
                // (A month, more often the date of a thing mentioned, does not.)
                ("2026-12-08", TimeSource::Explicit),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_possessive_date_names_a_thing_not_when_the_statement_happened()
    -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-12-07\n\nThe death toll from Tuesday's bombing rose to 38 on \
             Wednesday.\n\nThe bombing on Tuesday’s market killed 12 people.\n",
            &[
                ("2026-12-02", TimeSource::Explicit),
                ("2026-12-01", TimeSource::Explicit),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn now_is_the_time_of_writing() -> Result<(), Box<dyn std::error::Error>> {
        assert_event_dates(
            "Date: 2026-11-02\n\nThe shelling began at 11 p.m. on Oct. 30. The town, which \
             had 40,000 residents, now has 8,000 residents.\n",
            &[
                ("2026-10-30T23:00", TimeSource::Explicit),
                ("2026-11-02", TimeSource::Explicit),
            ],
        )?;
        Ok(())
    }

    #[test]
    fn a_vague_offset_is_after_the_story_or_before_the_writer()
    -> Result<(), Box<dyn std::error::Error>> {
        let x = extract(
            doc(
                "Date: 2026-12-04\n\nThe election was held on Nov. 8. Days later, a curfew \
                 was imposed. Recently, prices rose. Two days later, the results were annulled.\n",
            )?,
            &Taggers::english(),
        );
        let found: Vec<(&str, Option<Mod>)> = x
            .events
            .iter()
            .map(|e| (e.time.value.as_str(), e.time.modifier))
            .collect();
        assert_eq!(
            found,
            [
                ("2026-11-08", None),
                ("2026-11-08", Some(Mod::After)),
                ("2026-12-04", Some(Mod::Before)),
                // The vague sentences did not move the story: two days after Nov. 8.
                ("2026-11-10", None),
            ]
        );
        Ok(())
    }

    #[test]
    fn a_sentence_opener_is_a_name_only_when_the_document_says_so()
    -> Result<(), Box<dyn std::error::Error>> {
        let d = doc(
            "Date: 2026-12-01\n\nDHAKA, Nov. 30 — Troops arrived in Baku on Nov. 19. Baku was \
             quiet on Nov. 20. More than 300 homes were destroyed on Nov. 21, and more were \
             lost on Nov. 22. Forecasters expected rain on Nov. 23. US officials arrived on \
             Nov. 24 to meet us. Relief Agencies warned on Nov. 25. Emperor Constantine XI \
             died on May 29, 1453.\n",
        )?;
        let x = extract(d, &Taggers::english());
        let names: Vec<(&str, NameKind)> = x
            .events
            .iter()
            .flat_map(|e| e.names.iter().map(|n| (n.text.as_str(), n.kind)))
            .collect();
        assert_eq!(
            names,
            [
                ("DHAKA", NameKind::Place),
                ("Baku", NameKind::Place),
                // Alone at the start, but the document capitalizes it inside a sentence.
                ("Baku", NameKind::Name),
                // "US" is in capitals: "us" in lowercase is another word.
                ("US", NameKind::Organization),
                // "relief" is nowhere in lowercase, and a capitalized word follows.
                ("Relief Agencies", NameKind::Name),
                ("Constantine XI", NameKind::Person),
            ]
        );
        Ok(())
    }

    #[test]
    fn a_short_text_whose_language_is_a_guess_is_read_with_a_pack()
    -> Result<(), Box<dyn std::error::Error>> {
        // Alone, the sentence reads as French, with low confidence.
        let x = extract(
            doc("Date: 2026-12-01\n\nPolice detained 97 people Monday.\n")?,
            &Taggers::english(),
        );
        assert_eq!(x.doc.language, "en");
        assert!(x.notes[0].contains("low confidence"), "{:?}", x.notes);
        assert_eq!(x.figures.len(), 1);
        assert_eq!(x.timexes[0].value.to_string(), "2026-11-30");
        // A text in a language told reliably stays in it.
        let x = extract(
            doc(
                "Date: 2026-12-01\n\nDie Polizei nahm gestern in der Hauptstadt siebenundneunzig \
                 Menschen fest, teilte das Innenministerium am Abend mit.\n",
            )?,
            &Taggers::english(),
        );
        assert_eq!(x.doc.language, "de");
        assert!(x.figures.is_empty() && x.timexes.is_empty());
        Ok(())
    }

    #[test]
    fn each_language_goes_to_its_own_pack_and_others_are_noted()
    -> Result<(), Box<dyn std::error::Error>> {
        let d = || {
            doc(
                "Date: 2027-01-20\n\nТридцать семь лет назад, 20 января 1990 года, в Баку \
                 вошли советские войска. На следующий день объявили комендантский час.\n",
            )
        };
        assert_eq!(d()?.language, "ru");
        let x = extract(d()?, &Taggers::english());
        assert!(x.timexes.is_empty());
        assert!(x.notes[0].contains("no language pack"), "{:?}", x.notes);

        let mut taggers = Taggers::english();
        taggers.add(sketch("ru")?);
        assert_eq!(taggers.languages(), ["en", "ru"]);
        let x = extract(d()?, &taggers);
        let values: Vec<String> = x.timexes.iter().map(|t| t.value.to_string()).collect();
        assert_eq!(values, ["1990", "1990-01-20", "1990-01-21"]);
        assert!(x.notes.is_empty(), "{:?}", x.notes);
        // The dated sentences become events, as in English.
        let days: Vec<&str> = x.events.iter().map(|e| e.time.value.as_str()).collect();
        assert_eq!(days, ["1990-01-20", "1990-01-21"]);
        // English documents still go to the English tagger.
        let x = extract(
            doc("Date: 2025-03-14\n\nYesterday the square was quiet.\n")?,
            &taggers,
        );
        assert_eq!(x.timexes[0].value.to_string(), "2025-03-13");
        Ok(())
    }

    #[test]
    fn a_pack_brings_its_figures_vocabulary() -> Result<(), Box<dyn std::error::Error>> {
        let d = || {
            doc(
                "Başlık: Anma\nTarih: 3 Mart 2025\n\nOtuz yedi yıl önce, 3 Mart 1988'de \
                 bölgeye 20.000'den fazla asker getirildi. Ertesi gün 52 kişi öldü, 310 kişi \
                 yaralandı.\n",
            )
        };
        assert_eq!(d()?.language, "tr");
        let mut taggers = Taggers::english();
        taggers.add(sketch("tr")?);
        // A pack without figures.txt: dates, but no figures (English words mean nothing here).
        let x = extract(d()?, &taggers);
        assert_eq!(x.timexes.len(), 3, "{:?}", x.timexes);
        assert!(x.figures.is_empty(), "{:?}", x.figures);
        let figures = include_str!("../../../examples/packs/tr/figures.txt");
        taggers.add_figures("tr", Vocabulary::parse(&[("figures.txt", figures)])?);
        let x = extract(d()?, &taggers);
        let found: Vec<(f64, &str, &str, &str)> = x
            .figures
            .iter()
            .map(|f| {
                (
                    f.value,
                    f.bound.as_str(),
                    f.category.as_str(),
                    f.counted.as_str(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (20000.0, "at_least", "deployed", "asker"),
                (52.0, "exact", "killed", "kişi"),
                (310.0, "exact", "injured", "kişi"),
            ]
        );
        // The figures join the events of their sentences, dated by the Turkish tagger.
        let next_day = x
            .events
            .iter()
            .find(|e| e.time.value == "1988-03-04")
            .ok_or("the event of 1988-03-04")?;
        assert_eq!(next_day.figures, [1, 2]);
        // English documents keep the built-in vocabulary.
        let x = extract(
            doc("Date: 2025-03-14\n\nPolice said 52 people were killed.\n")?,
            &taggers,
        );
        assert_eq!(x.figures.len(), 1);
        Ok(())
    }

    #[test]
    fn without_a_date_relative_expressions_stay_unanchored()
    -> Result<(), Box<dyn std::error::Error>> {
        let d = doc("Yesterday the square was quiet; on March 3, 1988 it was not.\n")?;
        let x = extract(d, &Taggers::english());
        assert_eq!(x.timexes[0].value.to_string(), "XXXX-XX-XX");
        assert_eq!(x.timexes[1].value.to_string(), "1988-03-03");
        assert!(x.notes[0].contains("no publication date"));
        Ok(())
    }

    #[test]
    fn a_count_that_looks_like_a_year_is_a_figure_not_a_date()
    -> Result<(), Box<dyn std::error::Error>> {
        let d = doc("Date: 2026-02-26\n\nThe attack on the town in 1992 killed 1275 people.\n")?;
        let x = extract(d, &Taggers::english());
        let dates: Vec<&str> = x.timexes.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(dates, ["1992"]);
        assert_eq!(x.figures.len(), 1, "{:?}", x.figures);
        assert_eq!(
            (x.figures[0].value, x.figures[0].category.as_str()),
            (1275.0, "killed")
        );
        Ok(())
    }

    #[test]
    fn figures_join_the_events_of_their_sentence() -> Result<(), Box<dyn std::error::Error>> {
        let d = doc(
            "Date: 2025-03-14\n\nOn March 3, 1988 more than 20,000 troops were brought into the capital. Police said 52 people were killed.\n",
        )?;
        let x = extract(d, &Taggers::english());
        let troops = x
            .figures
            .iter()
            .find(|f| f.value == 20_000.0)
            .ok_or("20,000 troops")?;
        assert_eq!(troops.bound, "at_least");
        assert_eq!(troops.category, "deployed");
        let killed = x
            .figures
            .iter()
            .find(|f| f.value == 52.0)
            .ok_or("52 killed")?;
        assert_eq!(killed.category, "killed");
        assert!(
            x.figures
                .iter()
                .all(|f| f.value != 1988.0 && f.value != 3.0),
            "dates are not figures"
        );
        // The second sentence has no date: it inherits the first one's.
        let e = x
            .events
            .iter()
            .find(|e| e.text.contains("52 people"))
            .ok_or("the event of \"52 people\"")?;
        assert_eq!(e.time.value, "1988-03-03");
        assert_eq!(e.time.source, TimeSource::Inherited);
        assert_eq!(e.figures.len(), 1);
        assert_eq!(x.figures[e.figures[0]].value, 52.0);
        Ok(())
    }
}
