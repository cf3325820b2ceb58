//! HTML pages: main content, title, author, canonical URL and the publication time.
//!
//! Parsing and main-content extraction are delegated to maintained crates (`dom_query` for
//! the DOM and selectors, `dom_smoothie`, a port of Mozilla's Readability, for dropping
//! navigation, ads, comments and related links). This module decides *which* metadata to
//! trust: JSON-LD `datePublished` (also inside `@graph`) first, then publication `<meta>`
//! tags, then `itemprop`/`<time datetime>` markup, and only then a visible dateline. A page
//! whose visible date disagrees with its meta date is dated by the meta, because bylines
//! often show the *updated* time.
//!
//! Before parsing, a cheap byte scan refuses absurdly nested markup, so a hostile page
//! cannot make the tree walkers recurse without bound.

use crate::dct::{Dct, NumericReading, parse_dct_reading};
use crate::document::DctSource;
use crate::error::ErrorKind;
use crate::extracted::Extracted;
use crate::locale::numeric_date_order;
use crate::text::apply_dateline;
use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

/// Meta tags (`property`, `name` or `itemprop`) naming the publication time, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
];

/// JSON-LD `@type`s that describe the article itself (rather than the site or a breadcrumb).
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "WebPage",
];

/// Reads an HTML page. `max_depth` bounds element nesting.
pub(crate) fn read_html(html: &str, max_depth: usize) -> Result<Extracted, ErrorKind> {
    let depth = nesting_depth(html, max_depth);
    if depth > max_depth {
        return Err(ErrorKind::TooDeep {
            depth,
            limit: max_depth,
        });
    }
    let dom = Dom::from(html);
    let mut out = Extracted::default();
    let ld = json_ld(&dom);
    out.title = ld
        .headline
        .clone()
        .or_else(|| meta(&dom, &["og:title", "twitter:title"]));
    out.url = first_attr(&dom, "link[rel=canonical]", "href")
        .or_else(|| meta(&dom, &["og:url"]))
        .or_else(|| ld.url.clone());
    out.author = ld
        .author
        .clone()
        .or_else(|| {
            meta(
                &dom,
                &["author", "article:author", "parsely-author", "dc.creator"],
            )
        })
        .filter(|a| !a.starts_with("http"))
        .or_else(|| {
            first_text(
                &dom,
                "[rel=author], [itemprop=author] [itemprop=name], .byline .author, .author-name",
            )
        })
        .or_else(|| {
            first_text(&dom, ".byline, .by-line").and_then(|b| crate::byline::byline_name(&b))
        });
    // `<html lang="en">` says less than `og:locale` `en_GB`: the first tag that tells the
    // order of day and month wins.
    let tags: Vec<String> = [
        first_attr(&dom, "html[lang]", "lang"),
        meta(&dom, &["og:locale", "language", "content-language"]),
        http_equiv(&dom, "content-language"),
        ld.language.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.locale = tags
        .iter()
        .find(|t| numeric_date_order(t).is_some())
        .or(tags.first())
        .cloned();
    find_date(&dom, &ld, &mut out);
    if out.title.is_none() {
        out.title = first_text(&dom, "h1").or_else(|| first_text(&dom, "title"));
    }
    out.text = main_text(dom, html);
    if out.text.trim().is_empty() {
        return Err(ErrorKind::NoText(" in the HTML body"));
    }
    if out.dct.is_none() {
        let text = std::mem::take(&mut out.text);
        apply_dateline(&mut out, &text);
        out.text = text;
    }
    Ok(out)
}

fn find_date(dom: &Dom, ld: &JsonLd, out: &mut Extracted) {
    if let Some(value) = &ld.date_published {
        match parse_dct_reading(value) {
            Ok(Some((dct, numeric))) => {
                out.dct = Some((dct, DctSource::JsonLd));
                out.dct_numeric = numeric;
                return;
            }
            _ => out
                .warnings
                .push(format!("JSON-LD datePublished {value:?} not understood")),
        }
    }
    for name in DATE_META {
        if let Some(value) = meta(dom, &[name])
            && let Some((dct, numeric)) = usable(&value, out)
        {
            out.dct = Some((dct, DctSource::HtmlMeta));
            out.dct_numeric = numeric;
            return;
        }
    }
    // Microdata and <time> markup: the first published-looking one.
    let selectors = [
        ("[itemprop=datePublished]", "datetime"),
        ("[itemprop=datePublished]", "content"),
        ("time[pubdate]", "datetime"),
        (
            "time.published, time.entry-date, .published time, .posted-on time, .entry-date time",
            "datetime",
        ),
        (
            "article time[datetime], header time[datetime], .byline time[datetime]",
            "datetime",
        ),
        ("time[datetime]", "datetime"),
    ];
    for (sel, attr) in selectors {
        if let Some(value) = first_attr(dom, sel, attr)
            && let Some((dct, numeric)) = usable(&value, out)
        {
            out.dct = Some((dct, DctSource::HtmlMeta));
            out.dct_numeric = numeric;
            return;
        }
    }
}

/// A markup date, or a warning when it is present but broken (pages lie; the next source is tried).
fn usable(value: &str, out: &mut Extracted) -> Option<(Dct, Option<NumericReading>)> {
    match parse_dct_reading(value) {
        Ok(Some(found)) => Some(found),
        Ok(None) => None,
        Err(e) => {
            out.warnings.push(format!("ignored {e}"));
            None
        }
    }
}

fn meta(dom: &Dom, names: &[&str]) -> Option<String> {
    for node in dom.select("meta[content]").nodes() {
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("itemprop"))
            .map(|k| k.to_ascii_lowercase());
        if let Some(key) = key
            && names.iter().any(|n| n.eq_ignore_ascii_case(&key))
            && let Some(v) = node.attr("content")
            && !v.trim().is_empty()
        {
            // Keep the order of `names` as preference, not document order.
            if names.len() == 1 || names[0].eq_ignore_ascii_case(&key) {
                return Some(v.trim().to_string());
            }
        }
    }
    if names.len() > 1 {
        return names.iter().find_map(|n| meta(dom, &[n]));
    }
    None
}

