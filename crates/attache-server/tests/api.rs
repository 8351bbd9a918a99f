//! The API end to end through the router: every endpoint, every filter, and the bad
//! requests a public server meets. The store holds the example archive (text, HTML and
//! WARC reports of the same meetings by several outlets), stored by the library's ingest.

use attache::Pipeline;
use attache_server::{api, router, AppState, Limits};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tower::ServiceExt;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn pipeline() -> Arc<Pipeline> {
    static PIPELINE: OnceLock<Arc<Pipeline>> = OnceLock::new();
    PIPELINE.get_or_init(|| Arc::new(Pipeline::builtin())).clone()
}

/// A store holding the example archive, made once for all tests (which only read it).
fn archive_store() -> &'static Path {
    static STORE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let items = attache::read_inputs(&[repo().join("examples/archive").display().to_string()]);
        let summary = attache::ingest::ingest(
            &pipeline(),
            items,
            &dir.path().join("archive.db"),
            attache::ingest::Options::default(),
            |p| panic!("{p}"),
            |_| {},
        )
        .unwrap();
        assert_eq!(summary.stored, 4);
        dir
    });
    Box::leak(dir.path().join("archive.db").into_boxed_path())
}

fn app_with(db: &Path, limits: Limits) -> Router {
    router(AppState::new(pipeline(), db.to_path_buf(), limits).unwrap())
}

fn app() -> Router {
    app_with(archive_store(), Limits::default())
}

/// Sends a request; the status, the Content-Type and the body.
async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (StatusCode, String, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(kind) = content_type {
        request = request.header(header::CONTENT_TYPE, kind);
    }
    let response = app.clone().oneshot(request.body(Body::from(body.to_vec())).unwrap()).await.unwrap();
    let status = response.status();
    let kind =
        response.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, kind, bytes)
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (status, kind, body) = send(app, Method::GET, uri, None, b"").await;
    assert!(kind.starts_with("application/json"), "{uri}: answered {kind}");
    (status, serde_json::from_slice(&body).unwrap())
}

async fn post_json(app: &Router, uri: &str, kind: &str, body: &[u8]) -> (StatusCode, Value) {
    let (status, answered, body) = send(app, Method::POST, uri, Some(kind), body).await;
    assert!(answered.starts_with("application/json"), "{uri}: answered {answered}");
    (status, serde_json::from_slice(&body).unwrap())
}

/// Asserts a JSON error of `status` whose message contains `part`.
fn assert_error(answer: (StatusCode, Value), status: StatusCode, part: &str) {
    let (got, body) = answer;
    assert_eq!(got, status, "{body}");
    let message = body["error"].as_str().unwrap_or_else(|| panic!("no error message in {body}"));
    assert!(message.contains(part), "{message:?} does not mention {part:?}");
}

fn events(body: &Value) -> &Vec<Value> {
    body["events"].as_array().unwrap()
}

#[tokio::test]
async fn analyze_answers_what_the_command_writes() {
    let path = repo().join("examples/ministers-meet.txt");
    let text = std::fs::read(&path).unwrap();
    let (status, body) = post_json(&app(), "/api/analyze?id=ministers-meet", "text/plain", &text).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The library on the same file, as `attache analyze` runs it.
    let mut expected = None;
    pipeline()
        .analyze_items(attache::read_inputs(&[path.display().to_string()]), 1, |item| {
            if let attache::Item::Document(doc) = item {
                expected = Some(serde_json::to_value(attache::formats::json::document_json(&doc, false)).unwrap());
            }
            Ok::<_, ()>(())
        })
        .unwrap();
    let expected = expected.unwrap();
    assert_eq!(body, expected);
    assert!(!body["events"].as_array().unwrap().is_empty() && !body["entities"].as_array().unwrap().is_empty());
    let (_, with_tokens) = post_json(&app(), "/api/analyze?tokens=true", "text/plain", &text).await;
    assert!(with_tokens["tokens"].as_array().is_some_and(|t| !t.is_empty()));
}

