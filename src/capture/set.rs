//! File sets: several capture files read as one capture, merged by time.
//!
//! Owns turning `analyze` arguments into inputs ([`expand`]: `-`, files, directories — their capture
//! files, by name — and wildcards a shell left unexpanded, as Windows shells do), naming the files
//! of a set in frame references ([`FileNames`], [`frame_ref`]: `ring_00002.pcap#17`), and the
//! [`MergedSource`] that reads the files of a set as one capture: the packet with the earliest time
//! first, whatever file it is in (ties: the earlier file), so that a connection spanning the files of
//! a ring buffer (`tcpdump -C/-W`, `dumpcap -b`) is one connection, and captures of two interfaces
//! taken at the same time interleave as they happened. Each file keeps its own frame numbers, as
//! Wireshark numbers them; a packet's frame is a *frame reference* holding the file's index above
//! [`FRAME_BITS`] bits of frame number (index 0 for a single file, so its frames are plain numbers).
//!
//! Cost and memory: the merge holds one packet per open file (a copy of its bytes, so that every
//! file can be read ahead by one packet), in a heap keyed by time. A file is opened only when the
//! merge reaches its first packet's time (each file is opened once beforehand to learn that time,
//! then closed), and closed at its end, so the files of a ring buffer — whose times follow each other
//! — are read one or two at a time; only files whose times overlap are open together. Standard input
//! cannot be opened twice: it stays open from the first look on.
//!
//! Errors: a file that cannot be opened, or that ends in a broken record, is reported (through
//! [`PacketSource::take_errors`]) and the merge goes on with the others; everything read from it
//! before the error stays. Counters ([`PacketSource::stats`]) are those of the files read to their
//! end so far, plus the packets handed out.
//!
//! Must not: decode anything inside a frame.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{file, CaptureError, CaptureStats, Format, Input, LinkType, Packet, PacketSource, Timestamp};

/// Bits of a frame reference that hold the frame number within its file.
pub const FRAME_BITS: u32 = 48;
/// The most files one capture may be made of (the file index of a frame reference is 16 bits).
pub const MAX_FILES: usize = 1 << 16;
const FRAME_MASK: u64 = (1 << FRAME_BITS) - 1;

/// The frame reference of frame `frame` of the file at `index` in its set.
pub fn frame_ref(index: usize, frame: u64) -> u64 {
    ((index as u64) << FRAME_BITS) | (frame & FRAME_MASK)
}

/// The index in its set of the file a frame reference points into.
pub fn frame_file(frame: u64) -> usize {
    usize::try_from(frame >> FRAME_BITS).unwrap_or(usize::MAX)
}

/// The frame number within its file of a frame reference.
pub fn frame_number(frame: u64) -> u64 {
    frame & FRAME_MASK
}

/// The names of the files of one capture, by index, for frame references.
///
/// A capture of one file shows frames as plain numbers (`17`); a set shows the file's name with
/// each (`ring_00002.pcap#17`): its base name, or the whole path when two files share a base name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNames {
    /// The files' names as given (paths), by index.
    names: Vec<Arc<str>>,
    /// The names frame references show, by index.
    labels: Vec<Arc<str>>,
}

impl FileNames {
    /// The names of a capture of one file.
    pub fn single(name: &str) -> Self {
        let name: Arc<str> = Arc::from(name);
        FileNames {
            names: vec![name.clone()],
            labels: vec![name],
        }
    }

