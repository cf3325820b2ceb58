//! The HTTP API, tested against a real server on a loopback port.

mod common;

use std::sync::Arc;
use std::time::Duration;

use annalist_server::api::{
    AddResult, Conflicts, DocumentView, SearchResults, Stats, TimelinePage,
};
use annalist_server::{
    Backend, BackendError, DateRange, MemoryBackend, ServerConfig, TimelineFilter,
};
use common::{enc, get, request, start, start_with};
use serde_json::Value;

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn timeline(addr: std::net::SocketAddr, query: &str) -> TestResult<TimelinePage> {
    let res = get(addr, &format!("/api/timeline?{query}"))?;
    assert_eq!(res.status, 200, "{}", res.text());
    Ok(serde_json::from_slice(&res.body)?)
}

fn injection_id(addr: std::net::SocketAddr) -> TestResult<String> {
    let page = timeline(addr, "q=arrested")?;
    Ok(page.entries[0].sources[0].doc_id.clone())
}

#[test]
fn the_timeline_is_chronological_across_eras_and_keeps_granularity() -> TestResult {
    let server = start(ServerConfig::default())?;
    let page = timeline(server.addr(), "limit=1000")?;
    assert_eq!(page.total, page.entries.len());
    assert!(page.next_cursor.is_none());
    let starts: Vec<i64> = page
        .entries
        .iter()
        .map(|e| e.start_s.ok_or("an entry without start_s"))
        .collect::<Result<_, _>>()?;
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    // 44 BC comes first, as astronomical year -43, and is a year long (not a leap year).
    let first = &page.entries[0];
    assert_eq!(first.value, "BC0044");
    assert_eq!(first.start.as_deref(), Some("-000043-01-01"));
    assert_eq!(first.granularity.as_deref(), Some("year"));
    assert_eq!(
        first.end_s.ok_or("no end_s")? - first.start_s.ok_or("no start_s")?,
        365 * 86_400
    );
    // A day is a day long; a time of day is a minute.
    let siege = page
        .entries
        .iter()
        .find(|e| e.value == "1453-04-06")
        .ok_or("no entry for 1453-04-06")?;
    assert_eq!(siege.granularity.as_deref(), Some("day"));
    assert_eq!(
        siege.end_s.ok_or("no end_s")? - siege.start_s.ok_or("no start_s")?,
        86_400
    );
    let armistice = page
        .entries
        .iter()
        .find(|e| e.value == "1918-11-11T05:10")
        .ok_or("no entry for 1918-11-11T05:10")?;
    assert_eq!(armistice.granularity.as_deref(), Some("minute"));
    // Every source points at the sentence it came from.
    let source = &armistice.sources[0];
    assert_eq!(
        source.url.as_deref(),
        Some("https://www.archive.example.com/armistice-centenary")
    );
    let doc: DocumentView = serde_json::from_slice(
        &get(server.addr(), &format!("/api/documents/{}", source.doc_id))?.body,
    )?;
    let sentence: String = doc
        .text
        .chars()
        .skip(source.start)
        .take(source.end - source.start)
        .collect();
    assert_eq!(
        sentence,
        "The armistice was signed in a railway carriage near Compiègne at 5:10 a.m. on November 11, 1918."
    );
    Ok(())
}

