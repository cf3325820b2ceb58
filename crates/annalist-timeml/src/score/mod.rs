//! The TempEval-3 Task A scorer.
//!
//! Per file, gold and system TIMEX3s are paired one to one ([`matching`]): a pair is a
//! **relaxed** match (spans overlap) and, when the spans are identical, also a **strict** one.
//! Precision, recall and F1 follow for both, micro-averaged over all files ([`counts`]). For
//! `type` and `value` TempEval-3 reports an attribute F1, the share of relaxed matches whose
//! attribute is right times the relaxed F1, so a wrong value counts against a system even when
//! its extent is right. `mod` accuracy is kept for information.
//!
//! Numbers alone do not tell a tagger's author what to fix, so the scorer also lists every
//! mistake with the sentence it sits in ([`context`]).

mod context;
mod counts;
mod matching;
mod report;

pub use counts::{Counts, Prf, Scores};
pub use report::{ErrorKind, FileScore, Report, TimexError};

use crate::document::{TimexAnnotation, TmlDocument};

/// Scores system documents against gold ones: `(name, gold, system)` per file.
///
/// Offsets are compared as they are, so a system document should have the gold text (files
/// where it does not are listed in [`Report::text_mismatches`] and scored anyway).
pub fn evaluate<N: AsRef<str>>(pairs: &[(N, &TmlDocument, &TmlDocument)]) -> Report {
    let mut report = Report::default();
    let mut overall = Counts::default();
    for (name, gold, system) in pairs {
        let name = name.as_ref();
        let (counts, errors) = score_file(name, gold, system);
        overall += counts;
        report.errors.extend(errors);
        if gold.text != system.text {
            report.text_mismatches.push(name.to_string());
        }
        report.files.push(FileScore {
            name: name.to_string(),
            scores: counts.into(),
            missing: false,
        });
    }
    report.overall = overall.into();
    report
}

fn score_file(name: &str, gold: &TmlDocument, system: &TmlDocument) -> (Counts, Vec<TimexError>) {
    let pairs = matching::pair(&gold.timexes, &system.timexes);
    let mut counts = Counts {
        gold: gold.timexes.len(),
        system: system.timexes.len(),
        relaxed: pairs.len(),
        ..Counts::default()
    };
    let mut found: Vec<(&TimexAnnotation, Option<&TimexAnnotation>, Vec<ErrorKind>)> = Vec::new();
    let mut gold_paired = vec![false; gold.timexes.len()];
    let mut system_paired = vec![false; system.timexes.len()];
    for &(gi, si) in &pairs {
        let (g, s) = (&gold.timexes[gi], &system.timexes[si]);
        gold_paired[gi] = true;
        system_paired[si] = true;
        let mut wrong = Vec::new();
        if (g.start, g.end) == (s.start, s.end) {
            counts.strict += 1;
        } else {
            wrong.push(ErrorKind::Extent);
        }
        if g.kind == s.kind {
            counts.type_correct += 1;
        } else {
            wrong.push(ErrorKind::Type);
        }
        if g.value == s.value {
            counts.value_correct += 1;
        } else {
            wrong.push(ErrorKind::Value);
        }
        if g.modifier == s.modifier {
            counts.mod_correct += 1;
        }
        if !wrong.is_empty() {
            found.push((g, Some(s), wrong));
        }
    }
    for (g, _) in gold.timexes.iter().zip(&gold_paired).filter(|(_, p)| !**p) {
        found.push((g, None, vec![ErrorKind::Missed]));
    }

    let mut errors = Vec::new();
    if found.is_empty() && system_paired.iter().all(|&p| p) {
        return (counts, errors);
    }
    let dct = gold.dct.as_ref().map(|d| d.value.clone());
    let gold_chars: Vec<char> = gold.text.chars().collect();
    for (g, s, kinds) in found {
        for kind in kinds {
            errors.push(TimexError {
                file: name.to_string(),
                kind,
                gold_text: Some(context::slice(&gold_chars, g.start, g.end)),
                system_text: s.map(|s| context::slice(&gold_chars, s.start, s.end)),
                context: context::around(&gold_chars, g.start, g.end),
                gold: Some(g.clone()),
                system: s.cloned(),
                dct: dct.clone(),
            });
        }
    }
    let system_chars: Vec<char> = if system.text == gold.text {
        gold_chars
    } else {
        system.text.chars().collect()
    };
    for (s, _) in system
        .timexes
        .iter()
        .zip(&system_paired)
        .filter(|(_, p)| !**p)
    {
        errors.push(TimexError {
            file: name.to_string(),
            kind: ErrorKind::Spurious,
            gold: None,
            system: Some(s.clone()),
            gold_text: None,
            system_text: Some(context::slice(&system_chars, s.start, s.end)),
            context: context::around(&system_chars, s.start, s.end),
            dct: dct.clone(),
        });
    }
    errors.sort_by_key(|e| (e.position(), e.kind));
    (counts, errors)
}
