//! Bytes to text: BOMs, declared charsets, detection of legacy encodings, binary refusal.
//!
//! News archives are full of Windows-1251 Russian pages, KOI8-R mail, ISO-8859-9 Turkish
//! and UTF-16 exports. Decoding is done once, here, so every reader sees `&str`. The
//! order of trust is: a BOM, then the encoding the caller named, then valid UTF-8, then a
//! charset declared in HTML, then `chardetng`'s guess. Text that is *mostly* UTF-8 but has
//! broken sequences is refused rather than re-read as Windows-1252 mojibake.

use crate::error::ErrorKind;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// Looks up an encoding by its WHATWG label (`"windows-1251"`, `"koi8-r"`, `"latin5"`, …).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, ErrorKind> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| ErrorKind::UnknownEncoding(label.to_string()))
}

/// Names the kind of binary data at the start of `bytes`, if it is a known binary format
/// or has NUL bytes (and no UTF-16 BOM).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1F\x8B", "gzip data"),
        (b"\x7FELF", "ELF executable"),
        (b"RIFF", "RIFF media"),
        (b"BZh", "bzip2 data"),
        (b"\xFD7zXZ", "xz data"),
        (b"SQLite format 3", "SQLite database"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(name);
        }
    }
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Some("NUL bytes");
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    if head.len() >= 32 && controls * 10 > head.len() {
        return Some("control characters");
    }
    None
}

/// Decodes `bytes` to text. `forced` is the caller's encoding; `html` enables `<meta charset>`.
pub fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
    html: bool,
) -> Result<Cow<'a, str>, ErrorKind> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(enc, &bytes[bom_len..]));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(ErrorKind::Binary(kind));
    }
    if let Some(enc) = forced {
        if enc == UTF_8 {
            return strict_utf8(bytes);
        }
        return Ok(decode_with(enc, bytes));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(Cow::Borrowed(s)),
        Err(e) => {
            // Multi-byte UTF-8 before the error means the file *is* UTF-8, just broken.
            let valid = &bytes[..e.valid_up_to()];
            if valid.iter().any(|&b| b >= 0x80) {
                return Err(ErrorKind::InvalidUtf8(e.valid_up_to()));
            }
        }
    }
    if html && let Some(enc) = declared_charset(bytes) {
        if enc == UTF_8 {
            return strict_utf8(bytes);
        }
        return Ok(decode_with(enc, bytes));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, Utf8Detection::Allow);
    if enc == UTF_8 {
        return strict_utf8(bytes);
    }
    Ok(decode_with(enc, bytes))
}

fn strict_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, ErrorKind> {
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|e| ErrorKind::InvalidUtf8(e.valid_up_to()))
}

fn decode_with<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Cow<'a, str> {
    enc.decode_without_bom_handling(bytes).0
}

/// The charset an HTML page declares in its first 2 KB (`<meta charset>` or `http-equiv`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let pos = memchr::memmem::find(&lower, b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_cyrillic_is_detected() -> Result<(), ErrorKind> {
        let text = "Правительство Грузии заявило во вторник, что переговоры продолжатся в марте.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&bytes, None, false)?, text);
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(text);
        assert_eq!(decode(&bytes, None, false)?, text);
        Ok(())
    }

    #[test]
    fn bom_and_forced() -> Result<(), ErrorKind> {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Hi".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16, None, false)?, "Hi");
        let latin5 = encoding_for_label("iso-8859-9")?;
        assert_eq!(decode(b"\xDEubat", Some(latin5), false)?, "Şubat");
        assert!(matches!(
            encoding_for_label("klingon"),
            Err(ErrorKind::UnknownEncoding(_))
        ));
        Ok(())
    }

    #[test]
    fn broken_utf8_and_binary_are_refused() {
        assert!(matches!(
            decode(b"caf\xC3\xA9 and \xC3(", None, false),
            Err(ErrorKind::InvalidUtf8(10))
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n", None, false),
            Err(ErrorKind::Binary("PNG image"))
        ));
        assert!(matches!(
            decode(b"abc\0def", None, false),
            Err(ErrorKind::Binary(_))
        ));
    }

    #[test]
    fn html_meta_charset_wins_over_guess() -> Result<(), ErrorKind> {
        let (body, _, _) =
            encoding_rs::WINDOWS_1252.encode("<meta charset=\"windows-1252\"><p>café</p>");
        assert!(decode(&body, None, true)?.contains("café"));
        Ok(())
    }
}
