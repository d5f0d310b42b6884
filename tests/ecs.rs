//! `--format ecs`: every field written is an ECS field of the right type (checked against the ECS
//! field reference, `tests/data/ecs-fields.csv`) or under the `smtpscope` namespace, the
//! categorisation fields hold allowed values, and `network.community_id` agrees with tshark's
//! Community ID dissector on every sample capture.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use common::{repo, sample_captures, smtpscope};
use serde_json::Value;

struct Reference {
    types: BTreeMap<String, String>,
    allowed: BTreeMap<String, BTreeSet<String>>,
}

fn reference() -> Reference {
    let text = std::fs::read_to_string(repo().join("tests/data/ecs-fields.csv")).unwrap();
    let mut types = BTreeMap::new();
    let mut allowed = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && *l != "field,type") {
        let parts: Vec<&str> = line.split(',').collect();
        match parts.as_slice() {
            ["allowed", field, values] => {
                allowed.insert(field.to_string(), values.split(' ').map(str::to_string).collect());
            }
            [field, kind] => {
                types.insert(field.to_string(), kind.to_string());
            }
            _ => panic!("bad line {line}"),
        }
    }
    Reference { types, allowed }
}

/// Every leaf of `doc` as (dotted path, value); arrays give their elements under the same path.
fn leaves<'a>(prefix: &str, doc: &'a Value, out: &mut Vec<(String, &'a Value)>) {
    match doc {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                leaves(&path, value, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                leaves(prefix, item, out);
            }
        }
        _ => out.push((prefix.to_string(), doc)),
    }
}

fn fits(kind: &str, value: &Value) -> bool {
    match kind {
        "long" => value.is_u64() || value.is_i64(),
        "boolean" => value.is_boolean(),
        "ip" => value
            .as_str()
            .is_some_and(|s| s.parse::<std::net::IpAddr>().is_ok()),
        "date" => value.as_str().is_some_and(|s| s.len() >= 20 && s.ends_with('Z')),
        _ => value.is_string(),
    }
}

fn ecs_lines(capture: &str) -> Vec<Value> {
    let run = smtpscope(&["analyze", "--format", "ecs", capture]);
    assert!(run.code <= 1, "{capture}: {}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

#[test]
fn every_field_is_an_ecs_field_of_its_type_or_smtpscopes_own() {
    let reference = reference();
    let mut seen = BTreeSet::new();
    for rel in sample_captures() {
        for doc in ecs_lines(&rel) {
            assert_eq!(doc["ecs"]["version"], "8.11.0");
            let mut all = Vec::new();
            leaves("", &doc, &mut all);
            for (path, value) in all {
                if path.starts_with("smtpscope.") || value.is_null() {
                    continue;
                }
                let kind = reference
                    .types
                    .get(&path)
                    .unwrap_or_else(|| panic!("{rel}: `{path}` is not in the ECS reference list"));
                assert!(fits(kind, value), "{rel}: {path} = {value} is not a {kind}");
                if let Some(allowed) = reference.allowed.get(&path) {
                    assert!(
                        allowed.contains(value.as_str().unwrap()),
                        "{rel}: {path} = {value} is not allowed"
                    );
                }
                seen.insert(path);
            }
        }
    }
    for must in [
        "@timestamp",
        "source.ip",
        "source.port",
        "destination.ip",
        "destination.port",
        "network.community_id",
        "event.kind",
        "event.category",
        "event.type",
        "email.from.address",
        "email.to.address",
        "rule.id",
    ] {
        assert!(seen.contains(must), "{must} is written somewhere");
    }
}

#[test]
fn sessions_findings_flows_and_summary_are_documents() {
    let docs = ecs_lines("captures/synthetic/xexch50-refused.pcap");
    let datasets: Vec<&str> = docs
        .iter()
        .map(|d| d["event"]["dataset"].as_str().unwrap())
        .collect();
    assert_eq!(
        datasets,
        [
            "smtpscope.session",
            "smtpscope.finding",
            "smtpscope.finding",
            "smtpscope.finding",
            "smtpscope.flow",
            "smtpscope.summary"
        ]
    );
    let session = &docs[0];
    assert_eq!(session["source"]["ip"], "192.0.2.10");
    assert_eq!(session["destination"]["port"], 25);
    assert_eq!(session["event"]["outcome"], "failure");
    let alert = &docs[3];
    assert_eq!(alert["event"]["kind"], "alert");
    assert_eq!(alert["rule"]["id"], "xexch50-rejected");
    assert_eq!(
        alert["network"]["community_id"], session["network"]["community_id"],
        "alerts correlate with their session"
    );
    let run = smtpscope(&[
        "diff",
        "--format",
        "ecs",
        "captures/synthetic/diff-asa-sender.pcapng",
        "captures/synthetic/diff-asa-receiver.pcap",
    ]);
    assert_eq!(run.code, 2, "diff has no ECS output");
    assert!(run.stderr.contains("no ECS output"));
}

#[test]
fn community_ids_agree_with_tshark() {
    let Ok(version) = Command::new("tshark").arg("--version").output() else {
        eprintln!("tshark not installed: Community IDs not compared");
        return;
    };
    assert!(version.status.success());
    let mut compared = 0;
    for rel in sample_captures() {
        let ours: BTreeSet<String> = ecs_lines(&rel)
            .iter()
            .filter(|d| d["event"]["dataset"] == "smtpscope.session")
            .map(|d| d["network"]["community_id"].as_str().unwrap().to_string())
            .collect();
        let out = Command::new("tshark")
            .args([
                "-r",
                &rel,
                "--enable-protocol",
                "communityid",
                "-T",
                "fields",
                "-e",
                "communityid",
                "-Y",
                "tcp",
            ])
            .current_dir(repo())
            .output()
            .unwrap();
        let theirs: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        for id in &ours {
            assert!(theirs.contains(id), "{rel}: {id} not among tshark's {theirs:?}");
            compared += 1;
        }
    }
    assert!(compared > 50, "{compared} sessions compared");
}
