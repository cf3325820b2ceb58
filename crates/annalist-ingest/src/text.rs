//! Plain text and Markdown: an optional metadata header, then the body (with maybe a dateline).
//!
//! The header's date is trusted first (it is what the publisher or scraper recorded), then a
//! dateline at the top of the body. A header date that is present but impossible is an
//! error: silently dropping it would date the article by guesswork.

use crate::dateline::find_dateline;
use crate::dct::parse_dct_reading;
use crate::document::DctSource;
use crate::error::ErrorKind;
use crate::extracted::Extracted;
use crate::header::parse_header;

/// Header keys that carry the publication date, in order of preference.
const DATE_KEYS: &[&str] = &[
    "published",
    "publishedat",
    "datepublished",
    "pubdate",
    "date",
    "dct",
    "created",
];

/// Reads a plain-text or Markdown article.
pub(crate) fn read_text(text: &str) -> Result<Extracted, ErrorKind> {
    let mut out = Extracted::default();
    let body = match parse_header(text) {
        Some(header) => {
            out.title = header
                .get(&["title", "headline", "subject"])
                .map(str::to_string);
            out.author = header.get(&["author", "byline", "by"]).map(str::to_string);
            out.url = header
                .get(&["url", "link", "canonical"])
                .or_else(|| header.get(&["source"]).filter(|s| s.starts_with("http")))
                .map(str::to_string);
            out.locale = header
                .get(&["locale", "lang", "language"])
                .map(str::to_string);
            if let Some(value) = header.get(DATE_KEYS) {
                match parse_dct_reading(value) {
                    Ok(Some((dct, numeric))) => {
                        out.dct = Some((dct, DctSource::Header));
                        out.dct_numeric = numeric;
                    }
                    Ok(None) => out
                        .warnings
                        .push(format!("header date {value:?} not understood")),
                    Err(e) => {
                        return Err(ErrorKind::InvalidDate {
                            value: e.value,
                            reason: e.reason,
                        });
                    }
                }
            }
            &text[header.body_start..]
        }
        None => text,
    };
    let body = body.trim_start_matches('\u{FEFF}');
    if out.title.is_none() {
        out.title = markdown_title(body);
    }
    let (headline, byline) = headline_block(body);
    if out.title.is_none() {
        out.title = headline;
    }
    if out.author.is_none() {
        out.author = byline;
    }
    if out.dct.is_none() {
        apply_dateline(&mut out, body);
    }
    out.text = body.to_string();
    Ok(out)
}

/// Uses the dateline at the top of `body` as DCT (or as a partial date to resolve later).
pub(crate) fn apply_dateline(out: &mut Extracted, body: &str) {
    let Some(dl) = find_dateline(body) else {
        return;
    };
    if dl.updated {
        out.warnings
            .push("only an \"updated\" date was found; used it as the DCT".to_string());
    }
    let found = dl.found;
    if found.year.is_some() {
        let numeric = found.numeric;
        if let Some(dct) = found.into_dct() {
            out.dct = Some((dct, DctSource::Dateline));
            out.dct_numeric = numeric;
        }
    } else {
        out.partial = Some(found);
    }
}

/// `# Title` on the first non-empty line of a Markdown body.
/// A plain-text article's headline and byline, when it opens like a printed one: a short
/// line with no full stop, then a "By …" line or a line that only gives the date ("Quake toll
/// rises to 312 / By Jane Doe / 7 December 2026").
fn headline_block(body: &str) -> (Option<String>, Option<String>) {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEADLINE_BLOCK_LINES)
        .collect();
    let byline_at = lines.iter().position(|l| byline_line(l).is_some());
    let date_at = lines
        .iter()
        .position(|l| crate::dateline::is_date_only_line(l));
    let author = byline_at.and_then(|k| byline_line(lines[k]));
    let headline = lines.first().filter(|first| {
        first.chars().count() <= HEADLINE_MAX_CHARS
            && !first.ends_with(['.', ',', ';', ':'])
            && byline_at != Some(0)
            && date_at != Some(0)
            && (byline_at == Some(1) || date_at == Some(1))
    });
    (headline.map(|h| h.to_string()), author)
}

