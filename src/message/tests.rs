//! Byte-literal tests of the message decoder: whole messages fed in every chunking, incomplete and
//! damaged ones, and MIME bombs against the limits.

use sha2::{Digest, Sha256};

use super::*;

fn sha(bytes: &[u8]) -> String {
    mime::hex(&Sha256::digest(bytes))
}

/// Decodes `raw` fed in pieces of `step` bytes.
fn decode_with(raw: &[u8], step: usize, options: &Options, complete: bool) -> Message {
    let mut d = MessageDecoder::new(options);
    for piece in raw.chunks(step.max(1)) {
        d.push(piece);
    }
    d.finish(complete, None)
}

/// Decodes `raw` whole and in small pieces, and checks they agree.
fn decode(raw: &[u8]) -> Message {
    let options = Options::default();
    let whole = decode_with(raw, usize::MAX, &options, true);
    for step in [1, 2, 3, 7, 64] {
        assert_eq!(decode_with(raw, step, &options, true), whole, "step {step}");
    }
    assert_eq!(options.budget.used(), 0, "every header byte is given back");
    whole
}

fn paths(m: &Message) -> Vec<(&str, &str)> {
    m.parts
        .iter()
        .map(|p| (p.path.as_str(), p.content_type.as_str()))
        .collect()
}

const MIXED: &[u8] = b"From: Alice <alice@contoso.com>\r\n\
To: bob@fabrikam.com\r\n\
Subject: =?UTF-8?Q?Quarterly_r=C3=A9sultats?=\r\n\
Message-ID: <m1@contoso.com>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"outer\"\r\n\
\r\n\
This is a multi-part message in MIME format.\r\n\
--outer\r\n\
Content-Type: multipart/alternative; boundary=inner\r\n\
\r\n\
--inner\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Caf=C3=A9 =\r\n\
ready.\r\n\
--inner\r\n\
Content-Type: text/html\r\n\
\r\n\
<p>Caf\xc3\xa9</p>\r\n\
--inner--\r\n\
--outer\r\n\
Content-Type: application/pdf; name=\"report.pdf\"\r\n\
Content-Disposition: attachment; filename=\"report.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQK\r\n\
JSVFT0YK\r\n\
--outer--\r\n\
epilogue\r\n";

#[test]
fn a_multipart_message_gives_its_tree_sizes_and_hashes() {
    let m = decode(MIXED);
    assert!(m.complete);
    assert_eq!(m.size, MIXED.len() as u64);
    assert_eq!(m.headers.subject.as_deref(), Some("Quarterly résultats"));
    assert_eq!(m.headers.from[0].addr.as_deref(), Some("alice@contoso.com"));
    assert_eq!(
        paths(&m),
        [
            ("1", "multipart/mixed"),
            ("1.1", "multipart/alternative"),
            ("1.1.1", "text/plain"),
            ("1.1.2", "text/html"),
            ("1.2", "application/pdf"),
        ]
    );
    // The message's own text is measured, not hashed; attachments are hashed.
    let text = &m.parts[2];
    assert_eq!(text.decoded_bytes, "Café ready.".len() as u64);
    assert_eq!(text.sha256, None);
    assert_eq!(text.encoded_bytes, b"Caf=C3=A9 =\r\nready.".len() as u64);
    let html = &m.parts[3];
    assert_eq!(html.decoded_bytes, "<p>Café</p>".len() as u64);
    let pdf = &m.parts[4];
    assert_eq!(pdf.name.as_deref(), Some("report.pdf"));
    assert_eq!(pdf.disposition.as_deref(), Some("attachment"));
    assert_eq!(pdf.sha256.as_deref(), Some(sha(b"%PDF-1.4\n%%EOF\n").as_str()));
    assert_eq!(pdf.decoded_bytes, 15);
    assert!(m.parts.iter().all(|p| p.complete), "{:?}", m.parts);
    assert!(m.anomalies.is_empty(), "{:?}", m.anomalies);
    assert_eq!(m.attachments().count(), 1);
}

