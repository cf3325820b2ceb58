//! The TempEval-3 Task A scorer.
//!
//! For each file, gold and system TIMEX3s are paired one to one: a pair is **strict** when the
//! spans are identical and **relaxed** when they overlap (each gold annotation takes the
//! unpaired system annotation it overlaps most). Precision, recall and F1 follow for both, summed
//! over all files (micro-averaged). For `type` and `value`, TempEval-3 reports an attribute F1:
//! the share of relaxed pairs whose attribute is right, times the relaxed F1, so a wrong value
//! counts against a system even when the extent overlaps.

use std::fmt::Write as _;

use serde::Serialize;

use crate::{TimexAnnotation, TmlDocument};

/// Raw counts, summed over files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold annotations.
    pub gold: usize,
    /// System annotations.
    pub system: usize,
    /// Pairs with identical spans.
    pub strict: usize,
    /// Pairs with overlapping spans.
    pub relaxed: usize,
    /// Relaxed pairs with the same type.
    pub type_ok: usize,
    /// Relaxed pairs with the same value.
    pub value_ok: usize,
    /// Relaxed pairs with the same mod (absent = absent).
    pub mod_ok: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
        self.mod_ok += o.mod_ok;
    }

    /// Strict precision.
    pub fn strict_precision(&self) -> f64 {
        ratio(self.strict, self.system)
    }
    /// Strict recall.
    pub fn strict_recall(&self) -> f64 {
        ratio(self.strict, self.gold)
    }
    /// Strict F1.
    pub fn strict_f1(&self) -> f64 {
        f1(self.strict_precision(), self.strict_recall())
    }
    /// Relaxed precision.
    pub fn relaxed_precision(&self) -> f64 {
        ratio(self.relaxed, self.system)
    }
    /// Relaxed recall.
    pub fn relaxed_recall(&self) -> f64 {
        ratio(self.relaxed, self.gold)
    }
    /// Relaxed F1.
    pub fn relaxed_f1(&self) -> f64 {
        f1(self.relaxed_precision(), self.relaxed_recall())
    }
    /// Type accuracy over relaxed pairs.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_ok, self.relaxed)
    }
    /// Value accuracy over relaxed pairs.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.relaxed)
    }
    /// Mod accuracy over relaxed pairs (informational).
    pub fn mod_accuracy(&self) -> f64 {
        ratio(self.mod_ok, self.relaxed)
    }
    /// TempEval-3 type F1: type accuracy × relaxed F1.
    pub fn type_f1(&self) -> f64 {
        self.type_accuracy() * self.relaxed_f1()
    }
    /// TempEval-3 value F1: value accuracy × relaxed F1.
    pub fn value_f1(&self) -> f64 {
        self.value_accuracy() * self.relaxed_f1()
    }
}

/// The scores of one file.
#[derive(Clone, Debug, Serialize)]
pub struct FileScore {
    /// Relative path.
    pub name: String,
    /// Its counts.
    pub counts: Counts,
}

/// What kind of mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A gold annotation the system did not find.
    Missed,
    /// A system annotation with no gold counterpart.
    Spurious,
    /// Overlapping but not identical spans.
    Extent,
    /// Right extent (overlapping), wrong type.
    Type,
    /// Right extent (overlapping), wrong value.
    Value,
}

/// One mistake, with its context.
#[derive(Clone, Debug, Serialize)]
pub struct Mistake {
    /// The file.
    pub file: String,
    /// What kind.
    pub kind: ErrorKind,
    /// The gold annotation, if any.
    pub gold: Option<TimexAnnotation>,
    /// The system annotation, if any.
    pub system: Option<TimexAnnotation>,
    /// The text of the gold (else system) annotation.
    pub text: String,
    /// The surrounding text (about 60 characters each side), on one line.
    pub context: String,
    /// The document creation time.
    pub dct: Option<String>,
}

/// Scores over a set of files.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Summed over all files.
    pub overall: Counts,
    /// Per file.
    pub files: Vec<FileScore>,
    /// Every mistake.
    pub mistakes: Vec<Mistake>,
    /// Gold files with no system file.
    pub missing: Vec<String>,
}

/// The derived scores of a [`Counts`], for JSON output.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    gold: usize,
    system: usize,
    strict_precision: f64,
    strict_recall: f64,
    strict_f1: f64,
    relaxed_precision: f64,
    relaxed_recall: f64,
    relaxed_f1: f64,
    type_accuracy: f64,
    value_accuracy: f64,
    type_f1: f64,
    value_f1: f64,
}

impl Counts {
    /// Precision, recall and F1 figures of these counts.
    pub fn summary(&self) -> Summary {
        Summary {
            gold: self.gold,
            system: self.system,
            strict_precision: self.strict_precision(),
            strict_recall: self.strict_recall(),
            strict_f1: self.strict_f1(),
            relaxed_precision: self.relaxed_precision(),
            relaxed_recall: self.relaxed_recall(),
            relaxed_f1: self.relaxed_f1(),
            type_accuracy: self.type_accuracy(),
            value_accuracy: self.value_accuracy(),
            type_f1: self.type_f1(),
            value_f1: self.value_f1(),
        }
    }
}

fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start.min(chars.len())..end.min(chars.len())]
        .iter()
        .collect()
}

