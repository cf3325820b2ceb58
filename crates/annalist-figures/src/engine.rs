//! The driver: tokens are gathered sentence by sentence (all windows stay inside one
//! sentence), number phrases are read, filtered and attached, and figures come out.
//!
//! Memory is bounded by the longest sentence, capped at [`MAX_SENTENCE`] tokens, so a
//! 10 MB run-on text costs no more per byte than news prose.

use crate::attach::{Attached, Attacher, Source};
use crate::filter::{Exclusions, rejected, replaced_by_revision};
use crate::lexicon::{Class, Lexicon};
use crate::number::{NumPhrase, Read, read};
use crate::token::{Kind, Token, Tokenizer};
use crate::{Bound, Category, Figure, FigureOptions, Quantity};

/// Tokens after which a sentence is cut regardless of punctuation.
const MAX_SENTENCE: usize = 2048;

pub(crate) fn run(lex: &Lexicon, text: &str, opts: &FigureOptions) -> Vec<Figure> {
    let exclusions = Exclusions::new(&opts.exclude);
    let mut out = Vec::new();
    let mut buf: Vec<Token> = Vec::with_capacity(256);
    let mut lower = String::new();
    let mut numeric = false;
    // The category of the last casualty-like figure, for "put the figure at 10,000" in a
    // later sentence.
    let mut last = None;
    for mut tok in Tokenizer::with_separators(text, lex.settings.separators) {
        if !buf.is_empty() && (boundary(lex, &buf, &tok, text) || buf.len() >= MAX_SENTENCE) {
            if numeric {
                sentence(lex, &buf, text, &exclusions, &mut last, &mut out);
            }
            buf.clear();
            numeric = false;
        }
        if tok.kind == Kind::Num {
            numeric = true;
        } else {
            let t = tok.text(text);
            lower.clear();
            if t.is_ascii() {
                lower.push_str(t);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(t.chars().flat_map(crate::lexicon::fold_char));
            }
            tok.slot = lex.slot(&lower);
            if !numeric && tok.slot != u32::MAX && lex.starts_number(tok.slot) {
                numeric = true;
            }
        }
        buf.push(tok);
    }
    if numeric {
        sentence(lex, &buf, text, &exclusions, &mut last, &mut out);
    }
    out
}

/// Whether `next` starts a new sentence after `buf`.
fn boundary(lex: &Lexicon, buf: &[Token], next: &Token, text: &str) -> bool {
    if next.breaks_before >= 2 {
        return true;
    }
    // A closing quote after the stop ends the sentence too: `"…unsuccessful." Amid reports`.
    let quotes = buf
        .iter()
        .rev()
        .take(2)
        .take_while(|t| t.kind == Kind::Punct && is_closing_quote(t.text(text)))
        .count();
    let Some(last) = buf.len().checked_sub(quotes + 1).map(|k| &buf[k]) else {
        return false;
    };
    if last.kind != Kind::Punct || !next.space_before {
        return false;
    }
    let buf = &buf[..buf.len() - quotes];
    match last.text(text) {
        "!" | "?" => true,
        "." => {
            let starts_upper = next
                .text(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '`' | '\''));
            let n = buf.len();
            let abbreviation = n >= 2 && lex.is(buf, n - 2, Class::Abbrev);
            starts_upper && !abbreviation
        }
        _ => false,
    }
}

fn is_closing_quote(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "''")
}

