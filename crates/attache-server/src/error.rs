//! Errors as JSON: `{"error": "what went wrong and what to do"}` with the status that fits.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A request the server could not answer, and why.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    /// A request that is wrong: bad parameters, malformed bodies (400).
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// Nothing with that id (404).
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }

    /// A failure of the server's own (500).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.into() }
    }
}

impl From<attache::store::StoreError> for ApiError {
    fn from(err: attache::store::StoreError) -> ApiError {
        match err {
            attache::store::StoreError::BadArgument(message) => ApiError::bad_request(message),
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({ "error": self.message }))).into_response()
    }
}

/// Answers a path that names nothing.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no such page or endpoint: {} (the API is described at /api/openapi.json)", uri.path()))
}

/// The most of an error body kept as its message.
const MESSAGE_BYTES: usize = 4096;

/// Turns error responses that are not JSON (a refused body, a timeout, a wrong method)
/// into JSON errors, keeping their text as the message.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MESSAGE_BYTES).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_string();
    let message = match status {
        StatusCode::REQUEST_TIMEOUT => "the request took longer than the server's time limit (--timeout)".to_string(),
        StatusCode::PAYLOAD_TOO_LARGE => {
            format!("the body is larger than the server accepts (--max-body-bytes): {text}")
        }
        StatusCode::METHOD_NOT_ALLOWED => "this path does not answer this method (see /api/openapi.json)".to_string(),
        _ if text.is_empty() => status.canonical_reason().unwrap_or("error").to_string(),
        _ => text,
    };
    let body = serde_json::to_vec(&json!({ "error": message })).unwrap_or_default();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
