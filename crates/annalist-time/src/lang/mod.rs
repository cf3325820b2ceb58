//! Built-in language packs, and the pipeline that runs a pack over a text.
//!
//! Each language lives in its own folder (`en/`), as two text files embedded in the binary:
//! `lexicon.txt` (words and what they contribute) and `rules.txt` (patterns, each with
//! examples that run as tests). Adding a language means adding a folder and one function
//! here; the engine does not change.

use std::sync::{Arc, OnceLock};

use crate::grammar::{self, ItemKind, StageIndex};
use crate::pack::LanguagePack;
use crate::resolve::{self, AnchorUsed, Context};
use crate::token::tokenize;
use crate::{Anchor, Style, Timex, tense};

/// A language pack with its rule index built.
#[derive(Debug)]
pub struct CompiledPack {
    pub(crate) pack: LanguagePack,
    index: Vec<StageIndex>,
}

impl std::fmt::Debug for StageIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StageIndex({})", self.stage)
    }
}

impl CompiledPack {
    pub(crate) fn new(pack: LanguagePack) -> CompiledPack {
        let index = grammar::build_index(&pack);
        CompiledPack { pack, index }
    }
}

/// English vocabulary.
pub const ENGLISH_LEXICON: &str = include_str!("en/lexicon.txt");
/// English grammar rules with their examples.
pub const ENGLISH_RULES: &str = include_str!("en/rules.txt");

/// Parses the English pack (the built-in one is parsed once and shared).
pub fn parse_english() -> Result<LanguagePack, crate::PackError> {
    LanguagePack::parse("en", ENGLISH_LEXICON, ENGLISH_RULES)
}

pub(crate) fn english() -> Arc<CompiledPack> {
    static PACK: OnceLock<Arc<CompiledPack>> = OnceLock::new();
    PACK.get_or_init(|| {
        // The embedded pack is checked by the test suite; failing here is a build defect,
        // not bad input.
        let pack = parse_english().unwrap_or_else(|e| panic!("built-in English pack: {e}"));
        Arc::new(CompiledPack::new(pack))
    })
    .clone()
}

/// Runs the pack over `text`.
pub(crate) fn tag(cp: &CompiledPack, text: &str, anchor: &Anchor) -> Vec<Timex> {
    let pack = &cp.pack;
    let tokens = tokenize(text);
    let mut items = grammar::items(pack, text, &tokens);
    for stage in &cp.index {
        items = grammar::run_stage(pack, stage, items);
    }
    let found: Vec<_> = items
        .into_iter()
        .filter_map(|it| match it.kind {
            ItemKind::Constituent {
                category,
                rule,
                frame,
            } if !pack.hidden[category as usize] => {
                Some((it.start, it.end, it.first_token, it.end_token, rule, frame))
            }
            _ => None,
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let dct = anchor.dct.map(|d| d.date());
    let narrative = match anchor.style {
        Style::News => false,
        Style::Narrative => true,
        Style::Auto => looks_narrative(dct, found.iter().filter_map(|f| f.5.year)),
    };
    let mut ctx = Context {
        dct,
        reference: None,
        day_reference: None,
        quarter_reference: None,
        narrative,
        recent_reference: false,
    };
    // Sentence of the last explicitly stated (absolute) date.
    let mut stated_in: Option<u32> = None;
    let sentences = tense::sentence_ids(text, &tokens);
    let mut out = Vec::with_capacity(found.len());
    let mut cursor = (0usize, 0usize); // (byte, char)
    let mut char_at = |byte: usize| -> usize {
        let (b, c) = cursor;
        let n = text[b..byte].chars().count();
        cursor = (byte, c + n);
        c + n
    };
    for (start, end, first_tok, end_tok, rule, frame) in found {
        let t = tense::tense_near(pack, text, &tokens, &sentences, first_tok, end_tok);
        let sentence = sentences.get(first_tok).copied().unwrap_or(0);
        ctx.recent_reference =
            stated_in.is_some_and(|s| sentence.saturating_sub(s) <= RECENT_SENTENCES);
        let Some(r) = resolve::resolve(&frame, t, &ctx) else {
            continue;
        };
        // Only dates stated or anchored on the DCT become the reference time: "a year
        // earlier" must not move the reference that the next "a year earlier" resolves from.
        let relative = frame.dir.is_some() || frame.rel.is_some() || frame.same.is_some();
        if r.anchor != AnchorUsed::Narrative || !relative {
            if let Some(reference) = resolve::as_reference(&r.value) {
                if reference.to_date().is_some() {
                    ctx.day_reference = Some(reference);
                }
                if matches!(reference.part, crate::value::DatePart::Quarter(_)) {
                    ctx.quarter_reference = Some(reference);
                }
                if r.anchor == AnchorUsed::None || (r.anchor == AnchorUsed::Narrative && !relative)
                {
                    stated_in = Some(sentence);
                }
                ctx.reference = Some(reference);
            }
        }
        let cstart = char_at(start);
        let cend = char_at(end);
        out.push(Timex {
            start: cstart,
            end: cend,
            byte_start: start,
            byte_end: end,
            text: text[start..end].to_string(),
            kind: r.kind,
            interval: match r.kind {
                crate::TimexType::Date | crate::TimexType::Time => r.value.interval(),
                _ => None,
            },
            value: r.value,
            modifier: r.modifier,
            quant: r.quant,
            freq: r.freq,
            anchor: r.anchor,
            rule: pack.rules[rule as usize].name.as_str().into(),
        });
    }
    out
}

/// How many sentences a stated date keeps supplying the year of partial dates after it.
const RECENT_SENTENCES: u32 = 0;

/// A document reads as a history narrative when at least 70% of (five or more) explicit years
/// lie more than a decade before its creation time (or it has no creation time at all).
fn looks_narrative(dct: Option<jiff::civil::Date>, years: impl Iterator<Item = i64>) -> bool {
    let Some(dct) = dct else { return true };
    let limit = i64::from(dct.year()) - 10;
    let (mut old, mut all) = (0, 0);
    for y in years {
        all += 1;
        if y < limit {
            old += 1;
        }
    }
    all >= 5 && old * 10 >= all * 7
}