#[tokio::test]
async fn analyze_reads_json_records_and_html_pages() {
    let record = json!({
        "text": "Russia's foreign minister met India's prime minister in New Delhi on Monday.",
        "date": "2023-03-02", "title": "Talks", "source": "Test Wire"
    });
    let (status, body) = post_json(&app(), "/api/analyze", "application/json", record.to_string().as_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (body["date"].as_str(), body["title"].as_str(), body["source"].as_str()),
        (Some("2023-03-02"), Some("Talks"), Some("Test Wire"))
    );
    let monday = body["events"].as_array().unwrap().iter().find_map(|e| e["date"]["value"].as_str());
    assert_eq!(monday, Some("2023-02-27"), "Monday is read against the record's date: {body}");

    let page = "<html><head><title>Ministers meet</title></head><body><nav>Home | World</nav><article><h1>Ministers meet</h1>\
        <p>The foreign ministers of Norway and Kenya met in Geneva on Tuesday to discuss a ceasefire, officials said.</p>\
        <p>Norway's foreign minister told reporters that the talks were useful and that both sides would meet again.</p></article></body></html>";
    let (status, body) = post_json(&app(), "/api/analyze", "text/html; charset=utf-8", page.as_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["title"], "Ministers meet");
    assert!(!body["text"].as_str().unwrap().contains("Home | World"), "boilerplate kept: {}", body["text"]);
}

#[tokio::test]
async fn bad_analysis_requests_are_refused_with_their_reason() {
    let app = app();
    let post = |kind: &'static str, body: &'static str| {
        let app = app.clone();
        async move { post_json(&app, "/api/analyze", kind, body.as_bytes()).await }
    };
    assert_error(post("application/json", "{\"text\": \"Hello\",").await, StatusCode::BAD_REQUEST, "malformed JSON");
    assert_error(
        post("application/json", "{\"text\": \"Talks.\", \"colour\": 1}").await,
        StatusCode::BAD_REQUEST,
        "unknown field \"colour\"",
    );
    assert_error(post("application/json", "{\"text\": 5}").await, StatusCode::BAD_REQUEST, "must be a string");
    assert_error(
        post("application/json", "{\"title\": \"no text\"}").await,
        StatusCode::BAD_REQUEST,
        "missing the \"text\"",
    );
    assert_error(
        post("application/json", "{\"text\": \"Talks.\", \"date\": \"2023-13-45\"}").await,
        StatusCode::BAD_REQUEST,
        "not a valid",
    );
    assert_error(
        post("application/json", "[{\"text\": \"One.\"}, {\"text\": \"Two.\"}]").await,
        StatusCode::BAD_REQUEST,
        "one document",
    );
    assert_error(post("text/plain", "").await, StatusCode::BAD_REQUEST, "empty");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\0\x01\x80\x81";
    assert_error(post_json(&app, "/api/analyze", "text/plain", png).await, StatusCode::BAD_REQUEST, "binary");
    assert_error(post("image/png", "x").await, StatusCode::UNSUPPORTED_MEDIA_TYPE, "image/png");
    let (status, body) = post_json(&app, "/api/analyze?tokens=yes", "text/plain", b"Talks.").await;
    assert_error((status, body), StatusCode::BAD_REQUEST, "bad query parameters");
    let (status, body) = post_json(&app, "/api/analyze?verbose=1", "text/plain", b"Talks.").await;
    assert_error((status, body), StatusCode::BAD_REQUEST, "unknown field `verbose`");
    assert_error(get_json(&app, "/api/analyze").await, StatusCode::METHOD_NOT_ALLOWED, "method");
}

#[tokio::test]
async fn bodies_over_the_limit_and_requests_over_time_are_refused() {
    let small = Limits { max_body_bytes: 1000, ..Limits::default() };
    let app = app_with(archive_store(), small);
    let big = "Talks were held. ".repeat(200);
    assert_error(
        post_json(&app, "/api/analyze", "text/plain", big.as_bytes()).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "--max-body-bytes",
    );
    let hasty = Limits { timeout: Duration::from_millis(1), ..Limits::default() };
    let app = app_with(archive_store(), hasty);
    let text = std::fs::read(repo().join("examples/ministers-meet.txt")).unwrap();
    assert_error(post_json(&app, "/api/analyze", "text/plain", &text).await, StatusCode::REQUEST_TIMEOUT, "time limit");
}

