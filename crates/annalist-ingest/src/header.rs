//! Metadata headers on top of plain-text articles.
//!
//! Three shapes are common in the wild: YAML front matter between `---` lines (static site
//! exports), mail-style `Key: value` lines (`Date:`, `Title:`, `Source:`), and scrapers'
//! `key value` lines such as `date 2025-03-14 14 March 2025 09:05 (UTC+04:00)`. This module
//! only *splits* the header from the body and returns the raw fields; interpreting the
//! values (dates especially) is the text reader's job. It must never take the first line
//! of an article for a header, so a header needs a known key and ends at a blank line.

/// A header: its fields in order (keys lowercased, `_`/`-`/spaces removed) and where the body begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `(key, value)` pairs; keys normalised (`"Published-At"` → `"publishedat"`).
    pub fields: Vec<(String, String)>,
    /// Byte offset of the body in the input.
    pub body_start: usize,
}

impl Header {
    /// The value of the first field whose key is one of `keys` (normalised form) and is not empty.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.fields
                .iter()
                .find(|(fk, v)| fk == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }
}

/// Keys that mark a block of lines as a metadata header.
const KNOWN_KEYS: &[&str] = &[
    "date",
    "published",
    "publishedat",
    "datepublished",
    "pubdate",
    "dct",
    "created",
    "title",
    "headline",
    "subject",
    "source",
    "url",
    "link",
    "author",
    "by",
    "byline",
    "from",
    "lang",
    "language",
    "locale",
    "id",
    "tags",
    "section",
];

/// Keys a scraper writes without a colon (`date 2025-03-14 …`); a closed list, since any
/// English sentence starts with "word word".
const BARE_KEYS: &[&str] = &[
    "date",
    "title",
    "url",
    "source",
    "author",
    "link",
    "published",
];

/// Header keys in the other languages annalist has sketch packs for (Turkish, Azerbaijani,
/// Russian), normalised, and the English key each one stands for: the rest of ingest reads
/// only the English keys.
const LOCALIZED_KEYS: &[(&str, &str)] = &[
    ("tarih", "date"),
    ("yayıntarihi", "published"),
    ("yayınlanmatarihi", "published"),
    ("başlık", "title"),
    ("kaynak", "source"),
    ("yazar", "author"),
    ("dil", "lang"),
    ("tarix", "date"),
    ("dərctarixi", "published"),
    ("dərcedilib", "published"),
    ("başlıq", "title"),
    ("mənbə", "source"),
    ("müəllif", "author"),
    ("дата", "date"),
    ("датапубликации", "published"),
    ("опубликовано", "published"),
    ("заголовок", "title"),
    ("источник", "source"),
    ("автор", "author"),
    ("язык", "lang"),
];

/// Normalises a header key: lowercase, without `_`, `-` and spaces, and in English
/// (`"Yayın tarihi"` → `"published"`, see [`LOCALIZED_KEYS`]).
pub fn normalize_key(key: &str) -> String {
    let key: String = key
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(|c| if c == 'İ' { 'I' } else { c }.to_lowercase())
        .collect();
    match LOCALIZED_KEYS.iter().find(|(local, _)| *local == key) {
        Some((_, english)) => (*english).to_string(),
        None => key,
    }
}

/// Splits a header off the top of `text`, if there is one.
pub fn parse_header(text: &str) -> Option<Header> {
    let text_start = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let rest = &text[text_start..];
    if rest.starts_with("---") {
        return front_matter(text, text_start);
    }
    key_value_block(text, text_start)
}

/// Iterates lines with their byte offsets (line text without the line break).
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let len = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = rest[..len].strip_suffix('\r').unwrap_or(&rest[..len]);
        let at = pos;
        pos += (len + 1).min(rest.len());
        Some((at, line))
    })
}

fn front_matter(text: &str, start: usize) -> Option<Header> {
    let mut lines = lines_from(text, start);
    let (_, first) = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut fields = Vec::new();
    for (at, line) in lines.take(200) {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let body_start = (at + line.len() + 1).min(text.len());
            return Some(Header { fields, body_start });
        }
        // Nested YAML (indented lines, lists) is skipped: only top-level scalars matter here.
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((k, v)) = t.split_once(':') {
            fields.push((normalize_key(k), unquote(v.trim()).to_string()));
        }
    }
    None
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

fn key_value_line(line: &str) -> Option<(String, String)> {
    if line.len() > 2000 || line.starts_with([' ', '\t']) {
        return None;
    }
    if let Some((k, v)) = line.split_once(':') {
        let key_ok = !k.is_empty()
            && k.chars().count() <= 30
            && k.chars().next().is_some_and(char::is_alphabetic)
            && k.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
            && k.split(' ').count() <= 3;
        if key_ok {
            return Some((normalize_key(k), v.trim().to_string()));
        }
    }
    let (k, v) = line.split_once([' ', '\t'])?;
    let key = k.to_ascii_lowercase();
    (BARE_KEYS.contains(&key.as_str()) && k.chars().all(|c| c.is_ascii_lowercase()))
        .then(|| (key, v.trim().to_string()))
}