    /// The names of a set, from the files' display names in index order.
    pub fn of_set<S: AsRef<str>>(names: &[S]) -> Self {
        let base = |name: &str| -> String {
            Path::new(name)
                .file_name()
                .map_or_else(|| name.to_string(), |b| b.to_string_lossy().into_owned())
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for name in names {
            let n = seen.entry(base(name.as_ref())).or_insert(0usize);
            *n = n.saturating_add(1);
        }
        let labels = names
            .iter()
            .map(|name| {
                let b = base(name.as_ref());
                let shared = seen.get(&b).is_some_and(|&n| n > 1);
                Arc::from(if shared { name.as_ref().to_string() } else { b })
            })
            .collect();
        FileNames {
            names: names.iter().map(|n| Arc::from(n.as_ref())).collect(),
            labels,
        }
    }

    /// The name (as given) of the file a frame reference points into.
    pub fn name_of(&self, frame: u64) -> Arc<str> {
        let index = if self.is_set() { frame_file(frame) } else { 0 };
        self.names.get(index).cloned().unwrap_or_else(|| Arc::from(""))
    }

    /// Whether frames need their file to be told apart (the capture is made of several files).
    pub fn is_set(&self) -> bool {
        self.labels.len() > 1
    }

    /// The file a frame reference points into, when the capture is a set.
    pub fn file_of(&self, frame: u64) -> Option<&str> {
        if !self.is_set() {
            return None;
        }
        self.labels.get(frame_file(frame)).map(|s| &**s)
    }

    /// The index of the file that `file` names: its label (`ring_00002.pcap`), its name as given, or
    /// its base name when no other file of the capture shares it.
    pub fn index_of(&self, file: &str) -> Option<usize> {
        let exact = |names: &[Arc<str>]| names.iter().position(|n| &**n == file);
        exact(&self.labels).or_else(|| exact(&self.names)).or_else(|| {
            let mut by_base = self
                .names
                .iter()
                .enumerate()
                .filter(|(_, n)| Path::new(&***n).file_name().is_some_and(|b| b == file))
                .map(|(i, _)| i);
            match (by_base.next(), by_base.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            }
        })
    }

    /// The frame reference of frame `number` of the file named `file` (see [`FileNames::index_of`]).
    pub fn frame_in(&self, file: &str, number: u64) -> Option<u64> {
        let index = self.index_of(file)?;
        Some(if self.is_set() {
            frame_ref(index, number)
        } else {
            number
        })
    }

    /// The labels of the files, in index order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().map(|l| &**l)
    }

    /// How to show a frame reference: `17`, or `ring_00002.pcap#17` in a set.
    pub fn frame(&self, frame: u64) -> FrameLabel<'_> {
        FrameLabel {
            file: self.file_of(frame),
            number: if self.is_set() { frame_number(frame) } else { frame },
        }
    }
}

impl Default for FileNames {
    fn default() -> Self {
        FileNames::single("")
    }
}

/// A frame as shown to people: its number, with its file in a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameLabel<'a> {
    /// The file's label, in a set.
    pub file: Option<&'a str>,
    /// The frame number within the file.
    pub number: u64,
}

