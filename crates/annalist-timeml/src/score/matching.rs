//! Pairing gold and system annotations one to one.
//!
//! Each pair of overlapping annotations is a candidate; candidates are taken largest overlap
//! first (an identical span winning a tie, then text order), and each annotation joins at most
//! one pair. Taking the largest overlap first, rather than the first overlap found, keeps a long
//! system span that covers two gold ones paired with the one it mostly is.

use crate::document::TimexAnnotation;

/// The `(gold index, system index)` pairs, in gold order.
pub(crate) fn pair(gold: &[TimexAnnotation], system: &[TimexAnnotation]) -> Vec<(usize, usize)> {
    let mut by_start: Vec<usize> = (0..system.len()).collect();
    by_start.sort_by_key(|&i| (system[i].start, system[i].end));
    // The furthest end among the first k system spans by start: walking back from the last
    // span starting before a gold end, nothing earlier can overlap once this falls short.
    let furthest_end: Vec<usize> = by_start
        .iter()
        .scan(0, |max, &i| {
            *max = system[i].end.max(*max);
            Some(*max)
        })
        .collect();

    // (overlap, exact, gold, system)
    let mut candidates: Vec<(usize, bool, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let upto = by_start.partition_point(|&i| system[i].start <= g.end);
        for k in (0..upto).rev() {
            if furthest_end[k] < g.start {
                break;
            }
            let s = &system[by_start[k]];
            if g.overlaps(s) {
                let exact = (g.start, g.end) == (s.start, s.end);
                candidates.push((g.overlap_len(s), exact, gi, by_start[k]));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut gold_taken = vec![false; gold.len()];
    let mut system_taken = vec![false; system.len()];
    let mut pairs = Vec::new();
    for (_, _, gi, si) in candidates {
        if !gold_taken[gi] && !system_taken[si] {
            gold_taken[gi] = true;
            system_taken[si] = true;
            pairs.push((gi, si));
        }
    }
    pairs.sort_unstable();
    pairs
}
