//! `attache serve` as a process: it listens where it says, answers over TCP, refuses an
//! address in use with advice, and stops cleanly on SIGTERM.

mod common;

use common::attache;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A GET over a plain TCP connection: the status line and the body.
fn get(address: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

#[test]
fn serve_answers_on_the_address_it_names_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let mut child =
        attache().args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(&db).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let address = line.split("http://").nth(1).and_then(|r| r.split('/').next()).expect(&line).to_string();
    // The store did not exist: it was created, empty.
    let (status, body) = get(&address, "/api/stats");
    assert!(status.contains("200"), "{status}: {body}");
    assert!(body.contains("\"documents\":0"), "{body}");
    let (status, body) = get(&address, "/api/events?limit=abc");
    assert!(status.contains("400") && body.contains("\"error\""), "{status}: {body}");

    // A second server on the same address is refused, saying what to do.
    let second = attache().args(["serve", "--addr", &address, "--db"]).arg(&db).output().unwrap();
    let message = String::from_utf8_lossy(&second.stderr);
    assert!(
        !second.status.success() && message.contains("cannot listen on") && message.contains("--addr"),
        "{message}"
    );

    let started = Instant::now();
    assert!(std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert!(status.success(), "attache serve exited with {status} on SIGTERM");
    assert!(started.elapsed() < Duration::from_secs(30));
}
