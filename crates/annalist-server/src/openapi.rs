//! The OpenAPI document, derived from the handlers and the API types so it cannot drift.

use axum::Json;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::api;
use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "annalist",
        description = "A sourced timeline of dated news articles: every point links to the sentence that states it."
    ),
    paths(
        routes::timeline,
        routes::search,
        routes::conflicts,
        routes::document,
        routes::stats,
        routes::add,
        routes::delete
    ),
    components(schemas(
        api::SourceRef,
        api::FigureView,
        api::TimelineEntry,
        api::TimelinePage,
        api::SnippetPart,
        api::SearchHit,
        api::SearchResults,
        api::ConflictFigure,
        api::Conflict,
        api::Conflicts,
        api::SpanView,
        api::TimexView,
        api::EventView,
        api::DocumentView,
        api::Stats,
        api::AddResult,
        api::Deleted,
        api::ErrorBody
    )),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares the bearer scheme the write endpoints name.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document for this server.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// `GET /api/openapi.json`.
pub(crate) async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}
