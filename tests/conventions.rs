//! The conventions of the field: shell completions, the man page and `--version`, generated from the
//! real binary and checked by the tools that read them (`bash -n`, `man -l`).

mod common;

use std::process::Command;

use common::{repo, smtpscope};

/// Whether `program` can be run.
fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn completions_are_generated_for_every_shell_and_bash_parses_them() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = smtpscope(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in ["analyze", "diff", "live", "format", "time-format", "local-time"] {
            assert!(run.stdout.contains(word), "{shell} completions name {word}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    for (shell, check) in [("bash", "bash"), ("zsh", "zsh"), ("fish", "fish")] {
        if !have(check) {
            eprintln!("{check} not installed: its completions are not parsed");
            continue;
        }
        let path = dir.path().join(format!("smtpscope.{shell}"));
        std::fs::write(&path, smtpscope(&["completions", shell]).stdout).unwrap();
        let status = Command::new(check).arg("-n").arg(&path).status().unwrap();
        assert!(status.success(), "{check} -n rejects the {shell} completions");
    }
    let run = smtpscope(&["completions", "tcsh"]);
    assert_eq!(run.code, 2, "an unknown shell is bad usage");
}

#[test]
fn the_man_page_is_generated_checked_in_and_readable_by_man() {
    let run = smtpscope(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for section in [
        ".TH smtpscope 1",
        ".SH NAME",
        ".SH \"SMTPSCOPE ANALYZE\"",
        ".SH \"SMTPSCOPE DIFF\"",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(run.stdout.contains(section), "the man page has {section}");
    }
    common::assert_file("docs/smtpscope.1", &run.stdout);
    if !have("man") {
        eprintln!("man not installed: the page is not rendered");
        return;
    }
    let out = Command::new("man")
        .args(["--warnings", "-l"])
        .arg(repo().join("docs/smtpscope.1"))
        .env("MANWIDTH", "100")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "man -l fails: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "man -l --warnings is silent"
    );
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.contains("SMTPSCOPE ANALYZE") && page.contains("fail-on"),
        "{page}"
    );
}

#[test]
fn version_names_the_commit_and_the_features() {
    let run = smtpscope(&["--version"]);
    assert_eq!(run.code, 0);
    let line = run.stdout.trim();
    assert!(
        line.starts_with(&format!("smtpscope {}", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    assert!(line.contains("commit ") && line.contains("features: "), "{line}");
    let live = if cfg!(feature = "live") {
        "features: live"
    } else {
        "no live capture"
    };
    assert!(line.contains(live), "{line}");
}

/// The anchor GitHub gives a Markdown heading: lower case, spaces to `-`, punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn findings_cite_only_public_sources_or_the_projects_own_docs() {
    let public = [
        "RFC ",
        "KB ",
        "CVE-",
        "MS0",
        "CERT VU#",
        "TechNet ",
        "draft-ietf-",
        "Exchange 5.7.",
    ];
    for rule in smtpscope::rules::catalogue() {
        for reference in rule.refs {
            if let Some(doc) = reference.strip_prefix("docs/") {
                let (file, anchor) = doc.split_once('#').unwrap_or((doc, ""));
                let text = std::fs::read_to_string(repo().join("docs").join(file))
                    .unwrap_or_else(|_| panic!("{}: docs/{file} is shipped", rule.id));
                if !anchor.is_empty() {
                    let anchors: Vec<String> = text
                        .lines()
                        .filter_map(|l| l.strip_prefix('#'))
                        .map(|h| slug(h.trim_start_matches('#')))
                        .collect();
                    assert!(
                        anchors.iter().any(|a| a == anchor),
                        "{}: no #{anchor} in docs/{file}: {anchors:?}",
                        rule.id
                    );
                }
                continue;
            }
            // A manual page of a public project: `pcap-savefile(5)`.
            let man_page = reference
                .strip_suffix(')')
                .and_then(|r| r.rsplit_once('('))
                .is_some_and(|(name, section)| {
                    !name.contains(' ') && section.chars().all(|c| c.is_ascii_digit())
                });
            assert!(
                man_page || public.iter().any(|p| reference.starts_with(p)),
                "{}: `{reference}` is neither a public source nor a docs/ page",
                rule.id
            );
        }
    }
    // The catalogue's own words never send a reader to notes outside the project.
    let catalogue = smtpscope(&["rules"]).stdout;
    for id in smtpscope::rules::catalogue().map(|r| r.id) {
        let explained = smtpscope(&["rules", id]).stdout;
        for private in ["PROTOCOL.md", "FINDINGS.md", "OUTPUT.md", "ARCHITECTURE.md"] {
            assert!(!explained.contains(private), "rules {id} cites {private}");
            assert!(!catalogue.contains(private));
        }
    }
}
