//! A figures vocabulary as a value: the built-in English one, or one a language pack brings
//! in a `figures.txt` file.
//!
//! The engine is the same for every language; what a language changes is its words (number
//! words, qualifiers, the verbs and nouns that say what happened, the nouns that are counted).
//! A vocabulary carries its `>` example lines too, so that a pack's author can run them
//! ([`Vocabulary::check_examples`], `annalist check-pack DIR`) without writing Rust, exactly as
//! the English files' examples run in this crate's tests.
//!
//! One difference from the English files: a pack's verbs are used as listed, since regular
//! English inflections ("kill" → "killed") mean nothing in another language. The grammar words
//! the engine's structures need are sections like any other (`[conjunction]`, `[partitive]`,
//! `[alternative]`, `[among]`…, listed in the English `grammar.txt`); a pack without one goes
//! without that reading. A few shapes of English itself ("half a million", "a 5,000-strong
//! crowd") stay in the engine.

use std::fmt;

use crate::lexicon::{Lexicon, LexiconError};
use crate::{Figure, FigureOptions, engine};

/// The words the figures extractor reads a language with, and the examples that document
/// them.
#[derive(Debug)]
pub struct Vocabulary {
    lexicon: Lexicon,
    examples: Vec<Example>,
}

/// A `>` example line of a vocabulary file: a sentence and the figures expected from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The file it is in.
    pub file: String,
    /// Its 1-based line.
    pub line: usize,
    /// The sentence.
    pub sentence: String,
    /// The figures expected, as written: `value | bound | category[:quantity] | counted`,
    /// separated by `;;`, or `none`.
    pub expected: String,
}

/// An example whose sentence does not give the figures it expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The example.
    pub example: Example,
    /// The figures found, written as the expectation is (or why the expectation is
    /// unreadable).
    pub got: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.example;
        write!(
            f,
            "{}:{}: {:?}: want {}; got {}",
            e.file, e.line, e.sentence, e.expected, self.got
        )
    }
}

impl Vocabulary {
    /// Reads a language pack's vocabulary from its files, given as `(name, contents)`; the
    /// name is only used in errors and example failures.
    pub fn parse(files: &[(&str, &str)]) -> Result<Vocabulary, LexiconError> {
        Vocabulary::build(files, false)
    }

    pub(crate) fn build(
        files: &[(&str, &str)],
        english_inflections: bool,
    ) -> Result<Vocabulary, LexiconError> {
        let mut lexicon = Lexicon::new(english_inflections);
        let mut examples = Vec::new();
        for (name, data) in files {
            lexicon.load(name, data)?;
            for (n, line) in data.lines().enumerate() {
                let Some(example) = line.trim().strip_prefix('>') else {
                    continue;
                };
                let (sentence, expected) =
                    example
                        .split_once("=>")
                        .ok_or_else(|| LexiconError::Syntax {
                            file: (*name).to_string(),
                            line: n + 1,
                            message: "an example needs `=>` between its sentence and its figures"
                                .to_string(),
                        })?;
                examples.push(Example {
                    file: (*name).to_string(),
                    line: n + 1,
                    sentence: sentence.trim().to_string(),
                    expected: expected.trim().to_string(),
                });
            }
        }
        Ok(Vocabulary { lexicon, examples })
    }

    /// The built-in English vocabulary (parsed once, on first use).
    pub fn english() -> Result<&'static Vocabulary, LexiconError> {
        crate::lang::english().as_ref().map_err(Clone::clone)
    }

    /// Finds the figures in `text`, in text order. Never panics; linear in `text.len()`.
    pub fn extract(&self, text: &str, opts: &FigureOptions) -> Vec<Figure> {
        engine::run(&self.lexicon, text, opts)
    }

    /// The vocabulary's example lines.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// Runs every example line and returns those that fail.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        self.examples
            .iter()
            .filter_map(|example| {
                let got = self
                    .extract(&example.sentence, &FigureOptions::default())
                    .iter()
                    .map(written)
                    .collect::<Vec<_>>();
                let got = if got.is_empty() {
                    "none".to_string()
                } else {
                    got.join(" ;; ")
                };
                let failure = |got: String| {
                    Some(ExampleFailure {
                        example: example.clone(),
                        got,
                    })
                };
                match normalized(&example.expected) {
                    Err(why) => failure(why),
                    Ok(want) if want != got.to_lowercase() => failure(got),
                    Ok(_) => None,
                }
            })
            .collect()
    }
}

/// A figure written as an example expects it: `value | bound | category[:quantity] |
/// counted`, the quantity left out for counts.
fn written(f: &Figure) -> String {
    let value = match (f.low, f.high) {
        (Some(l), Some(h)) => format!("{l}-{h}"),
        _ => format!("{}", f.value),
    };
    let category = match f.quantity {
        crate::Quantity::Count => f.category.as_str().to_string(),
        q => format!("{}:{}", f.category.as_str(), q.as_str()),
    };
    format!(
        "{value} | {} | {category} | {}",
        f.bound.as_str(),
        f.counted
    )
}

/// An expectation in the form [`written`] gives, lowercased (the counted noun's case does not
/// matter), or why it cannot be read.
fn normalized(expected: &str) -> Result<String, String> {
    if expected.trim() == "none" {
        return Ok("none".to_string());
    }
    let mut out = Vec::new();
    for one in expected.split(";;") {
        let f: Vec<&str> = one.split('|').map(str::trim).collect();
        let [value, bound, category, counted] = f.as_slice() else {
            return Err(format!(
                "an unreadable expectation {:?}: write `value | bound | category | counted`",
                one.trim()
            ));
        };
        let category = category.strip_suffix(":count").unwrap_or(category);
        out.push(format!("{value} | {bound} | {category} | {counted}").to_lowercase());
    }
    Ok(out.join(" ;; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_english_example_passes() -> Result<(), LexiconError> {
        let english = Vocabulary::english()?;
        assert!(english.examples().len() >= 50, "too few examples");
        let failures: Vec<String> = english
            .check_examples()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            failures.is_empty(),
            "{} of {} examples fail:\n{}",
            failures.len(),
            english.examples().len(),
            failures.join("\n")
        );
        Ok(())
    }

    #[test]
    fn a_wrong_or_unreadable_expectation_is_a_failure() -> Result<(), LexiconError> {
        let data = "[killed intrans]\nöldü\n\
                    > 52 kişi öldü => 52 | exact | killed | kişi\n\
                    > 52 kişi öldü => 61 | exact | killed | kişi\n\
                    > 52 kişi öldü => 52 killed\n\
                    [human]\nkişi\n";
        let v = Vocabulary::parse(&[("figures.txt", data)])?;
        assert_eq!(v.examples().len(), 3);
        let failures = v.check_examples();
        assert_eq!(failures.len(), 2, "{failures:?}");
        assert_eq!(failures[0].example.line, 4);
        assert_eq!(failures[0].got, "52 | exact | killed | kişi");
        assert!(
            failures[1].got.contains("unreadable"),
            "{}",
            failures[1].got
        );
        // An example without `=>` is a parse error, with its line.
        let err = Vocabulary::parse(&[("f", "> 52 kişi öldü")]).unwrap_err();
        assert!(err.to_string().starts_with("f:1:"), "{err}");
        Ok(())
    }
}
