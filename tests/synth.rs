//! Synthetic captures: generation is deterministic, the committed files in `captures/synthetic/`
//! equal a fresh generation (so they cannot drift from the generator), and the files read back as
//! intended — pcap record headers walked by hand, pcapng blocks read with pcap-parser, TCP headers
//! decoded with etherparse.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use etherparse::{NetSlice, SlicedPacket, TransportSlice};
use pcap_parser::pcapng::Block;
use pcap_parser::{PcapBlockOwned, PcapNGSlice};
use smtpscope_synth::samples::{sample_bytes, write_samples, SAMPLES};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("captures/synthetic")
}

fn sample(name: &str) -> Vec<u8> {
    sample_bytes(name)
        .unwrap()
        .unwrap_or_else(|| panic!("no sample {name}"))
}

#[test]
fn generation_is_deterministic() {
    for (name, _) in SAMPLES {
        assert_eq!(
            sample(name),
            sample(name),
            "{name} differs between two generations"
        );
    }
}

#[test]
fn committed_samples_equal_a_fresh_generation() {
    let fresh = tempfile::tempdir().unwrap();
    let written = write_samples(fresh.path()).unwrap();
    assert_eq!(written.len(), SAMPLES.len());
    let listed: BTreeSet<String> = SAMPLES.iter().map(|(n, _)| n.to_string()).collect();
    let committed: BTreeSet<String> = std::fs::read_dir(committed_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        committed, listed,
        "captures/synthetic/ must hold exactly the generated samples; run `cargo run --example gen_captures`"
    );
    for name in &listed {
        let new = std::fs::read(fresh.path().join(name)).unwrap();
        let old = std::fs::read(committed_dir().join(name)).unwrap();
        assert!(
            new == old,
            "captures/synthetic/{name} is stale; run `cargo run --example gen_captures` and commit"
        );
    }
}

/// A classic pcap file walked record by record.
struct PcapWalk {
    big_endian: bool,
    nanos: bool,
    link: u32,
    /// (timestamp in ns since the epoch, captured length, original length, frame bytes)
    records: Vec<(u128, u32, u32, Vec<u8>)>,
}

/// Parses a pcap file's header and every record header; panics on anything malformed.
fn walk_pcap(bytes: &[u8]) -> PcapWalk {
    let magic = &bytes[..4];
    let (big_endian, nanos) = match magic {
        [0xd4, 0xc3, 0xb2, 0xa1] => (false, false),
        [0x4d, 0x3c, 0xb2, 0xa1] => (false, true),
        [0xa1, 0xb2, 0xc3, 0xd4] => (true, false),
        [0xa1, 0xb2, 0x3c, 0x4d] => (true, true),
        other => panic!("not a pcap magic: {other:02x?}"),
    };
    let u32_at = |at: usize| {
        let b: [u8; 4] = bytes[at..at + 4].try_into().unwrap();
        if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    };
    assert_eq!(
        &bytes[4..8],
        if big_endian { [0, 2, 0, 4] } else { [2, 0, 4, 0] },
        "version 2.4"
    );
    let snaplen = u32_at(16);
    let link = u32_at(20);
    let mut records = Vec::new();
    let mut at = 24;
    while at < bytes.len() {
        assert!(at + 16 <= bytes.len(), "record header cut off at {at}");
        let (secs, frac, incl, orig) = (u32_at(at), u32_at(at + 4), u32_at(at + 8), u32_at(at + 12));
        assert!(frac < if nanos { 1_000_000_000 } else { 1_000_000 });
        assert!(incl <= snaplen && incl <= orig);
        let ns = u128::from(secs) * 1_000_000_000 + u128::from(frac) * if nanos { 1 } else { 1000 };
        let data = bytes[at + 16..at + 16 + incl as usize].to_vec();
        records.push((ns, incl, orig, data));
        at += 16 + incl as usize;
    }
    assert_eq!(
        at,
        bytes.len(),
        "the last record ends exactly at the end of the file"
    );
    PcapWalk {
        big_endian,
        nanos,
        link,
        records,
    }
}

