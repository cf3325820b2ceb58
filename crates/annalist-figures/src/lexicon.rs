//! The vocabulary the engine consults, read from plain-text data files.
//!
//! A data file is a list of sections. `[kind args]` opens a section; each following line
//! holds comma-separated phrases (a phrase is split into tokens as the text is, so
//! "pre-trial" is three and "in police custody" three; matched case-insensitively). Number sections give values (`dozen = 12`); verb sections may give
//! irregular forms (`flee: fled, fleeing, flees`), otherwise the built-in English vocabulary
//! generates regular inflections (a language pack lists its forms). `[settings]` holds one
//! `key = value` per line, `[range]` the words around a range's two numbers (`between <n> and
//! <n>`). Lines starting with `#` are comments and lines starting with `>` are examples (run
//! by [`crate::Vocabulary::check_examples`], ignored here). Keeping the words out of the code
//! is what lets a language be added, and lets a reader see exactly why "wounding" meant
//! `injured`.

use rustc_hash::FxHashMap;

use crate::token::{Separators, Token};
use crate::{Bound, Category};

/// A vocabulary file that does not parse.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LexiconError {
    /// A line outside any section, an unknown section, or a bad value.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The data file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// How a trigger word relates to the number it categorises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Transitive verb: before the number ("killed 12", "killing 12") or after what is
    /// counted ("52 people were killed", "52 people killed").
    Verb,
    /// Intransitive verb, after what is counted only ("52 people died").
    Intrans,
    /// Transitive verb before the number only ("lost 10,000 men"): its passive is said of
    /// things as often ("two ships had been lost").
    Active,
    /// Noun: "the killing of 52", "97 arrests".
    Noun,
    /// Adjective or participle used as a head: "52 dead", "12 missing".
    Adj,
    /// Toll phrase governing a number a few words on: "the death toll rose to 61".
    Toll,
    /// Phrase after what is counted that says what became of it when no verb does: "pulled
    /// 355 people from the water", "lifted 64 people to safety" ("pulled" and "lifted" say
    /// nothing by themselves).
    Outcome,
}

