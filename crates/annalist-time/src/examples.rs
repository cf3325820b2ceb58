//! Running a language pack's rule examples.
//!
//! Every rule in a pack carries examples (`ex: text => TYPE VALUE [MOD] [@ DCT]`), and they
//! are the pack's test suite: the English pack runs them under `cargo test`, and a pack
//! written outside this crate runs them through [`Tagger::check_examples`] (or `annalist
//! pack check DIR`) without a line of Rust. The check lives in the library rather than in a
//! test module so that both paths judge an example the same way.

use crate::{Anchor, Example, Tagger, Timex};

/// An example whose text did not tag as it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Line of the example in `rules.txt`.
    pub line: usize,
    /// The rule the example belongs to.
    pub rule: String,
    /// The example's text, with its `[` `]` marks.
    pub text: String,
    /// What was expected and what was found instead.
    pub reason: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rules.txt:{} ({}): {:?}: {}",
            self.line, self.rule, self.text, self.reason
        )
    }
}

impl Tagger {
    /// Tags the text of every example of this tagger's pack and returns those that do not
    /// give the expression, type, value and mod they state. An empty list means the pack
    /// passes its own tests.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        self.pack()
            .examples()
            .iter()
            .filter_map(|ex| {
                self.check_example(ex).err().map(|reason| ExampleFailure {
                    line: ex.line,
                    rule: ex.rule.clone(),
                    text: ex.text.clone(),
                    reason,
                })
            })
            .collect()
    }

    /// Checks one example: `Err` says what was found instead of what it expects.
    pub fn check_example(&self, ex: &Example) -> Result<(), String> {
        let anchor = Anchor::from_dct(&ex.dct).map_err(|e| e.to_string())?;
        let (text, span) = strip_extent_marks(&ex.text);
        let found = self.tag(&text, &anchor);
        if ex.kind == "NONE" {
            return match found.first() {
                None => Ok(()),
                Some(t) => Err(format!("expected nothing, found {}", show(t))),
            };
        }
        let Some(t) = found.iter().find(|t| (t.start, t.end) == span) else {
            let all: Vec<String> = found.iter().map(show).collect();
            let wanted: String = text.chars().skip(span.0).take(span.1 - span.0).collect();
            return Err(format!(
                "no expression over {wanted:?}; found [{}]",
                all.join(", ")
            ));
        };
        let got_mod = t.modifier.map(|m| m.to_string());
        if t.kind.as_str() != ex.kind || t.value.to_string() != ex.value || got_mod != ex.modifier {
            let want_mod = ex
                .modifier
                .as_deref()
                .map(|m| format!(" {m}"))
                .unwrap_or_default();
            return Err(format!(
                "expected {} {}{want_mod}, found {}",
                ex.kind,
                ex.value,
                show(t)
            ));
        }
        Ok(())
    }
}

/// The text without its `[` `]` marks, and the marked extent in characters (the whole text
/// when it has no marks).
fn strip_extent_marks(marked: &str) -> (String, (usize, usize)) {
    match (marked.find('['), marked.find(']')) {
        (Some(a), Some(b)) if a < b => {
            let text = format!("{}{}{}", &marked[..a], &marked[a + 1..b], &marked[b + 1..]);
            let start = marked[..a].chars().count();
            let end = start + marked[a + 1..b].chars().count();
            (text, (start, end))
        }
        _ => (marked.to_string(), (0, marked.chars().count())),
    }
}

fn show(t: &Timex) -> String {
    format!(
        "{:?} {} {}{} [{}]",
        t.text,
        t.kind,
        t.value,
        t.modifier.map(|m| format!(" {m}")).unwrap_or_default(),
        t.rule
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extent_marks_are_counted_in_characters() {
        assert_eq!(
            strip_extent_marks("В [1990 году] всё"),
            ("В 1990 году всё".to_string(), (2, 11))
        );
        assert_eq!(strip_extent_marks("1988"), ("1988".to_string(), (0, 4)));
    }

    #[test]
    fn a_wrong_example_is_reported_with_what_was_found() {
        let tagger = Tagger::english();
        let mut ex = tagger.pack().examples()[0].clone();
        assert_eq!(tagger.check_example(&ex), Ok(()));
        ex.value = "1066-10-14".to_string();
        let why = tagger.check_example(&ex).unwrap_err();
        assert!(why.starts_with("expected DATE 1066-10-14, found"), "{why}");
        ex.text = "Nothing happened.".to_string();
        let why = tagger.check_example(&ex).unwrap_err();
        assert!(
            why.starts_with("no expression over \"Nothing happened.\""),
            "{why}"
        );
    }
}