/// The content of `<meta http-equiv="NAME" content="…">`.
fn http_equiv(dom: &Dom, name: &str) -> Option<String> {
    dom.select("meta[http-equiv][content]")
        .nodes()
        .iter()
        .find_map(|n| {
            n.attr("http-equiv")
                .filter(|v| v.trim().eq_ignore_ascii_case(name))
                .and_then(|_| n.attr("content"))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        })
}

fn first_attr(dom: &Dom, selector: &str, attr: &str) -> Option<String> {
    dom.select(selector).nodes().iter().find_map(|n| {
        n.attr(attr)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

fn first_text(dom: &Dom, selector: &str) -> Option<String> {
    dom.select(selector)
        .nodes()
        .iter()
        .find_map(|n: &NodeRef<'_>| {
            let t = n.text();
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            (!t.is_empty()).then_some(t)
        })
}

/// What the JSON-LD blocks of a page say about the article.
#[derive(Debug, Default)]
struct JsonLd {
    date_published: Option<String>,
    /// `inLanguage`: a language tag, or an object with one.
    language: Option<String>,
    headline: Option<String>,
    url: Option<String>,
    author: Option<String>,
}

fn json_ld(dom: &Dom) -> JsonLd {
    let mut best: Option<(u8, JsonLd)> = None;
    for node in dom.select("script[type='application/ld+json']").nodes() {
        let raw = node.text();
        let raw = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        visit_ld(&value, 0, &mut best);
    }
    best.map(|(_, ld)| ld).unwrap_or_default()
}

/// Walks JSON-LD (objects, arrays, `@graph`) keeping the most article-like object with a date.
fn visit_ld(v: &Value, depth: usize, best: &mut Option<(u8, JsonLd)>) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(i, depth + 1, best)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                visit_ld(graph, depth + 1, best);
            }
            let types: Vec<&str> = match map.get("@type") {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let rank = types
                .iter()
                .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
                .min()
                .map_or(0, |p| if p + 1 == ARTICLE_TYPES.len() { 1 } else { 2 });
            let date = map.get("datePublished").or_else(|| map.get("dateCreated"));
            let date = date.and_then(Value::as_str).map(str::to_string);
            if rank == 0 && date.is_none() {
                return;
            }
            let score = rank * 2 + u8::from(date.is_some());
            if best.as_ref().is_some_and(|(s, _)| *s >= score) {
                return;
            }
            let url = match map.get("mainEntityOfPage") {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_string),
                _ => None,
            }
            .or_else(|| map.get("url").and_then(Value::as_str).map(str::to_string));
            let found = JsonLd {
                date_published: date,
                headline: map
                    .get("headline")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                url,
                author: ld_name(map.get("author")),
                language: match map.get("inLanguage") {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Object(o)) => o
                        .get("alternateName")
                        .or_else(|| o.get("name"))
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    _ => None,
                },
            };
            *best = Some((score, found));
        }
        _ => {}
    }
}

