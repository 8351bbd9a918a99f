//! The web page in a real browser: `attache serve` over the example archive, driven in
//! headless Chromium through chromedriver (WebDriver). The page reads the bundled example
//! article (highlights, events table, explanation) and browses the archive (events,
//! timeline, map, the conflicting accounts of the New Delhi meeting). Screenshots go to
//! `$ATTACHE_SCREENSHOTS`, else to the test's temporary folder under target/.
//!
//! Skips with a message when Chromium or chromedriver is missing (`.ci/run` installs
//! Debian's `chromium` and `chromium-driver`).

mod common;

use common::{attache, repo, run, stderr};
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `attache serve` on a free loopback port, and its address once it listens.
fn serve(db: &Path) -> (Running, String) {
    let mut child = attache()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .stderr(Stdio::piped())
        .spawn()
        .expect("attache serve starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("attache serve did not say where it listens: {line:?}"))
        .to_string();
    (Running(child), format!("http://{address}"))
}

fn screenshot_folder() -> PathBuf {
    let folder = std::env::var_os("ATTACHE_SCREENSHOTS")
        .map_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser"), PathBuf::from);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

async fn browser(driver_port: u16) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1360,1000", "--force-device-scale-factor=1",
            ],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let url = format!("http://127.0.0.1:{driver_port}");
    // chromedriver takes a moment to listen.
    for attempt in 0.. {
        match ClientBuilder::new(connector.clone()).capabilities(capabilities.clone()).connect(&url).await {
            Ok(client) => return client,
            Err(err) if attempt < 50 => {
                let _ = err;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(err) => panic!("cannot start Chromium through chromedriver: {err}"),
        }
    }
    unreachable!()
}

async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("the page never showed {css}: {e}"))
}

async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn save_screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    let path = screenshot_folder().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_reads_an_article_and_browses_the_archive_in_chromium() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        eprintln!("SKIPPED: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    let ingested = run(attache().arg("ingest").arg(repo().join("examples/archive")).arg("--db").arg(&db));
    assert!(ingested.status.success(), "{}", stderr(&ingested));
    let (_server, base) = serve(&db);
    let driver_port = free_port();
    let _driver = Running(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let client = browser(driver_port).await;

    // Reading: the example article, pasted and analysed.
    client.goto(&base).await.unwrap();
    let article = std::fs::read_to_string(repo().join("examples/ministers-meet.txt")).unwrap();
    client.execute("document.querySelector('#article').value = arguments[0];", vec![article.into()]).await.unwrap();
    client.find(Locator::Css("#analyze")).await.unwrap().click().await.unwrap();
    wait_for(&client, "#read-output:not([hidden]) #read-events tbody tr").await;
    for kind in ["PERSON", "PLACE"] {
        assert!(count(&client, &format!("#marked-text .ent-{kind}")).await > 0, "no {kind} highlighted");
    }
    assert!(count(&client, "#marked-text .timex[title*='20']").await > 0, "no date with its value");
    assert!(count(&client, "#marked-text .quote").await > 0, "no quotation marked");
    let events = count(&client, "#read-events tbody tr").await;
    assert!(events >= 2, "only {events} events in the table");
    // An event selected: its evidence and trigger marked, its rules explained.
    client.find(Locator::Css("#read-events tbody tr")).await.unwrap().click().await.unwrap();
    wait_for(&client, "#marked-text .trigger").await;
    assert!(count(&client, "#marked-text .evidence").await > 0, "the evidence is not highlighted");
    let explained = client.find(Locator::Css("#explain")).await.unwrap().text().await.unwrap();
    for part in ["Trigger", "Source", "Target", "Date", "Evidence"] {
        assert!(explained.contains(part), "the explanation lacks {part}: {explained}");
    }
    // A quotation selected: its speaker outlined.
    client.find(Locator::Css("#read-quotes tbody tr")).await.unwrap().click().await.unwrap();
    wait_for(&client, "#marked-text .speaker-of").await;
    client.find(Locator::Css("#read-events tbody tr")).await.unwrap().click().await.unwrap();
    client.execute("document.querySelector('#read-output').scrollIntoView()", vec![]).await.unwrap();
    save_screenshot(&client, "read.png").await;

    // The archive: events, timeline and map; then the conflicting event's accounts.
    client.find(Locator::Css(".tab[data-tab='archive']")).await.unwrap().click().await.unwrap();
    wait_for(&client, "#events-table tbody tr").await;
    wait_for(&client, "#timeline-chart circle").await;
    wait_for(&client, "#map-chart path.land").await;
    assert!(count(&client, "#map-chart circle.place-dot").await > 0, "no event place on the map");
    let exported = client.find(Locator::Css("#export-csv")).await.unwrap().attr("href").await.unwrap();
    assert!(exported.is_some_and(|href| href.contains("format=csv")), "no export link");
    client.find(Locator::Css("#filters input[name='conflicting']")).await.unwrap().click().await.unwrap();
    client.find(Locator::Css("#filters button[type='submit']")).await.unwrap().click().await.unwrap();
    wait_for(&client, "#events-table tbody tr .badge.conflict").await;
    client.find(Locator::Css("#events-table tbody tr")).await.unwrap().click().await.unwrap();
    wait_for(&client, "#event-page:not([hidden]) .account.denies").await;
    assert!(count(&client, "#accounts .account.asserts").await > 0, "no account asserting the event beside the denial");
    let summary = client.find(Locator::Css("#event-summary")).await.unwrap().text().await.unwrap();
    assert!(summary.contains("denied by"), "the summary does not say who denies it: {summary}");
    client.find(Locator::Css("#accounts .account.denies button")).await.unwrap().click().await.unwrap();
    wait_for(&client, "#document-view:not([hidden]) #document-text .trigger").await;
    client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    save_screenshot(&client, "archive.png").await;

    // Every request the page made was answered: nothing failed in the page's status lines.
    for status in ["#read-status", "#archive-status"] {
        let class = client.find(Locator::Css(status)).await.unwrap().attr("class").await.unwrap();
        assert!(!class.unwrap_or_default().contains("error"), "{status} shows an error");
    }
    client.close().await.unwrap();
}