#[test]
fn a_single_part_body_keeps_its_last_line_break() {
    let m = decode(b"Subject: hi\r\n\r\nline one\r\nline two\r\n");
    assert_eq!(paths(&m), [("1", "text/plain")]);
    assert_eq!(m.parts[0].decoded_bytes, b"line one\r\nline two\r\n".len() as u64);
    // No body at all, no blank line: one empty part.
    let m = decode(b"Subject: only headers\r\n");
    assert_eq!(m.parts[0].decoded_bytes, 0);
    assert_eq!(m.headers.subject.as_deref(), Some("only headers"));
}

#[test]
fn an_embedded_message_is_a_part_and_its_parts_are_children() {
    let raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n\
--b\r\n\
Content-Type: text/plain\r\n\r\n\
see attached\r\n\
--b\r\n\
Content-Type: message/rfc822\r\n\
Content-Disposition: attachment; filename=fwd.eml\r\n\r\n\
From: carol@contoso.com\r\n\
Subject: inner\r\n\
Content-Type: multipart/mixed; boundary=c\r\n\r\n\
--c\r\n\r\n\
inner text\r\n\
--c--\r\n\
--b--\r\n";
    let m = decode(raw);
    assert_eq!(
        paths(&m),
        [
            ("1", "multipart/mixed"),
            ("1.1", "text/plain"),
            ("1.2", "message/rfc822"),
            ("1.2.1", "multipart/mixed"),
            ("1.2.1.1", "text/plain"),
        ]
    );
    let fwd = &m.parts[2];
    assert_eq!(fwd.kind, PartKind::Message);
    assert_eq!(fwd.inner_subject.as_deref(), Some("inner"));
    assert_eq!(fwd.inner_from.as_deref(), Some("carol@contoso.com"));
    let inner_bytes: &[u8] = b"From: carol@contoso.com\r\nSubject: inner\r\n\
Content-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\n\r\ninner text\r\n--c--";
    assert_eq!(fwd.sha256.as_deref(), Some(sha(inner_bytes).as_str()));
    assert_eq!(fwd.decoded_bytes, inner_bytes.len() as u64);
    assert_eq!(m.parts[4].decoded_bytes, b"inner text".len() as u64);
    assert!(m.parts.iter().all(|p| p.complete));
    // The top-level headers are the outer message's.
    assert_eq!(m.headers.subject, None);
}

#[test]
fn boundaries_need_the_whole_delimiter_and_allow_padding() {
    let raw = b"Content-Type: multipart/mixed; boundary=ab\r\n\r\n\
--ab \t\r\n\r\n\
--abc is content\r\n\
--ab--\r\n";
    let m = decode(raw);
    assert_eq!(paths(&m), [("1", "multipart/mixed"), ("1.1", "text/plain")]);
    assert_eq!(m.parts[1].decoded_bytes, b"--abc is content".len() as u64);
}

#[test]
fn digest_parts_default_to_messages() {
    let raw =
        b"Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: one\r\n\r\nbody\r\n--d--\r\n";
    let m = decode(raw);
    assert_eq!(
        paths(&m),
        [
            ("1", "multipart/digest"),
            ("1.1", "message/rfc822"),
            ("1.1.1", "text/plain")
        ]
    );
    assert_eq!(m.parts[1].inner_subject.as_deref(), Some("one"));
}

#[test]
fn tnef_is_named_by_name_type_or_signature() {
    let raw = b"Content-Type: multipart/mixed; boundary=t\r\n\r\n\
--t\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\neJ8+IgEA\r\n\
--t\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\neJ8+IgEA\r\n\
--t\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAAAAAA\r\n--t--\r\n";
    let m = decode(raw);
    let tnef: Vec<bool> = m.parts.iter().map(|p| p.tnef).collect();
    assert_eq!(tnef, [false, true, true, false]);
}