/// Grammar word classes the engine needs by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Closed-class words that may follow a number without being what it counts.
    Function,
    /// Auxiliaries and the like between what is counted and its verb ("were", "have been").
    Aux,
    /// Words that join the items of a list ("and", ",").
    Connector,
    /// Words opening an appositive to skip ("including").
    Apposition,
    /// Month names: numbers next to them are dates.
    Month,
    /// Words before identifiers ("Article", "Resolution", "page").
    IdBefore,
    /// Words before ages ("aged").
    AgeBefore,
    /// Units after a number: not a count of people or things ("days", "km").
    Unit,
    /// Words after a clock time ("pm").
    TimeAfter,
    /// Words before "one" that make it a pronoun ("no one").
    NotOneBefore,
    /// Prepositions before a year ("in 1988").
    YearBefore,
    /// Abbreviations whose period does not end a sentence.
    Abbrev,
    /// Words allowed between a trigger and its number ("another", "a further").
    Filler,
    /// Phrases restating the figure last talked about ("put the figure at"): the number
    /// takes that figure's category.
    Reference,
    /// Phrases that make a count a running total up to the time of writing ("so far", "to
    /// date", "since then").
    ToDate,
    /// Words that open a clause of where a count began ("since"): told in the present
    /// perfect ("have been detained since the protests began"), the count is a running total.
    Since,
    /// Present auxiliaries of the perfect ("has", "have"), for `Since`.
    PresentPerfect,
    /// Words that make a `PresentPerfect` word right after them (or one word later) no
    /// present: modals ("would have received") and relative pronouns ("which has been
    /// losing market share", a side remark on a sentence told in the past).
    NotPresent,
    /// Auxiliaries of the present and the future ("are", "will", "would"): with no `Past`
    /// one in its sentence, a count is told from the time of writing.
    Present,
    /// Auxiliaries of the past ("was", "were", "had").
    Past,
    /// Words between the two numbers of a ratio ("in" of "one in five trains", "out of
    /// every"): the second number counts no group things happened to.
    RatioLink,
    /// Words before a bare count that add it to the last one ("another 400 damaged", "a
    /// further 12"): it counts the same things.
    AdditionalBefore,
    /// Prepositions before a place after a count ("in" of "12 people in Kharkiv and 3 in
    /// Sumy"): a bare count after it, with a place of its own, counts the same.
    PlaceLink,
    /// Auxiliaries of the perfect ("has", "have", "had"): a count told in it ran up to a
    /// time ("have been killed since March"), where one in the simple past happened then
    /// ("the deadliest since 2014, when 79 people died").
    Perfect,
    /// Case endings a language writes after a number and a hyphen or an apostrophe
    /// (Azerbaijani "61-ə", Turkish "61'e": to 61): the number is still a count, where English
    /// "17-year-old" is an adjective.
    Ending,
    /// Words that close a list or join its items ("women and children", "French and allied
    /// soldiers", "aged 12 and 15", "one hundred and fifty").
    Conjunction,
    /// Words after which a new clause starts ("and", "but", "while").
    ClauseOpener,
    /// The word between a part and its whole ("five of the suspects", "dozens of people").
    Partitive,
    /// Pronouns standing for the whole after a partitive ("82 of them", "of whom").
    PartitivePronoun,
    /// Words before the whole's noun after a partitive ("6,000 of its 9,000 houses").
    Determiner,
    /// Words after a number meaning "in addition" ("12 more people").
    Additional,
    /// A word joining two estimates of one figure ("130 to 150", "12 or 13 dead").
    Alternative,
    /// A word joining the two numbers of a range ("130 to 150").
    RangeTo,
    /// A word before a number that makes "to" a change, not a range ("rose from 52 to 61").
    ChangeFrom,
    /// Words of a revision or an update ("revised", "rose"): in their clause, the count
    /// after a `ChangeFrom` word is the one replaced ("revised the toll to 74 from 81").
    Revision,
    /// Adverbs of an update ("up", "down"): right before a `ChangeFrom` word, the count after
    /// it is the one replaced ("up from 900,000").
    RevisionAdverb,
    /// Plural nouns of events that are also forms of a trigger verb ("rallies", "protests"):
    /// right after a number they are what is counted, not what happened to it.
    EventNoun,
    /// Phrases before a noun naming a group a figure belongs to ("among the": "Among the
    /// dead were 6 children").
    Among,
    /// Plurals that do not end in "s" ("men", "people", "children"): after a number they
    /// are what it counts, not a modifier of the next word as in "two passenger trains".
    IrregularPlural,
    /// Words for a share of a whole ("half", "a third", "most"): in "half of the 2,000
    /// residents fled" the number is the whole, and what happened to the share did not
    /// happen to all of it.
    Share,
    /// Linking verbs between that group and the figure ("were").
    Copula,
    /// Relative pronouns ("who", "which"): a transitive verb after one, with no passive
    /// auxiliary between, is what the counted did ("231,000 soldiers, who captured …").
    Relative,
    /// Nouns for people held captive ("hostages", "prisoners"): freeing them is a release,
    /// not a rescue.
    Captive,
    /// Auxiliaries that make the participle after them passive ("were", "been").
    Passive,
    /// Phrases before a noun naming a group that a comma then splits up ("of the": "Of the
    /// dead, 31 were children").
    AmongComma,
    /// Verbs between a group's noun and a figure of its members ("included": "The dead
    /// included 8 foreigners").
    Inclusion,
}

// A slot's classes are the bits of a u64: the last class must fit.
const _: () = assert!((Class::Inclusion as u32) < 64);

impl Class {
    fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

/// What a phrase means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entry {
    /// A number word that adds ("five", "forty").
    Atom(f64),
    /// A number word that multiplies ("hundred", "million", "dozen").
    Scale(f64),
    /// A vague count ("dozens" = 12, approximate).
    Vague(f64),
    /// A multiplier glued to digits ("5m", "3bn").
    Suffix(f64),
    /// Before the number ("more than").
    Qualifier(Bound),
    /// After the number ("or more").
    PostQualifier(Bound),
    /// A word telling what happened.
    Trigger(Category, Role),
    /// A noun naming what is counted, with the category it implies when nothing else
    /// says ("protesters" are participants).
    Counted {
        human: bool,
        default: Option<Category>,
    },
    /// A grammar word.
    Word(Class),
    /// A currency, with its normal name.
    Currency(String),
    /// "percent", "%".
    Percent,
}

