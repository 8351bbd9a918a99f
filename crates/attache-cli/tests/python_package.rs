//! The Python package end to end: the wheel built by maturin, installed into a fresh
//! virtual environment, and its pytest suite (crates/attache-python/tests) run there,
//! comparing the package with this binary, and running a real local Spark over a
//! partitioned corpus (with pyspark and Java). Skips, saying why, where maturin is missing
//! or the package registry cannot give pandas and pytest (`.ci/run` installs maturin).

mod common;

use common::{attache, repo};
use std::path::Path;
use std::process::{Command, Output};

fn run(command: &mut Command) -> Output {
    command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn the_wheel_installs_into_a_fresh_environment_and_its_tests_pass() {
    // maturin as a command, or as the module pip installed (whose command a fresh pyenv
    // may not have on its path yet).
    let standalone = Command::new("maturin").arg("--version").output().is_ok_and(|o| o.status.success());
    let maturin = || {
        let mut command = Command::new(if standalone { "maturin" } else { "python3" });
        if !standalone {
            command.args(["-m", "maturin"]);
        }
        command
    };
    if !maturin().arg("--version").output().is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: maturin is missing (pip install maturin)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let wheels = dir.path().join("wheels");
    let manifest = repo().join("crates/attache-python/Cargo.toml");
    let built = run(maturin().args(["build", "--release", "--quiet", "-m"]).arg(&manifest).arg("--out").arg(&wheels));
    assert!(built.status.success(), "maturin build failed:\n{}", text(&built));
    let wheel = std::fs::read_dir(&wheels)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"));
    let wheel = wheel.expect("maturin wrote a wheel");

    let venv = dir.path().join("venv");
    let made = run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    assert!(made.status.success(), "python3 -m venv failed:\n{}", text(&made));
    let python = venv.join("bin/python");
    let pip = |args: &[&str], extra: Option<&Path>| {
        let mut command = Command::new(&python);
        command.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]).args(args);
        if let Some(path) = extra {
            command.arg(path);
        }
        run(&mut command)
    };
    let tools = pip(&["pandas", "pytest"], None);
    if !tools.status.success() {
        eprintln!("SKIPPED: pandas and pytest could not be installed from the package registry:\n{}", text(&tools));
        return;
    }
    // Spark's test and to_arrow's skip, saying so, without these.
    let spark = pip(&["pyspark", "pyarrow"], None);
    if !spark.status.success() {
        eprintln!("pyspark and pyarrow could not be installed; their tests will skip:\n{}", text(&spark));
    }
    // The wheel itself needs nothing from the network.
    let installed = pip(&["--no-deps", "--no-index"], Some(&wheel));
    assert!(installed.status.success(), "the wheel did not install:\n{}", text(&installed));

    let binary = attache().get_program().to_owned();
    let tests = run(Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(repo().join("crates/attache-python/tests"))
        .env("ATTACHE_BIN", binary)
        .env("ATTACHE_REPO", repo())
        .current_dir(dir.path()));
    eprintln!("{}", text(&tests));
    assert!(tests.status.success(), "pytest failed:\n{}", text(&tests));
}
