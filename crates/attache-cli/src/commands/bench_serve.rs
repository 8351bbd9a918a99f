//! `attache bench-serve`: `attache serve` under load on loopback. A 10,000-document store
//! is built (the news of CoNLL-2003 and GUM, repeated with new ids, as `bench-ingest`
//! does), the server runs in this process on its own threads, and a client with its own
//! thread keeps 1, 8 and 64 requests in flight: `/api/events` pages and filters, then
//! `/api/analyze` on a seed-sized article, whose throughput is set beside the library's on
//! the same article and cores (what `attache analyze` does).

use super::bench_ingest::{read_corpus, synthesise};
use anyhow::Context;
use attache::{BodyKind, Item, Pipeline, ReadOptions};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// The store to query; built from the corpus (with --documents documents) when it does
    /// not exist.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Documents in the store built.
    #[arg(long, default_value_t = 10_000)]
    documents: usize,
    /// JSON Lines corpora for the store ("id", "text", "date"?); by default the news of
    /// CoNLL-2003 (train, valid, test) and GUM from ../shared.
    #[arg(long)]
    corpus: Vec<PathBuf>,
    /// The article analysed: by default ../shared's seed article, else the bundled example.
    #[arg(long)]
    article: Option<PathBuf>,
    /// Seconds of load at each number of clients.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Numbers of requests kept in flight.
    #[arg(long, value_delimiter = ',', default_value = "1,8,64")]
    clients: Vec<usize>,
    /// The endpoints to load.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "events,analyze")]
    endpoints: Vec<Endpoint>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Endpoint {
    /// `/api/events`: pages and filters.
    Events,
    /// `/api/analyze` on the article, and the library on the same article.
    Analyze,
}

/// The event queries an analyst's page makes, taken in turn: pages, actors, dyads,
/// classes, dates, places, conflicts.
const EVENT_QUERIES: &[&str] = &[
    "/api/events",
    "/api/events?offset=5000",
    "/api/events?actor=USA",
    "/api/events?actor=RUS&with=USA",
    "/api/events?actor=Clinton",
    "/api/events?code=19",
    "/api/events?from=1996-08-01&to=1996-08-31",
    "/api/events?place=Moscow",
    "/api/events?conflicting=true",
    "/api/events?code=04&offset=100",
];

