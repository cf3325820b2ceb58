//! The one error type of the crate.
//!
//! Reading a corpus is a batch job over hundreds of files, so every error that can come from a
//! file carries its path ([`TimeMlError::File`]), and every refusal to write says which
//! annotation was refused and why: the caller has to fix its input, not guess.

use std::path::PathBuf;

/// What went wrong reading, writing or scoring TimeML.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TimeMlError {
    /// The input is not well-formed XML.
    #[error("malformed XML at byte {position}: {message}")]
    Xml {
        /// Byte offset in the input where the problem was noticed.
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// The document has no `<TEXT>` element.
    #[error("no <TEXT> element")]
    NoText,
    /// The document has more than one `<TEXT>` element; only one can be rewritten.
    #[error("more than one <TEXT> element (second at byte {position})")]
    SeveralTexts {
        /// Byte offset of the second `<TEXT>`.
        position: u64,
    },
    /// An element was still open when the input ended.
    #[error("<{element}> is never closed")]
    Unclosed {
        /// The element's name.
        element: String,
    },
    /// An annotation cannot be written: it overlaps another, lies outside the text, is
    /// empty, reuses a tid, or holds a character XML cannot carry.
    #[error("cannot write TIMEX3 {tid:?} at [{start}, {end}): {why}")]
    BadAnnotation {
        /// The annotation's tid (empty when it had none).
        tid: String,
        /// Its first character.
        start: usize,
        /// One past its last character.
        end: usize,
        /// Why not.
        why: &'static str,
    },
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file could not be parsed.
    #[error("{}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What was wrong with it.
        source: Box<TimeMlError>,
    },
}
