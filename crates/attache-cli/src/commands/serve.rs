//! `attache serve`: the JSON API and the web page over one event store (attache-server).

use super::Dictionaries;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The store to serve (created when missing); the page browses it and ingest adds to it.
    #[arg(long, default_value = "attache.db")]
    db: PathBuf,
    /// Where to listen: loopback by default, so only this machine can reach it (port 0
    /// picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// The largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = attache_server::Limits::default().max_body_bytes)]
    max_body_bytes: usize,
    /// The longest a request may take, in seconds, waiting included.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// Requests handled at once; more wait their turn.
    #[arg(long, default_value_t = attache_server::Limits::default().max_requests)]
    max_requests: usize,
    /// Analyses run at once (one per core by default).
    #[arg(long, default_value_t = attache_server::Limits::default().analyses)]
    analyses: usize,
    /// Megabytes of query answers kept in memory until the store changes (0: none).
    #[arg(long, value_name = "MB", default_value_t = attache_server::Limits::default().cache_bytes >> 20)]
    cache_mb: usize,
    #[command(flatten)]
    dictionaries: Dictionaries,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limits = attache_server::Limits {
        max_body_bytes: args.max_body_bytes,
        timeout: Duration::from_secs(args.timeout),
        max_requests: args.max_requests,
        analyses: args.analyses,
        cache_bytes: args.cache_mb << 20,
    };
    let pipeline = args.dictionaries.pipeline()?;
    let state = attache_server::AppState::new(std::sync::Arc::new(pipeline), args.db.clone(), limits)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let db = args.db.display().to_string();
    runtime.block_on(attache_server::serve(state, &args.addr, |addr| {
        eprintln!("attache: serving {db} on http://{addr}/ (the API: http://{addr}/api/openapi.json; Ctrl-C stops)");
    }))?;
    Ok(ExitCode::SUCCESS)
}
