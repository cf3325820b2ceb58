//! Built-in vocabularies. Only English for now; each language is a set of data files
//! parsed once, on first use.

use std::sync::OnceLock;

use crate::lexicon::{Lexicon, LexiconError};

/// The English data files, by name (the examples test walks the same list).
pub(crate) const ENGLISH_FILES: [(&str, &str); 5] = [
    ("en/numbers.txt", include_str!("en/numbers.txt")),
    ("en/qualifiers.txt", include_str!("en/qualifiers.txt")),
    ("en/triggers.txt", include_str!("en/triggers.txt")),
    ("en/counted.txt", include_str!("en/counted.txt")),
    ("en/grammar.txt", include_str!("en/grammar.txt")),
];

/// The English lexicon, parsed on first use.
pub(crate) fn english() -> &'static Result<Lexicon, LexiconError> {
    static ENGLISH: OnceLock<Result<Lexicon, LexiconError>> = OnceLock::new();
    ENGLISH.get_or_init(|| {
        let mut lexicon = Lexicon::default();
        for (name, data) in ENGLISH_FILES {
            lexicon.load(name, data)?;
        }
        Ok(lexicon)
    })
}