#[test]
fn the_received_chain_runs_oldest_first_with_delays() {
    let raw = b"Received: from b.contoso.com by c.contoso.com with ESMTP id 3; Tue, 13 Jan 2004 17:40:00 +0000\r\n\
Received: from a.contoso.com by b.contoso.com with Microsoft SMTPSVC(6.0.3790.0); Tue, 13 Jan 2004 09:25:00 -0800\r\n\
Received: from client by a.contoso.com with SMTP; Tue, 13 Jan 2004 17:24:30 +0000\r\n\
Subject: path\r\n\r\nx\r\n";
    let mut d = MessageDecoder::new(&Options::default());
    d.push(raw);
    let end = Timestamp::new(1_074_015_600 + 90, 500_000_000);
    let m = d.finish(true, Some(end));
    let hops: Vec<(&str, Option<i64>)> = m
        .received
        .iter()
        .map(|h| (h.by.as_deref().unwrap_or(""), h.delay_s))
        .collect();
    assert_eq!(
        hops,
        [
            ("a.contoso.com", None),
            ("b.contoso.com", Some(30)),
            ("c.contoso.com", Some(900))
        ]
    );
    assert_eq!(m.received[1].with.as_deref(), Some("Microsoft SMTPSVC"));
    assert_eq!(m.capture_delay_s, Some(91));
}

#[test]
fn a_message_cut_short_keeps_what_came() {
    let cut = MIXED.len() - 40;
    let options = Options::default();
    let m = decode_with(&MIXED[..cut], 5, &options, false);
    assert!(!m.complete);
    assert_eq!(m.parts.len(), 5);
    assert!(m.parts[2].complete && m.parts[3].complete);
    let pdf = &m.parts[4];
    assert!(!pdf.complete);
    assert_eq!(pdf.sha256, None);
    assert!(m
        .anomalies
        .iter()
        .any(|a| a.kind == MessageAnomalyKind::MultipartUnterminated));
    // A message that stops inside its header section still gives the fields read.
    let m = decode_with(b"Subject: half\r\nFrom: a@b", 3, &options, false);
    assert_eq!(m.headers.subject.as_deref(), Some("half"));
    assert_eq!(options.budget.used(), 0);
}

#[test]
fn every_prefix_decodes_without_panic_and_gives_the_budget_back() {
    let options = Options::default();
    for cut in 0..MIXED.len() {
        let m = decode_with(&MIXED[..cut], 11, &options, false);
        assert!(m.size == cut as u64);
        assert_eq!(options.budget.used(), 0, "cut {cut}");
    }
}

#[test]
fn a_gap_damages_only_the_part_it_falls_in() {
    let at = MIXED.windows(7).position(|w| w == b"<p>Caf\xc3").unwrap();
    let mut d = MessageDecoder::new(&Options::default());
    d.push(&MIXED[..at]);
    d.gap(100);
    d.push(&MIXED[at + 3..]);
    let m = d.finish(true, None);
    assert!(!m.complete);
    assert_eq!(m.gap_bytes, 100);
    let html = &m.parts[3];
    assert!(html.damaged && !html.complete && html.sha256.is_none());
    let pdf = &m.parts[4];
    assert!(pdf.complete && !pdf.damaged);
    assert_eq!(pdf.sha256.as_deref(), Some(sha(b"%PDF-1.4\n%%EOF\n").as_str()));
    assert!(m.parts[2].complete);
    let gap = m
        .anomalies
        .iter()
        .find(|a| a.kind == MessageAnomalyKind::Gap)
        .unwrap();
    assert_eq!(gap.part.as_deref(), Some("1.1.2"));
}

