//! `annalist add` then `annalist serve --db`: the archive over HTTP, as a user runs it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn annalist() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annalist"))
}

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn http(addr: &str, request: &str) -> (u16, serde_json::Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status: u16 = raw[9..12].parse().unwrap();
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (
        status,
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    )
}

fn get(addr: &str, path: &str) -> (u16, serde_json::Value) {
    http(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn an_archive_is_served_read_and_written() {
    let dir = std::env::temp_dir().join(format!("annalist-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("archive.db");
    let status = annalist()
        .arg("add")
        .arg(repo("examples/articles"))
        .arg("--db")
        .arg(&db)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());

    let mut server = KillOnDrop(
        annalist()
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--token",
                "s3cret",
                "--db",
            ])
            .arg(&db)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(server.0.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_string();

    let (code, stats) = get(&addr, "/api/stats");
    assert_eq!(code, 200);
    assert_eq!(stats["documents"], 6);
    assert_eq!(stats["read_only"], false);
    // Each sample article has no URL, so each is its own source, listed by its path.
    let sources = stats["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 6, "{sources:?}");
    assert!(
        sources
            .iter()
            .any(|s| s.as_str().unwrap().ends_with("baku-1990.txt")),
        "{sources:?}"
    );

    // 1453 and 1990 on one axis, in order, each entry with its source span.
    let (code, page) = get(&addr, "/api/timeline?limit=500");
    assert_eq!(code, 200);
    let entries = page["entries"].as_array().unwrap();
    let starts: Vec<i64> = entries
        .iter()
        .map(|e| e["start_s"].as_i64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "chronological");
    assert!(entries.iter().any(|e| e["value"] == "1453-05-29"));
    let src = &entries[0]["sources"][0];
    assert!(src["end"].as_u64() > src["start"].as_u64());

    // A one-month window.
    let (_, jan) = get(&addr, "/api/timeline?from=1990-01&to=1990-01");
    assert!(
        jan["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["value"].as_str().unwrap().starts_with("1990-01"))
    );

    // Bad parameters are 400s that say what was wrong.
    let (code, err) = get(&addr, "/api/timeline?from=1990-13");
    assert_eq!(code, 400);
    assert!(err["error"].as_str().unwrap().contains("1990-13"), "{err}");

    // Writes need the token.
    let body = "Date: 2025-03-14\n\nOn March 3, 1988 a curfew was announced.";
    let post = |auth: &str| {
        http(
            &addr,
            &format!(
                "POST /api/documents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{auth}Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ),
        )
    };
    assert_eq!(post("").0, 401);
    let (code, added) = post("Authorization: Bearer s3cret\r\n");
    assert_eq!(code, 200, "{added}");
    assert_eq!(added["added"].as_array().unwrap().len(), 1);
    assert_eq!(get(&addr, "/api/stats").1["documents"], 7);

    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Stops the server even when an assertion fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
