//! Capture readers against real files: the lab recordings (tcpdump on loopback), the same capture
//! converted by editcap to every supported container, cuts at every byte offset, the public
//! captures with their tshark baselines, and inputs that are not captures.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use smtpscope::capture::file::{open, open_reader};
use smtpscope::capture::{CaptureError, Format, Input, LinkType, PacketSource};

/// One packet, copied out of the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Rec {
    frame: u64,
    secs: i64,
    nanos: u32,
    link: LinkType,
    orig_len: u32,
    data: Vec<u8>,
}

type Drained = (Vec<Rec>, Option<CaptureError>, Box<dyn PacketSource>);

/// Reads a source to its end: the packets, and the error that stopped it, if any.
fn drain(mut src: Box<dyn PacketSource>) -> Drained {
    let mut out = Vec::new();
    let err = loop {
        match src.next_packet() {
            Ok(Some(p)) => out.push(Rec {
                frame: p.frame,
                secs: p.ts.secs,
                nanos: p.ts.nanos,
                link: p.link,
                orig_len: p.orig_len,
                data: p.data.to_vec(),
            }),
            Ok(None) => break None,
            Err(e) => break Some(e),
        }
    };
    assert!(
        matches!(src.next_packet(), Ok(None)),
        "a finished source must stay finished"
    );
    (out, err, src)
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read_path(rel: &str) -> (Vec<Rec>, Format) {
    let src = open(&Input::Path(repo(rel))).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let fmt = src.format();
    let (recs, err, _) = drain(src);
    assert!(err.is_none(), "{rel}: {err:?}");
    (recs, fmt)
}

fn read_bytes(bytes: &[u8]) -> Result<(Vec<Rec>, Option<CaptureError>), CaptureError> {
    let src = open_reader("cut".into(), Box::new(Cursor::new(bytes.to_vec())))?;
    let (recs, err, _) = drain(src);
    Ok((recs, err))
}

const LAB_LO: &str = "captures/lab/loopback-lo.pcap";
const LAB_ANY: &str = "captures/lab/loopback-any.pcap";
/// The lab capture converted by independent writers (`captures/formats/convert.sh`): the file, the
/// format it must be read as, and the timestamp resolution it keeps, in nanoseconds.
const CONVERTED: [(&str, Format, u32); 14] = [
    ("captures/formats/loopback-lo.pcapng", Format::PcapNg, 1000),
    ("captures/formats/loopback-lo.nsec.pcap", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.netmon2.cap", Format::NetMon2, 1000),
    (
        "captures/formats/loopback-lo.netmon1.cap",
        Format::NetMon1,
        1_000_000,
    ),
    ("captures/formats/loopback-lo.modpcap.pcap", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.suse6_3.pcap", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.rh6_1.pcap", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.nokia.pcap", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.snoop", Format::Snoop, 1000),
    ("captures/formats/loopback-lo.pcap.gz", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.pcap.zst", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.pcap.xz", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.pcap.lzma", Format::Pcap, 1000),
    ("captures/formats/loopback-lo.pcap.bz2", Format::Pcap, 1000),
];

/// The NetMon 2.x conversion (it has a frame table, read by path).
const NETMON2: &str = CONVERTED[2].0;

#[test]
fn lab_captures_have_the_expected_link_types() {
    let (lo, fmt) = read_path(LAB_LO);
    assert_eq!(fmt, Format::Pcap);
    assert!(lo.iter().all(|r| r.link == LinkType::ETHERNET));
    let (any, _) = read_path(LAB_ANY);
    assert!(any.iter().all(|r| r.link == LinkType::LINUX_SLL2));
    // The same dialogue is in both: the server banner is there.
    let has_banner = |recs: &[Rec]| {
        recs.iter()
            .any(|r| r.data.windows(15).any(|w| w == b"220 lab.example"))
    };
    assert!(has_banner(&lo) && has_banner(&any));
}

#[test]
fn every_container_yields_the_same_packets() {
    let (reference, _) = read_path(LAB_LO);
    assert_eq!(reference.len(), 21);
    for (rel, fmt, resolution) in CONVERTED {
        let (recs, got_fmt) = read_path(rel);
        assert_eq!(got_fmt, fmt, "{rel}");
        assert_eq!(recs.len(), reference.len(), "{rel}");
        for (a, b) in recs.iter().zip(&reference) {
            assert_eq!(
                (a.frame, a.link, a.orig_len, &a.data),
                (b.frame, b.link, b.orig_len, &b.data),
                "{rel}"
            );
            // NetMon 1.x keeps milliseconds since the capture start, which it keeps to the
            // millisecond: compare to within one unit of the resolution.
            let ns = |r: &Rec| i128::from(r.secs) * 1_000_000_000 + i128::from(r.nanos);
            assert!(
                (ns(a) - ns(b)).abs() < i128::from(resolution),
                "{rel} frame {}: {}.{:09} vs {}.{:09}",
                a.frame,
                a.secs,
                a.nanos,
                b.secs,
                b.nanos
            );
        }
    }
    // The NetMon files read front to back (no frame table, as from standard input) agree too.
    for rel in [NETMON2, CONVERTED[3].0] {
        let bytes = std::fs::read(repo(rel)).unwrap();
        let (seq, err) = read_bytes(&bytes).unwrap();
        assert!(err.is_none());
        let (by_path, _) = read_path(rel);
        assert_eq!(seq, by_path, "{rel}");
    }
}

#[test]
fn stdin_path_reads_like_a_file() {
    let (from_file, _) = read_path(LAB_ANY);
    let bytes = std::fs::read(repo(LAB_ANY)).unwrap();
    let (from_reader, err) = read_bytes(&bytes).unwrap();
    assert!(err.is_none());
    assert_eq!(from_file, from_reader);
}

// Frame numbers and `frame.time_epoch` as printed by `tshark -r F -T fields -e frame.number
// -e frame.time_epoch` (TShark 4.0) when the lab captures were recorded.
const TSHARK_LO: [(u64, &str); 21] = [
    (1, "1795392972.394370000"),
    (2, "1795392972.394510000"),
    (3, "1795392972.394541000"),
    (4, "1795392972.394736000"),
    (5, "1795392972.394780000"),
    (6, "1795392972.394849000"),
    (7, "1795392972.394869000"),
    (8, "1795392972.394898000"),
    (9, "1795392972.394956000"),
    (10, "1795392972.395002000"),
    (11, "1795392972.395057000"),
    (12, "1795392972.395100000"),
    (13, "1795392972.395147000"),
    (14, "1795392972.395184000"),
    (15, "1795392972.395228000"),
    (16, "1795392972.395266000"),
    (17, "1795392972.395311000"),
    (18, "1795392972.395347000"),
    (19, "1795392972.398903000"),
    (20, "1795392972.399403000"),
    (21, "1795392972.399429000"),
];

const TSHARK_ANY: [(u64, &str); 21] = [
    (1, "1795392972.394369000"),
    (2, "1795392972.394510000"),
    (3, "1795392972.394541000"),
    (4, "1795392972.394735000"),
    (5, "1795392972.394780000"),
    (6, "1795392972.394848000"),
    (7, "1795392972.394868000"),
    (8, "1795392972.394897000"),
    (9, "1795392972.394956000"),
    (10, "1795392972.395001000"),
    (11, "1795392972.395056000"),
    (12, "1795392972.395100000"),
    (13, "1795392972.395146000"),
    (14, "1795392972.395184000"),
    (15, "1795392972.395227000"),
    (16, "1795392972.395265000"),
    (17, "1795392972.395311000"),
    (18, "1795392972.395347000"),
    (19, "1795392972.398902000"),
    (20, "1795392972.399402000"),
    (21, "1795392972.399428000"),
];

#[test]
fn lab_captures_match_tsharks_view() {
    for (rel, expected) in [(LAB_LO, &TSHARK_LO), (LAB_ANY, &TSHARK_ANY)] {
        let (recs, _) = read_path(rel);
        let ours: Vec<(u64, String)> = recs
            .iter()
            .map(|r| (r.frame, format!("{}.{:09}", r.secs, r.nanos)))
            .collect();
        let theirs: Vec<(u64, String)> = expected.iter().map(|(n, t)| (*n, t.to_string())).collect();
        assert_eq!(ours, theirs, "{rel}");
    }
}

/// Cuts `bytes` at every offset and checks the reader sees exactly the packets before the cut,
/// and that the error names the first frame it could not read. Cuts before `certain_from` may
/// leave too few records to tell a pcap variant's layout from plain pcap's, and are only read.
fn check_every_cut(name: &str, bytes: &[u8], header_len: usize, certain_from: usize) {
    let (full, err) = read_bytes(bytes).unwrap();
    assert!(err.is_none());
    for cut in 0..bytes.len() {
        if cut < certain_from {
            let _ = read_bytes(&bytes[..cut]);
            continue;
        }
        let (recs, err) = match read_bytes(&bytes[..cut]) {
            Ok(r) => r,
            Err(CaptureError::NotACapture { .. }) if cut < 8 => continue,
            Err(CaptureError::Truncated { frame: 1, .. }) if cut < header_len => continue,
            Err(e) => panic!("{name} cut at {cut}: open failed: {e}"),
        };
        assert_eq!(recs[..], full[..recs.len()], "{name} cut at {cut}: not a prefix");
        match err {
            None => {}
            Some(CaptureError::Truncated {
                frame, offset, what, ..
            }) => {
                assert_eq!(
                    frame,
                    recs.last().map_or(1, |r| r.frame + 1),
                    "{name} cut at {cut}"
                );
                // The offset is where the incomplete record starts (for NetMon, where the frame
                // table or the sequential layout puts a frame the file no longer reaches).
                assert!(
                    offset <= cut as u64 || what.contains("ends before"),
                    "{name} cut at {cut}: {offset}"
                );
            }
            Some(other) => panic!("{name} cut at {cut}: {other}"),
        }
    }
}

#[test]
fn cuts_at_every_offset_yield_the_prefix_and_name_the_frame() {
    check_every_cut("pcap", &std::fs::read(repo(LAB_LO)).unwrap(), 24, 0);
    check_every_cut("pcap-any", &std::fs::read(repo(LAB_ANY)).unwrap(), 24, 0);
    let (lo, _) = read_path(LAB_LO);
    let two_records = |record_header: usize| 24 + 2 * record_header + lo[0].data.len() + lo[1].data.len();
    for (rel, fmt, _) in CONVERTED {
        if !rel.ends_with("pcap")
            && !rel.ends_with("cap")
            && !rel.ends_with("snoop")
            && !rel.ends_with("pcapng")
        {
            continue; // compressed: cut compressed streams are checked below
        }
        let header = match fmt {
            Format::Pcap => 24,
            Format::PcapNg => 0,
            Format::NetMon1 | Format::NetMon2 => 72,
            Format::Snoop => 16,
        };
        let certain_from = match rel.rsplit('/').next().unwrap() {
            "loopback-lo.suse6_3.pcap" => two_records(28),
            "loopback-lo.rh6_1.pcap" => two_records(24),
            "loopback-lo.nokia.pcap" => two_records(20),
            _ => 0,
        };
        check_every_cut(rel, &std::fs::read(repo(rel)).unwrap(), header, certain_from);
    }
}

#[test]
fn cut_at_a_record_boundary_is_a_normal_end() {
    let bytes = std::fs::read(repo(LAB_LO)).unwrap();
    let (full, _) = read_bytes(&bytes).unwrap();
    let boundary = 24 + 16 + full[0].data.len();
    let (recs, err) = read_bytes(&bytes[..boundary]).unwrap();
    assert_eq!(recs.len(), 1);
    assert!(err.is_none());
    let (recs, err) = read_bytes(&bytes[..boundary + 1]).unwrap();
    assert_eq!(recs.len(), 1);
    assert!(matches!(err, Some(CaptureError::Truncated { frame: 2, .. })));
}

#[test]
fn cut_netmon_file_read_by_path_falls_back_to_sequential() {
    let bytes = std::fs::read(repo(NETMON2)).unwrap();
    let (full, _) = read_bytes(&bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.cap");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let (recs, err, _) = drain(open(&Input::Path(path)).unwrap());
    assert!(!recs.is_empty() && recs.len() < full.len());
    assert_eq!(recs[..], full[..recs.len()]);
    assert!(matches!(err, Some(CaptureError::Truncated { frame, .. }) if frame == recs.len() as u64 + 1));
}

fn public_dir() -> Option<PathBuf> {
    let near = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/captures/public");
    let far = PathBuf::from("/work/shared/captures/public");
    [near, far].into_iter().find(|p| p.is_dir())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(&path, out);
        } else if !path.to_string_lossy().ends_with(".tshark.txt") {
            out.push(path);
        }
    }
}

#[test]
fn public_captures_read_to_the_end_with_tsharks_packet_count() {
    let Some(dir) = public_dir() else {
        eprintln!("public captures not present; skipping");
        return;
    };
    let mut files = Vec::new();
    collect_files(&dir, &mut files);
    files.sort();
    let mut checked = 0;
    for path in files {
        let baseline = PathBuf::from(format!("{}.tshark.txt", path.display()));
        let Ok(text) = std::fs::read_to_string(&baseline) else {
            continue;
        };
        let expected: u64 = text
            .lines()
            .find_map(|l| l.strip_prefix("packets:"))
            .map(|v| v.trim().parse().unwrap())
            .unwrap_or_else(|| panic!("{}: no packets line", baseline.display()));
        let (recs, err, src) = drain(open(&Input::Path(path.clone())).unwrap());
        assert!(err.is_none(), "{}: {err:?}", path.display());
        let skipped: u64 = src.stats().skipped.values().sum();
        assert_eq!(skipped, 0, "{}: {:?}", path.display(), src.stats().skipped);
        assert_eq!(recs.len() as u64, expected, "{}", path.display());
        assert_eq!(src.stats().packets, expected);
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn text_file_is_not_a_capture_and_says_what_it_starts_with() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("capture.pcap");
    std::fs::write(&html, "<!DOCTYPE html><html>nope</html>").unwrap();
    let err = open(&Input::Path(html)).err().unwrap();
    assert!(matches!(err, CaptureError::NotACapture { .. }));
    let msg = err.to_string();
    assert!(msg.contains("capture.pcap is not a capture file"), "{msg}");
    assert!(msg.contains("3c 21 44 4f 43 54 59 50 (\"<!DOCTYP\")"), "{msg}");

    let empty = dir.path().join("empty.pcapng");
    std::fs::write(&empty, b"").unwrap();
    let msg = open(&Input::Path(empty)).err().unwrap().to_string();
    assert!(msg.contains("empty"), "{msg}");

    let missing = open(&Input::Path(dir.path().join("missing.pcap"))).err().unwrap();
    assert!(matches!(missing, CaptureError::Io { .. }));
}

#[test]
fn cut_compressed_files_keep_what_came_before_and_name_the_compression() {
    let (full, _) = read_path(LAB_LO);
    for (rel, name) in [
        ("captures/formats/loopback-lo.pcap.gz", "gzip"),
        ("captures/formats/loopback-lo.pcap.zst", "zstd"),
        ("captures/formats/loopback-lo.pcap.xz", "xz"),
        ("captures/formats/loopback-lo.pcap.lzma", "lzma"),
        ("captures/formats/loopback-lo.pcap.bz2", "bzip2"),
    ] {
        let bytes = std::fs::read(repo(rel)).unwrap();
        for cut in 0..bytes.len() {
            let (recs, err) = match read_bytes(&bytes[..cut]) {
                Ok(r) => r,
                // Too few bytes to recognise the compression.
                Err(CaptureError::NotACapture { .. }) if cut < 6 => continue,
                // Cut before the decoder could give the pcap header (a single-block stream gives
                // nothing at all until its block is whole): the error names the compression.
                Err(e @ CaptureError::Io { .. }) => {
                    assert!(e.to_string().contains(name), "{rel} cut at {cut}: {e}");
                    continue;
                }
                Err(e) => panic!("{rel} cut at {cut}: {e}"),
            };
            assert_eq!(recs[..], full[..recs.len()], "{rel} cut at {cut}: not a prefix");
            let err = err.unwrap_or_else(|| panic!("{rel} cut at {cut}: the cut went unnoticed"));
            let text = err.to_string();
            assert!(
                text.contains(name) || matches!(err, CaptureError::Truncated { .. }),
                "{rel} cut at {cut}: {text}"
            );
        }
    }
}

mod random_input {
    use super::*;
    use proptest::prelude::*;

    /// The magics of every container and compression read, and none.
    const MAGICS: [&[u8]; 14] = [
        &[0xd4, 0xc3, 0xb2, 0xa1],
        &[0xa1, 0xb2, 0x3c, 0x4d],
        &[0x34, 0xcd, 0xb2, 0xa1],
        &[0x0a, 0x0d, 0x0d, 0x0a],
        b"GMBU",
        b"RTSS",
        b"snoop\0\0\0",
        &[0x1f, 0x8b, 0x08, 0x00],
        &[0x28, 0xb5, 0x2f, 0xfd],
        &[0xfd, b'7', b'z', b'X', b'Z', 0x00],
        &[0x5d, 0x00, 0x00],
        b"BZh9",
        &[0x04, 0x22, 0x4d, 0x18],
        b"",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any bytes after any magic: an error or packets, never a panic, and a finished source
        /// stays finished (the fuzz targets `capture_readers` and `capture_compressed` go further).
        #[test]
        fn any_bytes_after_any_magic(choice in 0..MAGICS.len(), rest in proptest::collection::vec(any::<u8>(), 0..600)) {
            let mut bytes = MAGICS[choice].to_vec();
            bytes.extend(rest);
            if let Ok(src) = open_reader("p".into(), Box::new(Cursor::new(bytes))) {
                let _ = drain(src);
            }
        }
    }
}