#[test]
fn pcap_samples_have_whole_records_in_time_order() {
    let expected_link = |name: &str| match name {
        "linux-sll.pcap" => 113,
        "linux-sll2.pcap" | "diff-asa-receiver.pcap" => 276,
        "null-loopback-le.pcap" | "null-loopback-be.pcap" => 0,
        "openbsd-loop.pcap" => 108,
        "raw-ip.pcap" => 101,
        _ => 1,
    };
    for (name, _) in SAMPLES.iter().filter(|(n, _)| n.ends_with(".pcap")) {
        let walk = walk_pcap(&sample(name));
        assert_eq!(walk.link, expected_link(name), "{name}");
        // Refused connections are a handful of SYNs and RSTs by design.
        let least = if *name == "connection-refused.pcap" { 4 } else { 10 };
        assert!(walk.records.len() > least, "{name}");
        assert!(
            walk.records.iter().all(|r| r.1 == r.2),
            "{name}: nothing is cut by the snap length"
        );
        assert!(
            walk.records.windows(2).all(|w| w[0].0 <= w[1].0),
            "{name}: time goes backwards"
        );
        let big = matches!(*name, "null-loopback-be.pcap" | "big-endian-ns.pcap");
        assert_eq!(
            (walk.big_endian, walk.nanos),
            (big, *name == "big-endian-ns.pcap"),
            "{name}"
        );
    }
}

#[test]
fn impairments_change_the_record_counts_as_intended() {
    let count = |name: &str| walk_pcap(&sample(name)).records.len();
    let healthy = count("healthy-handshake.pcap");
    assert_eq!(healthy, 23);
    assert_eq!(count("loss.pcap"), healthy - 1, "one segment dropped");
    assert_eq!(
        count("retransmission.pcap"),
        healthy + 1,
        "one segment sent twice"
    );
    assert_eq!(count("reordered.pcap"), healthy, "reordering adds nothing");
    assert_eq!(
        count("ip-fragments.pcap"),
        healthy + 4,
        "two packets in three fragments each"
    );
    for same in [
        "vlan-qinq.pcap",
        "ipv6.pcap",
        "linux-sll.pcap",
        "linux-sll2.pcap",
        "null-loopback-le.pcap",
        "null-loopback-be.pcap",
        "openbsd-loop.pcap",
        "raw-ip.pcap",
        "big-endian-ns.pcap",
        "wraparound.pcap",
    ] {
        assert_eq!(count(same), healthy, "{same}");
    }
}

#[test]
fn nanosecond_sample_keeps_sub_microsecond_digits() {
    let walk = walk_pcap(&sample("big-endian-ns.pcap"));
    let first = walk.records[0].0;
    assert_eq!(first % 1_000_000_000, 123_456_789);
    assert_eq!(walk.records[1].0 - first, 1_000_123);
}

/// One TCP segment of an Ethernet frame: (source port, seq, ack, SYN, payload length).
fn tcp_of(frame: &[u8]) -> Option<(u16, u32, u32, bool, usize)> {
    let sliced = SlicedPacket::from_ethernet(frame).ok()?;
    let Some(NetSlice::Ipv4(_) | NetSlice::Ipv6(_)) = sliced.net else {
        return None;
    };
    let Some(TransportSlice::Tcp(tcp)) = sliced.transport else {
        return None;
    };
    Some((
        tcp.source_port(),
        tcp.sequence_number(),
        tcp.acknowledgment_number(),
        tcp.syn(),
        tcp.payload().len(),
    ))
}

fn segments(name: &str) -> Vec<(u16, u32, u32, bool, usize)> {
    walk_pcap(&sample(name))
        .records
        .iter()
        .filter_map(|r| tcp_of(&r.3))
        .collect()
}

#[test]
fn midstream_has_no_syn_and_healthy_starts_with_one() {
    assert!(segments("healthy-handshake.pcap")[0].3);
    assert!(segments("midstream.pcap").iter().all(|s| !s.3));
}

