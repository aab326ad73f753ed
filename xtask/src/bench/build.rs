//! `cargo xtask bench build [--quick]`: what the same small application costs to build on
//! chatsmith and on the official AWS SDK for Rust.
//!
//! The application is `bench/compare/apps/{chatsmith,official}` (one SendMessage, SendEvent and
//! SendChannelMessage; the two kept line for line alike). Sources are fetched first
//! (`cargo fetch`: downloading is not building), then each app is built cold, in an empty target
//! directory of its own (`<target>/bench/build/<app>-<profile>`), debug and release, and we record:
//!
//! - wall time, and CPU time (user + system of cargo and everything it waited for: rustc, build
//!   scripts), which other load on the machine inflates less than wall time;
//! - crates compiled: the distinct packages that cargo's JSON messages report a
//!   `compiler-artifact` for, the application included (a package built twice, for the host and
//!   the target, or with a build script, counts once; rustc units are reported beside);
//! - for release, the size of the binary stripped of symbols (`CARGO_PROFILE_RELEASE_STRIP=symbols`
//!   for both apps).
//!
//! Each built release binary then runs once against the loopback server of `bench-runtime
//! --serve`, to show that what was measured works. `cargo tree` gives, without building, each
//! app's build graph (the packages a cold build compiles: the same count as above) and whether
//! the Connect Participant crate pulls in SigV4 signing (ours must not).
//!
//! `--quick` (CI's smoke run, which must stay under two minutes) builds nothing: cold builds take
//! minutes. It reports the build graphs and the SigV4 check only.