/// The name on a line that is a byline and nothing else: "By Jane Doe", not "By Sunday
/// morning, 9 of the missing had been found." (a sentence: its full stop, its lowercase
/// words).
fn byline_line(line: &str) -> Option<String> {
    if line.chars().count() > BYLINE_LINE_MAX_CHARS || line.ends_with('.') {
        return None;
    }
    let name = crate::byline::byline_name(line)?;
    let proper = name.split_whitespace().all(|w| {
        w.starts_with(char::is_uppercase)
            || matches!(
                w,
                "and" | "de" | "van" | "von" | "al" | "bin" | "la" | "le" | "da" | "di"
            )
    });
    proper.then_some(name)
}

/// How many non-empty lines at the top may hold the headline, byline and date.
const HEADLINE_BLOCK_LINES: usize = 4;
/// A longer first line is a paragraph, not a headline.
const HEADLINE_MAX_CHARS: usize = 200;
/// A longer "By …" line is a sentence, not a byline.
const BYLINE_LINE_MAX_CHARS: usize = 120;

fn markdown_title(body: &str) -> Option<String> {
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    let t = first.strip_prefix("# ")?.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn header_date_wins_over_dateline() -> Result<(), Box<dyn Error>> {
        let e = read_text("Date: 2025-03-14\nTitle: A\n\nTBILISI, March 3 (Reuters) - x")?;
        let (dct, src) = e.dct.ok_or("no DCT found")?;
        assert_eq!(
            (dct.to_iso_string().as_str(), src),
            ("2025-03-14", DctSource::Header)
        );
        assert!(e.text.trim_start().starts_with("TBILISI"));
        Ok(())
    }

    #[test]
    fn a_printed_headline_and_byline_give_title_and_author() {
        let read = |text: &str| match read_text(text) {
            Ok(e) => e,
            Err(e) => panic!("{text:?} did not read: {e}"),
        };
        let e = read(
            "Quake toll rises to 312\nBy Jane Doe\n7 December 2026\n\nThe toll rose on Sunday.",
        );
        assert_eq!(e.title.as_deref(), Some("Quake toll rises to 312"));
        assert_eq!(e.author.as_deref(), Some("Jane Doe"));
        let e = read("Talks collapse\n7 December 2026\n\nTalks collapsed.");
        assert_eq!(e.title.as_deref(), Some("Talks collapse"));
        assert_eq!(e.author, None);
        // A story that opens with "By" and a time names no one, and has no headline.
        let e = read("By Sunday morning, 9 of the missing had been found alive.\nRescuers left.");
        assert_eq!((e.title, e.author), (None, None));
        // A header still wins.
        let e = read("Title: A\nAuthor: B\n\nQuake\nBy Jane Doe\n\nText.");
        assert_eq!(
            (e.title.as_deref(), e.author.as_deref()),
            (Some("A"), Some("B"))
        );
    }

    #[test]
    fn lying_header_is_an_error() {
        let err = read_text("date 2026-13-45\ntitle Nothing\n\nBody.").unwrap_err();
        assert!(matches!(err, ErrorKind::InvalidDate { .. }), "{err}");
    }

    #[test]
    fn dateline_without_year_is_partial() -> Result<(), ErrorKind> {
        let e = read_text("TBILISI, March 3 (Reuters) - Protesters gathered.")?;
        assert!(e.dct.is_none());
        assert_eq!(e.partial.map(|f| (f.month, f.day)), Some((3, 3)));
        Ok(())
    }

    #[test]
    fn markdown_heading_is_title() -> Result<(), ErrorKind> {
        let e = read_text("# Dam breach floods villages\n\nPublished: 3 March 2025\n\nText.")?;
        assert_eq!(e.title.as_deref(), Some("Dam breach floods villages"));
        assert_eq!(
            e.dct.map(|d| d.0.to_iso_string()).as_deref(),
            Some("2025-03-03")
        );
        Ok(())
    }
}
