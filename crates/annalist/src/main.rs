//! The `annalist` command line: thin wiring over the library crates.

mod chunks;
mod cmd;

use clap::{Parser, Subcommand};

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
    /// The events of the given articles in chronological order: date, what, figures, source.
    Timeline(TimelineArgs),
    /// Tag TimeML files: read each .tml's DCT and text, write it with our TIMEX3 tags.
    Timeml(cmd::timeml::TimemlArgs),
    /// Score TimeML annotations against gold ones (TempEval-3 Task A).
    Eval(cmd::timeml::EvalArgs),
}

#[derive(clap::Args)]
struct TimelineArgs {
    #[command(flatten)]
    input: cmd::extract::ExtractArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: cmd::timeline_files::FileTimelineFormat,
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tag(args) => cmd::tag::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Timeml(args) => cmd::timeml::run(args),
        Command::Timeline(args) => cmd::extract::options(&args.input)
            .and_then(|opts| cmd::timeline_files::run(&args.input.paths, &opts, args.format)),
        Command::Eval(args) => cmd::timeml::eval(args),
    };
    if let Err(e) = result {
        eprintln!("annalist: {e:#}");
        std::process::exit(1);
    }
}