fn ld_name(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(|x| ld_name(Some(x))).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// Main content as text, paragraphs separated by blank lines. Falls back to the body
/// without navigation chrome when Readability finds no article.
fn main_text(dom: Dom, html: &str) -> String {
    // Menus, sidebars and forms are never the article, but on a short page Readability may
    // keep them ("Home | News" above the story): they go first.
    dom.select("nav, aside, form, iframe, noscript").remove();
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        char_threshold: 200,
        disable_json_ld: true,
        ..Config::default()
    };
    if let Ok(mut r) = Readability::with_document(dom, None, Some(cfg))
        && let Ok(article) = r.parse()
        && !article.text_content.trim().is_empty()
    {
        return article.text_content.to_string();
    }
    let fallback_dom = Dom::from(html);
    fallback_dom
        .select("script, style, noscript, nav, header, footer, aside, form, iframe")
        .remove();
    fallback_dom
        .select("body")
        .nodes()
        .first()
        .map(|b| b.formatted_text().to_string())
        .unwrap_or_default()
}

/// Element nesting depth of `html`, counted on the raw bytes (stops counting past `limit`).
///
/// Void elements, elements whose end tag is optional (`p`, `li`, `td`, …) and the contents of
/// comments, scripts and styles are not counted, so ordinary pages stay far below the limit.
pub(crate) fn nesting_depth(html: &str, limit: usize) -> usize {
    const NOT_NESTING: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"td",
        b"th",
        b"tr",
        b"dt",
        b"dd",
        b"option",
        b"!doctype",
        b"html",
        b"head",
        b"body",
        b"tbody",
        b"thead",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = b[name_start..name_start + name_len].to_ascii_lowercase();
        if !closing && (name == b"script" || name == b"style") {
            let end_tag: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            let rest = &b[i..];
            let lower_end = memchr::memmem::find_iter(rest, b"</").find(|&p| {
                rest[p..].len() >= end_tag.len()
                    && rest[p..p + end_tag.len()].eq_ignore_ascii_case(end_tag)
            });
            i = lower_end.map_or(b.len(), |e| i + e);
            continue;
        }
        if NOT_NESTING.contains(&name.as_slice()) {
            continue;
        }
        let tag_end = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e);
        let self_closing = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
            if max > limit {
                return max;
            }
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn a_bylines_name_is_the_author_when_nothing_else_names_one() {
        let html = "<html><body><article><h1>Toll rises</h1>\
            <p class=\"byline\">By A. Reporter · 6 December 2026</p>\
            <p>The death toll rose to 312 on Sunday, the agency said.</p></article></body></html>";
        let e = match read_html(html, 256) {
            Ok(e) => e,
            Err(e) => panic!("the page did not read: {e}"),
        };
        assert_eq!(e.author.as_deref(), Some("A. Reporter"));
        // The byline is not part of the text.
        assert!(!e.text.contains("Reporter"), "{}", e.text);
    }

    #[test]
    fn json_ld_graph_date_and_headline() -> Result<(), Box<dyn Error>> {
        let html = r#"<html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Daily"},
          {"@type":"NewsArticle","headline":"Bridge reopens","datePublished":"2025-03-14T09:05:00+04:00",
           "author":[{"@type":"Person","name":"Nino K."}]}]}
        </script></head><body><article><p>The bridge over the river reopened on Friday after repairs.</p></article></body></html>"#;
        let e = read_html(html, 256)?;
        let (dct, src) = e.dct.ok_or("no DCT found")?;
        assert_eq!(src, DctSource::JsonLd);
        assert_eq!(
            dct.to_rfc3339().ok_or("DCT has no UTC offset")?,
            "2025-03-14T09:05:00+04:00"
        );
        assert_eq!(e.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(e.author.as_deref(), Some("Nino K."));
        assert!(e.text.contains("bridge over the river"));
        Ok(())
    }

    #[test]
    fn the_declared_locale_comes_from_lang_og_locale_http_equiv_or_json_ld() -> Result<(), ErrorKind>
    {
        let body = "<body><article><p>The bridge over the river reopened on Friday after \
                    repairs.</p></article></body></html>";
        let locale = |head: &str| {
            let html = format!("{head}{body}");
            read_html(&html, 256).map(|e| e.locale)
        };
        assert_eq!(
            locale(r#"<html lang="en-GB"><head><meta property="og:locale" content="en_US">"#)?
                .as_deref(),
            Some("en-GB")
        );
        assert_eq!(
            locale(r#"<html><head><meta property="og:locale" content="en_IE">"#)?.as_deref(),
            Some("en_IE")
        );
        assert_eq!(
            locale(
                r#"<html><head><meta http-equiv="Content-Type" content="text/html">
                <meta http-equiv="Content-Language" content="en-AU">"#
            )?
            .as_deref(),
            Some("en-AU")
        );
        assert_eq!(
            locale(
                r#"<html><head><script type="application/ld+json">
                {"@type":"NewsArticle","datePublished":"2025-03-14","inLanguage":"en-NZ"}
                </script>"#
            )?
            .as_deref(),
            Some("en-NZ")
        );
        assert_eq!(locale("<html><head>")?, None);
        // A tag with a region wins over one without.
        assert_eq!(
            locale(r#"<html lang="en"><head><meta property="og:locale" content="en_GB">"#)?
                .as_deref(),
            Some("en_GB")
        );
        assert_eq!(locale(r#"<html lang="en"><head>"#)?.as_deref(), Some("en"));
        Ok(())
    }

    #[test]
    fn meta_beats_visible_date() -> Result<(), ErrorKind> {
        let html = r#"<html><head><meta property="article:published_time" content="2025-03-01T08:00:00Z">
        <title>T</title></head><body><p>Updated March 5, 2025</p><p>Rain fell for three days in the hills above the town.</p></body></html>"#;
        let e = read_html(html, 256)?;
        assert_eq!(
            e.dct.map(|d| d.0.to_iso_string()).as_deref(),
            Some("2025-03-01T08:00:00Z")
        );
        Ok(())
    }

    #[test]
    fn menus_sidebars_and_forms_are_not_the_article() -> Result<(), ErrorKind> {
        let html = "<html><body><nav>Home | News | Sport</nav><h1>Storm</h1>\
            <p>On Sunday the storm hit; 3 people died.</p>\
            <aside>Most read: 10 tips for summer</aside>\
            <form>Subscribe to our newsletter</form></body></html>";
        let e = read_html(html, 256)?;
        assert!(
            e.text.contains("On Sunday the storm hit; 3 people died."),
            "{}",
            e.text
        );
        for chrome in ["Home", "Most read", "Subscribe"] {
            assert!(!e.text.contains(chrome), "{chrome:?} in {:?}", e.text);
        }
        Ok(())
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<div>".repeat(5000);
        assert!(matches!(
            read_html(&deep, 512),
            Err(ErrorKind::TooDeep { .. })
        ));
        assert_eq!(
            nesting_depth("<div><p>a<p>b<br><img/></div><div></div>", 100),
            1
        );
        assert_eq!(
            nesting_depth("<script>if (a<b) {}</script><span><b>x</b></span>", 100),
            2
        );
    }
}
