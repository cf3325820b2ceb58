//! What a format reader hands over before the shared finishing step.
//!
//! Readers only know their format; the rules that apply to every document (the `--dct`
//! override, resolving a year-less dateline from context, the "no DCT" warning, language,
//! id) live in [`Extracted::finish`] so they cannot drift apart between formats.

use crate::dct::{Dct, Found, NumericReading};
use crate::document::{DctSource, Document, content_id, detect_language, normalize_text};
use crate::error::ErrorKind;
use crate::locale::{NumericDateOrder, numeric_date_order};
use crate::options::IngestOptions;
use jiff::civil::Date;

/// Text and metadata found by a reader.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub dct: Option<(Dct, DctSource)>,
    /// How a numeric DCT was read ("06/12/2026"), when it was one.
    pub dct_numeric: Option<NumericReading>,
    /// The language tag the document declares ("en-GB"), if any.
    pub locale: Option<String>,
    /// A dateline date without a year, waiting for context.
    pub partial: Option<Found>,
    pub warnings: Vec<String>,
}

impl Extracted {
    /// Applies the shared rules and builds the document.
    pub fn finish(
        mut self,
        path: &str,
        line: Option<u64>,
        opts: &IngestOptions,
    ) -> Result<Document, ErrorKind> {
        let text = normalize_text(&self.text);
        if text.is_empty() {
            return Err(ErrorKind::NoText(""));
        }
        let mut dct_partial = None;
        if let Some(dct) = &opts.dct {
            self.dct = Some((dct.clone(), DctSource::Flag));
        } else if self.dct.is_none()
            && let Some(found) = self.partial.take()
        {
            let context = opts
                .context_date
                .or_else(|| date_in_path(path))
                .or_else(|| self.url.as_deref().and_then(date_in_path));
            match context.and_then(|c| found.resolve_year(c)) {
                Some(dct) => {
                    self.warnings.push(format!(
                        "dateline has no year; took {} from the context date",
                        dct.date.year()
                    ));
                    self.dct = Some((dct, DctSource::Dateline));
                }
                None => {
                    let partial = format!("XXXX-{:02}-{:02}", found.month, found.day);
                    self.warnings.push(format!(
                        "dateline has no year and no context date; DCT left partial ({partial})"
                    ));
                    dct_partial = Some(partial);
                }
            }
        }
        if self.dct.is_none() {
            self.warnings.push(
                "no publication date found: relative time expressions will be unanchored"
                    .to_string(),
            );
        }
        let date_order = self.read_date_order();
        let (published, dct_source) = match self.dct {
            Some((d, s)) => (Some(d), s),
            None => (None, DctSource::None),
        };
        let clean = |v: Option<String>| {
            v.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| !s.is_empty())
        };
        Ok(Document {
            id: content_id(&text),
            path: path.to_string(),
            line,
            url: clean(self.url),
            title: clean(self.title),
            author: clean(self.author),
            published,
            dct_source,
            dct_partial,
            date_order,
            language: detect_language(&text),
            text,
            warnings: self.warnings,
        })
    }
}

impl Extracted {
    /// How the document writes numeric dates: from a numeric publication date that can only
    /// be read one way, or else from its declared locale. A publication date that can be read
    /// both ways ("06/12/2026") is read as the locale says, or else day first, with a
    /// warning; the body is then read the same way unless its own dates say otherwise.
    fn read_date_order(&mut self) -> Option<NumericDateOrder> {
        let declared = self.locale.as_deref().and_then(numeric_date_order);
        match self.dct_numeric {
            // A date that can be read only one way is the document's own evidence, stronger
            // than a locale a content system may stamp on every page.
            Some(NumericReading::Only(order)) => Some(order),
            Some(NumericReading::Ambiguous) => {
                let Some((dct, source)) = self.dct.as_mut() else {
                    return declared;
                };
                if *source == DctSource::Flag {
                    return declared;
                }
                let day_first = dct.date;
                let month_first =
                    Date::new(day_first.year(), day_first.day(), day_first.month()).ok();
                match (declared, month_first) {
                    (Some(NumericDateOrder::MonthFirst), Some(month_first)) => {
                        dct.date = month_first;
                        self.warnings.push(format!(
                            "numeric publication date read month first ({month_first}), as the \
                             declared locale {:?} writes dates",
                            self.locale.as_deref().unwrap_or_default()
                        ));
                    }
                    (None, Some(month_first)) => self.warnings.push(format!(
                        "numeric publication date read day first ({day_first}); it could be \
                         {month_first}. Pass --dct to correct it"
                    )),
                    _ => {}
                }
                declared.or(Some(NumericDateOrder::DayFirst))
            }
            None => declared,
        }
    }
}

/// A date written in a path or URL: `2025-03-14`, `2025/03/14`, `20250314` or `/2025/03/`.
pub(crate) fn date_in_path(path: &str) -> Option<Date> {
    let b = path.as_bytes();
    let digits = |i: usize, n: usize| -> Option<u32> {
        let s = b.get(i..i + n)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |a, &d| a * 10 + (d - b'0') as u32))
    };
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(y) = digits(i, 4) else { continue };
        if !(1990..=2100).contains(&y) {
            continue;
        }
        let (m, d) = match b.get(i + 4) {
            Some(b'-' | b'/' | b'_' | b'.') => {
                let m = digits(i + 5, 2);
                let d = match b.get(i + 7) {
                    Some(b'-' | b'/' | b'_' | b'.') => digits(i + 8, 2),
                    _ => None,
                };
                (m, d)
            }
            Some(c) if c.is_ascii_digit() && !b.get(i + 8).is_some_and(u8::is_ascii_digit) => {
                (digits(i + 4, 2), digits(i + 6, 2))
            }
            _ => (None, None),
        };
        if let Some(m) = m
            && let Ok(date) = Date::new(y as i16, m as i8, d.unwrap_or(1) as i8)
        {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_paths() {
        let d = |s: &str| date_in_path(s).map(|d| d.to_string());
        assert_eq!(
            d("news/2025/03/04/story.html").as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(d("2025-03-04-tbilisi.txt").as_deref(), Some("2025-03-04"));
        assert_eq!(d("wire_20250304.txt").as_deref(), Some("2025-03-04"));
        assert_eq!(
            d("https://example.org/2024/12/protest").as_deref(),
            Some("2024-12-01")
        );
        assert_eq!(d("story-12345678.txt"), None);
        assert_eq!(d("notes.txt"), None);
    }
}