/// One phrase and its meaning.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// The slot of each of its words: a text's tokens carry their slot, so matching a
    /// phrase compares numbers, not strings.
    pub words: Vec<u32>,
    pub entry: Entry,
}

/// All phrases, indexed by their lowercase first word.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    index: FxHashMap<String, u32>,
    slots: Vec<Vec<u32>>,
    phrases: Vec<Phrase>,
    /// Slots where a number word starts, to skip sentences without numbers quickly.
    numeric: Vec<bool>,
    /// The grammar classes each slot's word has on its own, one bit per [`Class`]: the
    /// engine asks "is this word a conjunction?" at nearly every token, and a slot's
    /// phrases can be many ("of", "of them", "of whom"…).
    classes: Vec<u64>,
    /// The grammar classes of every phrase starting with each slot's word, whatever its
    /// length: a quick "no" before the phrases themselves are compared.
    phrase_classes: Vec<u64>,
    /// Whether a verb listed without its forms gets regular English inflections ("kill" →
    /// "kills", "killed", "killing"). Only the built-in English vocabulary sets it: a
    /// language pack lists every form it wants, since another language inflects otherwise.
    english_inflections: bool,
    /// How the language writes numbers, names what a figure leaves implicit, and orders
    /// its clauses (section `[settings]`).
    pub settings: Settings,
    /// The words a language writes around the two numbers of a range (section `[range]`:
    /// `between <n> and <n>`, `<n> ile <n> arasında`, `от <n> до <n>`).
    pub ranges: Vec<RangeWords>,
}

/// A range's words, as slots: before its first number, between the two, after the second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RangeWords {
    pub before: Vec<u32>,
    pub between: Vec<u32>,
    pub after: Vec<u32>,
}

/// What differs between languages beyond their words: the `[settings]` section, one
/// `key = value` per line (one per line since the comma may be a value: `decimal = ,`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Settings {
    /// `thousands = .`, `decimal = ,`: Turkish and Russian "20.000", "3,5".
    pub separators: Separators,
    /// `people = kişi`: what a casualty figure counts when the text does not say ("52 were
    /// killed").
    pub people: String,
    /// `troops = asker`: what a deployment figure counts when the text does not say.
    pub troops: String,
    /// `plural_after_numbers = no`: a noun after a number stays singular ("52 kişi"), so a
    /// singular noun there is no sign of a compound ("two passenger trains" in English).
    pub plural_after_numbers: bool,
    /// `word_order = verb-final`: the verb ends the clause, so any words may stand between
    /// what is counted and what happened to it ("5.000 asker bölgeye konuşlandırıldı").
    pub verb_final: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            separators: Separators::default(),
            people: "people".to_string(),
            troops: "troops".to_string(),
            plural_after_numbers: true,
            verb_final: false,
        }
    }
}

impl Lexicon {
    /// An empty lexicon; `english_inflections` says whether verbs listed without their forms
    /// get regular English ones.
    pub fn new(english_inflections: bool) -> Lexicon {
        Lexicon {
            english_inflections,
            ..Lexicon::default()
        }
    }