#[test]
fn filters_narrow_the_timeline() -> TestResult {
    let server = start(ServerConfig::default())?;
    let all = timeline(server.addr(), "limit=1000")?.total;

    let y1990 = timeline(server.addr(), "from=1990&to=1990")?;
    assert!(y1990.total > 0 && y1990.total < all);
    for e in &y1990.entries {
        // 1990 itself, or a longer period that contains it ("a century ago": the 1900s).
        let coarse = matches!(e.granularity.as_deref(), Some("century" | "decade"));
        // Or a range over it ("between 1985 and 1991": `1985/1991`).
        let range = e
            .value
            .split_once('/')
            .is_some_and(|(a, b)| a.get(..4) <= Some("1990") && b.get(..4) >= Some("1990"));
        assert!(
            e.value.starts_with("1990") || coarse || range,
            "{}",
            e.value
        );
    }
    // A range is found anywhere inside it, not only at its start.
    let y1988 = timeline(server.addr(), "from=1988&to=1988&q=reshaped")?;
    assert_eq!(y1988.total, 1);
    assert_eq!(y1988.entries[0].value, "1985/1991");

    // Periods longer than a year that contain 1990 are in its window too.
    assert!(
        y1990
            .entries
            .iter()
            .any(|e| e.value == "19" && e.granularity.as_deref() == Some("century"))
    );

    let baku = timeline(server.addr(), "q=BAKU")?;
    assert!(baku.total >= 2);
    for e in &baku.entries {
        let title = e.sources[0].title.clone().unwrap_or_default();
        assert!(
            (e.description.clone() + &title)
                .to_lowercase()
                .contains("baku"),
            "{e:?}"
        );
    }

    let killed = timeline(server.addr(), "category=killed")?;
    let values: Vec<f64> = killed
        .entries
        .iter()
        .flat_map(|e| {
            e.figures
                .iter()
                .filter(|f| f.category == "killed")
                .map(|f| f.value)
        })
        .collect();
    assert_eq!(values, [147.0, 131.0]);

    let one_source = timeline(server.addr(), "source=news.example.net")?;
    assert!(one_source.total > 0);
    for e in &one_source.entries {
        assert!(
            e.sources
                .iter()
                .any(|s| s.url.as_deref().unwrap_or("").contains("news.example.net"))
        );
    }

    // 44 BC can be asked for in both spellings.
    assert_eq!(
        timeline(server.addr(), "from=44%20BCE&to=44%20BCE")?.total,
        2
    );
    assert_eq!(timeline(server.addr(), "from=-0043&to=-0043")?.total, 2);
    Ok(())
}

#[test]
fn pages_follow_their_cursor_to_the_end() -> TestResult {
    let server = start(ServerConfig::default())?;
    let all = timeline(server.addr(), "limit=1000")?;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = match &cursor {
            Some(c) => format!("limit=4&cursor={}", enc(c)),
            None => "limit=4".to_string(),
        };
        let page = timeline(server.addr(), &q)?;
        assert!(page.entries.len() <= 4);
        seen.extend(page.entries.into_iter().map(|e| e.id));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let expected: Vec<String> = all.entries.into_iter().map(|e| e.id).collect();
    assert_eq!(seen, expected);
    Ok(())
}

#[test]
fn malformed_parameters_are_400_with_the_reason() -> TestResult {
    let server = start(ServerConfig::default())?;
    for (target, says) in [
        ("/api/timeline?from=yesterday", "from: date \"yesterday\""),
        ("/api/timeline?to=1990-02-30", "not a valid date"),
        ("/api/timeline?from=1991&to=1990", "from must be before to"),
        ("/api/timeline?limit=0", "limit must be"),
        ("/api/timeline?limit=lots", "limit must be"),
        (
            "/api/timeline?limit=99999999999999999999999",
            "limit must be",
        ),
        ("/api/timeline?category=bored", "category must be one of"),
        ("/api/timeline?cursor=zz", "cursor"),
        ("/api/search", "q is required"),
        ("/api/search?q=%2B%2B%2B", "at least one letter"),
        ("/api/conflicts?from=1990-1", "two digits"),
        ("/api/documents/..%2F..%2Fetc%2Fpasswd", "document id"),
        ("/api/documents/%3Cscript%3E", "document id"),
    ] {
        let res = get(server.addr(), target)?;
        assert_eq!(res.status, 400, "{target}: {}", res.text());
        let error = res.error();
        assert!(error.contains(says), "{target}: {error}");
    }
    Ok(())
}

