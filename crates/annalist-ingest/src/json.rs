//! JSON and JSONL records: a text field, a date field, title, URL and author.
//!
//! Scrapers and news databases name their fields differently, so the names come from
//! [`JsonFields`] (overridable by the caller) and may be dotted paths into nested objects.
//! Text fields holding HTML are reduced to text; a record without a date field still gets
//! a dateline search over its text. An explicit date that is not a real date is an error.

use crate::dct::{Dct, NumericReading, parse_dct_reading};
use crate::document::DctSource;
use crate::error::ErrorKind;
use crate::extracted::Extracted;
use crate::options::JsonFields;
use crate::text::apply_dateline;
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use serde_json::Value;

fn lookup<'v>(record: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = record;
    for part in path.split('.') {
        v = v.get(part)?;
    }
    (!v.is_null()).then_some(v)
}

fn first<'v>(record: &'v Value, names: &[String]) -> Option<&'v Value> {
    names.iter().find_map(|n| lookup(record, n))
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        Value::Object(o) => o.get("name").and_then(as_text),
        _ => None,
    }
}

fn person(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(person).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => as_text(other),
    }
}

/// Reads one record (a JSON object).
pub(crate) fn read_record(record: &Value, fields: &JsonFields) -> Result<Extracted, ErrorKind> {
    if !record.is_object() {
        return Err(ErrorKind::Json("expected a JSON object".to_string()));
    }
    let mut out = Extracted::default();
    let text = first(record, &fields.text)
        .and_then(as_text)
        .ok_or(ErrorKind::NoText(
            " (no text field: tried text, content, body, article, articleBody, …; name yours with \
             --text-field)",
        ))?;
    out.text = if looks_like_html(&text) {
        html_fragment_text(&text)
    } else {
        text
    };
    out.title = first(record, &fields.title).and_then(as_text);
    out.url = first(record, &fields.url).and_then(as_text);
    out.author = first(record, &fields.author).and_then(person);
    out.locale = first(record, &fields.locale)
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(date) = first(record, &fields.date) {
        match date_value(date)? {
            Some((dct, numeric)) => {
                out.dct = Some((dct, DctSource::Header));
                out.dct_numeric = numeric;
            }
            None => out
                .warnings
                .push(format!("date field {date} not understood")),
        }
    }
    if out.dct.is_none() {
        let text = std::mem::take(&mut out.text);
        apply_dateline(&mut out, &text);
        out.text = text;
    }
    Ok(out)
}

/// A date field: a string in any form `parse_dct` reads, or Unix seconds / milliseconds; with
/// how a numeric date was read.
fn date_value(v: &Value) -> Result<Option<(Dct, Option<NumericReading>)>, ErrorKind> {
    match v {
        Value::String(s) => parse_dct_reading(s).map_err(|e| ErrorKind::InvalidDate {
            value: e.value,
            reason: e.reason,
        }),
        Value::Number(n) => {
            let Some(secs) = n.as_i64() else {
                return Ok(None);
            };
            let ts = if secs.abs() > 100_000_000_000 {
                Timestamp::from_millisecond(secs)
            } else {
                Timestamp::from_second(secs)
            };
            let ts = ts.map_err(|e| ErrorKind::InvalidDate {
                value: secs.to_string(),
                reason: e.to_string(),
            })?;
            let dt = ts.to_zoned_datetime(TimeZone::UTC).datetime();
            let dct = Dct {
                date: dt.date(),
                time: Some(dt.time()),
                offset: Some(Offset::UTC),
                zone: None,
            };
            Ok(Some((dct, None)))
        }
        _ => Ok(None),
    }
}

fn looks_like_html(s: &str) -> bool {
    let head = &s.as_bytes()[..s.len().min(2000)];
    let lower = head.to_ascii_lowercase();
    ["<p>", "<p ", "<div", "</p>", "<br"]
        .iter()
        .any(|t| memchr::memmem::find(&lower, t.as_bytes()).is_some())
}

/// Text of an HTML fragment, one paragraph per block element.
fn html_fragment_text(html: &str) -> String {
    let dom = dom_query::Document::fragment(html);
    dom.select("script, style").remove();
    dom.root().formatted_text().to_string()
}

