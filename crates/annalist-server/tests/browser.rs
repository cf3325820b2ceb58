//! The web page in a real browser: Debian's chromium, headless, driven by playwright-core
//! (tests/browser/page.test.mjs) against a server over the sample articles.
//!
//! Needs `node`, `/usr/bin/chromium` (or `CHROMIUM=path`) and `npm ci` run in
//! tests/browser. Without them the test is skipped with the reason, unless `CI=true`, where
//! it fails: CI must run it. Screenshots are kept in `<target>/tmp/annalist-browser/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use annalist_server::ServerConfig;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn missing_tools(dir: &Path, chromium: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        missing.push("node is not installed (apt-get install nodejs npm)".to_string());
    }
    if !chromium.exists() {
        missing.push(format!(
            "{} is missing (apt-get install chromium chromium-driver)",
            chromium.display()
        ));
    }
    if !dir
        .join("node_modules/playwright-core/package.json")
        .exists()
    {
        missing.push(format!(
            "playwright-core is not installed (cd {} && npm ci)",
            dir.display()
        ));
    }
    missing
}

#[test]
fn the_page_works_in_headless_chromium() -> TestResult {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = PathBuf::from(
        std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string()),
    );
    let missing = missing_tools(&dir, &chromium);
    if !missing.is_empty() {
        let reason = missing.join("; ");
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("browser test cannot run on CI: {reason}");
        }
        eprintln!("skipped the browser test: {reason}");
        return Ok(());
    }
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("annalist-browser");
    std::fs::create_dir_all(&out)?;
    let server = common::start(ServerConfig::default())?;
    let status = Command::new("node")
        .arg(dir.join("page.test.mjs"))
        .arg(format!("http://{}", server.addr()))
        .arg(&out)
        .env("CHROMIUM", &chromium)
        .current_dir(&dir)
        .status()?;
    assert!(
        status.success(),
        "the browser test failed (see its output above)"
    );
    for shot in ["page.png", "page-phone.png", "page-article.png"] {
        let size = std::fs::metadata(out.join(shot)).map_or(0, |m| m.len());
        assert!(size > 10_000, "{shot} is missing or empty");
    }
    eprintln!("screenshots in {}", out.display());
    Ok(())
}