/// What one load run measured.
struct Load {
    requests: usize,
    errors: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Load {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index].as_secs_f64() * 1000.0
    }

    fn rate(&self) -> f64 {
        self.requests as f64 / self.seconds
    }
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// Keeps `clients` requests in flight for `duration`; request `i` is `make(i)`.
async fn load(
    client: &HttpClient,
    clients: usize,
    duration: Duration,
    make: Arc<dyn Fn(usize) -> hyper::Request<Full<Bytes>> + Send + Sync>,
) -> Load {
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..clients)
        .map(|worker| {
            let (client, make) = (client.clone(), make.clone());
            tokio::spawn(async move {
                let (mut latencies, mut errors, mut next) = (Vec::new(), 0, worker);
                while Instant::now() < deadline {
                    let request = make(next);
                    next += clients;
                    let sent = Instant::now();
                    let answered = match client.request(request).await {
                        Ok(response) => {
                            let ok = response.status().is_success();
                            response.into_body().collect().await.is_ok() && ok
                        }
                        Err(_) => false,
                    };
                    if answered {
                        latencies.push(sent.elapsed());
                    } else {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut all = Load { requests: 0, errors: 0, seconds: 0.0, latencies: Vec::new() };
    for worker in workers {
        let (latencies, errors) = worker.await.expect("a load worker failed");
        all.latencies.extend(latencies);
        all.errors += errors;
    }
    all.seconds = started.elapsed().as_secs_f64();
    all.requests = all.latencies.len();
    all.latencies.sort();
    all
}

fn print(what: &str, clients: usize, run: &Load) {
    println!(
        "{what:<14} clients={clients:<3} requests={:<6} requests_per_sec={:<8.1} p50_ms={:<7.2} p99_ms={:<7.2} errors={}",
        run.requests,
        run.rate(),
        run.percentile(0.50),
        run.percentile(0.99),
        run.errors
    );
}

/// The default corpus: CoNLL-2003's news (from its NER files) and GUM's.
fn default_corpus() -> anyhow::Result<Vec<serde_json::Value>> {
    let shared = Path::new("../shared/corpora");
    let mut records = Vec::new();
    for split in ["train", "valid", "test"] {
        let path = shared.join(format!("conll2003/{split}.txt"));
        let content = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {} (is ../shared beside the repository?)", path.display()))?;
        for record in attache_eval::news_corpus::conll2003_news(&content, split).map_err(anyhow::Error::msg)? {
            records.push(serde_json::to_value(record)?);
        }
    }
    records.extend(read_corpus(&shared.join("gum_news.jsonl"))?);
    Ok(records)
}

/// The store at `db`, built with `documents` documents of the corpus when missing.
fn prepare_store(args: &Args, db: &Path, pipeline: &Pipeline) -> anyhow::Result<()> {
    if db.exists() {
        return Ok(());
    }
    let records = if args.corpus.is_empty() {
        default_corpus()?
    } else {
        let mut records = Vec::new();
        for path in &args.corpus {
            records.extend(read_corpus(path)?);
        }
        records
    };
    let archive = db.with_extension("jsonl");
    synthesise(&records, args.documents, &archive)?;
    eprintln!("attache: building a {}-document store at {} …", args.documents, db.display());
    let started = Instant::now();
    let items = attache::read_inputs(&[archive.display().to_string()]);
    let summary = attache::ingest::ingest(
        pipeline,
        items,
        db,
        attache::ingest::Options::default(),
        |p| eprintln!("attache: {p}"),
        |_| {},
    )?;
    std::fs::remove_file(&archive).ok();
    eprintln!("attache: stored {} documents in {:.0} s", summary.stored, started.elapsed().as_secs_f64());
    Ok(())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pipeline = Arc::new(Pipeline::builtin());
    let folder = tempfile::tempdir().context("cannot create a temporary folder")?;
    let db = args.db.clone().unwrap_or_else(|| folder.path().join("store.db"));
    prepare_store(&args, &db, &pipeline)?;
    let article_path = args.article.clone().unwrap_or_else(|| {
        let seed = PathBuf::from("../shared/examples/seed-article.txt");
        if seed.exists() {
            seed
        } else {
            PathBuf::from("examples/ministers-meet.txt")
        }
    });
    let article = std::fs::read(&article_path).with_context(|| format!("cannot read {}", article_path.display()))?;

    println!(
        "attache serve under load: {} cores, store {} ({} documents), {} s a run",
        cores,
        db.display(),
        store_documents(&db)?,
        args.seconds
    );
    // The client: one thread, like a load generator beside the server.
    let client_runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let client: HttpClient = Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let duration = Duration::from_secs(args.seconds);
    let mut failed = false;
    // Event queries answered from memory (the server's default), then computed each time.
    let runs = [
        (Endpoint::Events, "/api/events", attache_server::Limits::default()),
        (Endpoint::Events, "/api/events*", attache_server::Limits { cache_bytes: 0, ..Default::default() }),
        (Endpoint::Analyze, "/api/analyze", attache_server::Limits::default()),
    ];
    for (endpoint, name, limits) in runs {
        if !args.endpoints.contains(&endpoint) {
            continue;
        }
        let server = Server::start(pipeline.clone(), &db, limits, cores)?;
        let make = match endpoint {
            Endpoint::Events => event_requests(&server.base),
            Endpoint::Analyze => analyze_requests(&server.base, &article),
        };
        client_runtime.block_on(async {
            // Warm-up: connections, caches, the store's pages.
            load(&client, 8, Duration::from_secs(1), make.clone()).await;
            for &clients in &args.clients {
                let run = load(&client, clients, duration, make.clone()).await;
                print(name, clients, &run);
                failed |= run.errors > 0;
            }
        });
        server.stop()?;
    }
    println!("(* computed for each request: the answer cache off)");
    if args.endpoints.contains(&Endpoint::Analyze) {
        library_rate(&pipeline, &article, duration, cores)?;
    }
    if failed {
        eprintln!("attache: some requests failed (errors= above)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Analyses the article through the library on all cores for `duration`, as `attache
/// analyze` does, and prints the documents per second.
fn library_rate(pipeline: &Pipeline, article: &[u8], duration: Duration, cores: usize) -> anyhow::Result<()> {
    let copies = 64;
    let started = Instant::now();
    let (mut analysed, mut rounds) = (0, 0);
    while started.elapsed() < duration || rounds == 0 {
        let read = ReadOptions::default();
        let items =
            (0..copies).flat_map(|i| attache::read_body("bench", &format!("copy{i}"), article, BodyKind::Text, read));
        let counted = pipeline.analyze_items(items, copies, |item| match item {
            Item::Document(_) => {
                analysed += 1;
                Ok(())
            }
            Item::Problem(problem) => Err(anyhow::anyhow!("{problem}")),
        });
        counted?;
        rounds += 1;
    }
    let rate = analysed as f64 / started.elapsed().as_secs_f64();
    println!("library        cores={cores:<3} documents={analysed:<6} documents_per_sec={rate:.1} (attache analyze on the same article)");
    Ok(())
}

type MakeRequest = Arc<dyn Fn(usize) -> hyper::Request<Full<Bytes>> + Send + Sync>;

/// The event queries in turn.
fn event_requests(base: &str) -> MakeRequest {
    let base = base.to_string();
    Arc::new(move |i| {
        hyper::Request::get(format!("{base}{}", EVENT_QUERIES[i % EVENT_QUERIES.len()]))
            .body(Full::new(Bytes::new()))
            .expect("a valid request")
    })
}

/// The article, again and again.
fn analyze_requests(base: &str, article: &[u8]) -> MakeRequest {
    let (url, body) = (format!("{base}/api/analyze"), Bytes::from(article.to_vec()));
    Arc::new(move |_| {
        hyper::Request::post(&url)
            .header("content-type", "text/plain")
            .body(Full::new(body.clone()))
            .expect("a valid request")
    })
}

/// `attache serve` on its own runtime and threads, on a free loopback port.
struct Server {
    base: String,
    runtime: tokio::runtime::Runtime,
    stop: tokio::sync::oneshot::Sender<()>,
    serving: tokio::task::JoinHandle<Result<(), attache_server::ServeError>>,
}

impl Server {
    fn start(
        pipeline: Arc<Pipeline>,
        db: &Path,
        limits: attache_server::Limits,
        cores: usize,
    ) -> anyhow::Result<Server> {
        let state = attache_server::AppState::new(pipeline, db.to_path_buf(), limits)?;
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(cores).enable_all().build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
        let base = format!("http://{}", listener.local_addr()?);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = runtime.spawn(attache_server::serve_until(listener, state, async {
            stopped.await.ok();
        }));
        Ok(Server { base, runtime, stop, serving })
    }

    fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        Ok(self.runtime.block_on(self.serving).context("the server failed")??)
    }
}

fn store_documents(db: &Path) -> anyhow::Result<i64> {
    Ok(attache::store::Store::open_read_only(db)?.stats()?.documents)
}