#[test]
fn a_gap_that_swallows_a_boundary_line_start_resumes_at_the_next_line() {
    // The gap ends inside the line `--outer`: that line cannot be trusted as a boundary.
    let at = MIXED.windows(7).position(|w| w == b"--outer").unwrap() + 3;
    let mut d = MessageDecoder::new(&Options::default());
    d.push(&MIXED[..at - 5]);
    d.gap(5);
    d.push(&MIXED[at..]);
    let m = d.finish(true, None);
    assert!(m.parts.len() >= 2);
    assert!(m.anomalies.iter().any(|a| a.kind == MessageAnomalyKind::Gap));
}

fn bomb_of_parts(n: usize) -> Vec<u8> {
    let mut raw = b"Content-Type: multipart/mixed; boundary=x\r\n\r\n".to_vec();
    for i in 0..n {
        raw.extend_from_slice(format!("--x\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n").as_bytes());
    }
    raw.extend_from_slice(b"--x--\r\n");
    raw
}

#[test]
fn ten_thousand_parts_stay_within_the_part_limit() {
    let raw = bomb_of_parts(10_000);
    let options = Options::default();
    let m = decode_with(&raw, 4096, &options, true);
    assert_eq!(m.parts.len(), options.limits.max_parts);
    assert_eq!(m.parts_dropped, 10_001 - options.limits.max_parts as u64);
    let limit: Vec<_> = m
        .anomalies
        .iter()
        .filter(|a| a.kind == MessageAnomalyKind::PartLimit)
        .collect();
    assert_eq!(limit.len(), 1);
    assert!(m.anomalies.len() <= MAX_ANOMALIES);
    assert_eq!(options.budget.used(), 0);
}

#[test]
fn a_hundred_levels_of_nesting_stay_within_the_depth_limit() {
    let depth = 100;
    let mut raw = Vec::new();
    for i in 0..depth {
        raw.extend_from_slice(
            format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n").as_bytes(),
        );
    }
    raw.extend_from_slice(b"Content-Type: text/plain\r\n\r\ndeep\r\n");
    for i in (0..depth).rev() {
        raw.extend_from_slice(format!("--b{i}--\r\n").as_bytes());
    }
    let options = Options::default();
    let m = decode_with(&raw, 1000, &options, true);
    let max = options.limits.max_depth;
    assert_eq!(m.parts.len(), max as usize + 1);
    assert!(m.parts.iter().all(|p| p.depth <= max));
    assert_eq!(m.parts.last().unwrap().kind, PartKind::Leaf);
    assert!(m
        .anomalies
        .iter()
        .any(|a| a.kind == MessageAnomalyKind::DepthLimit));
}

#[test]
fn an_oversized_header_section_is_cut_with_an_anomaly() {
    let options = Options {
        limits: Limits {
            max_header_bytes: 100,
            ..Limits::default()
        },
        ..Options::default()
    };
    let mut raw = b"Subject: kept\r\n".to_vec();
    for _ in 0..20 {
        raw.extend_from_slice(b"X-Filler: 0123456789\r\n");
    }
    raw.extend_from_slice(b"\r\nbody\r\n");
    let m = decode_with(&raw, 9, &options, true);
    assert_eq!(m.headers.subject.as_deref(), Some("kept"));
    assert!(m
        .anomalies
        .iter()
        .any(|a| a.kind == MessageAnomalyKind::HeaderTooLarge));
    assert_eq!(m.parts[0].decoded_bytes, b"body\r\n".len() as u64);
}

#[test]
fn the_shared_budget_caps_header_bytes_across_messages() {
    let options = Options {
        budget: Budget::new(64),
        ..Options::default()
    };
    let mut first = MessageDecoder::new(&options);
    first.push(b"Subject: first message holds forty bytes\r\n");
    let mut second = MessageDecoder::new(&options);
    second.push(b"Subject: the second one does not fit\r\n\r\nbody\r\n");
    let m2 = second.finish(true, None);
    assert!(m2
        .anomalies
        .iter()
        .any(|a| a.kind == MessageAnomalyKind::MemoryCap));
    assert_eq!(m2.parts.len(), 1);
    drop(first);
    assert_eq!(options.budget.used(), 0);
}

