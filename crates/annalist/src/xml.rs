//! Escaping text for the XML the CLI writes (TimeML documents).
//!
//! Articles are untrusted text: besides the five characters XML gives a meaning to, they may
//! hold control characters that XML 1.0 cannot carry at all, even escaped. Those are written
//! as U+FFFD, one character for one, so that character offsets into the written text stay
//! those of the original.

use std::borrow::Cow;

/// What `c` must be written as, when not as itself.
fn replacement(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\t' | '\n' | '\r' => None,
        c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => Some("\u{FFFD}"),
        _ => None,
    }
}

/// `s` escaped for XML text and attribute values.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| replacement(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match replacement(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_what_xml_cannot_carry() {
        assert_eq!(escape("plain text"), "plain text");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape("a < b & \"c\" > d"),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
        assert_eq!(escape("bell\u{7}\ttab\nline"), "bell\u{FFFD}\ttab\nline");
        assert_eq!(escape("\u{FFFF}é"), "\u{FFFD}é");
    }
}
