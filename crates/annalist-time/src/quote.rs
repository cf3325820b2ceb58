//! Which tokens stand inside quotation marks.
//!
//! A history narrative quotes people of its own time: in "It is us today. It will be you
//! tomorrow," said in 1936, "today" is the speaker's day, not the day the article was written.
//! The resolver needs to know that an expression is quoted to anchor it on the story rather
//! than on the document creation time.
//!
//! Quotation marks are typography rather than vocabulary, so they live here and not in the
//! language packs: a straight double quote toggles, typographic and guillemet pairs open and
//! close, and a doubled backtick or apostrophe (the Penn Treebank's ``…'') does too. A new
//! paragraph closes whatever was left open, so one stray mark cannot quote a whole document.

use crate::token::{Token, TokenKind};

/// For each token, whether it stands inside quotation marks (the marks themselves count as
/// outside).
pub(crate) fn inside_quotes(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut open = false;
    let mut prev_mark: Option<char> = None;
    for t in tokens {
        if t.para_start {
            open = false;
        }
        let mark = (t.kind == TokenKind::Punct)
            .then(|| t.text(text).chars().next())
            .flatten();
        // A doubled ` or ' is one mark: its second half decides.
        let doubled = t.joined && prev_mark == mark && matches!(mark, Some('`' | '\''));
        match mark {
            Some('"') => open = !open,
            Some('“' | '«') => open = true,
            Some('”' | '»') => open = false,
            Some('`') if doubled => open = true,
            Some('\'') if doubled => open = false,
            _ => {}
        }
        out.push(open && mark.is_none());
        prev_mark = if doubled { None } else { mark };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn quoted_words(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        let inside = inside_quotes(text, &tokens);
        tokens
            .iter()
            .zip(inside)
            .filter(|(t, q)| *q && t.kind == TokenKind::Word)
            .map(|(t, _)| t.text(text))
            .collect()
    }

    #[test]
    fn marks_open_and_close() {
        assert_eq!(
            quoted_words(r#"He said: "us today" and left."#),
            ["us", "today"]
        );
        assert_eq!(
            quoted_words("He said: “us today” and left."),
            ["us", "today"]
        );
        assert_eq!(
            quoted_words("He said: «us today» and left."),
            ["us", "today"]
        );
        assert_eq!(
            quoted_words("He said: ``us today'' and left."),
            ["us", "today"]
        );
    }

    #[test]
    fn apostrophes_and_new_paragraphs_do_not_quote() {
        assert!(quoted_words("It's the army's day, not theirs.").is_empty());
        assert_eq!(quoted_words("He said: \"us\n\nThen today came."), ["us"]);
    }
}
