//! What the scorer hands back, as data (serde) and as a table for people.

use std::fmt::Write as _;

use serde::Serialize;

use super::counts::Scores;
use crate::document::TimexAnnotation;

/// What is wrong about one annotation or pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A relaxed match whose spans differ.
    Extent,
    /// A relaxed match whose `type` differs.
    Type,
    /// A relaxed match whose `value` differs.
    Value,
    /// A gold TIMEX3 no system TIMEX3 overlaps.
    Missed,
    /// A system TIMEX3 no gold TIMEX3 overlaps.
    Spurious,
}

impl ErrorKind {
    /// A short lower-case label (`extent`, `type`, `value`, `missed`, `spurious`).
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::Extent => "extent",
            ErrorKind::Type => "type",
            ErrorKind::Value => "value",
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
        }
    }
}

/// One mistake, with what is needed to look into it. A relaxed match that is wrong in several
/// ways (say extent and value) is listed once per way.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimexError {
    /// The file (relative path or name given to [`crate::evaluate`]).
    pub file: String,
    /// What is wrong.
    pub kind: ErrorKind,
    /// The gold annotation (absent for [`ErrorKind::Spurious`]).
    pub gold: Option<TimexAnnotation>,
    /// The system annotation (absent for [`ErrorKind::Missed`]).
    pub system: Option<TimexAnnotation>,
    /// The text the gold annotation covers.
    pub gold_text: Option<String>,
    /// The text the system annotation covers.
    pub system_text: Option<String>,
    /// The sentence around it (or 60 characters each side), on one line, with the gold span
    /// (the system span for spurious ones) marked `[…]`.
    pub context: String,
    /// The value of the gold document's creation time, which relative values resolve against.
    pub dct: Option<String>,
}

impl TimexError {
    /// Character offset used to order mistakes within a file.
    pub(crate) fn position(&self) -> usize {
        self.gold
            .as_ref()
            .or(self.system.as_ref())
            .map_or(0, |t| t.start)
    }
}

/// The scores of one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileScore {
    /// The file (relative path or given name).
    pub name: String,
    /// Its scores.
    pub scores: Scores,
    /// True when the system had no file of this name (everything counted as missed).
    pub missing: bool,
}

/// The result of scoring a set of files.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Micro-averaged over every TIMEX3 of every file.
    pub overall: Scores,
    /// Per file, in the order given.
    pub files: Vec<FileScore>,
    /// Every missed, spurious or partly wrong annotation, by file then position.
    pub errors: Vec<TimexError>,
    /// Gold files the system directory has no file for (scored as all missed).
    pub missing_files: Vec<String>,
    /// System files with no gold file (not scored).
    pub extra_files: Vec<String>,
    /// Files whose system text differs from the gold text, so offsets may not line up.
    pub text_mismatches: Vec<String>,
}

impl Report {
    /// The errors of one kind.
    pub fn errors_of(&self, kind: ErrorKind) -> impl Iterator<Item = &TimexError> {
        self.errors.iter().filter(move |e| e.kind == kind)
    }

    /// A table for people: the overall scores, optionally a row per file, then optionally
    /// every mistake with its context.
    pub fn to_text(&self, per_file: bool, errors: bool) -> String {
        let mut out = String::new();
        let name_width = if per_file {
            self.files
                .iter()
                .map(|f| f.name.chars().count())
                .max()
                .unwrap_or(0)
                .clamp(7, 60)
        } else {
            7
        };
        let _ = writeln!(
            out,
            "{:<w$}  {:>5} {:>5} | {:^20} | {:^20} | {:^11} | {:^11} | {:>5}",
            "",
            "",
            "",
            "strict",
            "relaxed",
            "type",
            "value",
            "mod",
            w = name_width
        );
        let _ = writeln!(
            out,
            "{:<w$}  {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>5} {:>5} | {:>5} {:>5} | {:>5}",
            "file",
            "gold",
            "sys",
            "P",
            "R",
            "F1",
            "P",
            "R",
            "F1",
            "acc",
            "F1",
            "acc",
            "F1",
            "acc",
            w = name_width
        );
        if per_file {
            for f in &self.files {
                let name = if f.missing {
                    format!("{} (no system file)", f.name)
                } else {
                    f.name.clone()
                };
                row(&mut out, &name, &f.scores, name_width);
            }
        }
        row(&mut out, "overall", &self.overall, name_width);
        let c = &self.overall.counts;
        let _ = writeln!(
            out,
            "\n{} files; {} gold and {} system TIMEX3; {} strict and {} relaxed matches; \
             {} right types, {} right values, {} right mods among them.",
            self.files.len(),
            c.gold,
            c.system,
            c.strict,
            c.relaxed,
            c.type_correct,
            c.value_correct,
            c.mod_correct
        );
        for (label, list) in [
            ("no system file for", &self.missing_files),
            ("system file without gold, not scored:", &self.extra_files),
            (
                "system text differs from gold text in",
                &self.text_mismatches,
            ),
        ] {
            for name in list {
                let _ = writeln!(out, "{label} {name}");
            }
        }
        if errors {
            let _ = writeln!(out, "\n{} errors:", self.errors.len());
            let mut file = None;
            for e in &self.errors {
                if file != Some(&e.file) {
                    let dct = e.dct.as_deref().unwrap_or("none");
                    let _ = writeln!(out, "\n== {} (DCT {dct})", e.file);
                    file = Some(&e.file);
                }
                let _ = writeln!(
                    out,
                    "{:<8} gold {}  system {}\n         {}",
                    e.kind.label(),
                    describe(e.gold.as_ref(), e.gold_text.as_deref()),
                    describe(e.system.as_ref(), e.system_text.as_deref()),
                    e.context
                );
            }
        }
        out
    }
}

fn row(out: &mut String, name: &str, s: &Scores, width: usize) {
    let _ = writeln!(
        out,
        "{name:<width$}  {:>5} {:>5} | {:>6.4} {:>6.4} {:>6.4} | {:>6.4} {:>6.4} {:>6.4} | {:>5.3} {:>5.3} | {:>5.3} {:>5.3} | {:>5.3}",
        s.counts.gold,
        s.counts.system,
        s.strict.precision,
        s.strict.recall,
        s.strict.f1,
        s.relaxed.precision,
        s.relaxed.recall,
        s.relaxed.f1,
        s.type_accuracy,
        s.type_f1,
        s.value_accuracy,
        s.value_f1,
        s.mod_accuracy,
    );
}

/// `"the last week" DURATION P1W mod=START` or `-`.
fn describe(t: Option<&TimexAnnotation>, text: Option<&str>) -> String {
    let Some(t) = t else {
        return "-".into();
    };
    let mut s = format!("{:?} {} {}", text.unwrap_or_default(), t.kind, t.value);
    if let Some(m) = &t.modifier {
        let _ = write!(s, " mod={m}");
    }
    s
}