#[test]
fn unknown_paths_and_methods_are_json_under_api_and_404_elsewhere() -> TestResult {
    let server = start(ServerConfig::default())?;
    let res = get(server.addr(), "/api/nothing/here")?;
    assert_eq!(res.status, 404);
    assert_eq!(res.error(), "no such API endpoint");
    let res = get(server.addr(), "/api/documents/0123456789abcdef")?;
    assert_eq!(res.status, 404);
    assert!(res.error().contains("no document"));
    let res = request(server.addr(), "PUT", "/api/timeline", &[], b"x")?;
    assert_eq!(res.status, 405);
    assert!(res.error().contains("method"));
    // No file system behind the page: traversal and listings find nothing.
    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/",
        "/src/",
        "/app.js/../Cargo.toml",
        "/index.html",
    ] {
        let res = get(server.addr(), target)?;
        assert_eq!(res.status, 404, "{target}");
        assert!(!res.text().contains("root:"), "{target}");
    }
    Ok(())
}

#[test]
fn the_page_and_its_files_carry_strict_headers() -> TestResult {
    let server = start(ServerConfig::default())?;
    let page = get(server.addr(), "/")?;
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .ok_or("no content-type")?
            .starts_with("text/html")
    );
    let csp = page
        .header("content-security-policy")
        .ok_or("no content-security-policy")?;
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    // The HTML has no inline script: every script element loads our file.
    let html = page.text();
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script src=\"/app.js\" defer></script>"));
    let js = get(server.addr(), "/app.js")?;
    assert!(
        js.header("content-type")
            .ok_or("no content-type")?
            .starts_with("text/javascript")
    );
    // The script never turns data into markup.
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.text().contains(sink), "app.js uses {sink}");
    }
    assert_eq!(get(server.addr(), "/style.css")?.status, 200);
    let api = get(server.addr(), "/api/stats")?;
    assert!(api.header("content-security-policy").is_some());
    Ok(())
}

#[test]
fn injection_payloads_come_back_as_data() -> TestResult {
    let server = start(ServerConfig::default())?;
    let id = injection_id(server.addr())?;
    let res = get(server.addr(), &format!("/api/documents/{id}"))?;
    assert_eq!(res.status, 200);
    assert!(
        res.header("content-type")
            .ok_or("no content-type")?
            .starts_with("application/json")
    );
    let doc: DocumentView = serde_json::from_slice(&res.body)?;
    assert_eq!(
        doc.title.as_deref(),
        Some(
            "<script>window.__pwned = \"title\";</script>\"><img src=x onerror=\"window.__pwned=1\">"
        )
    );
    assert!(doc.text.contains("<script>window.__pwned=3</script>"));
    assert!(doc.text.contains("<svg onload=\"window.__pwned=4\">"));
    // Search snippets are structured parts, never markup.
    let res = get(server.addr(), "/api/search?q=onerror")?;
    let hits: SearchResults = serde_json::from_slice(&res.body)?;
    assert_eq!(hits.total, 1);
    let joined: String = hits.hits[0]
        .snippet
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        joined.starts_with("Breaking: \"><img src=x onerror="),
        "{joined}"
    );
    let marked: Vec<&str> = hits.hits[0]
        .snippet
        .iter()
        .filter(|p| p.highlight)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["onerror"]);
    Ok(())
}

#[test]
fn search_finds_sentences_with_the_dates_they_talk_about() -> TestResult {
    let server = start(ServerConfig::default())?;
    let res = get(server.addr(), "/api/search?q=Troops%20capital")?;
    let found: SearchResults = serde_json::from_slice(&res.body)?;
    assert_eq!(found.total, 1, "{found:?}");
    let hit = &found.hits[0];
    assert_eq!(hit.dates, ["1990-02"]);
    let marked: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|p| p.highlight)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["troops", "capital"]);
    // Dated by what it talks about: 1453 matches, 2023 (publication) does not.
    let res = get(server.addr(), "/api/search?q=walls&from=1453&to=1453")?;
    assert_eq!(serde_json::from_slice::<SearchResults>(&res.body)?.total, 1);
    let res = get(server.addr(), "/api/search?q=walls&from=2023&to=2023")?;
    assert_eq!(serde_json::from_slice::<SearchResults>(&res.body)?.total, 0);
    Ok(())
}