#[tokio::test]
async fn ingest_stores_deduplicates_and_reports_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with(&dir.path().join("new.db"), Limits::default());
    let text = std::fs::read(repo().join("examples/ministers-meet.txt")).unwrap();
    let (status, first) = post_json(&app, "/api/ingest", "text/plain", &text).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!((first["stored"].as_u64(), first["already"].as_u64()), (Some(1), Some(0)), "{first}");
    assert!(first["reports"].as_u64().unwrap() > 0);
    let id = first["ids"][0].as_str().unwrap().to_string();
    assert!(id.starts_with("text-"), "{id}");
    // Answers kept in memory are dropped when the store changes (checked at the end).
    let (_, stats) = get_json(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 1);
    // The same text again: the same id, nothing new.
    let (_, again) = post_json(&app, "/api/ingest", "text/plain", &text).await;
    assert_eq!(
        (again["stored"].as_u64(), again["already"].as_u64(), again["ids"][0].as_str()),
        (Some(0), Some(1), Some(id.as_str()))
    );
    // JSON Lines: a good record, a malformed line, a record with an unknown field.
    let lines = "{\"id\": \"a\", \"text\": \"Kenya's president visited Uganda on Friday.\", \"date\": \"2024-05-10\"}\n{\"text\": \n{\"text\": \"x\", \"colour\": 2}\n";
    let (status, reply) = post_json(&app, "/api/ingest", "application/x-ndjson", lines.as_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!((reply["stored"].as_u64(), reply["ids"].as_array().unwrap().len()), (Some(1), 1), "{reply}");
    let problems: Vec<&str> = reply["problems"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("request body:2:") && p.contains("malformed JSON")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("request body:3:") && p.contains("unknown field")), "{problems:?}");
    // A JSON array, and an id sent again with another text.
    let array =
        json!([{"id": "b", "text": "Protesters marched in Nairobi on Tuesday."}, {"id": "a", "text": "Another text."}]);
    let (_, reply) = post_json(&app, "/api/ingest", "application/json", array.to_string().as_bytes()).await;
    assert_eq!(reply["stored"].as_u64(), Some(1), "{reply}");
    assert!(reply["problems"][0].as_str().unwrap().contains("already stored with a different text"), "{reply}");
    // Nothing readable at all is a bad request.
    assert_error(
        post_json(&app, "/api/ingest", "application/x-ndjson", b"{oops\n").await,
        StatusCode::BAD_REQUEST,
        "malformed JSON",
    );
    let (_, stats) = get_json(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 3);
    let (status, doc) = get_json(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["text"].as_str().unwrap().len() > 100);
}