use super::section::Section;
use super::thousands;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Fake credentials for the smoke runs' signed Chime request: the loopback server checks nothing.
const SMOKE_ENV: [(&str, &str); 2] =
    [("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "bench-secret-access-key")];
/// What each app prints on success, one line per call.
const SMOKE_LINES: [&str; 3] = ["SendMessage: message id ", "SendEvent: event id ", "SendChannelMessage: message id "];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum App {
    Chatsmith,
    Official,
}

impl App {
    fn name(self) -> &'static str {
        match self {
            App::Chatsmith => "chatsmith",
            App::Official => "official",
        }
    }

    /// The package and binary in `bench/compare/apps`.
    fn package(self) -> &'static str {
        match self {
            App::Chatsmith => "app-chatsmith",
            App::Official => "app-official",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    Debug,
    Release,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }
}

/// One cold build and what it cost.
#[derive(Debug)]
struct Build {
    app: App,
    profile: Profile,
    wall: Duration,
    /// User + system time of cargo and every process it waited for.
    cpu: Option<Duration>,
    /// The share (0..=1) of the machine's CPU that other processes used meanwhile.
    others: Option<f64>,
    /// Distinct packages with a compiler artifact.
    packages: usize,
    /// Compiler artifacts (rustc runs that produced something: libraries, build scripts, the binary).
    units: usize,
    binary: PathBuf,
    binary_bytes: u64,
}

impl Build {
    fn json(&self) -> Value {
        json!({
            "app": self.app.name(),
            "package": self.app.package(),
            "profile": self.profile.name(),
            "wall_s": self.wall.as_secs_f64(),
            "cpu_s": self.cpu.map(|c| c.as_secs_f64()),
            "others_cpu_share": self.others,
            "packages_compiled": self.packages,
            "rustc_units": self.units,
            "binary": self.binary.display().to_string(),
            "binary_bytes": self.binary_bytes,
            "binary_stripped": self.profile == Profile::Release,
        })
    }
}

/// One run of a built app against the loopback server.
#[derive(Debug)]
struct Smoke {
    app: App,
    profile: Profile,
    wall: Duration,
}

pub fn run(quick: bool) -> Result<Section, String> {
    let manifest = super::compare_manifest();
    let target = std::path::absolute(super::target_dir()).map_err(|e| format!("bad target directory: {e}"))?;
    let started = Instant::now();

    eprintln!("bench build: cargo fetch for {}", manifest.display());
    cargo_ok(&["fetch", "--locked", "--manifest-path", &path_str(&manifest)], None, &[])?;

    let plan: &[(App, Profile)] = if quick {
        &[]
    } else {
        // Alternating, so that a slow drift of the machine's load affects both apps alike.
        &[
            (App::Chatsmith, Profile::Debug),
            (App::Official, Profile::Debug),
            (App::Chatsmith, Profile::Release),
            (App::Official, Profile::Release),
        ]
    };
    let load_before = load_average();
    let mut builds = Vec::new();
    for &(app, profile) in plan {
        let build = cold_build(&manifest, &target, app, profile)?;
        eprintln!(
            "bench build:   {:.1} s wall, {} packages, {} bytes",
            build.wall.as_secs_f64(),
            build.packages,
            build.binary_bytes
        );
        builds.push(build);
    }
    let load_after = load_average();

    let graphs = [
        (App::Chatsmith, build_graph(&manifest, App::Chatsmith.package())?),
        (App::Official, build_graph(&manifest, App::Official.package())?),
    ];
    let main_manifest = crate::regenerate::workspace_root().join("Cargo.toml");
    let trees = [
        Tree::of(&main_manifest, "chatsmith-connectparticipant")?,
        Tree::of(&main_manifest, "chatsmith-chime-sdk-messaging")?,
        Tree::of(&manifest, "aws-sdk-connectparticipant")?,
    ];
    let smoke = if builds.is_empty() { Vec::new() } else { smoke_runs(&target, &builds)? };

    let versions = locked_versions(&manifest.with_file_name("Cargo.lock"));
    let mut section = report(quick, &builds, &graphs, &trees, &smoke, &versions);
    section.json["load_average_1min"] = json!({ "before": load_before, "after": load_after });
    if !builds.is_empty() {
        let _ = writeln!(
            section.markdown,
            "\n1-minute load average: {} before the first build, {} after the last ({} cores); total {:.0} s.",
            load_before.map_or("unknown".into(), |l| format!("{l:.2}")),
            load_after.map_or("unknown".into(), |l| format!("{l:.2}")),
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(section)
}

/// Builds `app` in an empty target directory of its own and reads what cargo compiled.
fn cold_build(manifest: &Path, target: &Path, app: App, profile: Profile) -> Result<Build, String> {
    let dir = target.join("bench").join("build").join(format!("{}-{}", app.name(), profile.name()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
    }
    eprintln!("bench build: cold {} build of {} in {}", profile.name(), app.package(), dir.display());
    let mut args = vec!["build".to_owned()];
    if profile == Profile::Release {
        args.push("--release".into());
    }
    args.extend(
        ["--locked", "--manifest-path", &path_str(manifest), "-p", app.package(), "--message-format=json"]
            .map(String::from),
    );
    args.extend(["--target-dir".into(), path_str(&dir)]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let before = CpuReading::now();
    let start = Instant::now();
    // Same for both apps; strip applies to the final link only, so compiling is unchanged.
    let output = cargo_ok(&args, None, &[("CARGO_PROFILE_RELEASE_STRIP", "symbols")])?;
    let wall = start.elapsed();
    let after = CpuReading::now();

    let mut packages = BTreeSet::new();
    let mut units = 0;
    let mut binary = None;
    for message in String::from_utf8_lossy(&output.stdout).lines().filter_map(|l| serde_json::from_str::<Value>(l).ok())
    {
        if message["reason"] != "compiler-artifact" || message["fresh"] == true {
            continue;
        }
        units += 1;
        if let Some(id) = message["package_id"].as_str() {
            packages.insert(id.to_owned());
        }
        if message["target"]["name"] == app.package() {
            binary = message["executable"].as_str().map(PathBuf::from).or(binary);
        }
    }
    let binary =
        binary.ok_or_else(|| format!("{}: cargo reported no executable for {}", command_line(&args), app.package()))?;
    let binary_bytes =
        std::fs::metadata(&binary).map_err(|e| format!("cannot read the size of {}: {e}", binary.display()))?.len();
    let (cpu, others) = match (before, after) {
        (Some(before), Some(after)) => (Some(after.children_since(&before)), Some(after.others_since(&before))),
        _ => (None, None),
    };
    Ok(Build { app, profile, wall, cpu, others, packages: packages.len(), units, binary, binary_bytes })
}

/// Runs each release app once against the loopback server.
fn smoke_runs(target: &Path, builds: &[Build]) -> Result<Vec<Smoke>, String> {
    eprintln!("bench build: building the loopback server (bench-runtime)");
    let args = [
        "build",
        "--release",
        "-p",
        "chatsmith-examples",
        "--bin",
        "bench-runtime",
        "--message-format=json",
        "--target-dir",
        &path_str(target),
    ];
    let output = cargo_ok(&args, Some(&crate::regenerate::workspace_root()), &[])?;
    let server_exe = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "bench-runtime")
        .and_then(|m| m["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| format!("{}: cargo reported no bench-runtime executable", command_line(&args)))?;
    let server = Server::start(&server_exe)?;
    let mut runs = Vec::new();
    for build in builds.iter().filter(|b| b.profile == Profile::Release) {
        eprintln!("bench build: running {} against {}", build.binary.display(), server.url);
        let start = Instant::now();
        let output = Command::new(&build.binary)
            .args(["--endpoint", &server.url, "--connection-token", "tok"])
            .args(["--channel-arn", "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b"])
            .args(["--chime-bearer", "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u1"])
            .envs(SMOKE_ENV)
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_PROFILE")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", build.binary.display()))?;
        let wall = start.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let printed_ids = SMOKE_LINES.iter().all(|prefix| {
            stdout.lines().any(|l| l.strip_prefix(prefix).is_some_and(|id| !id.is_empty() && id != "(none)"))
        });
        if !output.status.success() || !printed_ids {
            return Err(format!(
                "{} against the loopback server {} failed ({}): stdout {:?}, stderr: {}",
                build.binary.display(),
                server.url,
                output.status,
                stdout.trim(),
                tail(&String::from_utf8_lossy(&output.stderr), 20)
            ));
        }
        runs.push(Smoke { app: build.app, profile: build.profile, wall });
    }
    Ok(runs)
}

/// A crate's normal dependency tree, as `cargo tree -e normal` resolves it for that crate alone.
struct Tree {
    name: &'static str,
    /// Distinct packages, `name version`.
    packages: BTreeSet<String>,
    /// Whether it signs requests with SigV4: `aws-sigv4` in the tree, or chatsmith-runtime with
    /// its `sigv4` feature on.
    sigv4: bool,
}

impl Tree {
    fn of(manifest: &Path, name: &'static str) -> Result<Self, String> {
        let manifest = path_str(manifest);
        let args = ["tree", "--manifest-path", &manifest, "-p", name, "-e", "normal", "--prefix", "none"];
        let packages = name_versions(&cargo_ok(&args, None, &[])?);
        let has = |prefix: &str| packages.iter().any(|p| p.starts_with(prefix));
        let sigv4 = has("aws-sigv4 ")
            || has("chatsmith-runtime ") && {
                let args = [
                    "tree",
                    "--manifest-path",
                    &manifest,
                    "-p",
                    name,
                    "-e",
                    "normal,features",
                    "-i",
                    "chatsmith-runtime",
                    "--prefix",
                    "none",
                ];
                let output = cargo_ok(&args, None, &[])?;
                String::from_utf8_lossy(&output.stdout)
                    .lines()
                    .any(|l| l.starts_with("chatsmith-runtime feature \"sigv4\""))
            };
        Ok(Self { name, packages, sigv4 })
    }
}

/// The packages (`name version`) a build of `package` compiles: its normal and build
/// dependencies for this machine, proc macros and build scripts' dependencies included, as
/// `cargo tree` resolves them from the lock file (nothing is built).
fn build_graph(manifest: &Path, package: &str) -> Result<BTreeSet<String>, String> {
    let args = [
        "tree",
        "--locked",
        "--manifest-path",
        &path_str(manifest),
        "-p",
        package,
        "-e",
        "normal,build",
        "--prefix",
        "none",
    ];
    Ok(name_versions(&cargo_ok(&args, None, &[])?))
}

fn name_versions(output: &Output) -> BTreeSet<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .collect()
}

/// The versions of the official SDK's crates that `bench/compare/Cargo.lock` pins.
fn locked_versions(lock: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(lock).unwrap_or_default();
    let mut versions = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("name = \"").and_then(|n| n.strip_suffix('"')) else { continue };
        if ["aws-config", "aws-sdk-connectparticipant", "aws-sdk-chimesdkmessaging"].contains(&name)
            && let Some(version) =
                lines.next().and_then(|v| v.strip_prefix("version = \"")).and_then(|v| v.strip_suffix('"'))
        {
            versions.push((name.to_owned(), version.to_owned()));
        }
    }
    versions
}

/// One row of the table: ours, theirs and the target on their ratio.
struct Figure {
    name: &'static str,
    key: &'static str,
    ours: Option<f64>,
    official: Option<f64>,
    /// The largest ours/official ratio that meets the target, and how it reads.
    target: Option<(f64, &'static str)>,
    show: fn(f64) -> String,
}

impl Figure {
    fn ratio(&self) -> Option<f64> {
        Some(self.ours? / self.official?)
    }

    fn met(&self) -> Option<bool> {
        Some(self.ratio()? <= self.target?.0)
    }
}

fn report(
    quick: bool,
    builds: &[Build],
    graphs: &[(App, BTreeSet<String>); 2],
    trees: &[Tree; 3],
    smoke: &[Smoke],
    versions: &[(String, String)],
) -> Section {
    let find = |app, profile| builds.iter().find(|b| b.app == app && b.profile == profile);
    let pick = |profile, f: fn(&Build) -> Option<f64>| {
        (find(App::Chatsmith, profile).and_then(f), find(App::Official, profile).and_then(f))
    };
    let seconds = |s: f64| format!("{s:.1} s");
    let count = |n: f64| format!("{n:.0}");
    let bytes = |b: f64| format!("{} B ({:.2} MB)", thousands(b as u64), b / 1e6);
    let mut figures = Vec::new();
    for profile in [Profile::Debug, Profile::Release] {
        let debug = profile == Profile::Debug;
        let (ours, official) = pick(profile, |b| Some(b.wall.as_secs_f64()));
        figures.push(Figure {
            name: if debug { "cold debug build, wall time" } else { "cold release build, wall time" },
            key: if debug { "debug_wall_s" } else { "release_wall_s" },
            ours,
            official,
            target: debug.then_some((1.0 / 3.0, "at most 1/3")),
            show: seconds,
        });
        let (ours, official) = pick(profile, |b| b.cpu.map(|c| c.as_secs_f64()));
        figures.push(Figure {
            name: if debug { "cold debug build, CPU time" } else { "cold release build, CPU time" },
            key: if debug { "debug_cpu_s" } else { "release_cpu_s" },
            ours,
            official,
            target: None,
            show: seconds,
        });
        let (ours, official) = pick(profile, |b| Some(b.packages as f64));
        figures.push(Figure {
            name: if debug { "crates compiled, debug" } else { "crates compiled, release" },
            key: if debug { "debug_crates" } else { "release_crates" },
            ours,
            official,
            target: Some((3.0 / 5.0, "at most 3/5")),
            show: count,
        });
    }
    let (ours, official) = pick(Profile::Release, |b| Some(b.binary_bytes as f64));
    figures.push(Figure {
        name: "stripped release binary",
        key: "release_binary_bytes",
        ours,
        official,
        target: Some((0.25, "at most 1/4")),
        show: bytes,
    });
    figures.push(Figure {
        name: "crates in the build graph (`cargo tree`)",
        key: "graph_crates",
        ours: Some(graphs[0].1.len() as f64),
        official: Some(graphs[1].1.len() as f64),
        target: Some((3.0 / 5.0, "at most 3/5")),
        show: count,
    });

    let skipped = if quick { "skipped (`--quick`)" } else { "not built" };
    let mut md =
        String::from("| figure | chatsmith | official SDK | ratio | target | met? |\n|---|---:|---:|---:|---|---|\n");
    for f in figures.iter().filter(|f| !quick || f.ours.is_some()) {
        let show = |value: Option<f64>| value.map_or_else(|| skipped.to_owned(), f.show);
        let ratio = f.ratio().map_or(String::new(), |r| format!("{r:.2}"));
        let met = match f.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        let target = f.target.map_or("", |t| t.1);
        let _ = writeln!(md, "| {} | {} | {} | {ratio} | {target} | {met} |", f.name, show(f.ours), show(f.official));
    }
    let sigv4 = |i: usize| if trees[i].sigv4 { "yes" } else { "no" };
    let participant_sigv4 = trees[0].sigv4;
    let _ = writeln!(
        md,
        "| Connect Participant crate pulls in SigV4 | {} | {} | | no | {} |",
        sigv4(0),
        sigv4(2),
        if participant_sigv4 { "**no**" } else { "yes" }
    );
    if !quick {
        let smoke_cell = |app| {
            smoke
                .iter()
                .find(|s| s.app == app)
                .map_or_else(|| skipped.to_owned(), |s| format!("ok, {:.0} ms", s.wall.as_secs_f64() * 1e3))
        };
        let _ = writeln!(
            md,
            "| release binary runs against the loopback server | {} | {} | | | |",
            smoke_cell(App::Chatsmith),
            smoke_cell(App::Official)
        );
    }

    let units = |app, profile| find(app, profile).map_or("-".to_owned(), |b| b.units.to_string());
    let versions_text: Vec<String> = versions.iter().map(|(n, v)| format!("{n} {v}")).collect();
    if !quick {
        let _ = write!(
            md,
            "\nEach app is built cold in an empty target directory of its own, sources already fetched, with \
             `bench/compare`'s default profiles (release binaries stripped with `CARGO_PROFILE_RELEASE_STRIP=symbols`, \
             both apps). Ratios are chatsmith / official; MB = 10^6 bytes. CPU time is user + system time of cargo \
             and all it ran. Crates compiled: distinct packages (name, version, source) with a `compiler-artifact` \
             in cargo's JSON output, the app itself included; a package built for both host and target or with a \
             build script counts once (rustc units, debug: chatsmith {}, official {}).\n",
            units(App::Chatsmith, Profile::Debug),
            units(App::Official, Profile::Debug),
        );
    }
    let _ = write!(
        md,
        "\nBuild graph: the distinct packages of each app's normal and build dependencies (`cargo tree -e \
         normal,build`, proc macros included), read from the lock file without building; a cold build compiles \
         exactly these. Official SDK: {}.\n\
         \nConnect Participant crates' normal dependency trees (`cargo tree -e normal`): {} {} packages, {} {}; \
         for contrast {}, which signs, pulls in SigV4: {}.\n",
        if versions_text.is_empty() { "versions unknown".to_owned() } else { versions_text.join(", ") },
        trees[0].name,
        trees[0].packages.len(),
        trees[2].name,
        trees[2].packages.len(),
        trees[1].name,
        sigv4(1),
    );
    if let Some(max) = builds.iter().filter_map(|b| b.others).reduce(f64::max) {
        let shares: Vec<String> = builds
            .iter()
            .filter_map(|b| Some(format!("{} {} {:.0}%", b.app.name(), b.profile.name(), b.others? * 100.0)))
            .collect();
        let _ = writeln!(
            md,
            "\nShare of the machine's CPU that other processes used during each build: {}{}",
            shares.join(", "),
            if max > 0.25 {
                ". Wall times are inflated by that, CPU times much less: run again on a quiet machine."
            } else {
                "."
            }
        );
    }
    if quick {
        md.push_str(
            "\n`--quick`: nothing is built (a cold build takes minutes); build times and binary sizes need \
             `cargo xtask bench build`.\n",
        );
    }

    let json = json!({
        "quick": quick,
        "builds": builds.iter().map(Build::json).collect::<Vec<_>>(),
        "build_graphs": graphs.iter().map(|(app, graph)| (app.name().to_owned(), json!(graph.len()))).collect::<serde_json::Map<_, _>>(),
        "figures": figures.iter().map(|f| json!({
            "figure": f.name,
            "key": f.key,
            "chatsmith": f.ours,
            "official": f.official,
            "ratio": f.ratio(),
            "target": f.target.map(|t| t.1),
            "target_max_ratio": f.target.map(|t| t.0),
            "met": f.met(),
        })).collect::<Vec<_>>(),
        "connectparticipant_pulls_in_sigv4": participant_sigv4,
        "dependency_trees": trees.iter().map(|tree| (tree.name.to_owned(), json!({
            "packages": tree.packages.len(),
            "sigv4": tree.sigv4,
        }))).collect::<serde_json::Map<_, _>>(),
        "smoke": smoke.iter().map(|s| json!({
            "app": s.app.name(), "profile": s.profile.name(), "ok": true, "wall_ms": s.wall.as_secs_f64() * 1e3,
        })).collect::<Vec<_>>(),
        "official_versions": versions.iter().map(|(n, v)| (n.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
    });
    Section { name: "build", markdown: md, json }
}

/// Runs cargo with `args`; a failure names the command, its status, the compiler's errors (from
/// JSON messages) and the tail of its stderr.
fn cargo_ok(args: &[&str], dir: Option<&Path>, envs: &[(&str, &str)]) -> Result<Output, String> {
    let mut command = Command::new(super::cargo());
    command.args(args).envs(envs.iter().copied());
    // A compiler cache would make a cold build warm.
    command.env_remove("RUSTC_WRAPPER").env_remove("RUSTC_WORKSPACE_WRAPPER");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command.output().map_err(|e| format!("cannot run `{}`: {e}", command_line(args)))?;
    if output.status.success() {
        return Ok(output);
    }
    let errors: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "error")
        .filter_map(|m| m["message"]["rendered"].as_str().map(str::to_owned))
        .take(5)
        .collect();
    Err(format!(
        "`{}` failed ({}):\n{}{}",
        command_line(args),
        output.status,
        errors.join(""),
        tail(&String::from_utf8_lossy(&output.stderr), 25)
    ))
}

fn command_line(args: &[&str]) -> String {
    format!("cargo {}", args.join(" "))
}

fn path_str(path: &Path) -> String {
    path.display().to_string()
}

/// The last `lines` lines of `text`.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.trim_end().lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The 1-minute load average (`/proc/loadavg`).
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

/// `USER_HZ`, the unit of the CPU times in `/proc` (100 on every Linux ABI).
const USER_HZ: u64 = 100;

/// A reading of the machine's CPU time (`/proc/stat`, all cores) and of the CPU time of this
/// process's waited-for children (`/proc/self/stat`: cargo, and through it rustc), in ticks.
#[derive(Clone, Copy, Debug)]
struct CpuReading {
    machine_busy: u64,
    machine_total: u64,
    children: u64,
}

impl CpuReading {
    fn now() -> Option<Self> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let cpu: Vec<u64> =
            stat.lines().next()?.strip_prefix("cpu ")?.split_whitespace().filter_map(|v| v.parse().ok()).collect();
        // user nice system idle iowait irq softirq steal
        let busy = cpu.get(0..3)?.iter().sum::<u64>() + cpu.get(5..8)?.iter().sum::<u64>();
        let total = busy + cpu.get(3..5)?.iter().sum::<u64>();
        let own = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the parenthesised command name start at field 3; cutime and cstime are 16 and 17.
        let fields: Vec<u64> =
            own.rsplit_once(')')?.1.split_whitespace().skip(13).take(2).filter_map(|v| v.parse().ok()).collect();
        Some(Self { machine_busy: busy, machine_total: total, children: fields.iter().sum() })
    }

    fn children_since(&self, earlier: &Self) -> Duration {
        Duration::from_millis(self.children.saturating_sub(earlier.children) * (1000 / USER_HZ))
    }

    fn others_since(&self, earlier: &Self) -> f64 {
        let total = self.machine_total.saturating_sub(earlier.machine_total);
        let busy = self.machine_busy.saturating_sub(earlier.machine_busy);
        let others = busy.saturating_sub(self.children.saturating_sub(earlier.children));
        if total == 0 { 0.0 } else { others as f64 / total as f64 }
    }
}

/// `bench-runtime --serve`, stopped (stdin closed, then killed) when dropped.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    url: String,
}

impl Server {
    fn start(exe: &Path) -> Result<Self, String> {
        let mut child = Command::new(exe)
            .arg("--serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start the loopback server {}: {e}", exe.display()))?;
        let stdin = child.stdin.take();
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        let url = line.trim().strip_prefix("listening ").map(str::to_owned);
        let mut server = Self { child, stdin, url: String::new() };
        match url {
            Some(url) => server.url = url,
            None => return Err(format!("the loopback server {} did not start: it printed {line:?}", exe.display())),
        }
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.stdin.take());
        for _ in 0..100 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc\n", 2), "b\nc");
        assert_eq!(tail("a", 5), "a");
    }

    #[test]
    fn the_sigv4_check_sees_our_signer_where_it_is_on_and_only_there() {
        let manifest = crate::regenerate::workspace_root().join("Cargo.toml");
        let chime = Tree::of(&manifest, "chatsmith-chime-sdk-messaging").unwrap();
        assert!(chime.sigv4, "{:?}", chime.packages);
        assert!(!chime.packages.iter().any(|p| p.starts_with("aws-")), "{:?}", chime.packages);
        let participant = Tree::of(&manifest, "chatsmith-connectparticipant").unwrap();
        assert!(!participant.sigv4, "{:?}", participant.packages);
        assert!(participant.packages.iter().any(|p| p.starts_with("hyper ")), "{:?}", participant.packages);
    }

    #[test]
    fn locked_versions_reads_the_sdk_crates() {
        let dir = std::env::temp_dir().join(format!("chatsmith-xtask-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lock = dir.join("Cargo.lock");
        let text = "[[package]]\nname = \"aws-config\"\nversion = \"1.13.0\"\n\n[[package]]\nname = \"tokio\"\n\
                    version = \"1.54.1\"\n\n[[package]]\nname = \"aws-sdk-connectparticipant\"\nversion = \"1.126.0\"\n";
        std::fs::write(&lock, text).unwrap();
        let versions = locked_versions(&lock);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            versions,
            [("aws-config".to_owned(), "1.13.0".to_owned()), ("aws-sdk-connectparticipant".into(), "1.126.0".into())]
        );
    }
}
