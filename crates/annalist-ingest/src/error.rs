//! Errors that name the input and say in one line what is wrong with it.
//!
//! A run over a folder must go on after a bad file, so every failure is a value
//! ([`IngestError`]) the caller can print and count, never a panic. The
//! `Display` form is `path[:line]: message`, ready for a one-line report.

use std::fmt;

/// A failure to turn one input (a file, a JSONL line, a JSON array item) into a document.
#[derive(Debug)]
pub struct IngestError {
    /// Display name of the input: a file path, `-` for stdin, or the name given to `read_bytes`.
    pub path: String,
    /// 1-based line number for JSONL inputs, 1-based item number for JSON arrays.
    pub line: Option<u64>,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl IngestError {
    /// Builds an error for `path` without a line number.
    pub fn new(path: impl Into<String>, kind: ErrorKind) -> Self {
        IngestError {
            path: path.into(),
            line: None,
            kind,
        }
    }

    /// Builds an error for line (or item) `line` of `path`.
    pub fn at_line(path: impl Into<String>, line: u64, kind: ErrorKind) -> Self {
        IngestError {
            path: path.into(),
            line: Some(line),
            kind,
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.kind),
            None => write!(f, "{}: {}", self.path, self.kind),
        }
    }
}

impl std::error::Error for IngestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// The reason an input was skipped.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// Reading the file or stream failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input (or one JSONL line) is larger than the per-document limit.
    #[error("{size} is over the {limit} per-document limit", size = human_bytes(*.size), limit = human_bytes(*.limit))]
    TooLarge {
        /// Size in bytes (a lower bound when the input was not read to the end).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The input is empty or only whitespace.
    #[error("empty input")]
    Empty,
    /// The input looks like a binary file, not text.
    #[error("binary data ({0}), not a text document")]
    Binary(&'static str),
    /// The bytes are not valid UTF-8 although they claim or look like UTF-8.
    #[error("invalid UTF-8 at byte {0} (name the encoding with --encoding if it is a legacy one)")]
    InvalidUtf8(usize),
    /// The encoding named in the options is unknown.
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    /// JSON that does not parse or does not have the expected shape.
    #[error("bad JSON: {0}")]
    Json(String),
    /// HTML nested deeper than the configured limit.
    #[error("HTML nested {depth} levels deep, over the limit of {limit}")]
    TooDeep {
        /// Depth found (a lower bound: the scan stops at the limit).
        depth: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A date given explicitly (header, JSON field) is not a real date.
    #[error("invalid date {value:?}: {reason}")]
    InvalidDate {
        /// The value as written.
        value: String,
        /// Why it is rejected.
        reason: String,
    },
    /// The input parsed but holds no text to analyse.
    #[error("no text found{0}")]
    NoText(&'static str),
}

/// Formats a byte count as "50 MB" / "2.0 GB" / "812 bytes" for error messages.
fn human_bytes(n: u64) -> String {
    const MB: u64 = 1_000_000;
    const GB: u64 = 1_000_000_000;
    if n >= GB {
        format!("{:.1} GB", n as f64 / GB as f64)
    } else if n >= MB {
        format!("{} MB", n / MB)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = IngestError::at_line("feed.jsonl", 3, ErrorKind::Json("expected value".into()));
        assert_eq!(e.to_string(), "feed.jsonl:3: bad JSON: expected value");
        let e = IngestError::new(
            "big.txt",
            ErrorKind::TooLarge {
                size: 2_147_483_648,
                limit: 50_000_000,
            },
        );
        assert_eq!(
            e.to_string(),
            "big.txt: 2.1 GB is over the 50 MB per-document limit"
        );
    }
}
