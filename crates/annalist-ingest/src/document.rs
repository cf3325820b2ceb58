//! The [`Document`] every reader produces, its content id, text normalisation and language.
//!
//! Readers differ in how they find text and metadata, but they all finish here, so ids,
//! whitespace and language codes are computed one way for every format.

use crate::dct::Dct;
use crate::locale::NumericDateOrder;
use serde::{Deserialize, Serialize};

/// Where the publication date (DCT) of a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DctSource {
    /// A metadata header: YAML front matter, `Date:` lines, a scraper's `date …` line, or a JSON field.
    Header,
    /// An HTML `<meta>` tag, `itemprop`, or `<time datetime>` element.
    HtmlMeta,
    /// A JSON-LD block (`datePublished`, including inside `@graph`).
    JsonLd,
    /// A dateline at the top of the text (`TBILISI, March 3 (Reuters) -`).
    Dateline,
    /// Given by the caller (`--dct`), overriding anything found.
    Flag,
    /// No DCT: relative expressions in this document stay unanchored.
    None,
}

impl DctSource {
    /// The serialized name: `"header"`, `"html-meta"`, `"json-ld"`, `"dateline"`, `"flag"`, `"none"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DctSource::Header => "header",
            DctSource::HtmlMeta => "html-meta",
            DctSource::JsonLd => "json-ld",
            DctSource::Dateline => "dateline",
            DctSource::Flag => "flag",
            DctSource::None => "none",
        }
    }
}

/// One article, ready for segmentation and tagging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Content hash (BLAKE3, hex) of the whitespace-normalised text: the same article read
    /// twice, from different wrappers, gets the same id.
    pub id: String,
    /// The input it came from (file path, `-` for stdin, or the caller's name).
    pub path: String,
    /// Line (JSONL) or item (JSON array) number within `path`, 1-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// Headline when known.
    pub title: Option<String>,
    /// Author or byline when known.
    pub author: Option<String>,
    /// The document creation time (publication date), if one was found or given.
    pub published: Option<Dct>,
    /// Where `published` came from.
    pub dct_source: DctSource,
    /// A date without a year (`XXXX-03-03`) found in a dateline that could not be resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dct_partial: Option<String>,
    /// How the document's metadata says it writes numeric dates ("06/12/2026"): its declared
    /// locale ("en-GB", "en_US"), or a numeric publication date that can only be read one way.
    /// A hint for the tagger, which the text's own dates can outweigh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<NumericDateOrder>,
    /// Language code: ISO 639-1 where one exists (`"en"`, `"ru"`), else ISO 639-3; `"und"` if unknown.
    pub language: String,
    /// The main text: paragraphs separated by blank lines, `\n` line ends.
    pub text: String,
    /// Non-fatal problems worth telling the user (no DCT found, date guessed from context…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// True when the detected language is English (the only language tagged for now).
    pub fn is_english(&self) -> bool {
        self.language == "en"
    }
}

/// The content id of `text`: BLAKE3 over the text with whitespace runs collapsed.
pub fn content_id(text: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    // Words go through a buffer: one hasher update per word would cost more than the hash.
    let mut buf = String::with_capacity(1 << 16);
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            buf.push(' ');
        }
        first = false;
        buf.push_str(word);
        if buf.len() >= (1 << 16) - 64 {
            hasher.update(buf.as_bytes());
            buf.clear();
        }
    }
    hasher.update(buf.as_bytes());
    hasher.finalize().to_hex().to_string()
}

/// True when a line holds characters [`normalize_text`] must drop or replace: C0/C1 controls
/// (but tab), DEL, BOM, no-break space and the Unicode line/paragraph separators.
fn needs_cleaning(line: &[u8]) -> bool {
    line.iter().enumerate().any(|(i, &b)| match b {
        b'\t' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => line.get(i + 1).is_some_and(|&n| (0x80..=0xA0).contains(&n)),
        0xEF => line.get(i + 1..i + 3) == Some(&[0xBB, 0xBF][..]),
        0xE2 => matches!(line.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])),
        _ => false,
    })
}