#[test]
fn loss_leaves_one_1460_byte_hole_in_the_client_stream_that_the_server_acknowledges() {
    let client: Vec<_> = segments("loss.pcap")
        .into_iter()
        .filter(|s| s.0 != 25 && s.4 > 0)
        .collect();
    let holes: Vec<u32> = client
        .windows(2)
        .filter(|w| w[1].1 != w[0].1.wrapping_add(w[0].4 as u32))
        .map(|w| w[1].1.wrapping_sub(w[0].1.wrapping_add(w[0].4 as u32)))
        .collect();
    assert_eq!(holes, [1460]);
    let hole_end = client
        .windows(2)
        .find(|w| w[1].1 != w[0].1.wrapping_add(w[0].4 as u32))
        .map(|w| w[1].1)
        .unwrap();
    let server_acks: Vec<u32> = segments("loss.pcap")
        .iter()
        .filter(|s| s.0 == 25)
        .map(|s| s.2)
        .collect();
    assert!(
        server_acks.contains(&hole_end),
        "the server ACKs past the missing segment"
    );
}

#[test]
fn wraparound_sequence_numbers_cross_two_to_the_32_on_both_sides() {
    let segs = segments("wraparound.pcap");
    for server_side in [false, true] {
        let seqs: Vec<u32> = segs
            .iter()
            .filter(|s| (s.0 == 25) == server_side)
            .map(|s| s.1)
            .collect();
        assert!(seqs.iter().any(|&s| s > u32::MAX - 2000), "{seqs:?}");
        assert!(seqs.iter().any(|&s| s < 4000), "{seqs:?}");
    }
}

/// The blocks of a pcapng file, read by pcap-parser.
fn pcapng_blocks(bytes: &[u8]) -> Vec<Block<'_>> {
    PcapNGSlice::from_slice(bytes)
        .unwrap()
        .map(|b| match b.unwrap() {
            PcapBlockOwned::NG(block) => block,
            _ => panic!("not a pcapng block"),
        })
        .collect()
}

#[test]
fn two_interfaces_pcapng_has_ethernet_and_raw_ip_interfaces_both_carrying_packets() {
    let bytes = sample("two-interfaces.pcapng");
    let blocks = pcapng_blocks(&bytes);
    let idbs: Vec<(i32, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::InterfaceDescription(idb) => {
                Some((idb.linktype.0, idb.if_name().unwrap().unwrap().to_string()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(idbs, [(1, "eth0".to_string()), (101, "tun0".to_string())]);
    let epbs: Vec<(u32, u64)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::EnhancedPacket(epb) => {
                // pcap-parser keeps the block padding in `data`
                assert_eq!((epb.caplen as usize).next_multiple_of(4), epb.data.len());
                Some((epb.if_id, (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low)))
            }
            _ => None,
        })
        .collect();
    assert_eq!(epbs.len(), 45);
    assert!(epbs.windows(2).all(|w| w[0].1 <= w[1].1));
    let on_each: Vec<usize> = (0..2).map(|i| epbs.iter().filter(|e| e.0 == i).count()).collect();
    assert_eq!(on_each, [23, 22]);
    // The sessions interleave: interface 1 starts before interface 0 ends.
    let first_tun = epbs.iter().position(|e| e.0 == 1).unwrap();
    assert!(epbs[first_tun..].iter().any(|e| e.0 == 0));
}

#[test]
fn isb_drops_pcapng_reports_seven_dropped_packets() {
    let bytes = sample("isb-drops.pcapng");
    let blocks = pcapng_blocks(&bytes);
    let packets = blocks
        .iter()
        .filter(|b| matches!(b, Block::EnhancedPacket(_)))
        .count() as u64;
    let isbs: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::InterfaceStatistics(isb) => Some(isb),
            _ => None,
        })
        .collect();
    assert_eq!(isbs.len(), 1);
    assert_eq!(isbs[0].if_id, 0);
    assert_eq!(isbs[0].isb_ifdrop().unwrap().unwrap(), 7);
    assert_eq!(isbs[0].isb_ifrecv().unwrap().unwrap(), packets + 7);
    assert!(isbs[0].isb_osdrop().is_none());
    assert!(
        matches!(blocks.last(), Some(Block::InterfaceStatistics(_))),
        "statistics come last"
    );
}

#[test]
fn captures_readme_lists_every_sample() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("captures/README.md")).unwrap();
    for (name, _) in SAMPLES {
        assert!(
            readme.contains(&format!("`{name}`")),
            "captures/README.md does not list {name}"
        );
    }
}