#[tokio::test]
async fn events_are_filtered_by_every_field_and_paged() {
    let app = app();
    let (status, all) = get_json(&app, "/api/events?limit=1000").await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let all = events(&all).clone();
    assert!(all.len() >= 5, "{all:?}");
    // Pages: two of 3 are the first six.
    let (_, first) = get_json(&app, "/api/events?limit=3").await;
    assert_eq!(first["next_offset"], 3);
    let (_, second) = get_json(&app, "/api/events?limit=3&offset=3").await;
    let paged: Vec<&Value> = events(&first).iter().chain(events(&second)).map(|e| &e["id"]).collect();
    let expected: Vec<&Value> = all.iter().take(6).map(|e| &e["id"]).collect();
    assert_eq!(paged, expected);
    let (_, last) = get_json(&app, &format!("/api/events?limit=1000&offset={}", all.len() - 1)).await;
    assert_eq!((events(&last).len(), &last["next_offset"]), (1, &Value::Null));

    // Each filter keeps exactly the events that match it.
    let check = |query: &'static str, keep: fn(&Value) -> bool| {
        let app = app.clone();
        let all = all.clone();
        async move {
            let (status, body) = get_json(&app, &format!("/api/events?limit=1000&{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}: {body}");
            let got: Vec<&Value> = events(&body).iter().map(|e| &e["id"]).collect();
            let expected: Vec<&Value> = all.iter().filter(|e| keep(e)).map(|e| &e["id"]).collect();
            assert_eq!(got, expected, "{query}");
            assert!(!got.is_empty(), "{query} kept nothing");
        }
    };
    check("code=04", |e| e["cameo"].as_str().unwrap().starts_with("04")).await;
    check("from=2023-01-01", |e| e["date"].as_str().is_some_and(|d| d >= "2023")).await;
    check("to=2022-12-31", |e| e["date"].as_str().is_some_and(|d| d < "2023")).await;
    check("from=2022-01-01&to=2022-12-31", |e| e["date"].as_str().is_some_and(|d| d.starts_with("2022"))).await;
    check("place=New%20Delhi", |e| e["place"]["name"] == "New Delhi").await;
    check("place=CHE", |e| e["place"]["country"] == "CHE").await;
    check("conflicting=true", |e| e["conflict"] == true).await;
    // Actors by name and code, and dyads in either direction.
    let (_, lavrov) = get_json(&app, "/api/events?actor=Lavrov").await;
    assert!(!events(&lavrov).is_empty());
    let (_, rus) = get_json(&app, "/api/events?actor=RUS&limit=1000").await;
    assert!(events(&rus).len() >= events(&lavrov).len());
    let (_, dyad) = get_json(&app, "/api/events?actor=Blinken&with=Lavrov").await;
    let (_, reverse) = get_json(&app, "/api/events?actor=Lavrov&with=Blinken").await;
    assert!(!events(&dyad).is_empty());
    assert_eq!(dyad["events"], reverse["events"]);
    let (_, nobody) = get_json(&app, "/api/events?actor=Nobody%20Atall").await;
    assert!(events(&nobody).is_empty());
    // One event, with its accounts.
    let id = all[0]["id"].as_i64().unwrap();
    let (status, one) = get_json(&app, &format!("/api/events/{id}")).await;
    assert_eq!((status, &one["id"]), (StatusCode::OK, &json!(id)));
    assert!(!one["accounts"].as_array().unwrap().is_empty());
    assert_error(get_json(&app, "/api/events/999999").await, StatusCode::NOT_FOUND, "no event 999999");
    assert_error(get_json(&app, "/api/events/abc").await, StatusCode::BAD_REQUEST, "not a number");
}

#[tokio::test]
async fn bad_event_queries_are_refused_with_their_reason() {
    let app = app();
    for (query, part) in [
        ("from=yesterday", "not a date"),
        ("to=2023-02-30", "not a date"),
        ("code=4a", "digits"),
        ("actor=%20", "blank"),
        ("place=", "blank"),
        ("limit=0", "limit=0"),
        ("limit=5000", "over 1000"),
        ("limit=-1", "bad query parameters"),
        ("offset=x", "bad query parameters"),
        ("conflicting=maybe", "bad query parameters"),
        ("actor=A&colour=red", "unknown field `colour`"),
    ] {
        assert_error(get_json(&app, &format!("/api/events?{query}")).await, StatusCode::BAD_REQUEST, part);
    }
    assert_error(get_json(&app, "/api/timeline?by=week").await, StatusCode::BAD_REQUEST, "unknown variant");
    assert_error(get_json(&app, "/api/export?format=xml").await, StatusCode::BAD_REQUEST, "unknown variant");
    assert_error(get_json(&app, "/api/search").await, StatusCode::BAD_REQUEST, "q=");
    assert_error(get_json(&app, "/api/search?q=%20%20").await, StatusCode::BAD_REQUEST, "no words");
    assert_error(get_json(&app, "/api/quotes?speaker=%20").await, StatusCode::BAD_REQUEST, "blank");
    assert_error(get_json(&app, "/api/stats?x=1").await, StatusCode::BAD_REQUEST, "unknown field");
    assert_error(get_json(&app, "/api/nothing").await, StatusCode::NOT_FOUND, "/api/nothing");
}

