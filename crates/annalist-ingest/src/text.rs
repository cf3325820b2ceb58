//! Plain text and Markdown: an optional metadata header, then the body (with maybe a dateline).
//!
//! The header's date is trusted first (it is what the publisher or scraper recorded), then a
//! dateline at the top of the body. A header date that is present but impossible is an
//! error: silently dropping it would date the article by guesswork.

use crate::dateline::find_dateline;
use crate::dct::parse_dct;
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
            if let Some(value) = header.get(DATE_KEYS) {
                match parse_dct(value) {
                    Ok(Some(dct)) => out.dct = Some((dct, DctSource::Header)),
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
        if let Some(dct) = found.into_dct() {
            out.dct = Some((dct, DctSource::Dateline));
        }
    } else {
        out.partial = Some(found);
    }
}

/// `# Title` on the first non-empty line of a Markdown body.
fn markdown_title(body: &str) -> Option<String> {
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    let t = first.strip_prefix("# ")?.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_date_wins_over_dateline() {
        let e = read_text("Date: 2025-03-14\nTitle: A\n\nTBILISI, March 3 (Reuters) - x").unwrap();
        let (dct, src) = e.dct.unwrap();
        assert_eq!(
            (dct.to_iso_string().as_str(), src),
            ("2025-03-14", DctSource::Header)
        );
        assert!(e.text.trim_start().starts_with("TBILISI"));
    }

    #[test]
    fn lying_header_is_an_error() {
        let err = read_text("date 2026-13-45\ntitle Nothing\n\nBody.").unwrap_err();
        assert!(matches!(err, ErrorKind::InvalidDate { .. }), "{err}");
    }

    #[test]
    fn dateline_without_year_is_partial() {
        let e = read_text("TBILISI, March 3 (Reuters) - Protesters gathered.").unwrap();
        assert!(e.dct.is_none());
        assert_eq!(e.partial.map(|f| (f.month, f.day)), Some((3, 3)));
    }

    #[test]
    fn markdown_heading_is_title() {
        let e =
            read_text("# Dam breach floods villages\n\nPublished: 3 March 2025\n\nText.").unwrap();
        assert_eq!(e.title.as_deref(), Some("Dam breach floods villages"));
        assert_eq!(e.dct.unwrap().0.to_iso_string(), "2025-03-03");
    }
}