impl fmt::Display for FrameLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.file {
            Some(file) => write!(f, "{file}#{}", self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

thread_local! {
    /// The files of the capture whose records are being written as JSON ([`with_names`]).
    static WRITING: RefCell<Option<Arc<FileNames>>> = const { RefCell::new(None) };
}

/// Runs `write` with `files` naming the frames that [`serialize_frame`] writes on this thread.
///
/// JSON frame fields sit deep in records that are serialized by derived code (an anomaly's
/// position, the TLS record), so the names travel beside the serializer rather than through it.
pub fn with_names<R>(files: &Arc<FileNames>, write: impl FnOnce() -> R) -> R {
    let previous = WRITING.with(|w| w.replace(Some(Arc::clone(files))));
    let result = write();
    WRITING.with(|w| *w.borrow_mut() = previous);
    result
}

/// Writes a frame reference in JSON: the number, as always for a capture of one file; the string
/// `FILE#N` (as text shows it) when the records being written ([`with_names`]) come from a capture
/// made of several files.
///
/// # Errors
/// The serializer's.
pub fn serialize_frame<S: serde::Serializer>(frame: &u64, s: S) -> Result<S::Ok, S::Error> {
    WRITING.with(|w| match w.borrow().as_deref() {
        Some(files) if files.is_set() => s.collect_str(&files.frame(*frame)),
        _ => s.serialize_u64(*frame),
    })
}

/// [`serialize_frame`] for an optional frame (`null` when absent).
///
/// # Errors
/// The serializer's.
pub fn serialize_frame_opt<S: serde::Serializer>(frame: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
    match frame {
        Some(frame) => serialize_frame(frame, s),
        None => s.serialize_none(),
    }
}

/// A frame reference written as [`serialize_frame`] writes it.
#[derive(Clone, Copy, Debug)]
pub struct JsonFrame(pub u64);

impl serde::Serialize for JsonFrame {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_frame(&self.0, s)
    }
}

/// Expands `analyze` arguments into inputs, in order: `-` is standard input; a directory stands for
/// the capture files in it (files whose first bytes are a capture or compression format, sorted by
/// name; sub-directories and hidden files are not read); an argument that names no file and holds
/// `*`, `?` or `[` is a wildcard pattern, matched here (sorted by name); anything else is a file.
///
/// Returns the inputs and, for each argument that stood for nothing, a sentence saying so.
pub fn expand(args: &[Input]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for input in args {
        let Input::Path(path) = input else {
            inputs.push(Input::Stdin);
            continue;
        };
        let arg = &*path.to_string_lossy();
        if path.is_dir() {
            let found = capture_files_in(path);
            if found.is_empty() {
                problems.push(format!("{arg} is a directory with no capture file in it"));
            }
            inputs.extend(found.into_iter().map(Input::Path));
        } else if !path.exists() && arg.contains(['*', '?', '[']) {
            let shell_like = glob::MatchOptions {
                require_literal_leading_dot: true,
                ..glob::MatchOptions::new()
            };
            match glob::glob_with(arg, shell_like) {
                Ok(paths) => {
                    let mut found: Vec<PathBuf> = paths.flatten().filter(|p| p.is_file()).collect();
                    found.sort();
                    if found.is_empty() {
                        problems.push(format!("no file matches {arg}"));
                    }
                    inputs.extend(found.into_iter().map(Input::Path));
                }
                Err(e) => problems.push(format!("{arg} is not a valid wildcard pattern: {e}")),
            }
        } else {
            inputs.push(Input::Path(path.clone()));
        }
    }
    (inputs, problems)
}

/// The capture files directly in `dir`, sorted by name.
fn capture_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .filter(|p| file::sniff(p).is_some())
        .collect();
    found.sort();
    found
}

/// One packet held back from a file of the merge, copied out of its reader.
#[derive(Debug)]
struct Held {
    frame: u64,
    interface: u32,
    ts: Timestamp,
    link: LinkType,
    orig_len: u32,
    data: Vec<u8>,
}

impl Default for Held {
    fn default() -> Self {
        Held {
            frame: 0,
            interface: 0,
            ts: Timestamp::new(0, 0),
            link: LinkType::ETHERNET,
            orig_len: 0,
            data: Vec::new(),
        }
    }
}

impl Held {
    fn take(&mut self, packet: &Packet<'_>) {
        self.frame = packet.frame;
        self.interface = packet.interface;
        self.ts = packet.ts;
        self.link = packet.link;
        self.orig_len = packet.orig_len;
        self.data.clear();
        self.data.extend_from_slice(packet.data);
    }
}

/// One file of a set.
struct Member {
    input: Input,
    name: String,
    /// The time of its first packet (how the merge knows when to open it).
    first_ts: Timestamp,
    reader: Option<Box<dyn PacketSource>>,
    /// The packet read ahead (valid while the member is in the heap).
    held: Held,
}

/// Several capture files read as one capture, by time (see the module doc).
pub struct MergedSource {
    members: Vec<Member>,
    /// Members not opened yet, latest first time first (the next to open is last).
    waiting: Vec<usize>,
    /// Open members with a packet held, by (time, index).
    heap: BinaryHeap<Reverse<(Timestamp, usize)>>,
    /// The member whose held packet was handed out last: it reads ahead on the next call.
    handed_out: Option<usize>,
    stats: CaptureStats,
    errors: Vec<CaptureError>,
    format: Format,
    names: FileNames,
}