/// Each source's value in the first conflict, in order.
fn conflict_values(c: &Conflicts) -> Vec<f64> {
    c.conflicts[0]
        .figures
        .iter()
        .map(|f| f.figure.value)
        .collect()
}

/// The conflicts among `files` (name, text), read from a folder by the in-memory backend.
fn conflicts_of(tag: &str, files: &[(&str, &str)]) -> TestResult<Conflicts> {
    let dir = std::env::temp_dir().join(format!("annalist-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
    }
    let (backend, errors) = MemoryBackend::from_paths(
        std::slice::from_ref(&dir),
        annalist_extract::Taggers::english(),
    );
    std::fs::remove_dir_all(&dir)?;
    assert!(errors.is_empty(), "{errors:?}");
    Ok(backend.conflicts(&DateRange::default(), None)?)
}

#[test]
fn a_part_of_a_documents_count_and_a_source_revising_itself_are_not_conflicts() -> TestResult {
    let c = conflicts_of(
        "parts",
        &[
            (
                "a.txt",
                "Date: 2026-12-07\n\nAt least 74 people were killed on Saturday. Of the dead, \
                 31 were children.\n",
            ),
            (
                "b.txt",
                "Date: 2026-12-07\n\nAt least 81 people were killed on Saturday.\n",
            ),
            // One source giving two counts of the same thing for another day.
            (
                "c.txt",
                "Date: 2026-12-07\n\nTen people were injured on Friday, and later 12 people \
                 were injured on Friday.\n",
            ),
        ],
    )?;
    assert_eq!(c.conflicts.len(), 1, "{c:#?}");
    let values = conflict_values(&c);
    assert_eq!(values, [74.0, 81.0]);
    assert_eq!(c.conflicts[0].best, 74.0);
    Ok(())
}

#[test]
fn a_night_and_the_morning_after_it_are_compared_as_one_time() -> TestResult {
    // The in-memory archive groups as the store does (annalist_extract::compare).
    let c = conflicts_of(
        "night",
        &[
            (
                "a.txt",
                "Date: 2020-01-20\n\nOn the night of January 19-20, 1990, 147 civilians \
                 were killed.\n",
            ),
            (
                "b.txt",
                "Date: 2027-01-20\n\nBy the morning of January 20, 1990, at least 131 \
                 civilians had been killed.\n",
            ),
            (
                "c.txt",
                "Date: 2027-01-20\n\nOn January 23, 1990, 4 civilians were killed.\n",
            ),
        ],
    )?;
    assert_eq!(c.conflicts.len(), 1, "{c:#?}");
    assert_eq!(c.conflicts[0].date, "1990-01-19/1990-01-20");
    assert_eq!(conflict_values(&c), [131.0, 147.0]);
    assert!(c.conflicts[0].end_s > c.conflicts[0].start_s);
    Ok(())
}

#[test]
fn a_vague_count_shows_its_words_beside_its_coding() -> TestResult {
    let c = conflicts_of(
        "vague",
        &[
            (
                "a.txt",
                "Date: 2026-12-07\n\nDozens of homes were destroyed on Saturday.\n",
            ),
            (
                "b.txt",
                "Date: 2026-12-07\n\nAt least 40 homes were destroyed on Saturday.\n",
            ),
        ],
    )?;
    assert_eq!(c.conflicts.len(), 1, "{c:#?}");
    let figures: Vec<(f64, Option<&str>)> = c.conflicts[0]
        .figures
        .iter()
        .map(|f| (f.figure.value, f.figure.vague.as_deref()))
        .collect();
    assert_eq!(figures, [(12.0, Some("Dozens")), (40.0, None)]);
    // In JSON only when there are words to show.
    let json = serde_json::to_value(&c.conflicts[0].figures)?;
    assert_eq!(json[0]["figure"]["vague"], "Dozens");
    assert!(json[1]["figure"].get("vague").is_none());
    Ok(())
}

#[test]
fn a_count_a_revision_replaced_is_left_out_of_the_conflicts() -> TestResult {
    let c = conflicts_of(
        "revised",
        &[
            (
                "a.txt",
                "Date: 2026-12-07\n\nThe toll of Saturday's landslide was revised down to 74 \
                 from 81 people killed.\n",
            ),
            (
                "b.txt",
                "Date: 2026-12-07\n\nAt least 90 people were killed in Saturday's landslide.\n",
            ),
        ],
    )?;
    assert_eq!(c.conflicts.len(), 1, "{c:#?}");
    let values = conflict_values(&c);
    assert_eq!(values, [74.0, 90.0]);
    Ok(())
}

#[test]
fn conflicts_put_every_sources_figure_side_by_side() -> TestResult {
    let server = start(ServerConfig::default())?;
    let res = get(
        server.addr(),
        "/api/conflicts?from=1990-01&to=1990-01&category=killed",
    )?;
    assert_eq!(res.status, 200, "{}", res.text());
    let c: Conflicts = serde_json::from_slice(&res.body)?;
    assert_eq!(c.conflicts.len(), 1, "{c:?}");
    let day = &c.conflicts[0];
    assert_eq!(
        (day.date.as_str(), day.category.as_str()),
        ("1990-01-20", "killed")
    );
    let figures: Vec<(f64, &str, &str)> = day
        .figures
        .iter()
        .map(|f| {
            Ok((
                f.figure.value,
                f.figure.bound.as_str(),
                f.source.url.as_deref().ok_or("a figure without a URL")?,
            ))
        })
        .collect::<Result<_, &str>>()?;
    assert_eq!(
        figures,
        [
            (
                131.0,
                "exact",
                "https://news.example.net/baku-black-january"
            ),
            (147.0, "at_least", "https://daily.example.org/20-january"),
        ]
    );
    // The most conservative figure stated as exact or as a minimum.
    assert_eq!((day.low, day.best, day.high), (131.0, 131.0, 147.0));
    Ok(())
}

#[test]
fn without_a_token_the_server_is_read_only() -> TestResult {
    let server = start(ServerConfig::default())?;
    let stats: Stats = serde_json::from_slice(&get(server.addr(), "/api/stats")?.body)?;
    assert!(stats.read_only);
    let res = request(
        server.addr(),
        "POST",
        "/api/documents",
        &[("Authorization", "Bearer x")],
        b"Date: 2020-01-01\n\nHello.",
    )?;
    assert_eq!(res.status, 403);
    assert!(res.error().contains("read-only"));
    let id = injection_id(server.addr())?;
    let res = request(
        server.addr(),
        "DELETE",
        &format!("/api/documents/{id}"),
        &[],
        b"",
    )?;
    assert_eq!(res.status, 403);
    assert_eq!(
        get(server.addr(), &format!("/api/documents/{id}"))?.status,
        200
    );
    Ok(())
}

#[test]
fn writes_need_the_bearer_token() -> TestResult {
    let config = ServerConfig {
        token: Some("s3cret-token".into()),
        ..ServerConfig::default()
    };
    let server = start(config)?;
    let addr = server.addr();
    let article = b"Title: Troops again\nDate: 2020-02-03\nURL: https://third.example.com/a\n\nIn early February 1990 more than 20,000 troops remained in the capital.\n";
    for auth in [
        None,
        Some("Bearer wrong-token!"),
        Some("s3cret-token"),
        Some("Basic s3cret-token"),
    ] {
        let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", *a)).collect();
        let res = request(addr, "POST", "/api/documents", &headers, article)?;
        assert_eq!(res.status, 401, "{auth:?}");
        assert_eq!(res.header("www-authenticate"), Some("Bearer"));
        assert!(res.error().contains("Authorization: Bearer"));
    }
    let before = timeline(addr, "limit=1000")?.total;
    let good = [
        ("Authorization", "Bearer s3cret-token"),
        ("Content-Type", "text/plain"),
    ];
    let res = request(addr, "POST", "/api/documents", &good, article)?;
    assert_eq!(res.status, 200, "{}", res.text());
    let added: AddResult = serde_json::from_slice(&res.body)?;
    assert_eq!(added.added.len(), 1);
    // The same statement from a second source joins the existing entry.
    let after = timeline(addr, "limit=1000")?;
    assert_eq!(after.total, before);
    let troops = after
        .entries
        .iter()
        .find(|e| e.description.contains("20,000 troops"))
        .ok_or("no entry about 20,000 troops")?;
    let urls: Vec<&str> = troops
        .sources
        .iter()
        .map(|s| s.url.as_deref().ok_or("a source without a URL"))
        .collect::<Result<_, _>>()?;
    assert_eq!(
        urls,
        [
            "https://news.example.net/baku-black-january",
            "https://third.example.com/a"
        ]
    );
    // Adding it again stores nothing new.
    let again: AddResult =
        serde_json::from_slice(&request(addr, "POST", "/api/documents", &good, article)?.body)?;
    assert_eq!((again.added.len(), again.unchanged.len()), (0, 1));
    // A JSONL batch.
    let batch = b"{\"title\":\"One\",\"date\":\"2021-05-01\",\"text\":\"On April 30, 2021 the bridge reopened.\"}\n{\"title\":\"Two\",\"date\":\"2021-05-02\",\"text\":\"On May 1, 2021 crowds marched.\"}\n";
    let res = request(
        addr,
        "POST",
        "/api/documents",
        &[good[0], ("Content-Type", "application/x-ndjson")],
        batch,
    )?;
    let added: AddResult = serde_json::from_slice(&res.body)?;
    assert_eq!(added.added.len(), 2, "{added:?}");
    // Delete, then it is gone.
    let id = &added.added[0];
    let res = request(
        addr,
        "DELETE",
        &format!("/api/documents/{id}"),
        &[good[0]],
        b"",
    )?;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.json()["deleted"], Value::String(id.clone()));
    assert_eq!(get(addr, &format!("/api/documents/{id}"))?.status, 404);
    let res = request(
        addr,
        "DELETE",
        &format!("/api/documents/{id}"),
        &[good[0]],
        b"",
    )?;
    assert_eq!(res.status, 404);
    let empty = request(addr, "POST", "/api/documents", &good, b"")?;
    assert_eq!(empty.status, 400);
    assert!(empty.error().contains("empty"));
    Ok(())
}