#[tokio::test]
async fn timeline_counts_events_by_period_and_dyad() {
    let app = app();
    let (_, all) = get_json(&app, "/api/events?limit=1000").await;
    let dated = events(&all).iter().filter(|e| e["date"].is_string()).count() as i64;
    for by in ["day", "month", "year"] {
        let (status, body) = get_json(&app, &format!("/api/timeline?by={by}")).await;
        assert_eq!((status, body["by"].as_str()), (StatusCode::OK, Some(by)));
        let series = body["series"].as_array().unwrap();
        let width = match by {
            "day" => 10,
            "month" => 7,
            _ => 4,
        };
        assert!(series.iter().all(|p| p["period"].as_str().unwrap().len() == width), "{series:?}");
        assert_eq!(series.iter().map(|p| p["events"].as_i64().unwrap()).sum::<i64>(), dated, "{by}");
    }
    let (_, delhi) = get_json(&app, "/api/timeline?actor=Lavrov&place=New%20Delhi&by=day").await;
    let series = delhi["series"].as_array().unwrap();
    assert!(series.iter().any(|p| p["period"] == "2023-03-02" && p["conflicting"] == 1), "{series:?}");
}

#[tokio::test]
async fn quotes_search_stats_documents_and_exports_answer() {
    let app = app();
    let (_, quotes) = get_json(&app, "/api/quotes?limit=1000").await;
    let all = quotes["quotes"].as_array().unwrap();
    assert!(!all.is_empty());
    let speaker = all.iter().find_map(|q| q["speaker"].as_str()).unwrap().split(' ').next_back().unwrap().to_string();
    let (_, theirs) = get_json(&app, &format!("/api/quotes?speaker={speaker}")).await;
    let theirs = theirs["quotes"].as_array().unwrap();
    assert!(!theirs.is_empty() && theirs.iter().all(|q| q["speaker"].as_str().unwrap().contains(&speaker)));
    let (_, second) = get_json(&app, "/api/quotes?limit=1&offset=1").await;
    assert_eq!(second["quotes"][0], all[1]);

    let (_, hits) = get_json(&app, "/api/search?q=negotiations").await;
    let hits = hits["hits"].as_array().unwrap();
    assert!(
        !hits.is_empty()
            && hits.iter().all(|h| h["snippet"].as_str().unwrap().to_lowercase().contains("[negotiations]")),
        "{hits:?}"
    );
    let (_, none) = get_json(&app, "/api/search?q=%22%20OR%201%3D1").await;
    assert!(none["hits"].as_array().unwrap().is_empty());

    let (_, stats) = get_json(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 4);
    assert_eq!(stats["conflicting"], 1);

    // A document whose id is a URL (from the WARC crawl): slashes encoded in the path.
    let (_, conflicting) = get_json(&app, "/api/events?conflicting=true").await;
    let account = &events(&conflicting)[0]["accounts"][0];
    let id = account["document"].as_str().unwrap();
    assert!(id.starts_with("https://"), "{id}");
    let encoded: String = id
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let (status, doc) = get_json(&app, &format!("/api/documents/{encoded}")).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["id"], id);
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let report = doc["reports"].as_array().unwrap().iter().find(|r| r["evidence"] == account["evidence"]).unwrap();
    let (start, end) =
        (report["evidence_start"].as_u64().unwrap() as usize, report["evidence_end"].as_u64().unwrap() as usize);
    assert_eq!(
        text[start..end].iter().collect::<String>(),
        report["evidence"].as_str().unwrap(),
        "offsets are characters of the text"
    );
    assert!(!doc["entities"].as_array().unwrap().is_empty());
    assert_error(get_json(&app, "/api/documents/no-such-document").await, StatusCode::NOT_FOUND, "no-such-document");

    let (status, kind, csv) = send(&app, Method::GET, "/api/export?format=csv&conflicting=true", None, b"").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "text/csv; charset=utf-8"));
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.starts_with("id,date,cameo"));
    let (_, kind, jsonl) = send(&app, Method::GET, "/api/export?code=04", None, b"").await;
    assert_eq!(kind, "application/x-ndjson");
    let exported: Vec<Value> =
        String::from_utf8(jsonl).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (_, listed) = get_json(&app, "/api/events?code=04&limit=1000").await;
    assert_eq!(
        exported.iter().map(|e| &e["id"]).collect::<Vec<_>>(),
        events(&listed).iter().map(|e| &e["id"]).collect::<Vec<_>>()
    );
    let (_, _, gdelt) = send(&app, Method::GET, "/api/export?format=gdelt&limit=2", None, b"").await;
    let gdelt = String::from_utf8(gdelt).unwrap();
    assert_eq!(gdelt.lines().count(), 2);
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 61));
}

