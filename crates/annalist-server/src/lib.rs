//! annalist-server: the archive over HTTP, as a JSON API and a web page.
//!
//! The server is a thin layer between HTTP and a [`Backend`]: it checks every request, asks
//! the backend on a blocking thread, and answers JSON (`{"error": …}` with the right status
//! when something is wrong). The page at `/` is plain HTML, CSS and JavaScript compiled into
//! the binary, so it works offline and nothing is ever read from the file system (no
//! directory listing, no path traversal to guard against).
//!
//! Safety choices, and why:
//! - Loopback by default; writes need a bearer token, and with no token the server is
//!   read-only and says so (403), so an exposed server cannot be filled with junk.
//! - Article text is untrusted: the API returns it as JSON data only (snippets are
//!   structured, never HTML), and the page builds its DOM with `textContent`. A
//!   Content-Security-Policy without `'unsafe-inline'` stops any injected script even if a
//!   mistake slipped through.
//! - Bodies are capped (10 MB by default), requests time out, CORS is off unless an origin
//!   is named.
//!
//! [`MemoryBackend`] holds extractions in memory; the embedded store implements the same
//! trait.

#![warn(missing_docs)]

pub mod api;
pub mod backend;
pub mod memory;
mod openapi;
mod page;
mod routes;
pub mod time;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::routing::get;
use tower_http::cors::CorsLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use backend::{Backend, BackendError, DateRange, TimelineFilter};
pub use memory::MemoryBackend;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen (default `127.0.0.1:8080`).
    pub addr: SocketAddr,
    /// The bearer token writes need; `None` makes the server read-only.
    pub token: Option<String>,
    /// The one origin allowed to call the API from another site; `None` turns CORS off.
    pub cors: Option<String>,
    /// Largest request body, in bytes (default 10 MB).
    pub body_limit: usize,
    /// Longest time a request may take before a 408 (default 30 s).
    pub timeout: Duration,
    /// Largest `limit` a timeline or search request may ask for (default 10,000).
    pub max_page: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            cors: None,
            body_limit: 10 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_page: 10_000,
        }
    }
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// `--cors` is not a valid origin.
    #[error("--cors {0:?} is not a valid origin (e.g. https://example.org)")]
    BadCorsOrigin(String),
    /// The token is empty or has characters a header cannot carry.
    #[error("the token must be 1 to 200 visible ASCII characters")]
    BadToken,
    /// Binding or serving failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        source: std::io::Error,
    },
}

/// The Content-Security-Policy of every response: only our own script and style, no
/// inline script, nothing loaded from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// Builds the application: routes, limits and headers, over `backend`.
pub fn router(backend: Arc<dyn Backend>, config: &ServerConfig) -> Result<Router, ServerError> {
    if let Some(t) = &config.token
        && (t.is_empty() || t.len() > 200 || !t.bytes().all(|b| b.is_ascii_graphic()))
    {
        return Err(ServerError::BadToken);
    }
    let state = routes::AppState {
        backend,
        token: config.token.as_deref().map(Arc::from),
        body_limit: config.body_limit,
        max_page: config.max_page.max(1),
    };
    let api = Router::new()
        .route("/api/timeline", get(routes::timeline))
        .route("/api/search", get(routes::search))
        .route("/api/conflicts", get(routes::conflicts))
        .route("/api/stats", get(routes::stats))
        .route("/api/documents", axum::routing::post(routes::add))
        .route(
            "/api/documents/{id}",
            get(routes::document).delete(routes::delete),
        )
        .route("/api/openapi.json", get(openapi::document))
        .route("/api", get(routes::api_not_found))
        .route("/api/{*rest}", axum::routing::any(routes::api_not_found))
        .with_state(state);
    let mut app = page::routes()
        .merge(api)
        .fallback(page::not_found)
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.timeout,
        ))
        // Outside the limits, so their plain answers (413, 408) become JSON too.
        .layer(axum::middleware::from_fn(page::json_errors));
    if let Some(origin) = &config.cors {
        let value = HeaderValue::from_str(origin.trim_end_matches('/'))
            .ok()
            .filter(|_| origin.starts_with("http://") || origin.starts_with("https://"))
            .ok_or_else(|| ServerError::BadCorsOrigin(origin.clone()))?;
        app = app.layer(
            CorsLayer::new()
                .allow_origin(value)
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    let headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    Ok(app)
}

/// Serves `app` on `listener` until `shutdown` completes, then finishes the requests in
/// flight and returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|source| ServerError::Io {
            context: "serving".into(),
            source,
        })
}

/// Completes on Ctrl-C or (on Unix) SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, never complete from here: SIGTERM still works.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, ServerError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io {
            context: "starting the runtime".into(),
            source,
        })
}

async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, ServerError> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Io {
            context: format!("binding {addr}"),
            source,
        })
}

/// Runs the server in this thread until Ctrl-C or SIGTERM. `ready` is called with the
/// address actually bound (useful with port 0) once connections are accepted.
pub fn run(
    config: &ServerConfig,
    backend: Arc<dyn Backend>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let app = router(backend, config)?;
    runtime()?.block_on(async {
        let listener = bind(config.addr).await?;
        let addr = listener.local_addr().map_err(|source| ServerError::Io {
            context: "reading the bound address".into(),
            source,
        })?;
        ready(addr);
        serve(listener, app, shutdown_signal()).await
    })
}

/// A server running on its own thread, for tests and embedding; stops when dropped.
#[derive(Debug)]
pub struct BackgroundServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), ServerError>>>,
}

impl BackgroundServer {
    /// Binds `config.addr` (port 0 picks a free port) and serves `backend` on a new thread.
    pub fn start(
        config: &ServerConfig,
        backend: Arc<dyn Backend>,
    ) -> Result<BackgroundServer, ServerError> {
        let app = router(backend, config)?;
        let std_listener =
            std::net::TcpListener::bind(config.addr).map_err(|source| ServerError::Io {
                context: format!("binding {}", config.addr),
                source,
            })?;
        let io = |context: &str| {
            let context = context.to_string();
            move |source| ServerError::Io { context, source }
        };
        let addr = std_listener
            .local_addr()
            .map_err(io("reading the address"))?;
        std_listener
            .set_nonblocking(true)
            .map_err(io("configuring the socket"))?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            runtime()?.block_on(async move {
                let listener =
                    tokio::net::TcpListener::from_std(std_listener).map_err(io("listening"))?;
                serve(listener, app, async {
                    let _ = stopped.await;
                })
                .await
            })
        });
        Ok(BackgroundServer {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, waits for requests in flight, and returns how serving ended.
    pub fn stop(mut self) -> Result<(), ServerError> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<(), ServerError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(ServerError::Io {
                context: "server thread".into(),
                source: std::io::Error::other("panicked"),
            }),
            None => Ok(()),
        }
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}