#[test]
fn bodies_over_the_limit_are_413_json() -> TestResult {
    let config = ServerConfig {
        token: Some("t".into()),
        body_limit: 1024,
        ..ServerConfig::default()
    };
    let server = start(config)?;
    let big = vec![b'a'; 4096];
    let res = request(
        server.addr(),
        "POST",
        "/api/documents",
        &[("Authorization", "Bearer t")],
        &big,
    )?;
    assert_eq!(res.status, 413, "{}", res.text());
    assert!(res.error().contains("larger"));
    Ok(())
}

#[test]
fn cors_is_off_unless_an_origin_is_named() -> TestResult {
    let server = start(ServerConfig::default())?;
    let res = request(
        server.addr(),
        "GET",
        "/api/stats",
        &[("Origin", "https://evil.example")],
        b"",
    )?;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("access-control-allow-origin"), None);

    let server = start(ServerConfig {
        cors: Some("https://newsroom.example".into()),
        ..ServerConfig::default()
    })?;
    let res = request(
        server.addr(),
        "GET",
        "/api/stats",
        &[("Origin", "https://newsroom.example")],
        b"",
    )?;
    assert_eq!(
        res.header("access-control-allow-origin"),
        Some("https://newsroom.example")
    );
    let bad = ServerConfig {
        cors: Some("not an origin".into()),
        ..ServerConfig::default()
    };
    assert!(
        annalist_server::BackgroundServer::start(&bad, Arc::new(MemoryBackend::default())).is_err()
    );
    Ok(())
}