#[tokio::test]
async fn the_openapi_description_lists_every_endpoint_and_parameter() {
    let app = app();
    let (status, spec) = get_json(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths = spec["paths"].as_object().unwrap();
    let mut described: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, operations)| operations.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone())))
        .collect();
    let mut routes: Vec<(String, String)> = api::ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    described.sort();
    routes.sort();
    assert_eq!(described, routes);
    // Each documented query parameter is one the endpoint takes.
    for (method, path) in api::ROUTES.iter().filter(|(m, p)| *m == "get" && !p.contains('{')) {
        for parameter in paths[*path][*method]["parameters"].as_array().unwrap() {
            let name = parameter["name"].as_str().unwrap();
            let value = match (name, parameter["schema"]["type"].as_str()) {
                ("by", _) => "month",
                ("format", _) => "csv",
                ("code", _) => "04",
                (_, Some("boolean")) => "true",
                (_, Some("integer")) => "1",
                (_, _) if parameter["schema"]["format"] == "date" => "2023-03-02",
                _ => "Lavrov",
            };
            // Required parameters (search's q) go with every other one.
            let required = if parameter["required"] == true || *path != "/api/search" { "" } else { "q=Lavrov&" };
            let uri = format!("{path}?{required}{name}={value}");
            let (status, _, body) = send(&app, Method::GET, &uri, None, b"").await;
            assert_eq!(status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&body));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_requests_at_once_are_all_answered() {
    let app = app();
    let requests = (0..64).map(|i| {
        let app = app.clone();
        tokio::spawn(async move {
            let uri = match i % 4 {
                0 => "/api/events?actor=Lavrov",
                1 => "/api/timeline",
                2 => "/api/stats",
                _ => "/api/quotes",
            };
            get_json(&app, uri).await.0
        })
    });
    for request in requests {
        assert_eq!(request.await.unwrap(), StatusCode::OK);
    }
}

#[tokio::test]
async fn the_page_is_served_with_its_assets_and_no_outside_source() {
    let app = app();
    let (status, kind, page) = send(&app, Method::GET, "/", None, b"").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "text/html; charset=utf-8"));
    let page = String::from_utf8(page).unwrap();
    for asset in ["/app.js", "/app.css"] {
        assert!(page.contains(asset), "the page does not load {asset}");
        let (status, _, body) = send(&app, Method::GET, asset, None, b"").await;
        assert!(status == StatusCode::OK && !body.is_empty(), "{asset}");
    }
    for (path, _, content) in attache_server::web::ASSETS {
        for outside in ["src=\"http", "href=\"http", "url(http", "fetch(\"http", "//cdn"] {
            assert!(!content.contains(outside), "{path} loads something from another site: {outside}");
        }
    }
    let (_, world) = get_json(&app, "/world.json").await;
    assert!(world["path"].as_str().unwrap().matches('M').count() > 100, "the world outline has too few rings");
    let response = app.clone().oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.contains("default-src 'self'"), "{policy}");
}
