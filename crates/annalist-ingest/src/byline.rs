//! Bylines: "By A. Reporter · 6 December 2026" above an article names its author.
//!
//! Pages put the name in a `.byline` element, plain text on a line under the headline. Only a
//! line that starts with "By" is read, and only up to a separator, so a byline that holds only
//! a date or a place names no one.

/// The name in a byline's text: "By A. Reporter · 6 December 2026" gives "A. Reporter".
/// Only a line that starts with "By" is read, so that a byline holding only a date or a
/// place names no one.
pub(crate) fn byline_name(byline: &str) -> Option<String> {
    split_byline(byline).map(|(name, _)| name.to_string())
}

/// A byline's name and what follows its separator.
fn split_byline(byline: &str) -> Option<(&str, &str)> {
    let rest = byline
        .strip_prefix("By ")
        .or_else(|| byline.strip_prefix("by "))
        .or_else(|| byline.strip_prefix("BY "))?;
    let end = rest
        .find(['·', '|', '—', '–', ',', '\n'])
        .or_else(|| rest.find(" - "))
        .or_else(|| rest.find(" on "))
        .unwrap_or(rest.len());
    let name = rest[..end].trim();
    (!name.is_empty()
        && name.chars().count() <= BYLINE_NAME_MAX_CHARS
        && !name.chars().any(|c| c.is_ascii_digit()))
    .then(|| (name, &rest[end..]))
}

/// Whether a line of text is a byline and nothing more: "By A. Reporter · 6 December 2026",
/// "By Jane Smith, 20 January 2027", "By Jane Smith". A line that goes on with something
/// that happened ("By Sunday, the toll had risen to 40") is not.
pub fn is_byline(line: &str) -> bool {
    let line = line.trim();
    if line.contains('\n') {
        return false;
    }
    let Some((name, rest)) = split_byline(line) else {
        return false;
    };
    // A name: a few words, each capitalized but for the particles of names ("By late
    // February the advance had come to a halt" is a sentence).
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = words.len() <= BYLINE_NAME_MAX_WORDS
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        });
    if !name_like {
        return false;
    }
    let rest = rest
        .trim_start_matches(['·', '|', '—', '–', ',', '-', ' '])
        .trim_start_matches("on ")
        .trim();
    rest.is_empty() || crate::is_date_only_line(rest)
}

/// A byline name longer than this is a sentence, not a name.
const BYLINE_NAME_MAX_CHARS: usize = 80;

/// A byline line's name has at most this many words ("By Jane Smith and John Doe").
const BYLINE_NAME_MAX_WORDS: usize = 8;

/// Lowercase words inside names and between two names.
const NAME_PARTICLES: &[&str] = &[
    "and", "de", "da", "del", "der", "den", "van", "von", "al", "el", "bin", "ibn", "la", "le",
    "du", "di", "y",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bylines_name_ends_at_a_separator() {
        assert_eq!(
            byline_name("By A. Reporter · 6 December 2026").as_deref(),
            Some("A. Reporter")
        );
        assert_eq!(
            byline_name("BY JANE SMITH, Reuters").as_deref(),
            Some("JANE SMITH")
        );
        assert_eq!(
            byline_name("By Jane Smith and John Doe").as_deref(),
            Some("Jane Smith and John Doe")
        );
        // A byline of only a date, or a name too long or with digits, names no one.
        assert_eq!(byline_name("6 December 2026"), None);
        assert_eq!(byline_name("By 2026"), None);
        assert_eq!(byline_name(&format!("By {}", "a".repeat(81))), None);
    }

    #[test]
    fn a_byline_line_holds_a_name_and_at_most_a_date() {
        assert!(is_byline("By Leyla Aliyeva, 20 January 2027"));
        assert!(is_byline("By A. Reporter · 6 December 2026"));
        assert!(is_byline("By Jane Smith | March 3, 2026"));
        assert!(is_byline("By Jane Smith"));
        // Something that happened, after "By": no byline.
        assert!(!is_byline("By Sunday, the toll had risen to 40."));
        assert!(!is_byline(
            "By the morning of January 20, 131 people had been killed."
        ));
        assert!(!is_byline("Jane Smith, 20 January 2027"));
        assert!(!is_byline(
            "By late February the advance had come to a halt."
        ));
        assert!(is_byline("By Jane Smith and Ali bin Said, 3 March 2026"));
    }
}