fn key_value_block(text: &str, start: usize) -> Option<Header> {
    let mut fields = Vec::new();
    let mut body_start = text.len();
    for (at, line) in lines_from(text, start).take(50) {
        if line.trim().is_empty() {
            body_start = at;
            break;
        }
        match key_value_line(line) {
            Some(kv) => fields.push(kv),
            None => {
                // A non-header line straight after the fields: the header ends without a blank line
                // only if at least two known keys came before (a lone "Published: …" is a dateline).
                body_start = at;
                break;
            }
        }
    }
    let known = fields
        .iter()
        .filter(|(k, _)| KNOWN_KEYS.contains(&k.as_str()))
        .count();
    let ends_blank = text[body_start..].starts_with(['\n', '\r']) || body_start == text.len();
    let single_ok = known == 1
        && ends_blank
        && fields.len() == 1
        && matches!(
            fields[0].0.as_str(),
            "date" | "title" | "url" | "source" | "author" | "dct"
        );
    if !(known >= 2 || single_ok) || known * 2 < fields.len() {
        return None;
    }
    Some(Header { fields, body_start })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn mail_style() -> Result<(), Box<dyn Error>> {
        let t = "Title: Ceasefire talks resume\nDate: Fri, 14 Mar 2025 09:05:00 +0400\nSource: https://example.org/a\n\nBody starts here.";
        let h = parse_header(t).ok_or("no header found")?;
        assert_eq!(h.get(&["title"]), Some("Ceasefire talks resume"));
        assert_eq!(h.get(&["date"]), Some("Fri, 14 Mar 2025 09:05:00 +0400"));
        assert_eq!(&t[h.body_start..].trim_start()[..4], "Body");
        Ok(())
    }

    #[test]
    fn yaml_front_matter() -> Result<(), Box<dyn Error>> {
        let t = "---\ntitle: \"Floods in Batumi\"\npublished_at: 2025-03-14\ntags:\n  - weather\n---\nText.";
        let h = parse_header(t).ok_or("no header found")?;
        assert_eq!(h.get(&["title"]), Some("Floods in Batumi"));
        assert_eq!(h.get(&["publishedat"]), Some("2025-03-14"));
        assert_eq!(&t[h.body_start..], "Text.");
        Ok(())
    }

    #[test]
    fn scraper_style() -> Result<(), Box<dyn Error>> {
        let t = "date 2025-03-14 14 March 2025 09:05 (UTC+04:00)\ntitle Border crossing reopens\n\nText.";
        let h = parse_header(t).ok_or("no header found")?;
        assert_eq!(
            h.get(&["date"]),
            Some("2025-03-14 14 March 2025 09:05 (UTC+04:00)")
        );
        assert_eq!(h.get(&["title"]), Some("Border crossing reopens"));
        Ok(())
    }

    #[test]
    fn prose_is_not_a_header() {
        assert_eq!(
            parse_header("Note: the ministry said on Tuesday.\nIt added more."),
            None
        );
        assert_eq!(
            parse_header("Published: Monday 3 March 2025\nThe council met."),
            None
        );
        assert_eq!(
            parse_header("date night was cancelled\nas rain fell."),
            None
        );
        assert_eq!(parse_header("---\nno closing fence"), None);
        // A colon after a non-English word is no more a header than after an English one.
        assert_eq!(
            parse_header("Bakı: mitinq keçirildi\nSonra hamı getdi."),
            None
        );
    }

    #[test]
    fn keys_in_the_languages_with_packs_are_read_as_english_keys() -> Result<(), Box<dyn Error>> {
        let h = parse_header("Başlık: Yasak anıldı\nYayın tarihi: 3 Mart 2025\n\nMetin.")
            .ok_or("no header found")?;
        assert_eq!(h.get(&["title"]), Some("Yasak anıldı"));
        assert_eq!(h.get(&["published"]), Some("3 Mart 2025"));
        let h =
            parse_header("TARİH: 26 fevral 2026\nMənbə: APA\n\nMətn.").ok_or("no header found")?;
        assert_eq!(h.get(&["date"]), Some("26 fevral 2026"));
        assert_eq!(h.get(&["source"]), Some("APA"));
        let h = parse_header("Заголовок: Митинг\nДата публикации: 20 января 2027\n\nТекст.");
        assert_eq!(
            h.ok_or("no header found")?.get(&["published"]),
            Some("20 января 2027")
        );
        Ok(())
    }
}
