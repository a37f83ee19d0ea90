//! How callsite reaches the people who run it: the crate's metadata for
//! `cargo install`, the release workflow (cargo-dist), the CI job that
//! tests the promised Rust version, and the container image. Docker and
//! the release itself run on GitHub; here their files are checked to agree
//! with each other and with what `init` writes.

use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn yaml(rel: &str) -> serde_json::Value {
    serde_saphyr::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `key = "value"` of a TOML file's top part, read line by line.
fn toml_value(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no `{key}`"))
        .trim()
        .to_string()
}

fn version_at_least(version: &str, minimum: &str) -> bool {
    let parts = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap()).collect() };
    parts(version) >= parts(minimum)
}

#[test]
fn the_crate_says_what_cargo_install_and_a_registry_need() {
    assert!(!env!("CARGO_PKG_DESCRIPTION").is_empty());
    assert!(env!("CARGO_PKG_REPOSITORY").starts_with("https://github.com/"));
    assert!(!env!("CARGO_PKG_RUST_VERSION").is_empty());
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("Cargo.lock")
            .is_file()
    );
}

#[test]
fn ci_tests_the_promised_rust_version() {
    let msrv = env!("CARGO_PKG_RUST_VERSION");
    let ci = yaml(".github/workflows/ci.yml");
    let job = &ci["jobs"]["msrv"];
    let toolchain = job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["with"]["toolchain"].as_str())
        .expect("the msrv job names its toolchain");
    assert_eq!(toolchain, msrv);
    assert!(
        job["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["run"] == "cargo test --locked")
    );
    let test = &ci["jobs"]["test"]["steps"];
    assert!(
        test.as_array()
            .unwrap()
            .iter()
            .any(|s| s["run"] == "bash .ci/run")
    );
    let install = read(".github/workflows/ci.yml");
    assert!(install.contains("cargo install --locked --path ."));
    assert!(install.contains("[ubuntu-latest, macos-latest, windows-latest]"));
}

#[test]
fn the_release_workflow_builds_for_linux_macos_and_windows() {
    let dist = read("dist-workspace.toml");
    let release = yaml(".github/workflows/release.yml");
    let text = read(".github/workflows/release.yml");
    // Released when a version tag is pushed.
    assert!(release["on"]["push"]["tags"].is_array());
    // The workflow is the one the configured cargo-dist generates.
    let version = toml_value(&dist, "cargo-dist-version")
        .trim_matches('"')
        .to_string();
    assert!(text.contains(&format!("cargo-dist/releases/download/v{version}/")));
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(dist.contains(&format!("\"{target}\"")), "{target}");
    }
    assert!(dist.contains("installers = [\"shell\", \"powershell\"]"));
    // What init's workflows download is an artifact this config makes:
    // callsite-<target><unix-archive>, with its .sha256 beside it.
    assert_eq!(toml_value(&dist, "unix-archive"), "\".tar.gz\"");
    for starter in ["github-publish.yml", "gitlab-ci.yml"] {
        let text = read(&format!("src/scaffold/starter/{starter}"));
        assert!(text.contains("archive=callsite-x86_64-unknown-linux-gnu.tar.gz"));
        assert!(text.contains("/releases/download/v$CALLSITE_VERSION/$archive"));
        assert!(text.contains("sha256sum --check \"$archive.sha256\""));
    }
    let cargo = read("Cargo.toml");
    assert!(
        cargo.contains("[profile.dist]"),
        "dist builds with its own profile"
    );
}

#[test]
fn the_container_builds_with_a_supported_rust_and_runs_callsite() {
    let docker = read("Dockerfile");
    let from: Vec<&str> = docker
        .lines()
        .filter_map(|l| l.strip_prefix("FROM "))
        .collect();
    assert_eq!(from.len(), 2, "a build stage and a small runtime stage");
    let rust = from[0]
        .strip_prefix("rust:")
        .and_then(|t| t.split('-').next())
        .expect("the build stage is an official rust image");
    assert!(version_at_least(rust, env!("CARGO_PKG_RUST_VERSION")));
    assert!(from[0].ends_with(" AS build"));
    // Build and runtime stages on the same Debian release (same glibc).
    let release = from[0]
        .rsplit('-')
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    assert!(
        from[1].starts_with("debian:") && from[1].contains(release),
        "{from:?}"
    );
    assert!(docker.contains("cargo install --locked --path ."));
    assert!(docker.contains("COPY --from=build /usr/local/bin/callsite /usr/local/bin/callsite"));
    assert!(docker.contains("ENTRYPOINT [\"callsite\"]"));
    assert!(docker.contains("WORKDIR /site"));
    for ignored in ["target", "output", ".git"] {
        assert!(
            read(".dockerignore").lines().any(|l| l == ignored),
            "{ignored}"
        );
    }
}