impl MergedSource {
    /// Opens each input once to learn the time of its first packet (keeping standard input open),
    /// and prepares the merge. Inputs that cannot be opened, or hold no packet, take no part; the
    /// reasons are in [`PacketSource::take_errors`].
    ///
    /// # Errors
    /// More than [`MAX_FILES`] inputs.
    pub fn open(inputs: Vec<Input>) -> Result<Self, String> {
        if inputs.len() > MAX_FILES {
            return Err(format!(
                "{} files are more than one capture can be made of ({MAX_FILES}); analyse them in groups or with --separately",
                inputs.len()
            ));
        }
        let names: Vec<String> = inputs.iter().map(Input::display_name).collect();
        let mut merged = MergedSource {
            members: Vec::with_capacity(inputs.len()),
            waiting: Vec::new(),
            heap: BinaryHeap::new(),
            handed_out: None,
            stats: CaptureStats::default(),
            errors: Vec::new(),
            format: Format::Pcap,
            names: FileNames::of_set(&names),
        };
        let mut first_format = None;
        for (index, (input, name)) in inputs.into_iter().zip(names).enumerate() {
            let mut member = Member {
                input,
                name,
                first_ts: Timestamp::new(0, 0),
                reader: None,
                held: Held::default(),
            };
            let mut reader = match file::open(&member.input) {
                Ok(reader) => reader,
                Err(e) => {
                    merged.errors.push(e);
                    merged.members.push(member);
                    continue;
                }
            };
            first_format.get_or_insert(reader.format());
            match reader.next_packet() {
                Ok(Some(packet)) => {
                    member.first_ts = packet.ts;
                    if member.input == Input::Stdin {
                        // Standard input cannot be read twice: it stays open, its packet held.
                        member.held.take(&packet);
                        member.held.frame = frame_ref(index, packet.frame);
                        merged.heap.push(Reverse((packet.ts, index)));
                        member.reader = Some(reader);
                    } else {
                        merged.waiting.push(index);
                    }
                }
                Ok(None) => merged.absorb(reader.as_mut()),
                Err(e) => {
                    merged.errors.push(e);
                    merged.absorb(reader.as_mut());
                }
            }
            merged.members.push(member);
        }
        merged.format = first_format.unwrap_or(Format::Pcap);
        let members = &merged.members;
        merged
            .waiting
            .sort_by_key(|&i| Reverse((members.get(i).map(|m| m.first_ts), i)));
        Ok(merged)
    }

    /// The names of the files, for frame references.
    pub fn names(&self) -> &FileNames {
        &self.names
    }

    /// A name for the whole set in messages: `first.pcap and 4 more files`.
    pub fn display_name(&self) -> String {
        let first = self.members.first().map_or("", |m| m.name.as_str());
        match self.members.len().saturating_sub(1) {
            0 => first.to_string(),
            1 => format!("{first} and 1 more file"),
            n => format!("{first} and {n} more files"),
        }
    }

    /// Adds a finished reader's counters.
    fn absorb(&mut self, reader: &mut dyn PacketSource) {
        let s = reader.stats();
        self.stats.packets = self.stats.packets.saturating_add(s.packets);
        self.stats.bytes = self.stats.bytes.saturating_add(s.bytes);
        for (reason, n) in &s.skipped {
            let c = self.stats.skipped.entry(reason).or_insert(0);
            *c = c.saturating_add(*n);
        }
        if let Some(d) = s.dropped_by_capture {
            self.stats.dropped_by_capture =
                Some(self.stats.dropped_by_capture.unwrap_or(0).saturating_add(d));
        }
    }

    /// Reads the next packet of member `index` into its slot and queues it; closes the member at
    /// its end or error.
    fn read_ahead(&mut self, index: usize) {
        let Some(member) = self.members.get_mut(index) else {
            return;
        };
        let Some(reader) = member.reader.as_mut() else {
            return;
        };
        let outcome = match reader.next_packet() {
            Ok(Some(packet)) => {
                member.held.take(&packet);
                member.held.frame = frame_ref(index, packet.frame);
                self.heap.push(Reverse((packet.ts, index)));
                return;
            }
            Ok(None) => None,
            Err(e) => Some(e),
        };
        let Some(mut reader) = member.reader.take() else {
            return;
        };
        member.held = Held::default();
        self.errors.extend(outcome);
        self.absorb(reader.as_mut());
    }

    /// Opens member `index` again (it was closed after its first look) and reads its first packet.
    fn activate(&mut self, index: usize) {
        let Some(member) = self.members.get_mut(index) else {
            return;
        };
        match file::open(&member.input) {
            Ok(reader) => {
                member.reader = Some(reader);
                self.read_ahead(index);
            }
            Err(e) => self.errors.push(e),
        }
    }
}