#[test]
fn past_the_size_limit_the_walk_stops_but_size_and_hash_go_on() {
    let options = Options {
        limits: Limits {
            max_message_size: 400,
            ..Limits::default()
        },
        ..Options::default()
    };
    let m = decode_with(MIXED, 13, &options, true);
    assert!(m.too_large);
    assert_eq!(m.size, MIXED.len() as u64);
    assert!(m.anomalies.iter().any(|a| a.kind == MessageAnomalyKind::TooLarge));
    assert!(m.parts.len() < 5);
    assert!(m.parts.iter().any(|p| !p.complete));
}

#[test]
fn long_lines_and_bare_line_feeds() {
    let mut raw = b"Subject: long\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\n".to_vec();
    raw.extend(std::iter::repeat_n(b'a', 5000));
    raw.extend_from_slice(b"\nend\n--b--\n");
    let m = decode(&raw);
    assert_eq!(m.headers.subject.as_deref(), Some("long"));
    assert_eq!(m.parts[1].decoded_bytes, 5000 + 4);
    assert!(m.anomalies.iter().any(|a| a.kind == MessageAnomalyKind::LongLine));
    // A message's only part goes in whole chunks: its lines are not cut, its bytes all counted.
    let mut single = b"Subject: long\n\n".to_vec();
    single.extend(std::iter::repeat_n(b'a', 5000));
    single.extend_from_slice(b"\nend\n");
    assert_eq!(decode(&single).parts[0].decoded_bytes, 5000 + 5);
}

#[test]
fn a_long_line_cut_in_pieces_keeps_its_crlf_for_the_boundary() {
    // Fed a byte at a time, the line passes on in pieces; its CR must wait for the LF to know
    // it is half of the break the boundary takes, as when the line comes whole.
    let mut raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n".to_vec();
    raw.extend(std::iter::repeat_n(b'a', 1500));
    raw.extend_from_slice(b"\r\n--b\r\n\r\nx\r\r\n--b--\r\n");
    let m = decode(&raw);
    assert_eq!(m.parts[1].encoded_bytes, 1500);
    assert_eq!(m.parts[1].decoded_bytes, 1500);
    // A CR that no LF follows is content.
    assert_eq!(m.parts[2].decoded_bytes, 2);
}

#[test]
fn base64_lines_in_a_run_decode_as_lines_one_at_a_time() {
    // Whole lines inside a multipart go to the decoder together; a bare CR ends the last one.
    let raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\
        Content-Type: application/octet-stream; name=a.bin\r\n\
        Content-Transfer-Encoding: base64\r\n\r\n\
        QUJD\r\nREVG\nR0\r\nhJ\r\r\n--b--\r\n";
    let m = decode(raw);
    assert_eq!(m.parts[1].decoded_bytes, 9);
    assert_eq!(m.parts[1].sha256.as_deref(), Some(sha(b"ABCDEFGHI").as_str()));
    assert_eq!(m.parts[1].invalid_encoding_bytes, 0);
}

#[test]
fn bad_base64_is_named() {
    let m = decode(
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVs*bG8=\r\n",
    );
    assert_eq!(m.parts[0].sha256.as_deref(), Some(sha(b"Hello").as_str()));
    assert_eq!(m.parts[0].invalid_encoding_bytes, 1);
    assert!(m
        .anomalies
        .iter()
        .any(|a| a.kind == MessageAnomalyKind::BadEncoding));
}

#[test]
fn a_multipart_without_boundary_is_one_part() {
    let m = decode(b"Content-Type: multipart/mixed\r\n\r\n--x\r\nhello\r\n");
    assert_eq!(m.parts.len(), 1);
    assert_eq!(m.parts[0].kind, PartKind::Leaf);
    assert!(m
        .anomalies
        .iter()
        .any(|a| a.kind == MessageAnomalyKind::MissingBoundary));
}

