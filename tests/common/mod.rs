//! Helpers shared by the end-to-end tests: running the real binary, locating captures, and golden
//! comparison with a readable diff and an update mode (`SMTPSCOPE_UPDATE_GOLDEN=1`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/captures/public` beside the repository, else `/work/shared/captures/public`, when
/// one is there.
pub fn public_captures() -> Option<PathBuf> {
    [
        repo().join("../shared/captures/public"),
        PathBuf::from("/work/shared/captures/public"),
    ]
    .into_iter()
    .find(|dir| dir.is_dir())
}

/// `../shared/design`, when present.
#[allow(dead_code)]
pub fn shared_design() -> Option<PathBuf> {
    let dir = repo().join("../shared/design");
    dir.is_dir().then_some(dir)
}

/// Every capture file below `dir` (by extension), sorted.
pub fn capture_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("pcap" | "pcapng" | "cap")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The lab captures decrypted with a server's RSA key rather than a key log (see
/// `captures/lab/record-tls.sh`).
const RSA_KEYS: &[(&str, &str)] = &[
    ("captures/lab/tls-rsa.pcap", "captures/lab/tls/mail.key"),
    (
        "captures/lab/tls-windows2003.pcap",
        "captures/lab/tls/exchange.key",
    ),
];

/// The options that decrypt a capture's TLS (path relative to the repository): `--tls-keylog` of
/// the key log beside it (`X.keylog` for `X.pcap`), or `--tls-key` of its lab server key; empty
/// when it has neither.
pub fn tls_key_args(capture: &str) -> Vec<String> {
    if let Some((_, key)) = RSA_KEYS.iter().find(|(c, _)| *c == capture) {
        return vec!["--tls-key".into(), (*key).into()];
    }
    let keylog = Path::new(capture).with_extension("keylog");
    if repo().join(&keylog).is_file() {
        return vec!["--tls-keylog".into(), keylog.to_string_lossy().into_owned()];
    }
    Vec::new()
}

/// The output of one run of the binary.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    fn of(stdout: &[u8], stderr: &[u8], status: std::process::ExitStatus) -> Self {
        Run {
            stdout: String::from_utf8_lossy(stdout).into_owned(),
            stderr: String::from_utf8_lossy(stderr).into_owned(),
            code: status.code().unwrap_or(-1),
        }
    }
}

/// Options a committed capture is always analysed with, because the shape it shows needs them
/// (`syn-flood.pcap` overflows a small connection budget). Empty for every other capture.
pub fn extra_args(capture: &str) -> &'static [&'static str] {
    const EXTRA_ARGS: &[(&str, &[&str])] =
        &[("captures/synthetic/syn-flood.pcap", &["--max-connections", "8"])];
    EXTRA_ARGS
        .iter()
        .find(|(c, _)| *c == capture)
        .map_or(&[], |(_, args)| *args)
}

/// Runs `smtpscope ARGS…` in the repository root, in English with UTF-8 (`LANG=C.UTF-8`, the
/// other locale variables unset) whatever the caller's locale.
pub fn smtpscope(args: &[&str]) -> Run {
    smtpscope_in(&[("LANG", "C.UTF-8")], args)
}

/// `smtpscope ARGS…` in the repository root with exactly the locale variables `locale`
/// (`LC_ALL`, `LC_MESSAGES`, `LC_CTYPE`, `LANG`) set, and no colour or key log setting.
fn command(locale: &[(&str, &str)], args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smtpscope"));
    command
        .args(args)
        .current_dir(repo())
        .env_remove("NO_COLOR")
        .env_remove("SSLKEYLOGFILE");
    for var in ["LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANG"] {
        command.env_remove(var);
    }
    command.envs(locale.iter().copied());
    command
}

/// Runs `smtpscope ARGS…` in the repository root with exactly the locale variables `locale`
/// (`LC_ALL`, `LC_MESSAGES`, `LC_CTYPE`, `LANG`) set.
pub fn smtpscope_in(locale: &[(&str, &str)], args: &[&str]) -> Run {
    let output = command(locale, args).output().expect("the smtpscope binary runs");
    Run::of(&output.stdout, &output.stderr, output.status)
}