/// Parses a whole JSON input: one object, or an array of objects (one result per item).
pub(crate) fn read_json(
    text: &str,
    fields: &JsonFields,
) -> Vec<(Option<u64>, Result<Extracted, ErrorKind>)> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![(None, Err(ErrorKind::Json(e.to_string())))],
    };
    match value {
        Value::Array(items) => {
            if items.is_empty() {
                return vec![(None, Err(ErrorKind::Json("empty array".to_string())))];
            }
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (Some(i as u64 + 1), read_record(item, fields)))
                .collect()
        }
        other => vec![(None, read_record(&other, fields))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn default_fields_and_nested_override() -> Result<(), ErrorKind> {
        let r = json!({"headline": "Quake", "content": "<p>A quake hit.</p><p>No injuries.</p>",
                       "publishedAt": "2025-03-14T09:05:00Z", "authors": [{"name": "A"}, "B"]});
        let e = read_record(&r, &JsonFields::default())?;
        assert_eq!(e.title.as_deref(), Some("Quake"));
        assert_eq!(e.author.as_deref(), Some("A, B"));
        assert!(e.text.contains("A quake hit.") && e.text.contains("No injuries."));
        assert!(!e.text.contains("<p>"));
        assert_eq!(e.dct.map(|d| d.1), Some(DctSource::Header));

        let fields = JsonFields {
            date: vec!["meta.when".into()],
            ..JsonFields::default()
        };
        let r = json!({"text": "x", "meta": {"when": 1741943100}});
        let e = read_record(&r, &fields)?;
        assert_eq!(
            e.dct.map(|d| d.0.to_iso_string()).as_deref(),
            Some("2025-03-14T09:05:00Z")
        );
        Ok(())
    }

    #[test]
    fn schema_org_and_guardian_records_are_read_by_default() -> Result<(), ErrorKind> {
        let r = json!({"@type": "NewsArticle", "headline": "Homes lost",
                       "datePublished": "2026-05-01", "articleBody": "Last week 40 homes burned."});
        let e = read_record(&r, &JsonFields::default())?;
        assert_eq!(e.text, "Last week 40 homes burned.");
        assert_eq!(e.title.as_deref(), Some("Homes lost"));
        assert_eq!(
            e.dct.map(|d| d.0.to_iso_string()).as_deref(),
            Some("2026-05-01")
        );
        let r = json!({"webTitle": "Floods", "webUrl": "https://example.org/floods",
                       "webPublicationDate": "2026-05-02T08:00:00Z",
                       "fields": {"bodyText": "Rivers rose on Friday."}});
        let e = read_record(&r, &JsonFields::default())?;
        assert_eq!(e.text, "Rivers rose on Friday.");
        assert_eq!(e.title.as_deref(), Some("Floods"));
        assert_eq!(e.url.as_deref(), Some("https://example.org/floods"));
        assert_eq!(
            e.dct.map(|d| d.0.to_iso_string()).as_deref(),
            Some("2026-05-02T08:00:00Z")
        );
        Ok(())
    }

    #[test]
    fn a_language_field_is_the_declared_locale() -> Result<(), ErrorKind> {
        let r = json!({"text": "x", "language": "en-IN", "date": "06/12/2026"});
        let e = read_record(&r, &JsonFields::default())?;
        assert_eq!(e.locale.as_deref(), Some("en-IN"));
        assert_eq!(e.dct_numeric, Some(NumericReading::Ambiguous));
        let r = json!({"text": "x", "inLanguage": "en-US", "date": "2026-12-06"});
        let e = read_record(&r, &JsonFields::default())?;
        assert_eq!(e.locale.as_deref(), Some("en-US"));
        assert_eq!(e.dct_numeric, None);
        Ok(())
    }

    #[test]
    fn bad_records() {
        assert!(matches!(
            read_record(&json!([1]), &JsonFields::default()),
            Err(ErrorKind::Json(_))
        ));
        assert!(matches!(
            read_record(&json!({"title": "t"}), &JsonFields::default()),
            Err(ErrorKind::NoText(_))
        ));
        assert!(matches!(
            read_record(
                &json!({"text": "t", "date": "2025-02-30"}),
                &JsonFields::default()
            ),
            Err(ErrorKind::InvalidDate { .. })
        ));
        let items = read_json("[{\"text\":\"a\"}, 5]", &JsonFields::default());
        assert!(items[0].1.is_ok() && items[1].1.is_err() && items[1].0 == Some(2));
        assert!(
            read_json("{\"text\": ", &JsonFields::default())[0]
                .1
                .is_err()
        );
    }
}