fn sentence(
    lex: &Lexicon,
    toks: &[Token],
    text: &str,
    exclusions: &Exclusions,
    last: &mut Option<Category>,
    out: &mut Vec<Figure>,
) {
    let mut phrases: Vec<NumPhrase> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match read(lex, toks, i, text) {
            Read::Phrase(p) => {
                let next = p.end.max(i + 1);
                if !rejected(lex, toks, text, &p, exclusions) {
                    phrases.push(p);
                }
                i = next;
            }
            Read::Skip(j) => i = j.max(i + 1),
            Read::Nothing => i += 1,
        }
    }
    if phrases.is_empty() {
        return;
    }
    let attacher = Attacher { lex, toks, text };
    let mut attached: Vec<Attached> = Vec::with_capacity(phrases.len());
    let mut prev_end = 0;
    for p in &phrases {
        let a = if p.quantity == Quantity::Count {
            attacher.attach(p, prev_end)
        } else {
            Attached {
                category: Some((Category::Other, Source::Head)),
                counted: None,
                default: None,
                tail: p.end,
                reach: 0,
                unknown: false,
                bound: None,
                elided: false,
            }
        };
        prev_end = a.tail.max(p.end);
        attached.push(a);
    }
    inherit(&attacher, &phrases, &mut attached);
    refer_back(&attacher, &phrases, &mut attached, last);
    // "So far", "has": what the whole sentence says of its counts, in one pass.
    let (mut to_date, mut perfect, mut since, mut present_perfect) = (false, false, false, false);
    // "The town now has 8,000 residents", not "would have received": told of the time of
    // writing.
    let mut told_now = false;
    let (mut present, mut past) = (false, false);
    for k in 0..toks.len() {
        present |= attacher.starts(k, Class::Present);
        past |= attacher.starts(k, Class::Past);
        to_date |= attacher.starts(k, Class::ToDate);
        perfect |= attacher.starts(k, Class::Perfect);
        since |= attacher.starts(k, Class::Since);
        let present = attacher.starts(k, Class::PresentPerfect);
        present_perfect |= present;
        told_now |=
            present && !(k.saturating_sub(2)..k).any(|j| attacher.starts(j, Class::NotPresent));
    }
    // "More than 1,500 people have been detained since the protests began": up to now.
    to_date |= since && present_perfect;
    let mut previous_counted: Option<(usize, usize)> = None;
    for (p, a) in phrases.iter().zip(&attached) {
        let mut a = a.clone();
        if a.elided && a.counted.is_none() {
            a.counted = previous_counted;
        }
        // "captured 38 fighters and 12 villages": what only people undergo did not happen
        // to things.
        if let (Some((c, source)), Some(counted)) = (a.category, a.counted)
            && c.only_people()
            && attacher.counts_things(counted)
        {
            a.category = Some((Category::Other, source));
        }
        // "40 pilgrims were swept away": nor what only things undergo to people.
        if let (Some((c, source)), Some(counted)) = (a.category, a.counted)
            && c.only_things()
            && attacher.counts_people(counted)
        {
            a.category = Some((Category::Other, source));
        }
        // "freed 40 hostages": freeing people held captive is a release.
        if let (Some((Category::Rescued, source)), Some(counted)) = (a.category, a.counted)
            && attacher.counts_captives(counted)
        {
            a.category = Some((Category::Released, source));
        }
        // "5,000 troops fled across the border": troops on the move are not displaced.
        if let Some((Category::Displaced, source)) = a.category
            && a.default == Some(Category::Deployed)
        {
            a.category = Some((Category::Deployed, source));
        }
        let tense = Tense {
            to_date,
            perfect,
            told_now,
            present: present && !past,
        };
        if let Some(f) = figure(lex, toks, text, p, &a, tense) {
            if a.counted.is_some() {
                previous_counted = a.counted;
            }
            out.push(f);
        }
    }
}

/// "A cable put the figure at 10,000": the number restates the last figure talked about
/// (in this sentence or an earlier one) and takes its category. Updates `last`.
fn refer_back(
    attacher: &Attacher<'_>,
    phrases: &[NumPhrase],
    attached: &mut [Attached],
    last: &mut Option<Category>,
) {
    for (p, a) in phrases.iter().zip(attached.iter_mut()) {
        if p.quantity != Quantity::Count || a.unknown {
            continue;
        }
        if a.category.is_none()
            && let Some(c) = *last
            && attacher.after_reference(p.start)
        {
            a.category = Some((c, Source::Toll));
        }
        if let Some((c, _)) = a.category
            && c != Category::Other
        {
            *last = Some(c);
        }
    }
}

/// Carries categories through lists: forward from triggers before the first item,
/// backward from a verb after the last.
fn inherit(attacher: &Attacher<'_>, phrases: &[NumPhrase], attached: &mut [Attached]) {
    let n = phrases.len();
    for k in 1..n {
        let (prev, cur) = (&attached[k - 1], &attached[k]);
        if cur.category.is_some() || cur.unknown || phrases[k].quantity != Quantity::Count {
            continue;
        }
        // "…, including 10 children", "among them 15 journalists", "4,000 firefighters,
        // supported by 50 aircraft": the appositive refers back to the nearest figure,
        // however far, and shares what its words or its noun say happened.
        // So does a part of it: "2.3 million people have fled, 650,000 of them abroad".
        if attacher.after_apposition(phrases[k].start) || attacher.part_of_them(phrases[k].end) {
            let source = (0..k).rev().find_map(|j| {
                let ok = phrases[j].quantity == Quantity::Count && !attached[j].unknown;
                let said = attached[j].category.map(|(c, _)| c);
                said.or(attached[j].default).filter(|_| ok)
            });
            if let Some(c) = source {
                attached[k].category = Some((c, Source::Inherited));
                continue;
            }
        }
        // "The death toll from a week of floods rose to 218 on Sunday, the agency said, up
        // from 174 on Friday": the count an update or a revision replaced is the same count,
        // however far its toll phrase.
        if replaced_by_revision(attacher.lex, attacher.toks, attacher.text, &phrases[k])
            && let Some(j) = (0..k)
                .rev()
                .find(|&j| phrases[j].quantity == Quantity::Count && attached[j].category.is_some())
        {
            attached[k].category = attached[j].category.map(|(c, _)| (c, Source::Inherited));
            if attached[k].counted.is_none() {
                attached[k].counted = attached[j].counted;
            }
            continue;
        }
        let Some((c, src)) = prev.category else {
            continue;
        };
        // "... was swept away; 22 bodies have been recovered": the dead are the dead,
        // whatever happened to the count before them.
        if cur.default == Some(Category::Killed) && c != Category::Killed {
            continue;
        }
        // "116,000 people were moved out in 1986, and another 220,000 in later years": more of
        // the same, with nothing said of them but where or when.
        if cur.elided
            && c != Category::Other
            && phrases[k - 1].quantity == Quantity::Count
            && attacher.ends_clause_or_places(cur.tail)
        {
            attached[k].category = Some((c, Source::Inherited));
            continue;
        }
        if matches!(
            src,
            Source::Left | Source::Inherited | Source::Head | Source::Toll | Source::Right
        ) && phrases[k - 1].quantity == Quantity::Count
            && (attacher.only_connectors(prev.tail.max(prev.reach), phrases[k].start, false)
                || cur.counted.is_none()
                    && attacher.parallel_place(
                        prev.tail.max(prev.reach),
                        phrases[k].start,
                        phrases[k].end,
                    ))
        {
            attached[k].category = Some((c, Source::Inherited));
        }
    }
    for k in (0..n.saturating_sub(1)).rev() {
        let (cur, next) = (&attached[k], &attached[k + 1]);
        if cur.category.is_some() || cur.unknown || phrases[k].quantity != Quantity::Count {
            continue;
        }
        let Some((c, src)) = next.category else {
            continue;
        };
        let from_after = matches!(src, Source::Right)
            || (src == Source::Inherited && phrases[k + 1].quantity == Quantity::Count);
        // "several hundred to several thousand dead", "12 or 13 dead": two estimates of
        // one count share the head that follows the second.
        let alternative = src == Source::Head
            && phrases[k + 1].quantity == Quantity::Count
            && attached[k].counted.is_none()
            && attacher.alternative(cur.tail, phrases[k + 1].start);
        if alternative
            || (from_after && attacher.only_connectors(cur.tail, phrases[k + 1].start, true))
        {
            attached[k].category = Some((c, Source::Right));
        }
    }
}

