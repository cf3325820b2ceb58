//! Options shared by every reader, with the defaults the CLI and server start from.

use crate::dct::Dct;
use crate::sniff::Format;
use jiff::civil::Date;

/// Field names looked up in JSON and JSONL records, in order of preference.
///
/// A name may be a dotted path into nested objects (`"meta.published"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFields {
    /// Fields holding the article text (plain text or HTML).
    pub text: Vec<String>,
    /// Fields holding the publication date (string or Unix seconds/milliseconds).
    pub date: Vec<String>,
    /// Fields holding the headline.
    pub title: Vec<String>,
    /// Fields holding the URL.
    pub url: Vec<String>,
    /// Fields holding the author (string, object with `name`, or array of those).
    pub author: Vec<String>,
    /// Fields holding the language tag ("en-GB"), which can tell how numeric dates are
    /// written.
    pub locale: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for JsonFields {
    fn default() -> Self {
        JsonFields {
            text: names(&[
                "text",
                "content",
                "body",
                "article",
                "maintext",
                "full_text",
                "fulltext",
                "body_text",
                // schema.org's NewsArticle, and the Guardian's content API.
                "articleBody",
                "fields.bodyText",
            ]),
            date: names(&[
                "date",
                "published",
                "published_at",
                "publishedAt",
                "datePublished",
                "dct",
                "pubdate",
                "pubDate",
                "date_publish",
                "date_published",
                "publication_date",
                "webPublicationDate",
                "dateCreated",
                "created_at",
            ]),
            title: names(&["title", "headline", "webTitle"]),
            url: names(&["url", "link", "canonical_url", "source_url", "webUrl"]),
            author: names(&["author", "authors", "byline"]),
            locale: names(&["locale", "lang", "language", "inLanguage"]),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Largest document accepted, in bytes (default 50 MB). For JSONL it applies per line.
    pub max_document_bytes: u64,
    /// Encoding label to use instead of detection (`--encoding windows-1251`). A BOM still wins.
    pub encoding: Option<String>,
    /// Format to use instead of sniffing (`--format html`).
    pub format: Option<Format>,
    /// DCT to use for every document instead of the detected one (`--dct`).
    pub dct: Option<Dct>,
    /// Date that resolves year-less datelines when the path or URL holds none.
    pub context_date: Option<Date>,
    /// JSON field names (`--text-field`, `--date-field`, …).
    pub fields: JsonFields,
    /// Deepest element nesting accepted in HTML (default 512).
    pub max_html_depth: usize,
}

impl IngestOptions {
    /// Checks the options before a run (an unknown `encoding` label), so a CLI can refuse
    /// a bad flag once instead of reporting it for every input.
    pub fn check(&self) -> Result<(), crate::ErrorKind> {
        if let Some(label) = &self.encoding {
            crate::encoding_for_label(label)?;
        }
        Ok(())
    }
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_document_bytes: 50_000_000,
            encoding: None,
            format: None,
            dct: None,
            context_date: None,
            fields: JsonFields::default(),
            max_html_depth: 512,
        }
    }
}
