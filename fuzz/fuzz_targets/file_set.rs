//! Several capture files merged by time: the input is cut into up to four files (a length byte
//! before each) that are written to a temporary folder and read back as one capture, directory and
//! all. Every packet handed out must come from one of the files, in time order per file, and
//! reading must end; broken files are reported, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtpscope::capture::set::{expand, frame_file, MergedSource};
use smtpscope::capture::{Input, PacketSource};

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let mut rest = data;
    let mut n = 0;
    while let [len, tail @ ..] = rest {
        if n == 4 {
            break;
        }
        let len = (usize::from(*len) * 16).min(tail.len());
        let (file, after) = tail.split_at(len);
        rest = after;
        // Give each file a pcap header half the time, so that the readers get past it.
        let mut bytes = Vec::new();
        if n % 2 == 0 {
            bytes.extend([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0]);
        }
        bytes.extend_from_slice(file);
        if std::fs::write(dir.path().join(format!("ring_{n}.pcap")), bytes).is_err() {
            return;
        }
        n += 1;
    }
    let (inputs, _) = expand(&[Input::Path(dir.path().to_path_buf())]);
    let Ok(mut merged) = MergedSource::open(inputs) else {
        return;
    };
    let mut count = 0u64;
    while let Ok(Some(packet)) = merged.next_packet() {
        assert!(frame_file(packet.frame) < 4);
        count += 1;
    }
    let _ = merged.take_errors();
    std::hint::black_box(count);
});