/// What a sentence says of when its counts hold (see the fields of [`Figure`]).
#[derive(Clone, Copy)]
struct Tense {
    to_date: bool,
    perfect: bool,
    told_now: bool,
    present: bool,
}

fn figure(
    lex: &Lexicon,
    toks: &[Token],
    text: &str,
    p: &NumPhrase,
    a: &Attached,
    tense: Tense,
) -> Option<Figure> {
    let Tense {
        to_date,
        perfect,
        told_now,
        present,
    } = tense;
    if a.unknown {
        return None;
    }
    let category = match (a.category, a.default) {
        (Some((c, _)), _) => c,
        (None, Some(d)) => d,
        // "said one farmer", "One man told reporters": a single person or thing nothing is
        // said to have happened to is no figure.
        (None, None) if p.value == 1.0 && p.low.is_none() && p.quantity == Quantity::Count => {
            return None;
        }
        (None, None) if a.counted.is_some() => Category::Other,
        (None, None) => return None,
    };
    let counted = match (p.quantity, a.counted) {
        (Quantity::Money, _) => p.currency.clone().unwrap_or_default(),
        (Quantity::Percent, _) => String::new(),
        (Quantity::Count, Some((s, e))) => slice(toks, text, s, e).to_string(),
        (Quantity::Count, None) if category.counts_people() || category == Category::Other => {
            lex.settings.people.clone()
        }
        (Quantity::Count, None) if category == Category::Deployed => lex.settings.troops.clone(),
        (Quantity::Count, None) => String::new(),
    };
    let end_tok = a.tail.max(p.end);
    let first = toks.get(p.start)?;
    let last = toks.get(end_tok.checked_sub(1)?)?;
    let mut bound = a.bound.unwrap_or(p.bound);
    if p.low.is_some() && bound == Bound::Exact {
        bound = Bound::AtLeast;
    }
    let number_span = match (
        toks.get(p.core_start),
        p.core_end.checked_sub(1).and_then(|l| toks.get(l)),
    ) {
        (Some(a), Some(b)) if a.cs <= b.ce => (a.cs, b.ce),
        _ => (first.cs, last.ce),
    };
    Some(Figure {
        start: first.cs,
        end: last.ce,
        byte_start: first.bs,
        byte_end: last.be,
        number_span,
        text: text.get(first.bs..last.be).unwrap_or("").to_string(),
        value: p.value,
        low: p.low,
        high: p.high,
        bound,
        approx: p.vague || bound == Bound::Approx,
        vague: p
            .vague
            .then(|| slice(toks, text, p.core_start, p.core_end).to_string())
            .filter(|w| !w.is_empty()),
        replaced: replaced_by_revision(lex, toks, text, p),
        category,
        counted,
        quantity: p.quantity,
        to_date,
        perfect,
        told_now,
        present,
    })
}

fn slice<'t>(toks: &[Token], text: &'t str, s: usize, e: usize) -> &'t str {
    match (toks.get(s), e.checked_sub(1).and_then(|l| toks.get(l))) {
        (Some(a), Some(b)) if a.bs <= b.be => text.get(a.bs..b.be).unwrap_or(""),
        _ => "",
    }
}