#[test]
fn part_sinks_see_the_decoded_bytes() {
    #[derive(Default)]
    struct Collect(Vec<(usize, Vec<u8>, Option<String>)>);
    impl PartSink for Collect {
        fn begin(&mut self, index: usize, _: &Part) {
            self.0.push((index, Vec::new(), None));
        }
        fn bytes(&mut self, index: usize, decoded: &[u8]) {
            let slot = self.0.iter_mut().find(|(i, ..)| *i == index).unwrap();
            slot.1.extend_from_slice(decoded);
        }
        fn end(&mut self, index: usize, part: &Part) {
            let slot = self.0.iter_mut().find(|(i, ..)| *i == index).unwrap();
            slot.2 = part.sha256.clone();
        }
    }
    let mut sink = Collect::default();
    let mut d = MessageDecoder::new(&Options::default());
    for piece in MIXED.chunks(5) {
        d.push_to(piece, &mut sink);
    }
    let m = d.finish_to(true, None, &mut sink);
    assert_eq!(sink.0.len(), 3);
    for (index, bytes, hash) in &sink.0 {
        assert_eq!(m.parts[*index].decoded_bytes, bytes.len() as u64);
        assert_eq!(m.parts[*index].sha256, *hash);
    }
    assert_eq!(sink.0[2].2.as_deref(), Some(sha(b"%PDF-1.4\n%%EOF\n").as_str()));
    assert_eq!(sink.0[2].1, b"%PDF-1.4\n%%EOF\n");
}

mod random {
    use proptest::prelude::*;

    use super::*;

