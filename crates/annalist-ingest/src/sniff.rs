//! Which reader handles an input: by extension first, by looking at the content otherwise.
//!
//! Folders hold images, stylesheets and scripts next to saved articles; [`folder_policy`]
//! lets a walk skip those silently while a file named explicitly is always read (and
//! reported if it is not a document).

use serde::Serialize;
use std::path::Path;
use std::str::FromStr;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text or Markdown, maybe with a metadata header.
    Text,
    /// An HTML page.
    Html,
    /// One JSON object, or an array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "md" | "markdown" => Ok(Format::Text),
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            other => Err(format!(
                "unknown format {other:?} (text, html, json, jsonl)"
            )),
        }
    }
}

/// The format implied by a file name's extension, if it names one.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" | "md" | "markdown" | "eml" => Format::Text,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::Jsonl,
        _ => return None,
    })
}

/// What a folder walk does with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderPolicy {
    /// Read it with this format.
    Read(Format),
    /// Read it and sniff the format from its content (no or unknown extension).
    Sniff,
    /// Skip it silently (images, styles, scripts, archives…).
    Skip,
}

/// Decides what a folder walk does with `path`.
pub fn folder_policy(path: &Path) -> FolderPolicy {
    if let Some(f) = format_from_extension(path) {
        return FolderPolicy::Read(f);
    }
    match path.extension().and_then(|e| e.to_str()) {
        None => FolderPolicy::Sniff,
        Some(ext) => match ext.to_ascii_lowercase().as_str() {
            "php" | "asp" | "aspx" | "jsp" | "cfm" => FolderPolicy::Sniff,
            _ => FolderPolicy::Skip,
        },
    }
}

/// Guesses the format from the first bytes of an input (already decoded head).
pub fn sniff_format(head: &str) -> Format {
    let t = head.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if t.starts_with('<') {
        return Format::Html;
    }
    if t.starts_with('[') {
        return Format::Json;
    }
    if t.starts_with('{') {
        let mut lines = t.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next().unwrap_or("").trim_end();
        let second = lines.next().map(str::trim_start);
        if first.len() > 1 && first.ends_with('}') && second.is_none_or(|s| s.starts_with('{')) {
            // One complete object per line; a lone one-line object is still plain JSON.
            return if second.is_some() {
                Format::Jsonl
            } else {
                Format::Json
            };
        }
        // A first line cut off by the sniff window is a long JSONL record, not pretty JSON.
        if first.len() > 1 && second.is_none() && !first.ends_with('{') && !first.ends_with(',') {
            return Format::Jsonl;
        }
        return Format::Json;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff_format("  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format("{\"a\":1}\n{\"a\":2}\n"), Format::Jsonl);
        assert_eq!(sniff_format("{\"a\":1}\n"), Format::Json);
        assert_eq!(sniff_format("{\n  \"a\": 1\n}"), Format::Json);
        assert_eq!(sniff_format("[{\"a\":1}]"), Format::Json);
        assert_eq!(sniff_format("Title: x\n\nBody"), Format::Text);
    }

    #[test]
    fn extensions_and_folder_policy() {
        assert_eq!(
            format_from_extension(Path::new("a/B.HTM")),
            Some(Format::Html)
        );
        assert_eq!(
            format_from_extension(Path::new("x.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(folder_policy(Path::new("logo.png")), FolderPolicy::Skip);
        assert_eq!(folder_policy(Path::new("README")), FolderPolicy::Sniff);
        assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
    }
}
