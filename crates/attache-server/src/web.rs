//! The page: one HTML file, its script and style, and a world outline for the map, all
//! compiled into the binary so that the page needs no network. The script only calls the
//! API; the Content-Security-Policy forbids it anything from elsewhere.

use crate::AppState;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// The page's files: path, content type, content.
pub const ASSETS: &[(&str, &str, &str)] = &[
    ("/", "text/html; charset=utf-8", include_str!("../web/index.html")),
    ("/app.js", "text/javascript; charset=utf-8", include_str!("../web/app.js")),
    ("/app.css", "text/css; charset=utf-8", include_str!("../web/app.css")),
    ("/world.json", "application/json", include_str!("../web/world.json")),
];

/// Nothing from elsewhere: scripts, styles, images and requests from this server only.
const POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

pub fn routes() -> Router<Arc<AppState>> {
    ASSETS.iter().fold(Router::new(), |router, &(path, content_type, content)| {
        router.route(path, get(move || async move { asset(content_type, content) }))
    })
}

fn asset(content_type: &'static str, content: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_SECURITY_POLICY, POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        content,
    )
        .into_response()
}