/// A backend that takes its time, to see the timeout answer.
struct Slow(MemoryBackend);

impl Backend for Slow {
    fn timeline(&self, f: &TimelineFilter) -> Result<TimelinePage, BackendError> {
        std::thread::sleep(Duration::from_millis(800));
        self.0.timeline(f)
    }
    fn search(&self, q: &str, r: &DateRange, n: usize) -> Result<SearchResults, BackendError> {
        self.0.search(q, r, n)
    }
    fn conflicts(&self, r: &DateRange, c: Option<&str>) -> Result<Conflicts, BackendError> {
        self.0.conflicts(r, c)
    }
    fn document(&self, id: &str) -> Result<DocumentView, BackendError> {
        self.0.document(id)
    }
    fn stats(&self) -> Result<Stats, BackendError> {
        Err(BackendError::Internal(
            "disk on fire at /secret/path".into(),
        ))
    }
    fn add(&self, name: &str, bytes: &[u8]) -> Result<AddResult, BackendError> {
        self.0.add(name, bytes)
    }
    fn delete(&self, id: &str) -> Result<(), BackendError> {
        self.0.delete(id)
    }
}

#[test]
fn slow_requests_time_out_and_internal_errors_stay_private() -> TestResult {
    let config = ServerConfig {
        timeout: Duration::from_millis(200),
        ..ServerConfig::default()
    };
    let server = start_with(config, Arc::new(Slow(MemoryBackend::default())))?;
    let res = get(server.addr(), "/api/timeline")?;
    assert_eq!(res.status, 408);
    assert!(res.error().contains("too long"));
    let res = get(server.addr(), "/api/stats")?;
    assert_eq!(res.status, 500);
    let error = res.error();
    assert!(!error.contains("/secret/path"), "{error}");
    Ok(())
}

