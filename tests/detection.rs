//! SMTP found wherever it runs: the lab recordings on ports 26 and 10025 found by content with no
//! `--port`, implicit TLS on 465, SMTP inside SOCKS4, SOCKS5 and HTTP CONNECT tunnels recorded
//! through real proxies (Dante, tinyproxy), `--port` adding a port and `--only-ports` restricting.

mod common;

use common::smtpscope;
use serde_json::Value;

fn json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["analyze", "--format", "json"];
    all.extend_from_slice(args);
    let run = smtpscope(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sessions(lines: &[Value]) -> Vec<&Value> {
    lines.iter().filter(|l| l["type"] == "session").collect()
}

fn commands(session: &Value) -> Vec<String> {
    session["transcript"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "command")
        .map(|i| i["verb"].as_str().unwrap().to_string())
        .collect()
}

const DIALOGUE: [&str; 6] = ["EHLO", "MAIL", "RCPT", "DATA", "QUIT", ""];

#[test]
fn smtp_on_odd_ports_is_found_by_content_without_port() {
    for capture in [
        "captures/lab/smtp-port-26.pcap",
        "captures/lab/smtp-port-10025.pcap",
    ] {
        let lines = json(&[capture]);
        let found = sessions(&lines);
        assert_eq!(found.len(), 1, "{capture}");
        assert_eq!(commands(found[0]), DIALOGUE[..5], "{capture}");
        assert_eq!(found[0]["banner"], "lab.example ESMTP smtpscope-lab");
        assert!(found[0]["tunnel"].is_null());
        // --only-ports looks on the SMTP ports only.
        let lines = json(&["--only-ports", capture]);
        assert!(sessions(&lines).is_empty(), "{capture} with --only-ports");
        assert!(lines.last().unwrap()["skipped"]["other_ports"].as_u64().unwrap() > 0);
        // … unless the port is given.
        let port = if capture.contains("26.") { "26" } else { "10025" };
        let lines = json(&["--only-ports", "--port", port, capture]);
        assert_eq!(
            sessions(&lines).len(),
            1,
            "{capture} with --only-ports --port {port}"
        );
    }
}

#[test]
fn port_adds_a_port_and_keeps_the_well_known_ones() {
    // The regression of issue 18: `--port 1224` used to replace the defaults and drop port 25.
    let lines = json(&["--port", "1224", "captures/lab/postfix-swaks.pcap"]);
    assert_eq!(sessions(&lines).len(), 1);
    let lines = json(&[
        "--port",
        "1224",
        "--only-ports",
        "captures/lab/postfix-swaks.pcap",
    ]);
    assert!(
        sessions(&lines).is_empty(),
        "--only-ports --port 1224: port 25 is not looked at"
    );
}

#[test]
fn tunnels_through_real_proxies_are_decoded_and_named() {
    for (capture, kind, host, port, user) in [
        ("captures/lab/socks5-smtp.pcap", "socks5", "localhost", 2525, None),
        (
            "captures/lab/socks4-smtp.pcap",
            "socks4",
            "127.0.0.1",
            2525,
            Some("lab"),
        ),
        (
            "captures/lab/http-connect-smtp.pcap",
            "http-connect",
            "127.0.0.1",
            2525,
            None,
        ),
    ] {
        let lines = json(&[capture]);
        let found = sessions(&lines);
        assert_eq!(found.len(), 1, "{capture}");
        let tunnel = &found[0]["tunnel"];
        assert_eq!(tunnel["kind"], kind, "{capture}");
        assert_eq!(tunnel["target"]["host"], host, "{capture}");
        assert_eq!(tunnel["target"]["port"], port, "{capture}");
        assert_eq!(tunnel["user"].as_str(), user, "{capture}");
        assert_eq!(commands(found[0]), DIALOGUE[..5], "{capture}");
        assert_eq!(found[0]["transactions"][0]["data"]["reply"], 250, "{capture}");
        // The proxy's own bytes are not SMTP: no anomaly, no finding.
        assert_eq!(found[0]["anomalies"], Value::Array(vec![]), "{capture}");
        assert!(!lines.iter().any(|l| l["type"] == "finding"), "{capture}");
    }
    let text = smtpscope(&["analyze", "--color", "never", "captures/lab/socks5-smtp.pcap"]).stdout;
    assert!(
        text.contains("  tunnel  SOCKS5 through 127.0.0.1:1080 to localhost:2525\n"),
        "{text}"
    );
}

#[test]
fn implicit_tls_on_465_is_a_tls_session_of_smtp() {
    let lines = json(&["captures/lab/smtps-465.pcap"]);
    let found = sessions(&lines);
    assert_eq!(found.len(), 1);
    let tls = &found[0]["tls"];
    assert_eq!(tls["started"], true);
    assert_eq!(tls["by"], "implicit TLS");
    assert_eq!(tls["frame"], 4);
    assert!(tls["c2s_bytes"].as_u64().unwrap() > 500);
    assert!(found[0]["banner"].is_null(), "the greeting is inside TLS");
    assert!(
        !lines.iter().any(|l| l["type"] == "finding"),
        "no finding: nothing is wrong"
    );
}

#[test]
fn other_traffic_is_not_reported() {
    // The middlebox recordings hold only SMTP; a capture of HTTP alone has no session at all.
    let lines = json(&["captures/formats/loopback-lo.pcap.gz"]);
    assert_eq!(sessions(&lines).len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let http = dir.path().join("http.pcap");
    let mut w =
        smtpscope::capture::write::PcapWriter::new(Vec::new(), smtpscope::capture::LinkType::RAW).unwrap();
    // One HTTP exchange on port 8080, as raw IPv4 (checksums are not checked).
    let packet = |src: [u8; 4], dst: [u8; 4], sport: u16, dport: u16, seq: u32, flags: u8, payload: &[u8]| {
        let total = 40 + payload.len();
        let mut p = vec![
            0x45,
            0,
            (total >> 8) as u8,
            total as u8,
            0,
            0,
            0x40,
            0,
            64,
            6,
            0,
            0,
        ];
        p.extend(src);
        p.extend(dst);
        p.extend(sport.to_be_bytes());
        p.extend(dport.to_be_bytes());
        p.extend(seq.to_be_bytes());
        p.extend(0u32.to_be_bytes());
        p.extend([0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
        p.extend_from_slice(payload);
        p
    };
    let (c, s) = ([10, 0, 0, 1], [10, 0, 0, 2]);
    let frames = [
        packet(c, s, 40000, 8080, 1, 0x02, b""),
        packet(s, c, 8080, 40000, 100, 0x12, b""),
        packet(c, s, 40000, 8080, 2, 0x18, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
        packet(
            s,
            c,
            8080,
            40000,
            101,
            0x18,
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        ),
        packet(c, s, 40000, 8080, 30, 0x10, b""),
    ];
    for (n, f) in frames.iter().enumerate() {
        w.write_packet(smtpscope::capture::Timestamp::new(n as i64, 0), f.len() as u32, f)
            .unwrap();
    }
    std::fs::write(&http, w.into_inner().unwrap()).unwrap();
    let lines = json(&[http.to_str().unwrap()]);
    assert!(sessions(&lines).is_empty());
    let summary = lines.last().unwrap();
    assert_eq!(summary["tcp_connections"], 1);
    assert!(summary["skipped"]["not_smtp"].as_u64().unwrap() >= 1, "{summary}");
}
