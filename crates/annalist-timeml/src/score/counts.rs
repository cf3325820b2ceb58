//! Counts and the figures derived from them.
//!
//! Counts are what gets summed across files (micro-averaging: every TIMEX3 weighs the same,
//! whichever file it is in); figures are always recomputed from summed counts, never averaged.

use std::ops::AddAssign;

use serde::Serialize;

/// Raw counts for one file or summed over many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold TIMEX3s.
    pub gold: usize,
    /// System TIMEX3s.
    pub system: usize,
    /// Gold–system pairs with identical spans.
    pub strict: usize,
    /// Gold–system pairs with overlapping spans (strict pairs included).
    pub relaxed: usize,
    /// Relaxed pairs whose `type` agrees.
    pub type_correct: usize,
    /// Relaxed pairs whose `value` agrees.
    pub value_correct: usize,
    /// Relaxed pairs whose `mod` agrees (both absent counts as agreeing).
    pub mod_correct: usize,
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_correct += o.type_correct;
        self.value_correct += o.value_correct;
        self.mod_correct += o.mod_correct;
    }
}

/// Precision, recall and their harmonic mean.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matches over system annotations.
    pub precision: f64,
    /// Matches over gold annotations.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    fn new(matches: usize, gold: usize, system: usize) -> Prf {
        let precision = ratio(matches, system);
        let recall = ratio(matches, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// `a / b`, with an empty denominator giving 1.0: nothing was asked, so nothing was wrong.
/// (A file with no gold and no system TIMEX3 scores 1.0; one with gold but no system
/// annotations still gets recall 0 and F1 0.)
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The TempEval-3 Task A figures of a [`Counts`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// The counts these figures come from.
    pub counts: Counts,
    /// Extent, identical spans.
    pub strict: Prf,
    /// Extent, overlapping spans.
    pub relaxed: Prf,
    /// Share of relaxed pairs with the right `type`.
    pub type_accuracy: f64,
    /// TempEval-3 "type F1": `type_accuracy × relaxed.f1`.
    pub type_f1: f64,
    /// Share of relaxed pairs with the right `value`.
    pub value_accuracy: f64,
    /// TempEval-3 "value F1": `value_accuracy × relaxed.f1`, which is the same number as the
    /// F1 of precision `value_correct / system` and recall `value_correct / gold`, i.e.
    /// `2 · value_correct / (gold + system)`.
    pub value_f1: f64,
    /// Share of relaxed pairs with the right `mod` (informational; TempEval-3 does not score it).
    pub mod_accuracy: f64,
}

impl From<Counts> for Scores {
    fn from(c: Counts) -> Scores {
        let strict = Prf::new(c.strict, c.gold, c.system);
        let relaxed = Prf::new(c.relaxed, c.gold, c.system);
        let type_accuracy = ratio(c.type_correct, c.relaxed);
        let value_accuracy = ratio(c.value_correct, c.relaxed);
        Scores {
            counts: c,
            strict,
            relaxed,
            type_accuracy,
            type_f1: type_accuracy * relaxed.f1,
            value_accuracy,
            value_f1: value_accuracy * relaxed.f1,
            mod_accuracy: ratio(c.mod_correct, c.relaxed),
        }
    }
}