    /// Lines that make MIME structure likely: boundaries of three names, headers, encoded content.
    fn line() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"--a\r\n".to_vec()),
            Just(b"--b--\r\n".to_vec()),
            Just(b"--c\r\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"Content-Type: multipart/mixed; boundary=a\r\n".to_vec()),
            Just(b"Content-Type: multipart/alternative; boundary=b\r\n".to_vec()),
            Just(b"Content-Type: message/rfc822\r\n".to_vec()),
            Just(b"Content-Transfer-Encoding: base64\r\n".to_vec()),
            Just(b"Content-Transfer-Encoding: quoted-printable\r\n".to_vec()),
            Just(b"Subject: =?UTF-8?B?w6k=?=\r\n".to_vec()),
            Just(b"Received: from a by b; Tue, 13 Jan 2004 17:23:43 +0000\r\n".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..40),
        ]
    }

    /// Lines of a multipart body as encoders write them, and what breaks their pattern.
    fn body_line() -> impl Strategy<Value = Vec<u8>> {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let base64 = proptest::collection::vec(proptest::sample::select(alphabet.to_vec()), 0..80);
        prop_oneof![
            4 => (base64, prop_oneof![Just(&b"\r\n"[..]), Just(&b"\n"[..]), Just(&b"\r"[..])])
                .prop_map(|(l, eol)| [l, eol.to_vec()].concat()),
            1 => Just(b"QUJDRA==\r\n".to_vec()),
            1 => Just(b"-not a boundary\r\n".to_vec()),
            1 => Just([vec![b'Q'; 1200], b"\r\n".to_vec()].concat()),
            1 => line(),
        ]
    }

    /// What `plain_run` finds, line by line.
    fn plain_run_line_by_line(bytes: &[u8], check_long: bool) -> usize {
        let mut end = 0;
        for lf in memchr::memchr_iter(b'\n', bytes) {
            let line = &bytes[end..=lf];
            let content = line.strip_suffix(b"\n").unwrap_or(line);
            let content = content.strip_suffix(b"\r").unwrap_or(content);
            if line.starts_with(b"--") || (check_long && content.len() > 998) {
                break;
            }
            end = lf + 1;
        }
        end
    }

    /// Lines around the length limit, with every kind of break, and lines that may be boundaries.
    fn edge_line() -> impl Strategy<Value = Vec<u8>> {
        let eol = prop_oneof![
            Just(&b"\r\n"[..]),
            Just(&b"\n"[..]),
            Just(&b"\r"[..]),
            Just(&b""[..])
        ];
        prop_oneof![
            (prop_oneof![0usize..80, 990usize..1005, 1990usize..2005], eol).prop_map(|(n, eol)| [
                vec![b'Q'; n],
                eol.to_vec()
            ]
            .concat()),
            Just(b"--a\r\n".to_vec()),
            Just(b"-\n".to_vec()),
            Just(b"\n".to_vec()),
            proptest::collection::vec(
                prop_oneof![Just(b'-'), Just(b'\n'), Just(b'\r'), Just(b'x')],
                0..12
            ),
        ]
    }

    proptest! {
        #[test]
        fn a_plain_run_ends_where_the_first_boundary_like_or_long_line_begins(
            lines in proptest::collection::vec(edge_line(), 0..12),
            check_long in any::<bool>(),
        ) {
            let bytes = lines.concat();
            prop_assert_eq!(
                super::super::mime::plain_run(&bytes, check_long),
                plain_run_line_by_line(&bytes, check_long)
            );
        }

        /// Lines passed on in runs (whole chunks) and one at a time (tiny pieces) give the same
        /// parts, sizes, hashes and anomalies.
        #[test]
        fn every_chunking_of_a_multipart_body_decodes_alike(
            lines in proptest::collection::vec(body_line(), 0..80),
            step in 1usize..200,
        ) {
            // Named parts, so that both are hashed.
            let raw = [
                b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\
                  Content-Type: application/octet-stream; name=a.bin\r\n\
                  Content-Transfer-Encoding: base64\r\n\r\n".to_vec(),
                lines.concat(),
                b"\r\n--a\r\nContent-Type: application/octet-stream; name=b.bin\r\n\r\n".to_vec(),
                lines.concat(),
                b"\r\n--a--\r\n".to_vec(),
            ].concat();
            let options = Options::default();
            let whole = decode_with(&raw, usize::MAX, &options, true);
            prop_assert_eq!(&decode_with(&raw, 1, &options, true), &whole);
            prop_assert_eq!(&decode_with(&raw, step, &options, true), &whole);
        }

        #[test]
        fn any_input_respects_the_limits(
            lines in proptest::collection::vec(line(), 0..60),
            cuts in proptest::collection::vec((1usize..50, any::<bool>()), 1..30),
            complete in any::<bool>(),
        ) {
            let raw: Vec<u8> = lines.concat();
            let options = Options {
                limits: Limits { max_message_size: 1500, max_header_bytes: 200, max_depth: 4, max_parts: 12 },
                budget: Budget::new(1000),
            };
            let mut d = MessageDecoder::new(&options);
            let mut rest = &raw[..];
            let mut fed = 0u64;
            for (len, gap) in cuts.iter().cycle().take(400) {
                if rest.is_empty() {
                    break;
                }
                let (piece, after) = rest.split_at((*len).min(rest.len()));
                rest = after;
                if *gap {
                    d.gap(piece.len() as u64);
                } else {
                    d.push(piece);
                }
                fed += piece.len() as u64;
            }
            let m = d.finish(complete, None);
            prop_assert_eq!(m.size, fed);
            prop_assert!(m.parts.len() <= 12);
            prop_assert!(m.parts.iter().all(|p| p.depth <= 4));
            prop_assert!(m.parts.iter().all(|p| p.sha256.is_none() || (p.complete && !p.damaged)));
            prop_assert!(m.anomalies.len() <= MAX_ANOMALIES);
            prop_assert_eq!(options.budget.used(), 0);
        }
    }
}
