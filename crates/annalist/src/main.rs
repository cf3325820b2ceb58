//! The `annalist` command line: thin wiring over the library crates.

mod chunks;
mod cmd;
mod store_backend;
mod xml;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: the server builds and drops many small strings
/// per request on several threads, where glibc's malloc spends more time than the queries.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn dated news articles into a sourced timeline.
#[derive(Parser)]
#[command(name = "annalist", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find and normalize the time expressions of one text (TimeML TIMEX3).
    Tag(cmd::tag::TagArgs),
    /// Read articles (text, HTML, JSON, JSONL, folders), find their publication date, tag
    /// them: one JSON line per document.
    Extract(cmd::extract::ExtractArgs),
    /// Run every example of a language pack folder (lexicon.txt, rules.txt, figures.txt).
    CheckPack(cmd::pack::CheckPackArgs),
    /// Tag TimeML files: read each .tml's DCT and text, write it with our TIMEX3 tags.
    Timeml(cmd::timeml::TimemlArgs),
    /// Score TimeML annotations against gold ones (TempEval-3 Task A).
    Eval(cmd::timeml::EvalArgs),
    /// Serve articles over HTTP: a JSON API and a web page that draws the timeline.
    Serve(cmd::serve::ServeArgs),
    /// Read, extract and store articles in the archive (idempotent, resumable).
    Add(cmd::add::AddArgs),
    /// The archive's events in chronological order, merged across sources.
    Timeline(cmd::timeline::TimelineArgs),
    /// Full-text search over the archive, with the dates each hit talks about.
    Search(cmd::search::SearchArgs),
    /// Dates and categories where sources give different figures: low / best / high.
    Conflicts(cmd::conflicts::ConflictsArgs),
    /// One stored document with its time expressions and figures marked.
    Show(cmd::show::ShowArgs),
    /// Write the archive out: json, jsonl, csv, timeml or timelinejs.
    Export(cmd::export::ExportArgs),
    /// Every event on this month and day, in any year (anniversaries).
    OnThisDay(cmd::on_this_day::OnThisDayArgs),
    /// What the archive holds: counts and the date range covered.
    Stats(cmd::stats::StatsArgs),
}

fn main() {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        restore_default_sigpipe();
    }
    let result = match cli.command {
        Command::Tag(args) => cmd::tag::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::CheckPack(args) => cmd::pack::check(args),
        Command::Timeml(args) => cmd::timeml::run(args),
        Command::Eval(args) => cmd::timeml::eval(args),
        Command::Add(args) => cmd::add::run(args),
        Command::Timeline(args) => cmd::timeline::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Conflicts(args) => cmd::conflicts::run(args),
        Command::Show(args) => cmd::show::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::OnThisDay(args) => cmd::on_this_day::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    };
    if let Err(e) = result {
        eprintln!("annalist: {e:#}");
        std::process::exit(1);
    }
}

/// `annalist search … | head` must end quietly when `head` closes the pipe, as command-line
/// tools do, instead of panicking on the failed write: let SIGPIPE end the process. (Rust
/// ignores SIGPIPE by default so that servers see EPIPE as an error; `serve` keeps that, so a
/// client hanging up never stops the server.)
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
