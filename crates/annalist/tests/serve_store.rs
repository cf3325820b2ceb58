//! `annalist add` then `annalist serve --db`: the archive over HTTP, as a user runs it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn annalist() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annalist"))
}

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn http(addr: &str, request: &str) -> TestResult<(u16, serde_json::Value)> {
    let mut s = TcpStream::connect(addr)?;
    s.write_all(request.as_bytes())?;
    let mut raw = String::new();
    s.read_to_string(&mut raw)?;
    let status: u16 = raw[9..12].parse()?;
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    Ok((
        status,
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    ))
}

fn get(addr: &str, path: &str) -> TestResult<(u16, serde_json::Value)> {
    http(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn an_archive_is_served_read_and_written() -> TestResult {
    let dir = std::env::temp_dir().join(format!("annalist-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("archive.db");
    let status = annalist()
        .arg("add")
        .arg(repo("examples/articles"))
        .arg("--db")
        .arg(&db)
        .stderr(Stdio::null())
        .status()?;
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
            .spawn()?,
    );
    let mut lines = BufReader::new(server.0.stderr.take().ok_or("no stderr pipe")?).lines();
    let first = lines.next().ok_or("the server wrote nothing")??;
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_string();

    let (code, stats) = get(&addr, "/api/stats")?;
    assert_eq!(code, 200);
    assert_eq!(stats["documents"], 6);
    assert_eq!(stats["read_only"], false);
    // Each sample article has no URL, so each is its own source, listed by its path.
    let sources = stats["sources"].as_array().ok_or("no sources")?;
    assert_eq!(sources.len(), 6, "{sources:?}");
    // The first source that is not a string or is the one sought (where `any` would stop).
    let baku = sources
        .iter()
        .map(|s| s.as_str().ok_or("a source is not a string"))
        .find(|s| s.is_err() || s.is_ok_and(|s| s.ends_with("baku-1990.txt")))
        .transpose()?;
    assert!(baku.is_some(), "{sources:?}");

    // 1453 and 1990 on one axis, in order, each entry with its source span.
    let (code, page) = get(&addr, "/api/timeline?limit=500")?;
    assert_eq!(code, 200);
    let entries = page["entries"].as_array().ok_or("no entries")?;
    let starts: Vec<i64> = entries
        .iter()
        .map(|e| e["start_s"].as_i64().ok_or("an entry without start_s"))
        .collect::<Result<_, _>>()?;
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "chronological");
    assert!(entries.iter().any(|e| e["value"] == "1453-05-29"));
    let src = &entries[0]["sources"][0];
    assert!(src["end"].as_u64() > src["start"].as_u64());

    // A one-month window.
    let (_, jan) = get(&addr, "/api/timeline?from=1990-01&to=1990-01")?;
    // The first value that is not a string or not in January (where `all` would stop).
    let outside = jan["entries"]
        .as_array()
        .ok_or("no entries")?
        .iter()
        .map(|e| e["value"].as_str().ok_or("an entry without a value"))
        .find(|v| v.is_err() || v.is_ok_and(|v| !v.starts_with("1990-01")))
        .transpose()?;
    assert!(outside.is_none());

    // Bad parameters are 400s that say what was wrong.
    let (code, err) = get(&addr, "/api/timeline?from=1990-13")?;
    assert_eq!(code, 400);
    assert!(
        err["error"]
            .as_str()
            .ok_or("no error message")?
            .contains("1990-13"),
        "{err}"
    );

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
    assert_eq!(post("")?.0, 401);
    let (code, added) = post("Authorization: Bearer s3cret\r\n")?;
    assert_eq!(code, 200, "{added}");
    assert_eq!(added["added"].as_array().ok_or("nothing added")?.len(), 1);
    assert_eq!(get(&addr, "/api/stats")?.1["documents"], 7);

    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Stops the server even when an assertion fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