/// Normalises extracted text: `\r\n` and `\r` to `\n`, control characters dropped,
/// trailing spaces cut, at most one blank line between paragraphs, no leading/trailing blanks.
pub fn normalize_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0usize;
    let mut started = false;
    for line in raw.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let cleaned: std::borrow::Cow<'_, str> = if needs_cleaning(line.as_bytes()) {
            line.chars()
                .filter_map(|c| match c {
                    '\u{00A0}' | '\u{2028}' | '\u{2029}' | '\r' => Some(' '),
                    '\u{FEFF}' => None,
                    c if c.is_control() && c != '\t' => None,
                    c => Some(c),
                })
                .collect::<String>()
                .into()
        } else {
            line.into()
        };
        let trimmed = cleaned.trim_end();
        if trimmed.trim_start().is_empty() {
            blank_run += 1;
            continue;
        }
        if started {
            out.push('\n');
            if blank_run > 0 {
                out.push('\n');
            }
        }
        out.push_str(trimmed);
        started = true;
        blank_run = 0;
    }
    out
}

/// Detects the language of `text` from its first few kilobytes.
pub fn detect_language(text: &str) -> String {
    let mut cut = text.len().min(4000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    // Short English texts are often misread by trigram models ("nb", "sco"); function
    // words are a sturdier signal for the one language the tagger handles.
    if english_function_word_share(head) >= 0.12 {
        return "en".to_string();
    }
    let Some(info) = whatlang::detect(head) else {
        return "und".to_string();
    };
    let code3 = match info.lang().code() {
        // Trigrams confuse Russian with Bulgarian/Ukrainian on short texts; ы and э are
        // Russian (and Belarusian) letters that Bulgarian lacks, і/ї/є/ґ mark Ukrainian.
        "bul" | "ukr" | "mkd" | "srp"
            if head.contains(['ы', 'э', 'Ы', 'Э']) && !head.contains(['і', 'ї', 'є', 'ґ', 'ў']) =>
        {
            "rus"
        }
        other => other,
    };
    iso639_1(code3).unwrap_or(code3).to_string()
}

/// When [`detect_language`] can only guess (a short text: "Police detained 97 people." reads
/// as Romanian), the likeliest of `codes` (ISO 639-1 codes, such as the languages a caller
/// has language packs for); `None` when the detection is reliable, when no code is a language
/// the detector knows, or when the text is in a script none of them is written in.
pub fn detect_language_among(text: &str, codes: &[&str]) -> Option<String> {
    let mut cut = text.len().min(4000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    if whatlang::detect(head).is_some_and(|info| info.is_reliable()) {
        return None;
    }
    let allowed: Vec<whatlang::Lang> = whatlang::Lang::all()
        .iter()
        .copied()
        .filter(|l| iso639_1(l.code()).is_some_and(|c| codes.contains(&c)))
        .collect();
    match allowed.as_slice() {
        [] => None,
        // One candidate: any text in its script is taken to be in it.
        [only] => whatlang::detect_script(head)
            .filter(|script| script.langs().contains(only))
            .map(|_| iso639_1(only.code()).unwrap_or(only.code()).to_string()),
        _ => whatlang::Detector::with_allowlist(allowed.clone())
            .detect_lang(head)
            .map(|l| iso639_1(l.code()).unwrap_or(l.code()).to_string()),
    }
}

/// Share of the first 300 words that are common English function words.
fn english_function_word_share(text: &str) -> f64 {
    const WORDS: &[&str] = &[
        "the", "a", "an", "of", "to", "in", "and", "on", "at", "for", "was", "is", "said", "that",
        "with", "by", "from", "has", "have", "were", "it", "he", "she", "they", "had", "been",
        "will", "would", "after", "its", "their", "this",
    ];
    let (mut total, mut hits) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(300)
    {
        total += 1;
        if w.len() <= 5 && WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            hits += 1;
        }
    }
    if total < 3 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

/// ISO 639-1 codes for the ISO 639-3 codes whatlang reports, where a two-letter code exists.
fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "eng" => "en",
        "rus" => "ru",
        "ukr" => "uk",
        "tur" => "tr",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "pol" => "pl",
        "ara" => "ar",
        "heb" => "he",
        "pes" => "fa",
        "kat" => "ka",
        "aze" => "az",
        "hye" => "hy",
        "bel" => "be",
        "bul" => "bg",
        "srp" => "sr",
        "hrv" => "hr",
        "ces" => "cs",
        "slk" => "sk",
        "ron" => "ro",
        "hun" => "hu",
        "ell" => "el",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "est" => "et",
        "lav" => "lv",
        "lit" => "lt",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "hin" => "hi",
        "urd" => "ur",
        "ben" => "bn",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "uzb" => "uz",
        "kaz" => "kk",
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "cat" => "ca",
        "cym" => "cy",
        "epo" => "eo",
        "guj" => "gu",
        "jav" => "jv",
        "kan" => "kn",
        "khm" => "km",
        "lat" => "la",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "ori" => "or",
        "pan" => "pa",
        "sin" => "si",
        "slv" => "sl",
        "sna" => "sn",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tuk" => "tk",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn every_language_detected_has_a_two_letter_code() {
        // Language packs are named by these codes ("az", "ru"): a detector code left in three
        // letters would never find its pack.
        for lang in whatlang::Lang::all() {
            let code = iso639_1(lang.code());
            assert!(
                code.is_some_and(|c| c.len() == 2),
                "{} ({}) has no ISO 639-1 code",
                lang.code(),
                lang.eng_name()
            );
        }
        assert_eq!(
            detect_language(
                "Otuz dörd il əvvəl, 1992-ci il fevralın 26-da Xocalı faciəsi baş verdi. \
                 Ertəsi gün şəhərdə matəm elan edildi."
            ),
            "az"
        );
    }

    #[test]
    fn a_guess_falls_back_to_the_likeliest_language_with_a_pack() {
        // Read alone, these are Romanian and Azerbaijani with low confidence.
        assert_eq!(detect_language("Police detained 97 people."), "ro");
        assert_eq!(
            detect_language_among("Police detained 97 people.", &["en"]).as_deref(),
            Some("en")
        );
        assert_eq!(
            detect_language_among("52 kişi öldü, 310 kişi yaralandı.", &["en", "tr"]).as_deref(),
            Some("tr")
        );
        // A reliable detection stands, and a script none of the codes is written in is
        // not taken for one of them.
        let german = "Die Polizei nahm gestern in der Hauptstadt siebenundneunzig Menschen \
                      fest, teilte das Innenministerium am Abend mit.";
        assert_eq!(detect_language(german), "de");
        assert_eq!(detect_language_among(german, &["en"]), None);
        assert_eq!(detect_language_among("Погибли 52 человека.", &["en"]), None);
        assert_eq!(
            detect_language_among("Police detained 97 people.", &[]),
            None
        );
    }

    #[test]
    fn id_ignores_whitespace_differences() {
        assert_eq!(
            content_id("Troops  left\n\nthe city."),
            content_id("Troops left the city.")
        );
        assert_ne!(
            content_id("Troops left the city."),
            content_id("Troops left the town.")
        );
        assert_eq!(content_id("x").len(), 64);
    }

    #[test]
    fn normalize_collapses_blank_lines_and_crlf() {
        assert_eq!(
            normalize_text("\r\n  \nOne.\r\n\r\n\r\n\nTwo\u{00A0}x.  \n"),
            "One.\n\nTwo x."
        );
        assert_eq!(normalize_text("a\nb"), "a\nb");
    }

    #[test]
    fn language_codes() {
        assert_eq!(
            detect_language("The ministry said on Tuesday that talks would resume in March."),
            "en"
        );
        assert_eq!(
            detect_language(
                "Министерство заявило во вторник, что переговоры возобновятся в марте."
            ),
            "ru"
        );
    }

    #[test]
    fn document_json_round_trip() -> Result<(), Box<dyn Error>> {
        let doc = Document {
            id: content_id("a"),
            path: "x.txt".into(),
            line: None,
            url: None,
            title: Some("T".into()),
            author: None,
            published: Some("2025-03-14T09:05:00+04:00".parse()?),
            dct_source: DctSource::Header,
            dct_partial: None,
            date_order: None,
            language: "en".into(),
            text: "a".into(),
            warnings: Vec::new(),
        };
        let json = serde_json::to_string(&doc)?;
        assert!(json.contains("\"published\":\"2025-03-14T09:05:00+04:00\""));
        assert!(!json.contains("warnings") && !json.contains("\"line\""));
        assert_eq!(serde_json::from_str::<Document>(&json)?, doc);
        Ok(())
    }

    #[test]
    fn dct_source_names() -> Result<(), serde_json::Error> {
        assert_eq!(
            serde_json::to_string(&DctSource::HtmlMeta)?,
            "\"html-meta\""
        );
        assert_eq!(serde_json::to_string(&DctSource::JsonLd)?, "\"json-ld\"");
        assert_eq!(DctSource::None.as_str(), "none");
        Ok(())
    }
}
