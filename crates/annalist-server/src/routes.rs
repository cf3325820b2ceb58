//! HTTP handlers: read and check the request, ask the backend, answer JSON.
//!
//! Every parameter is checked here, before the backend sees it, so a malformed request is a
//! 400 that says what was wrong and never reaches code that could fail in a worse way.
//! Backend calls run on blocking threads: a store may read the disk, and the event loop
//! must keep serving the other connections meanwhile.

use annalist_figures::Category;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::{
    AddResult, Conflicts, Deleted, DocumentView, ErrorBody, SearchResults, Stats, TimelinePage,
};
use crate::backend::{Backend, BackendError, DateRange, TimelineFilter};
use crate::time::parse_date_param;

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    pub backend: Arc<dyn Backend>,
    pub token: Option<Arc<str>>,
    pub body_limit: usize,
    pub max_page: usize,
}

/// An error answer: a status and a message, sent as `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (
            self.status,
            Json(ErrorBody {
                error: self.message,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}

impl From<BackendError> for ApiError {
    fn from(e: BackendError) -> ApiError {
        match e {
            BackendError::BadRequest(m) => ApiError::bad(m),
            BackendError::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, m),
            BackendError::Internal(m) => {
                // The details may name files or internals: log them, answer generically.
                eprintln!("annalist-server: backend error: {m}");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error in the archive",
                )
            }
        }
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

/// Runs a backend call on a blocking thread.
async fn blocking<T, F>(state: &AppState, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&dyn Backend) -> Result<T, BackendError> + Send + 'static,
{
    let backend = Arc::clone(&state.backend);
    match tokio::task::spawn_blocking(move || f(backend.as_ref())).await {
        Ok(result) => Ok(Json(result?)),
        Err(e) => {
            eprintln!("annalist-server: backend task failed: {e}");
            Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error in the archive",
            ))
        }
    }
}

/// Query parameters arrive as text so that a malformed value is our 400, not a generic one.
fn query<T>(q: Result<Query<T>, axum::extract::rejection::QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad(format!("bad query string: {}", e.body_text())))
}

fn date_from(raw: &Option<String>, name: &str) -> Result<Option<jiff::civil::DateTime>, ApiError> {
    raw.as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| parse_date_param(s).map(|(start, _)| start))
        .transpose()
        .map_err(|e| ApiError::bad(format!("{name}: {e}")))
}

fn date_to(raw: &Option<String>, name: &str) -> Result<Option<jiff::civil::DateTime>, ApiError> {
    raw.as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| parse_date_param(s).map(|(_, end)| end))
        .transpose()
        .map_err(|e| ApiError::bad(format!("{name}: {e}")))
}

fn range(from: &Option<String>, to: &Option<String>) -> Result<DateRange, ApiError> {
    let range = DateRange {
        from: date_from(from, "from")?,
        to: date_to(to, "to")?,
    };
    if let (Some(f), Some(t)) = (range.from, range.to)
        && f >= t
    {
        return Err(ApiError::bad("from must be before to"));
    }
    Ok(range)
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn limit(raw: &Option<String>, default: usize, max: usize) -> Result<usize, ApiError> {
    let Some(raw) = raw.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(default.min(max));
    };
    match raw.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(ApiError::bad(format!(
            "limit must be a whole number from 1 to {max}, not {raw:?}"
        ))),
    }
}

fn category(raw: Option<String>) -> Result<Option<String>, ApiError> {
    match non_empty(raw) {
        Some(c) if Category::parse(&c).is_none() => Err(ApiError::bad(format!(
            "category must be one of {}, not {c:?}",
            Category::ALL.map(Category::as_str).join(", ")
        ))),
        c => Ok(c),
    }
}

/// `GET /api/timeline` parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineQuery {
    /// Start of the period (`1990`, `1990-01`, `1990-01-19`, `44 BCE`, `-0043`).
    from: Option<String>,
    /// End of the period, inclusive of the period it names (`to=1990` includes December).
    to: Option<String>,
    /// Words the statement or its document title contains.
    q: Option<String>,
    /// Figure category (`killed`, `injured`, `arrested`, `charged`, `sentenced`, `released`,
    /// `missing`, `rescued`, `displaced`, `destroyed`, `deployed`, `participants`, `other`).
    category: Option<String>,
    /// Source: URL host, document id or input name.
    source: Option<String>,
    /// Page size, 1 to the server's maximum (default 100).
    limit: Option<String>,
    /// `next_cursor` from the previous page.
    cursor: Option<String>,
}

/// Timeline entries in chronological order.
#[utoipa::path(get, path = "/api/timeline", params(TimelineQuery),
    responses((status = 200, body = TimelinePage), (status = 400, body = ErrorBody)))]