impl PacketSource for MergedSource {
    fn next_packet(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        if let Some(index) = self.handed_out.take() {
            self.read_ahead(index);
        }
        // Open the files whose first packet is due: nothing is held earlier than their first time.
        while let Some(&next) = self.waiting.last() {
            let due = self.members.get(next).map(|m| m.first_ts);
            let earliest = self.heap.peek().map(|Reverse((ts, _))| *ts);
            if earliest.is_some_and(|held| due.is_some_and(|due| due > held)) {
                break;
            }
            self.waiting.pop();
            self.activate(next);
        }
        let Some(Reverse((_, index))) = self.heap.pop() else {
            return Ok(None);
        };
        self.handed_out = Some(index);
        let Some(member) = self.members.get(index) else {
            return Ok(None);
        };
        let held = &member.held;
        Ok(Some(Packet {
            frame: held.frame,
            interface: held.interface,
            ts: held.ts,
            link: held.link,
            orig_len: held.orig_len,
            data: &held.data,
        }))
    }

    fn stats(&self) -> &CaptureStats {
        &self.stats
    }

    fn format(&self) -> Format {
        self.format
    }

    fn take_errors(&mut self) -> Vec<CaptureError> {
        std::mem::take(&mut self.errors)
    }
}

impl fmt::Debug for MergedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MergedSource")
            .field("files", &self.members.iter().map(|m| &m.name).collect::<Vec<_>>())
            .field(
                "open",
                &self.members.iter().filter(|m| m.reader.is_some()).count(),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::write::PcapWriter;

    /// A pcap of frames `(seconds, bytes)` in `dir`.
    fn pcap(dir: &Path, name: &str, frames: &[(i64, &[u8])]) -> PathBuf {
        let path = dir.join(name);
        let mut w = PcapWriter::new(Vec::new(), LinkType::RAW).unwrap();
        for (secs, data) in frames {
            w.write_packet(Timestamp::new(*secs, 0), data.len() as u32, data)
                .unwrap();
        }
        std::fs::write(&path, w.into_inner().unwrap()).unwrap();
        path
    }

    fn read(source: &mut dyn PacketSource) -> Vec<(usize, u64, i64, Vec<u8>)> {
        let mut out = Vec::new();
        while let Some(p) = source.next_packet().unwrap() {
            out.push((
                frame_file(p.frame),
                frame_number(p.frame),
                p.ts.secs,
                p.data.to_vec(),
            ));
        }
        out
    }

    #[test]
    fn frame_references_round_trip() {
        let r = frame_ref(3, 17);
        assert_eq!((frame_file(r), frame_number(r)), (3, 17));
        assert_eq!(frame_ref(0, 17), 17, "a single file's frames are plain numbers");
        assert_eq!(frame_file(frame_ref(MAX_FILES - 1, FRAME_MASK)), MAX_FILES - 1);
    }

    #[test]
    fn labels_use_base_names_unless_two_files_share_one() {
        let names = FileNames::of_set(&["a/ring_00001.pcap", "a/ring_00002.pcap"]);
        assert_eq!(names.frame(frame_ref(1, 17)).to_string(), "ring_00002.pcap#17");
        assert_eq!(names.file_of(frame_ref(0, 2)), Some("ring_00001.pcap"));
        let names = FileNames::of_set(&["x/t.pcap", "y/t.pcap"]);
        assert_eq!(names.frame(frame_ref(1, 5)).to_string(), "y/t.pcap#5");
        let single = FileNames::single("x/t.pcap");
        assert_eq!(single.frame(5).to_string(), "5");
        assert_eq!(single.file_of(5), None);
    }

    #[test]
    fn packets_come_out_by_time_with_their_files_frames() {
        let dir = tempfile::tempdir().unwrap();
        let a = pcap(dir.path(), "a.pcap", &[(1, b"a1"), (3, b"a2"), (5, b"a3")]);
        let b = pcap(dir.path(), "b.pcap", &[(2, b"b1"), (3, b"b2"), (4, b"b3")]);
        let mut m = MergedSource::open(vec![Input::Path(a), Input::Path(b)]).unwrap();
        let got = read(&mut m);
        let order: Vec<&[u8]> = got.iter().map(|g| &g.3[..]).collect();
        // Equal times: the earlier file first.
        assert_eq!(order, [b"a1", b"b1", b"a2", b"b2", b"b3", b"a3"]);
        assert_eq!((got[1].0, got[1].1), (1, 1));
        assert_eq!((got[5].0, got[5].1), (0, 3));
        assert!(m.take_errors().is_empty());
        assert_eq!(m.stats().packets, 6);
        assert_eq!(m.stats().bytes, 12);
    }

    #[test]
    fn files_that_follow_each_other_are_open_one_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<Input> = (0..5)
            .map(|i| {
                let t = i64::from(i) * 10;
                Input::Path(pcap(
                    dir.path(),
                    &format!("ring_{i}.pcap"),
                    &[(t, b"x"), (t + 1, b"y"), (t + 2, b"z")],
                ))
            })
            .collect();
        let mut m = MergedSource::open(files).unwrap();
        let mut most_open = 0;
        let mut n = 0;
        while m.next_packet().unwrap().is_some() {
            n += 1;
            most_open = most_open.max(m.members.iter().filter(|x| x.reader.is_some()).count());
        }
        assert_eq!(n, 15);
        assert!(most_open <= 2, "{most_open} files open at once");
    }

    #[test]
    fn a_broken_file_is_reported_and_the_others_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let good = pcap(dir.path(), "good.pcap", &[(1, b"g1"), (4, b"g2")]);
        let cut = pcap(dir.path(), "cut.pcap", &[(2, b"c1"), (3, b"c2")]);
        let bytes = std::fs::read(&cut).unwrap();
        std::fs::write(&cut, &bytes[..bytes.len() - 1]).unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello").unwrap();
        let empty = pcap(dir.path(), "empty.pcap", &[]);
        let mut m = MergedSource::open(vec![
            Input::Path(good),
            Input::Path(cut),
            Input::Path(text),
            Input::Path(empty),
            Input::Path(dir.path().join("missing.pcap")),
        ])
        .unwrap();
        let got: Vec<Vec<u8>> = read(&mut m).into_iter().map(|g| g.3).collect();
        assert_eq!(got, [b"g1".to_vec(), b"c1".to_vec(), b"g2".to_vec()]);
        let errors: Vec<String> = m.take_errors().iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.contains("notes.txt is not a capture file")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.contains("cut.pcap: cut off in frame 2")),
            "{errors:?}"
        );
        assert!(m.take_errors().is_empty(), "each error is handed out once");
    }

    #[test]
    fn expansion_of_directories_and_wildcards() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        pcap(d, "b.pcap", &[(1, b"x")]);
        pcap(d, "a.pcap", &[(1, b"x")]);
        std::fs::write(d.join("a.pcap.tshark.txt"), "not a capture").unwrap();
        std::fs::write(d.join(".hidden.pcap"), std::fs::read(d.join("a.pcap")).unwrap()).unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        pcap(&d.join("sub"), "c.pcap", &[(1, b"x")]);
        let arg = |p: &Path| Input::Path(p.to_path_buf());
        let (inputs, problems) = expand(&[arg(d)]);
        assert!(problems.is_empty());
        assert_eq!(
            inputs,
            [Input::Path(d.join("a.pcap")), Input::Path(d.join("b.pcap"))]
        );
        let (inputs, _) = expand(&[arg(&d.join("*.pcap")), Input::Stdin, arg(&d.join("sub/c.pcap"))]);
        assert_eq!(
            inputs,
            [
                Input::Path(d.join("a.pcap")),
                Input::Path(d.join("b.pcap")),
                Input::Stdin,
                Input::Path(d.join("sub/c.pcap"))
            ]
        );
        let (inputs, problems) = expand(&[arg(&d.join("nothing*.pcap")), arg(&d.join("sub/missing.pcap"))]);
        assert_eq!(
            inputs,
            [Input::Path(d.join("sub/missing.pcap"))],
            "a missing file fails when opened"
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("no file matches"), "{problems:?}");
        std::fs::create_dir(d.join("empty")).unwrap();
        let (_, problems) = expand(&[arg(&d.join("empty"))]);
        assert!(
            problems[0].ends_with("is a directory with no capture file in it"),
            "{problems:?}"
        );
    }
}
