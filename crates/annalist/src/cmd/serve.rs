//! `annalist serve`: the archive over HTTP, as a JSON API and a web page.
//!
//! It serves the archive (`--db`, `ANNALIST_DB`, or `./annalist.db`, built by `annalist add`),
//! or, with `--from`, articles read and extracted in memory at start-up, so the page can be
//! tried on sample data without building an archive.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use annalist_server::{MemoryBackend, ServerConfig};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Articles to serve (files, folders, JSONL), read and extracted in memory at start-up,
    /// instead of an archive.
    #[arg(long = "from", value_name = "PATH", num_args = 1.., conflicts_with = "db")]
    from: Vec<PathBuf>,
    /// The archive to serve (default: $ANNALIST_DB, else ./annalist.db).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address to listen on (loopback by default; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Token that POST/DELETE must send as `Authorization: Bearer TOKEN` (or set
    /// ANNALIST_TOKEN). Without one the server is read-only.
    #[arg(long)]
    token: Option<String>,
    /// Allow this origin (e.g. `https://example.org`) to call the API from its pages.
    #[arg(long, value_name = "ORIGIN")]
    cors: Option<String>,
    /// Largest request body, in MB.
    #[arg(long, default_value_t = 10)]
    body_limit_mb: usize,
    /// Seconds a request may take before it is answered 408.
    #[arg(long, default_value_t = 30)]
    timeout_secs: u64,
    #[command(flatten)]
    tagging: super::pack::TaggerArgs,
}

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let token = args
        .token
        .or_else(|| std::env::var("ANNALIST_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let config = ServerConfig {
        addr: args.addr,
        token,
        cors: args.cors,
        body_limit: args.body_limit_mb.saturating_mul(1 << 20),
        timeout: Duration::from_secs(args.timeout_secs.max(1)),
        ..ServerConfig::default()
    };
    let taggers = args.tagging.taggers()?;
    let backend: Arc<dyn annalist_server::Backend> = if args.from.is_empty() {
        let path = annalist_store::resolve_path(args.db.as_deref());
        Arc::new(
            crate::store_backend::StoreBackend::open(path.clone(), taggers).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e} (build an archive with `annalist add PATH…`, or serve articles directly with --from PATH…)",
                    path.display()
                )
            })?,
        )
    } else {
        let (backend, errors) = MemoryBackend::from_paths(&args.from, taggers);
        for e in &errors {
            eprintln!("annalist: skipped {e}");
        }
        Arc::new(backend)
    };
    let stats = backend
        .stats()
        .map_err(|e| anyhow::anyhow!("reading the archive: {e}"))?;
    let read_only = config.token.is_none();
    annalist_server::run(&config, backend, |addr| {
        eprintln!(
            "annalist: serving {} documents ({} events) at http://{addr}/{}",
            stats.documents,
            stats.events,
            if read_only {
                " (read-only: no --token)"
            } else {
                ""
            }
        );
        eprintln!("annalist: press Ctrl-C to stop");
    })?;
    eprintln!("annalist: stopped");
    Ok(())
}