pub(crate) async fn timeline(
    State(state): State<AppState>,
    q: Result<Query<TimelineQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<TimelinePage> {
    let q = query(q)?;
    let r = range(&q.from, &q.to)?;
    let filter = TimelineFilter {
        from: r.from,
        to: r.to,
        q: non_empty(q.q),
        category: category(q.category)?,
        source: non_empty(q.source),
        limit: limit(&q.limit, 100, state.max_page)?,
        cursor: non_empty(q.cursor),
    };
    blocking(&state, move |b| b.timeline(&filter)).await
}

/// `GET /api/search` parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find (all of them), required.
    q: Option<String>,
    /// Only sentences talking about dates after this.
    from: Option<String>,
    /// Only sentences talking about dates before the end of this.
    to: Option<String>,
    /// Most hits returned (default 50).
    limit: Option<String>,
}

/// Sentences matching words, with highlighted snippets and the dates they talk about.
#[utoipa::path(get, path = "/api/search", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody)))]
pub(crate) async fn search(
    State(state): State<AppState>,
    q: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<SearchResults> {
    let q = query(q)?;
    let words = non_empty(q.q).ok_or_else(|| ApiError::bad("q is required"))?;
    if words.chars().count() > 500 {
        return Err(ApiError::bad("q is longer than 500 characters"));
    }
    let r = range(&q.from, &q.to)?;
    let n = limit(&q.limit, 50, state.max_page)?;
    blocking(&state, move |b| b.search(&words, &r, n)).await
}

/// `GET /api/conflicts` parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConflictsQuery {
    /// Start of the period.
    from: Option<String>,
    /// End of the period (inclusive of the period it names).
    to: Option<String>,
    /// Figure category.
    category: Option<String>,
}

/// Dates and categories where sources give different figures, each figure beside its source.
#[utoipa::path(get, path = "/api/conflicts", params(ConflictsQuery),
    responses((status = 200, body = Conflicts), (status = 400, body = ErrorBody)))]
pub(crate) async fn conflicts(
    State(state): State<AppState>,
    q: Result<Query<ConflictsQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Conflicts> {
    let q = query(q)?;
    let r = range(&q.from, &q.to)?;
    let c = category(q.category)?;
    blocking(&state, move |b| b.conflicts(&r, c.as_deref())).await
}

fn check_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty()
        || id.len() > 200
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ApiError::bad(
            "a document id is 1 to 200 letters, digits, '-' or '_'",
        ));
    }
    Ok(())
}

/// One document: text, metadata, time expressions, figures and events with offsets.
#[utoipa::path(get, path = "/api/documents/{id}",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, body = DocumentView), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub(crate) async fn document(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> ApiResult<DocumentView> {
    let Path(id) = id.map_err(|e| ApiError::bad(e.body_text()))?;
    check_id(&id)?;
    blocking(&state, move |b| b.document(&id)).await
}

/// Counts, the dates covered, categories and sources.
#[utoipa::path(get, path = "/api/stats", responses((status = 200, body = Stats)))]
pub(crate) async fn stats(State(state): State<AppState>) -> ApiResult<Stats> {
    let read_only = state.token.is_none();
    blocking(&state, move |b| {
        b.stats().map(|mut s| {
            s.read_only = read_only;
            s
        })
    })
    .await
}

/// Checks the bearer token of a write, in constant time.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --token to allow writes",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes need the header Authorization: Bearer TOKEN",
        ));
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The file name that tells `annalist-ingest` the upload's format.
fn upload_name(headers: &HeaderMap) -> &'static str {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" => "upload.jsonl",
        "application/json" => "upload.json",
        "text/html" | "application/xhtml+xml" => "upload.html",
        "text/plain" => "upload.txt",
        // Unknown: let the reader sniff the content.
        _ => "upload",
    }
}

/// Adds one document (text, HTML, JSON) or a JSONL batch; needs the bearer token.
#[utoipa::path(post, path = "/api/documents",
    request_body(content = String, description = "An article (text/plain, text/html, application/json) or a batch (application/x-ndjson)"),
    security(("bearer" = [])),
    responses((status = 200, body = AddResult), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody)))]
pub(crate) async fn add(State(state): State<AppState>, req: Request) -> ApiResult<AddResult> {
    // Authorize before reading the body: strangers do not get to upload 10 MB.
    authorize(&state, req.headers())?;
    let name = upload_name(req.headers());
    let body = axum::body::to_bytes(req.into_body(), state.body_limit)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body is larger than {} bytes", state.body_limit),
            )
        })?;
    if body.is_empty() {
        return Err(ApiError::bad("the body is empty"));
    }
    blocking(&state, move |b| b.add(name, &body)).await
}

/// Removes a document; needs the bearer token.
#[utoipa::path(delete, path = "/api/documents/{id}",
    params(("id" = String, Path, description = "Document id")),
    security(("bearer" = [])),
    responses((status = 200, body = Deleted), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> ApiResult<Deleted> {
    authorize(&state, &headers)?;
    let Path(id) = id.map_err(|e| ApiError::bad(e.body_text()))?;
    check_id(&id)?;
    blocking(&state, move |b| {
        b.delete(&id)?;
        Ok(Deleted { deleted: id })
    })
    .await
}

/// Anything else under `/api/`.
pub(crate) async fn api_not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such API endpoint")
}