    /// Adds the sections of one data file.
    pub fn load(&mut self, file: &str, data: &str) -> Result<(), LexiconError> {
        let mut section: Option<Vec<String>> = None;
        for (n, raw) in data.lines().enumerate() {
            let err = |message: String| LexiconError::Syntax {
                file: file.to_string(),
                line: n + 1,
                message,
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with('>') {
                continue;
            }
            if let Some(head) = line.strip_prefix('[') {
                let head = head
                    .strip_suffix(']')
                    .ok_or_else(|| err("unclosed section header".into()))?;
                section = Some(head.split_whitespace().map(str::to_string).collect());
                continue;
            }
            let head = section
                .as_deref()
                .ok_or_else(|| err("entry outside a section".into()))?;
            let head: Vec<&str> = head.iter().map(String::as_str).collect();
            self.line(&head, line).map_err(err)?;
        }
        if self.settings.separators.thousands == self.settings.separators.decimal {
            return Err(LexiconError::Syntax {
                file: file.to_string(),
                line: data.lines().count(),
                message: "the thousands and decimal separators are the same mark".into(),
            });
        }
        for slot in &mut self.slots {
            let phrases = &self.phrases;
            slot.sort_by_key(|&p| std::cmp::Reverse(phrases[p as usize].words.len()));
        }
        self.classes = self
            .slots
            .iter()
            .map(|ids| {
                ids.iter()
                    .filter_map(|&p| match &self.phrases[p as usize] {
                        Phrase {
                            words,
                            entry: Entry::Word(class),
                        } if words.len() == 1 => Some(class.bit()),
                        _ => None,
                    })
                    .fold(0, |bits, bit| bits | bit)
            })
            .collect();
        self.phrase_classes = self
            .slots
            .iter()
            .map(|ids| {
                ids.iter()
                    .filter_map(|&p| match &self.phrases[p as usize].entry {
                        Entry::Word(class) => Some(class.bit()),
                        _ => None,
                    })
                    .fold(0, |bits, bit| bits | bit)
            })
            .collect();
        self.numeric = self
            .slots
            .iter()
            .map(|ids| {
                ids.iter().any(|&p| {
                    matches!(
                        self.phrases[p as usize].entry,
                        Entry::Atom(_) | Entry::Vague(_) | Entry::Scale(_)
                    )
                })
            })
            .collect();
        Ok(())
    }

    fn line(&mut self, head: &[&str], line: &str) -> Result<(), String> {
        match head {
            ["atom" | "scale" | "vague" | "suffix"] => {
                for item in line.split(',') {
                    let (phrase, value) = item
                        .split_once('=')
                        .ok_or_else(|| format!("expected `phrase = value` in {item:?}"))?;
                    let value: f64 = value
                        .trim()
                        .parse()
                        .map_err(|_| format!("bad value in {item:?}"))?;
                    let entry = match head[0] {
                        "atom" => Entry::Atom(value),
                        "scale" => Entry::Scale(value),
                        "vague" => Entry::Vague(value),
                        _ => Entry::Suffix(value),
                    };
                    self.add(phrase, entry);
                }
            }
            [bound] | [bound, "after"] if parse_bound(bound).is_some() => {
                let bound = parse_bound(bound).unwrap_or(Bound::Exact);
                let entry = if head.len() == 2 {
                    Entry::PostQualifier(bound)
                } else {
                    Entry::Qualifier(bound)
                };
                self.add_all(line, &entry);
            }
            [category, role] if Category::parse(category).is_some() && *role != "default" => {
                let category = Category::parse(category).unwrap_or(Category::Other);
                let role = match *role {
                    "verb" => Role::Verb,
                    "intrans" => Role::Intrans,
                    "active" => Role::Active,
                    "noun" => Role::Noun,
                    "adj" => Role::Adj,
                    "toll" => Role::Toll,
                    "outcome" => Role::Outcome,
                    other => return Err(format!("unknown role {other:?}")),
                };
                let entry = Entry::Trigger(category, role);
                if matches!(role, Role::Verb | Role::Intrans | Role::Active) {
                    for item in line.split(',') {
                        self.verb(item, &entry);
                    }
                } else {
                    self.add_all(line, &entry);
                }
            }
            ["human" | "thing", rest @ ..] => {
                let human = head[0] == "human";
                let default = match rest {
                    [] => None,
                    [c] => {
                        Some(Category::parse(c).ok_or_else(|| format!("unknown category {c:?}"))?)
                    }
                    _ => return Err("too many words in counted section".into()),
                };
                self.add_all(line, &Entry::Counted { human, default });
            }
            ["settings"] => self.setting(line)?,
            ["range"] => {
                for item in line.split(',') {
                    let words: Vec<&str> = item.split_whitespace().collect();
                    let marks: Vec<usize> =
                        (0..words.len()).filter(|&k| words[k] == "<n>").collect();
                    let [first, second] = marks[..] else {
                        return Err(format!("a range has two numbers, `<n>`: {item:?}"));
                    };
                    if second == first + 1 {
                        return Err(format!("a range needs words between its numbers: {item:?}"));
                    }
                    let mut slots = |ws: &[&str]| -> Vec<u32> {
                        ws.iter().map(|w| self.intern(fold_case(w))).collect()
                    };
                    let range = RangeWords {
                        before: slots(&words[..first]),
                        between: slots(&words[first + 1..second]),
                        after: slots(&words[second + 1..]),
                    };
                    self.ranges.push(range);
                }
            }
            // "[currency canadian dollars]": the name may have several words.
            ["currency", name @ ..] if !name.is_empty() => {
                self.add_all(line, &Entry::Currency(name.join(" ")))
            }
            ["percent"] => self.add_all(line, &Entry::Percent),
            [class] => {
                let class = match *class {
                    "function" => Class::Function,
                    "aux" => Class::Aux,
                    "connector" => Class::Connector,
                    "apposition" => Class::Apposition,
                    "month" => Class::Month,
                    "id_before" => Class::IdBefore,
                    "age_before" => Class::AgeBefore,
                    "unit" => Class::Unit,
                    "time_after" => Class::TimeAfter,
                    "not_one_before" => Class::NotOneBefore,
                    "year_before" => Class::YearBefore,
                    "abbrev" => Class::Abbrev,
                    "filler" => Class::Filler,
                    "reference" => Class::Reference,
                    "to_date" => Class::ToDate,
                    "perfect" => Class::Perfect,
                    "since" => Class::Since,
                    "present_perfect" => Class::PresentPerfect,
                    "not_present" => Class::NotPresent,
                    "present" => Class::Present,
                    "past" => Class::Past,
                    "ratio_link" => Class::RatioLink,
                    "additional_before" => Class::AdditionalBefore,
                    "place_link" => Class::PlaceLink,
                    "ending" => Class::Ending,
                    "conjunction" => Class::Conjunction,
                    "clause_opener" => Class::ClauseOpener,
                    "partitive" => Class::Partitive,
                    "partitive_pronoun" => Class::PartitivePronoun,
                    "determiner" => Class::Determiner,
                    "additional" => Class::Additional,
                    "alternative" => Class::Alternative,
                    "range_to" => Class::RangeTo,
                    "change_from" => Class::ChangeFrom,
                    "revision" => Class::Revision,
                    "revision_adverb" => Class::RevisionAdverb,
                    "event_noun" => Class::EventNoun,
                    "among" => Class::Among,
                    "irregular_plural" => Class::IrregularPlural,
                    "share" => Class::Share,
                    "copula" => Class::Copula,
                    "relative" => Class::Relative,
                    "captive" => Class::Captive,
                    "passive" => Class::Passive,
                    "among_comma" => Class::AmongComma,
                    "inclusion" => Class::Inclusion,
                    other => return Err(format!("unknown section {other:?}")),
                };
                self.add_all(line, &Entry::Word(class));
            }
            _ => return Err(format!("unknown section {head:?}")),
        }
        Ok(())
    }

    fn setting(&mut self, line: &str) -> Result<(), String> {
        let (key, value) = line
            .split_once('=')
            .map(|(k, v)| (k.trim(), v.trim()))
            .ok_or_else(|| format!("expected `key = value` in {line:?}"))?;
        let settings = &mut self.settings;
        let mark = || match value.as_bytes() {
            [b] if b.is_ascii_punctuation() => Ok(*b),
            _ => Err(format!("a separator is one punctuation mark: {line:?}")),
        };
        let yes_no = || match value {
            "yes" => Ok(true),
            "no" => Ok(false),
            _ => Err(format!("expected yes or no in {line:?}")),
        };
        match key {
            "thousands" => settings.separators.thousands = mark()?,
            "decimal" => settings.separators.decimal = mark()?,
            "people" if !value.is_empty() => settings.people = value.to_string(),
            "troops" if !value.is_empty() => settings.troops = value.to_string(),
            "plural_after_numbers" => settings.plural_after_numbers = yes_no()?,
            "word_order" => {
                settings.verb_final = match value {
                    "verb-final" => true,
                    "verb-medial" => false,
                    _ => return Err(format!("expected verb-final or verb-medial in {line:?}")),
                }
            }
            _ => {
                return Err(format!(
                    "unknown setting {key:?} (thousands, decimal, people, troops, \
                     plural_after_numbers, word_order)"
                ));
            }
        }
        Ok(())
    }

    fn add_all(&mut self, line: &str, entry: &Entry) {
        for item in line.split(',') {
            self.add(item, entry.clone());
        }
    }

    /// A verb lemma with optional explicit forms, or regular inflections.
    fn verb(&mut self, item: &str, entry: &Entry) {
        match item.split_once(':') {
            Some((lemma, forms)) => {
                self.add(lemma, entry.clone());
                for form in forms.split(',').flat_map(|f| f.split(';')) {
                    self.add(form, entry.clone());
                }
            }
            None if !self.english_inflections => self.add(item, entry.clone()),
            None => {
                let lemma = item.trim();
                if lemma.is_empty() {
                    return;
                }
                for form in inflect(lemma) {
                    self.add(&form, entry.clone());
                }
            }
        }
    }

    fn add(&mut self, phrase: &str, entry: Entry) {
        // Split as the text is, so that a phrase may be written as it is read: "pre-trial"
        // and "hasn't" are three tokens in both.
        let words: Vec<u32> =
            crate::token::Tokenizer::with_separators(phrase, self.settings.separators)
                .map(|t| self.intern(fold_case(&phrase[t.bs..t.be])))
                .collect();
        let Some(&first) = words.first() else { return };
        let id = self.phrases.len() as u32;
        if let Some(list) = self.slots.get_mut(first as usize) {
            list.push(id);
        }
        self.phrases.push(Phrase { words, entry });
    }

    /// The slot of a word, made if it has none.
    fn intern(&mut self, word: String) -> u32 {
        if let Some(&s) = self.index.get(&word) {
            return s;
        }
        let s = self.slots.len() as u32;
        self.index.insert(word, s);
        self.slots.push(Vec::new());
        s
    }

    /// The slot of a lowercase word, `u32::MAX` if no phrase has it.
    pub fn slot(&self, lower: &str) -> u32 {
        self.index.get(lower).copied().unwrap_or(u32::MAX)
    }

    /// Whether a number word starts with this slot's word.
    pub fn starts_number(&self, slot: u32) -> bool {
        self.numeric.get(slot as usize).copied().unwrap_or(false)
    }

    /// The phrases matching at token `i`, longest first, with their length in tokens.
    pub fn at<'a>(
        &'a self,
        toks: &'a [Token],
        i: usize,
    ) -> impl Iterator<Item = (&'a Entry, usize)> + 'a {
        let slot = toks.get(i).map_or(u32::MAX, |t| t.slot);
        let ids: &[u32] = self.slots.get(slot as usize).map_or(&[], Vec::as_slice);
        ids.iter().filter_map(move |&id| {
            let phrase = self.phrases.get(id as usize)?;
            let n = phrase.words.len();
            let rest = toks.get(i + 1..i + n)?;
            let all = rest
                .iter()
                .zip(&phrase.words[1..])
                .all(|(t, &w)| t.slot == w);
            all.then_some((&phrase.entry, n))
        })
    }

    /// Whether a single-token phrase of `class` matches token `i`.
    pub fn is(&self, toks: &[Token], i: usize, class: Class) -> bool {
        toks.get(i)
            .and_then(|t| self.classes.get(t.slot as usize))
            .is_some_and(|bits| bits & class.bit() != 0)
    }

    /// Whether a phrase of `class` may start at token `i`: `false` means none does.
    pub fn may_start(&self, toks: &[Token], i: usize, class: Class) -> bool {
        toks.get(i)
            .and_then(|t| self.phrase_classes.get(t.slot as usize))
            .is_some_and(|bits| bits & class.bit() != 0)
    }

    /// The first single-token entry at `i` satisfying `f`.
    pub fn single<'a, T>(
        &'a self,
        toks: &'a [Token],
        i: usize,
        f: impl Fn(&'a Entry) -> Option<T>,
    ) -> Option<T> {
        self.at(toks, i)
            .filter(|&(_, n)| n == 1)
            .find_map(|(e, _)| f(e))
    }
}

/// Lowercases a character for looking a word up, as Unicode does except for the i's of
/// Turkish and Azerbaijani: dotted capital İ and dotless ı are both matched as i, since the
/// capital of ı is I ("KASIM" must find "kasım"). A typographic apostrophe is the plain one
/// ("300’e" as "300'e").
pub(crate) fn fold_char(c: char) -> std::char::ToLowercase {
    match c {
        'İ' | 'ı' => 'I',
        '’' => '\'',
        c => c,
    }
    .to_lowercase()
}

/// A word lowercased as [`fold_char`] does.
pub(crate) fn fold_case(word: &str) -> String {
    word.chars().flat_map(fold_char).collect()
}

fn parse_bound(s: &str) -> Option<Bound> {
    Some(match s {
        "exact" => Bound::Exact,
        "at_least" => Bound::AtLeast,
        "at_most" => Bound::AtMost,
        "approx" => Bound::Approx,
        _ => return None,
    })
}

/// Regular English verb forms: lemma, -s, -ed, -ing.
fn inflect(lemma: &str) -> Vec<String> {
    let mut forms = vec![lemma.to_string()];
    let consonant_y =
        lemma.ends_with('y') && !lemma[..lemma.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        let stem = &lemma[..lemma.len() - 1];
        forms.push(format!("{stem}ies"));
        forms.push(format!("{stem}ied"));
        forms.push(format!("{lemma}ing"));
    } else if let Some(stem) = lemma.strip_suffix('e') {
        forms.push(format!("{lemma}s"));
        forms.push(format!("{lemma}d"));
        forms.push(format!("{stem}ing"));
    } else {
        let sibilant = ["s", "sh", "ch", "x", "z"]
            .iter()
            .any(|s| lemma.ends_with(s));
        forms.push(if sibilant {
            format!("{lemma}es")
        } else {
            format!("{lemma}s")
        });
        forms.push(format!("{lemma}ed"));
        forms.push(format!("{lemma}ing"));
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        assert_eq!(inflect("kill"), ["kill", "kills", "killed", "killing"]);
        assert_eq!(
            inflect("injure"),
            ["injure", "injures", "injured", "injuring"]
        );
        assert_eq!(
            inflect("deploy"),
            ["deploy", "deploys", "deployed", "deploying"]
        );
        assert_eq!(
            inflect("rally"),
            ["rally", "rallies", "rallied", "rallying"]
        );
        assert_eq!(
            inflect("march"),
            ["march", "marches", "marched", "marching"]
        );
    }

    #[test]
    fn only_english_verbs_are_inflected() -> Result<(), LexiconError> {
        let mut english = Lexicon::new(true);
        english.load("t", "[killed verb]\nkill")?;
        assert_ne!(english.slot("killed"), u32::MAX);
        let mut turkish = Lexicon::default();
        turkish.load("t", "[killed verb]\nöldür, öldürüldü")?;
        assert_ne!(turkish.slot("öldürüldü"), u32::MAX);
        assert_eq!(turkish.slot("öldürüldüed"), u32::MAX);
        Ok(())
    }

    #[test]
    fn bad_files_are_errors_not_panics() -> Result<(), LexiconError> {
        let mut lex = Lexicon::default();
        assert!(lex.load("t", "dead").is_err());
        assert!(lex.load("t", "[nonsense here]\nx").is_err());
        assert!(lex.load("t", "[atom]\nfive = x").is_err());
        assert!(lex.load("t", "[atom\nfive = 5").is_err());
        assert!(lex.load("t", "[settings]\nthousands = dot").is_err());
        // The decimal mark is still the English full stop.
        assert!(lex.load("t", "[settings]\nthousands = .").is_err());
        assert!(lex.load("t", "[settings]\ngroups = .").is_err());
        assert!(lex.load("t", "[settings]\nword_order = sov").is_err());
        assert!(lex.load("t", "[range]\nbetween <n> and").is_err());
        assert!(lex.load("t", "[range]\n<n> <n>").is_err());
        assert!(lex.load("t", "[range]\n<n> to <n> to <n>").is_err());
        assert!(
            lex.load("t", "[settings]\nplural_after_numbers = maybe")
                .is_err()
        );
        let mut lex = Lexicon::default();
        let settings = "[settings]\nthousands = .\ndecimal = ,\npeople = kişi\n\
                        plural_after_numbers = no\nword_order = verb-final";
        lex.load("t", settings)?;
        let s = &lex.settings;
        assert_eq!((s.separators.thousands, s.separators.decimal), (b'.', b','));
        assert_eq!((s.people.as_str(), s.troops.as_str()), ("kişi", "troops"));
        assert!(!s.plural_after_numbers && s.verb_final);
        Ok(())
    }
}