#[test]
fn the_openapi_document_describes_every_endpoint() -> TestResult {
    let server = start(ServerConfig::default())?;
    let doc = get(server.addr(), "/api/openapi.json")?.json();
    assert!(
        doc["openapi"]
            .as_str()
            .ok_or("no openapi version")?
            .starts_with("3.")
    );
    for path in [
        "/api/timeline",
        "/api/search",
        "/api/conflicts",
        "/api/documents",
        "/api/documents/{id}",
        "/api/stats",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["paths"]["/api/documents"]["post"].is_object());
    assert!(doc["paths"]["/api/documents/{id}"]["delete"].is_object());
    let params: Vec<&str> = doc["paths"]["/api/timeline"]["get"]["parameters"]
        .as_array()
        .ok_or("no timeline parameters")?
        .iter()
        .map(|p| p["name"].as_str().ok_or("a parameter without a name"))
        .collect::<Result<_, _>>()?;
    assert_eq!(
        params,
        ["from", "to", "q", "category", "source", "limit", "cursor"]
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["TimelineEntry"].is_object());
    Ok(())
}

#[test]
fn stopping_finishes_and_frees_the_port() -> TestResult {
    let server = start(ServerConfig::default())?;
    let addr = server.addr();
    assert_eq!(get(addr, "/api/stats")?.status, 200);
    server.stop()?;
    assert!(std::net::TcpStream::connect(addr).is_err());
    Ok(())
}
