//! `attache serve`: Attaché over HTTP, for programs and for people.
//!
//! - **The API** ([`api`]): analyse an article (`POST /api/analyze`), store documents
//!   (`POST /api/ingest`), and ask the event store what `attache query` asks — events,
//!   timelines, quotations, search, counts, one event, one document — as JSON, described
//!   by `GET /api/openapi.json`. Errors are JSON (`{"error": …}`) with their status.
//! - **The page** ([`web`]): a reader that highlights what an analysis found, and an
//!   archive browser with a timeline, a map and each event's accounts side by side. Its
//!   files are compiled into the binary, so it works with no network.
//!
//! The models load once, when the server starts, and every request shares them. Queries
//! run on read-only connections; documents are stored by one writer at a time. Bodies,
//! request time and requests in flight are bounded ([`Limits`]).

pub mod api;
mod cache;
mod error;
mod readers;
pub mod web;

pub use error::ApiError;

use attache::Pipeline;
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What a server may be asked to do at once, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub max_body_bytes: usize,
    /// How long a request may take, from arrival to answer (waiting included).
    pub timeout: Duration,
    /// Requests handled at once; more wait their turn (within `timeout`).
    pub max_requests: usize,
    /// Analyses run at once (one per core by default): more would only share the cores.
    pub analyses: usize,
    /// Bytes of query answers kept in memory until the store changes (0: none kept).
    pub cache_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Limits {
            max_body_bytes: 4 << 20,
            timeout: Duration::from_secs(60),
            max_requests: 256,
            analyses: cores,
            cache_bytes: 64 << 20,
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] attache::store::StoreError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source} (is another server using it? try another --addr)")]
    Bind { addr: String, source: std::io::Error },
    /// The server failed while running.
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// What every request shares: the models, the store, the limits.
pub struct AppState {
    pipeline: Arc<Pipeline>,
    db: PathBuf,
    readers: readers::Readers,
    /// Taken by each analysis, so that analyses never outnumber the cores.
    analyses: tokio::sync::Semaphore,
    /// Taken by each query: a few per core keep the cores busy, more only contend.
    queries: tokio::sync::Semaphore,
    cache: cache::ResponseCache,
    /// Held while documents are stored: one writer at a time.
    writer: tokio::sync::Mutex<()>,
    /// True when the store cannot be written (a read-only folder or file).
    read_only: bool,
    limits: Limits,
}

impl AppState {
    /// The state for a server of `pipeline` over the store at `db`, which is created when
    /// missing (and, in a folder that cannot be written, served for queries only).
    pub fn new(pipeline: Arc<Pipeline>, db: PathBuf, limits: Limits) -> Result<Arc<AppState>, ServeError> {
        let read_only = match attache::store::Store::open(&db) {
            Ok(_) => false,
            Err(err) if db.exists() && attache::store::Store::open_read_only(&db).is_ok() => {
                eprintln!("attache: {err}; serving it for queries only");
                true
            }
            Err(err) => return Err(err.into()),
        };
        Ok(Arc::new(AppState {
            pipeline,
            readers: readers::Readers::new(db.clone()),
            analyses: tokio::sync::Semaphore::new(limits.analyses.max(1)),
            queries: tokio::sync::Semaphore::new(2 * std::thread::available_parallelism().map_or(1, |n| n.get())),
            cache: cache::ResponseCache::new(&db, limits.cache_bytes),
            writer: tokio::sync::Mutex::new(()),
            read_only,
            limits,
            db,
        }))
    }
}

/// The API and the page, with the limits of `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let limits = state.limits;
    Router::new()
        .merge(api::routes(limits.max_body_bytes))
        .merge(web::routes())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), cached))
        .layer(tower::limit::ConcurrencyLimitLayer::new(limits.max_requests.max(1)))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            limits.timeout,
        ))
        // Outermost, so that the limits' own refusals are JSON too.
        .layer(axum::middleware::map_response(error::json_errors))
        .with_state(state)
}

/// Serves `state` on `addr` until interrupted (Ctrl-C or SIGTERM), finishing the requests
/// under way; `ready` is told the address bound (useful with port 0).
pub async fn serve(state: Arc<AppState>, addr: &str, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr: addr.to_string(), source })?;
    ready(listener.local_addr()?);
    serve_until(listener, state, shutdown()).await
}

/// Serves `state` on `listener` until `stop` completes, finishing the requests under way.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(listener, router(state)).with_graceful_shutdown(stop).await?;
    Ok(())
}

/// Answers a query from the cache when the store has not changed since it was answered,
/// and keeps the answers it computes. Only GET requests to the API are kept, and only
/// their successful JSON answers.
async fn cached(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    use axum::response::IntoResponse;
    let path = request.uri().path();
    if request.method() != axum::http::Method::GET || !path.starts_with("/api/") || path == "/api/export" {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    let version = state.cache.version();
    if let Some(body) = state.cache.get(&key, version) {
        return ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response();
    }
    let response = next.run(request).await;
    let is_json = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v == "application/json");
    if response.status() != axum::http::StatusCode::OK || !is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            state.cache.put(key, version, bytes.clone());
            axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
        }
        Err(err) => ApiError::internal(format!("cannot read the answer: {err}")).into_response(),
    }
}

async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}
