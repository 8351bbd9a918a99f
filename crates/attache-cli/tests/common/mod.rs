//! Helpers shared by the end-to-end tests: running `attache`, reading its JSON, and
//! finding ../shared.
#![allow(dead_code)] // each test binary uses some of them

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn attache() -> Command {
    Command::new(env!("CARGO_BIN_EXE_attache"))
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The shared data folder beside the repository, or None (with a message) when absent.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = repo().join("../shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("SKIPPED: {} is absent (../shared is not beside the repository)", path.display());
        None
    }
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("attache runs")
}

pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child =
        attache().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A command that fails before reading its input closes the pipe; its exit is what matters.
    if let Err(error) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "writing stdin: {error}");
    }
    child.wait_with_output().unwrap()
}

pub fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The text of a character-offset span, as a Python user would slice it.
pub fn char_slice(text: &str, start: &Value, end: &Value) -> String {
    let (s, e) = (start.as_u64().unwrap() as usize, end.as_u64().unwrap() as usize);
    text.chars().skip(s).take(e - s).collect()
}

pub fn sentences(doc: &Value) -> Vec<String> {
    let text = doc["text"].as_str().unwrap();
    doc["sentences"].as_array().unwrap().iter().map(|s| char_slice(text, &s["start"], &s["end"])).collect()
}

/// Runs `cmd` with `input` on standard input, and fails the test if it has not finished
/// within `seconds` (a bound against hangs, far above the time it takes).
pub fn run_within(cmd: &mut Command, input: &[u8], seconds: u64) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Fed and drained on threads of their own, so that no full pipe stalls the child.
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let drain = |pipe: &mut dyn std::io::Read| {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    };
    let stdout = std::thread::spawn(move || drain(&mut out));
    let stderr = std::thread::spawn(move || drain(&mut err));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("attache did not finish within {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    feeder.join().unwrap();
    Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}
