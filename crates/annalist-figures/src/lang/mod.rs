//! The built-in vocabulary: English, a set of data files parsed once, on first use. Other
//! languages come from language packs at run time ([`crate::Vocabulary::parse`]).

use std::sync::OnceLock;

use crate::lexicon::LexiconError;
use crate::vocabulary::Vocabulary;

/// The English data files, by name.
pub(crate) const ENGLISH_FILES: [(&str, &str); 5] = [
    ("en/numbers.txt", include_str!("en/numbers.txt")),
    ("en/qualifiers.txt", include_str!("en/qualifiers.txt")),
    ("en/triggers.txt", include_str!("en/triggers.txt")),
    ("en/counted.txt", include_str!("en/counted.txt")),
    ("en/grammar.txt", include_str!("en/grammar.txt")),
];

/// The English vocabulary, parsed on first use.
pub(crate) fn english() -> &'static Result<Vocabulary, LexiconError> {
    static ENGLISH: OnceLock<Result<Vocabulary, LexiconError>> = OnceLock::new();
    ENGLISH.get_or_init(|| Vocabulary::build(&ENGLISH_FILES, true))
}