/// Runs `smtpscope ARGS…` as [`smtpscope`] does, killing it (and failing the test) if it has not
/// ended after `secs` seconds: for runs that could hang.
pub fn smtpscope_within(secs: u64, args: &[&str]) -> Run {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command(&[("LANG", "C.UTF-8")], args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the smtpscope binary runs");
    // Read both pipes while waiting, so a full pipe cannot stall the child.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let stdout = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).map(|_| s)
    });
    let stderr = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).map(|_| s)
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for smtpscope") {
            break status;
        }
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("smtpscope {args:?} did not end within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Run::of(
        &stdout.join().unwrap().unwrap(),
        &stderr.join().unwrap().unwrap(),
        status,
    )
}

/// Runs `smtpscope ARGS…` with one decoding thread and with four (the report must not depend on
/// it): each thread count with its run.
pub fn with_threads(args: &[&str]) -> Vec<(&'static str, Run)> {
    ["1", "4"]
        .into_iter()
        .map(|threads| {
            let (command, rest) = args.split_first().expect("a subcommand");
            let mut all = vec![*command, "--threads", threads];
            all.extend_from_slice(rest);
            // Several threads wait for each other: a hang fails the test instead of stalling it.
            (threads, smtpscope_within(600, &all))
        })
        .collect()
}

/// Replaces what legitimately changes from run to run (the wall-clock `elapsed_s`).
pub fn normalize(output: &str) -> String {
    output
        .lines()
        .map(|line| match line.find("\"elapsed_s\":") {
            Some(at) => {
                let rest = &line[at + "\"elapsed_s\":".len()..];
                let end = rest.find([',', '}']).unwrap_or(rest.len());
                format!("{}\"elapsed_s\":0{}", &line[..at], &rest[end..])
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if output.ends_with('\n') { "\n" } else { "" }
}

/// Compares `actual` with the golden file `tests/golden/NAME`, or rewrites it in update mode.
///
/// # Panics
/// When they differ, with the first differing lines.
pub fn assert_golden(name: &str, actual: &str) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("SMTPSCOPE_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("golden files live in a folder")).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run with SMTPSCOPE_UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let mut report = format!("output differs from {}:\n", path.display());
        for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
            if e != a {
                report.push_str(&format!("line {}:\n  expected: {e}\n  actual:   {a}\n", i + 1));
            }
        }
        let (ne, na) = (expected.lines().count(), actual.lines().count());
        if ne != na {
            report.push_str(&format!("expected {ne} lines, got {na}\n"));
        }
        report.push_str("(run with SMTPSCOPE_UPDATE_GOLDEN=1 to accept the new output)");
        panic!("{report}");
    }
}

/// A golden file name for a capture path relative to `captures/`: `lab/x.pcap` → `lab__x.pcap`.
pub fn golden_stem(capture: &Path) -> String {
    let rel = capture.strip_prefix(repo().join("captures")).unwrap_or(capture);
    rel.to_string_lossy().replace(['/', '\\'], "__")
}

/// Compares `actual` with the repository file `path` (generated documentation), or rewrites it in
/// update mode (`SMTPSCOPE_UPDATE_GOLDEN=1`).
///
/// # Panics
/// When they differ.
pub fn assert_file(path: &str, actual: &str) {
    let full = repo().join(path);
    if std::env::var_os("SMTPSCOPE_UPDATE_GOLDEN").is_some() {
        std::fs::write(&full, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        expected == actual,
        "{path} is out of date; run with SMTPSCOPE_UPDATE_GOLDEN=1 to regenerate it"
    );
}

/// Every sample capture under `captures/`, as paths relative to the repository (as the binary,
/// run in the repository, takes them).
pub fn sample_captures() -> Vec<String> {
    capture_files(&repo().join("captures"))
        .iter()
        .map(|c| c.strip_prefix(repo()).unwrap_or(c).to_string_lossy().into_owned())
        .collect()
}