fn context(chars: &[char], start: usize, end: usize) -> String {
    let a = start.saturating_sub(60);
    let b = (end + 60).min(chars.len());
    let mut s = slice(chars, a, start);
    s.push('[');
    s.push_str(&slice(chars, start, end));
    s.push(']');
    s.push_str(&slice(chars, end, b));
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn overlap(a: &TimexAnnotation, b: &TimexAnnotation) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Scores `(name, gold, system)` triples.
pub fn evaluate(pairs: &[(String, TmlDocument, TmlDocument)]) -> Report {
    let mut report = Report {
        overall: Counts::default(),
        files: Vec::new(),
        mistakes: Vec::new(),
        missing: Vec::new(),
    };
    for (name, gold, system) in pairs {
        let chars: Vec<char> = gold.text.chars().collect();
        let dct = gold.dct.as_ref().map(|d| d.value.clone());
        let mut c = Counts {
            gold: gold.timexes.len(),
            system: system.timexes.len(),
            ..Counts::default()
        };
        let mut used = vec![false; system.timexes.len()];
        let mistake = |kind, g: Option<&TimexAnnotation>, s: Option<&TimexAnnotation>| {
            let t = g.or(s).cloned();
            let (start, end) = t.as_ref().map(|t| (t.start, t.end)).unwrap_or((0, 0));
            Mistake {
                file: name.clone(),
                kind,
                gold: g.cloned(),
                system: s.cloned(),
                text: slice(&chars, start, end),
                context: context(&chars, start, end),
                dct: dct.clone(),
            }
        };
        for g in &gold.timexes {
            let best = system
                .timexes
                .iter()
                .enumerate()
                .filter(|(i, s)| !used[*i] && overlap(g, s) > 0)
                .max_by_key(|(i, s)| (overlap(g, s), std::cmp::Reverse(*i)));
            let Some((i, s)) = best else {
                report
                    .mistakes
                    .push(mistake(ErrorKind::Missed, Some(g), None));
                continue;
            };
            used[i] = true;
            c.relaxed += 1;
            if (s.start, s.end) == (g.start, g.end) {
                c.strict += 1;
            } else {
                report
                    .mistakes
                    .push(mistake(ErrorKind::Extent, Some(g), Some(s)));
            }
            if s.kind == g.kind {
                c.type_ok += 1;
            } else {
                report
                    .mistakes
                    .push(mistake(ErrorKind::Type, Some(g), Some(s)));
            }
            if s.value == g.value {
                c.value_ok += 1;
            } else {
                report
                    .mistakes
                    .push(mistake(ErrorKind::Value, Some(g), Some(s)));
            }
            if s.modifier == g.modifier {
                c.mod_ok += 1;
            }
        }
        for (i, s) in system.timexes.iter().enumerate() {
            if !used[i] {
                report
                    .mistakes
                    .push(mistake(ErrorKind::Spurious, None, Some(s)));
            }
        }
        report.overall.add(&c);
        report.files.push(FileScore {
            name: name.clone(),
            counts: c,
        });
    }
    report
}

impl Report {
    /// A human-readable table.
    pub fn to_text(&self, per_file: bool, errors: bool) -> String {
        let mut s = String::new();
        let row = |s: &mut String, name: &str, c: &Counts| {
            let _ = writeln!(
                s,
                "{name:<40} {:>5} {:>5}  {:.3} {:.3} {:.3}  {:.3} {:.3} {:.3}  {:.3} {:.3}",
                c.gold,
                c.system,
                c.strict_precision(),
                c.strict_recall(),
                c.strict_f1(),
                c.relaxed_precision(),
                c.relaxed_recall(),
                c.relaxed_f1(),
                c.type_f1(),
                c.value_f1()
            );
        };
        let _ = writeln!(
            s,
            "{:<40} {:>5} {:>5}  {:<17}  {:<17}  {:<5} {:<5}",
            "file", "gold", "sys", "strict P/R/F1", "relaxed P/R/F1", "type", "value"
        );
        if per_file {
            for f in &self.files {
                row(&mut s, &f.name, &f.counts);
            }
        }
        row(&mut s, "overall", &self.overall);
        let _ = writeln!(
            s,
            "attribute accuracy over relaxed matches: type {:.3}, value {:.3}, mod {:.3}",
            self.overall.type_accuracy(),
            self.overall.value_accuracy(),
            self.overall.mod_accuracy()
        );
        for m in &self.missing {
            let _ = writeln!(s, "missing system file: {m}");
        }
        if errors {
            for m in &self.mistakes {
                let show = |t: &Option<TimexAnnotation>| {
                    t.as_ref()
                        .map(|t| {
                            let mut v = format!("{} {}", t.kind, t.value);
                            if let Some(m) = &t.modifier {
                                v.push_str(&format!(" mod={m}"));
                            }
                            v
                        })
                        .unwrap_or_else(|| "-".into())
                };
                let sys_text = m.system.as_ref().map(|t| {
                    let g = m.gold.as_ref();
                    if g.is_some_and(|g| (g.start, g.end) != (t.start, t.end)) {
                        format!(" (system span {}..{})", t.start, t.end)
                    } else {
                        String::new()
                    }
                });
                let _ = writeln!(
                    s,
                    "{:<8} {}  gold: {}  system: {}{}  dct {}  | {}",
                    format!("{:?}", m.kind).to_lowercase(),
                    m.file,
                    show(&m.gold),
                    show(&m.system),
                    sys_text.unwrap_or_default(),
                    m.dct.as_deref().unwrap_or("-"),
                    m.context
                );
            }
        }
        s
    }
}
