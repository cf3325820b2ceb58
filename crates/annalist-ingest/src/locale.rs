//! What a document's declared locale says about how it writes numeric dates.
//!
//! "06/12/2026" is 6 December in London and 12 June in New York. The tagger decides from the
//! document's own dates ("25/11/2026" can only be read one way), but a short article may
//! have no date that settles it. Its metadata often does: a page declares `lang="en-GB"` or
//! `og:locale` `en_US`, a scraper records `"language": "en-IN"`, and a numeric publication
//! date in the header ("Date: 25/11/2026") is written the way the body writes its dates.
//!
//! This is a hint, not a rule: content systems stamp `en-US` on every page by default, so the
//! tagger lets the text's own dates outweigh it (`annalist_time::DateOrder::LikelyDayFirst`).

use serde::{Deserialize, Serialize};

/// The order of day and month in a document's numeric dates ("06/12/2026"), as its metadata
/// suggests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumericDateOrder {
    /// Month first, as in the United States: "06/12/2026" is 12 June.
    MonthFirst,
    /// Day first, as in most of the world: "06/12/2026" is 6 December.
    DayFirst,
}

/// Regions (ISO 3166-1) whose usage writes the month first. Canada writes both, so it gives
/// no hint; every other region writes the day first.
const MONTH_FIRST_REGIONS: &[&str] = &[
    "us", "um", "as", "gu", "mp", "pr", "vi", "ph", "fm", "mh", "pw",
];

/// Regions that write both orders.
const MIXED_REGIONS: &[&str] = &["ca"];

/// Languages that write numeric dates year first ("2026/12/06") or whose usage varies by
/// country, so that without a region they give no hint. English is the main one.
const NO_HINT_LANGUAGES: &[&str] = &["en", "zh", "ja", "ko", "hu", "lt", "mn", "fa", "und"];

/// The numeric date order a language tag implies: `"en-GB"`, `"en_US"`, `"en-Latn-IN"`,
/// `"es-419"`, `"ru"`, or a list as `Content-Language` writes it (`"en-GB, fr"`, the first
/// counts). `None` when the tag gives no hint: English without a region, Canada, or a tag that
/// is not one.
pub fn numeric_date_order(tag: &str) -> Option<NumericDateOrder> {
    let first = tag.split([',', ';']).next()?.trim();
    let mut subtags = first.split(['-', '_']);
    let language = subtags.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let region = subtags
        .find(|s| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
                || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_ascii_lowercase);
    match region {
        Some(r) if MONTH_FIRST_REGIONS.contains(&r.as_str()) => Some(NumericDateOrder::MonthFirst),
        Some(r) if MIXED_REGIONS.contains(&r.as_str()) => None,
        Some(_) => Some(NumericDateOrder::DayFirst),
        None if NO_HINT_LANGUAGES.contains(&language.as_str()) => None,
        None => Some(NumericDateOrder::DayFirst),
    }
}

#[cfg(test)]
mod tests {
    use super::NumericDateOrder::{DayFirst, MonthFirst};
    use super::numeric_date_order;

    #[test]
    fn a_region_decides() {
        assert_eq!(numeric_date_order("en-US"), Some(MonthFirst));
        assert_eq!(numeric_date_order("en_us"), Some(MonthFirst));
        assert_eq!(numeric_date_order("en-PH"), Some(MonthFirst));
        assert_eq!(numeric_date_order("en-GB"), Some(DayFirst));
        assert_eq!(numeric_date_order("en_GB"), Some(DayFirst));
        assert_eq!(numeric_date_order("en-Latn-IN"), Some(DayFirst));
        assert_eq!(numeric_date_order("es-419"), Some(DayFirst));
        assert_eq!(numeric_date_order("es-US"), Some(MonthFirst));
    }

    #[test]
    fn english_alone_canada_and_junk_give_no_hint() {
        assert_eq!(numeric_date_order("en"), None);
        assert_eq!(numeric_date_order("EN"), None);
        assert_eq!(numeric_date_order("en-CA"), None);
        assert_eq!(numeric_date_order("fr-CA"), None);
        assert_eq!(numeric_date_order("zh"), None);
        assert_eq!(numeric_date_order(""), None);
        assert_eq!(numeric_date_order("English"), None);
        assert_eq!(numeric_date_order("{{lang}}"), None);
    }

    #[test]
    fn other_languages_write_the_day_first() {
        assert_eq!(numeric_date_order("ru"), Some(DayFirst));
        assert_eq!(numeric_date_order("tr-TR"), Some(DayFirst));
        assert_eq!(numeric_date_order("az"), Some(DayFirst));
    }

    #[test]
    fn a_list_counts_its_first_tag() {
        assert_eq!(numeric_date_order("en-GB, en-US"), Some(DayFirst));
        assert_eq!(numeric_date_order("en-US;q=0.9, en-GB"), Some(MonthFirst));
    }
}
