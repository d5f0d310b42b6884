//! Content-Transfer-Encoding decoders that work on a stream of lines (RFC 2045 §6).
//!
//! The MIME walker hands each leaf part's body to a [`TransferDecoder`] a line at a time, or a run
//! of whole lines at a time where none can be a boundary (their inner line breaks included), line
//! content first ([`TransferDecoder::content`], possibly in several pieces for an overlong line)
//! and the last line break afterwards ([`TransferDecoder::line_break`]) — only once it knows the
//! break belongs to the part and not to the boundary that follows (RFC 2046 §5.1.1). Decoded bytes
//! go to a callback; nothing is kept from one call to the next beyond one base64 quantum and one
//! quoted-printable escape, so a part of any size decodes in constant memory.
//!
//! Written here rather than taken from a crate: the `base64` crate decodes a complete, strict buffer
//! and rejects the line breaks and stray characters RFC 2045 §6.8 says a decoder must skip, and the
//! quoted-printable crates decode a complete buffer; both would need the part held in memory. Both
//! decoders are a few dozen lines of table work — around a strict vector decoder (`base64-simd`)
//! that takes the clean runs of whole quanta: a line's content, or the characters of a call's
//! lines gathered without their breaks into a scratch buffer as long as the call's input, which
//! is nearly all of an attachment's bytes; the state machine here handles what is left (padding,
//! junk, quanta cut between calls).
//!
//! Must not: know about boundaries, headers or files.

/// The transfer encodings a decoder handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `7bit`, `8bit`, `binary`, or none given: the bytes are the content.
    Identity,
    /// `base64`.
    Base64,
    /// `quoted-printable`.
    QuotedPrintable,
}

impl Encoding {
    /// The encoding a `Content-Transfer-Encoding` value names, and whether the value was one this
    /// decoder knows (an unknown one, such as `x-uuencode`, is passed through as identity).
    pub fn from_header(value: Option<&str>) -> (Encoding, bool) {
        let Some(value) = value.map(str::trim) else {
            return (Encoding::Identity, true);
        };
        if value.eq_ignore_ascii_case("base64") {
            (Encoding::Base64, true)
        } else if value.eq_ignore_ascii_case("quoted-printable") {
            (Encoding::QuotedPrintable, true)
        } else {
            let known = ["7bit", "8bit", "binary"]
                .iter()
                .any(|k| value.eq_ignore_ascii_case(k));
            (Encoding::Identity, known)
        }
    }
}

/// Decodes one part's body, line by line.
#[derive(Debug)]
pub struct TransferDecoder {
    state: State,
    /// Decoded bytes of the current call, handed out once per call.
    out: Vec<u8>,
    /// The current call's base64 characters without their line breaks (see [`decode_lines`]).
    gather: Vec<u8>,
    /// Input bytes that could not be decoded (outside the base64 alphabet, broken `=` escapes).
    pub invalid: u64,
}

#[derive(Debug)]
enum State {
    Identity,
    Base64 {
        /// Sextets of the quantum in progress.
        acc: u32,
        /// How many sextets `acc` holds (0..=3).
        have: u8,
        /// `=` padding seen in the quantum in progress.
        pad: u8,
    },
    Qp {
        /// An `=` and possibly its first hex digit, waiting for the rest.
        escape: Escape,
        /// Whitespace at the current end of the line: kept back, because trailing whitespace
        /// is transport padding and is dropped (RFC 2045 §6.7 rule 3).
        held_ws: Vec<u8>,
        /// The line so far ended with `=`: its break is soft.
        soft: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Escape {
    None,
    Eq,
    EqHex(u8),
}

/// Trailing whitespace held back on a quoted-printable line before it is given up as content.
const MAX_HELD_WHITESPACE: usize = 256;

/// Base64 alphabet value of each byte (0xFF: not in the alphabet; 0xFE: `=`).
// Built at compile time: an index out of range would fail the build, not the run.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
static BASE64: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t[b'=' as usize] = 0xFE;
    t
};

impl TransferDecoder {
    /// A decoder for `encoding`.
    pub fn new(encoding: Encoding) -> Self {
        let state = match encoding {
            Encoding::Identity => State::Identity,
            Encoding::Base64 => State::Base64 {
                acc: 0,
                have: 0,
                pad: 0,
            },
            Encoding::QuotedPrintable => State::Qp {
                escape: Escape::None,
                held_ws: Vec::new(),
                soft: false,
            },
        };
        TransferDecoder {
            state,
            out: Vec::new(),
            gather: Vec::new(),
            invalid: 0,
        }
    }

    /// Whether the encoding needs its input cut into lines (quoted-printable: soft breaks and
    /// trailing blanks); identity and base64 take any run of bytes, line breaks included.
    pub fn needs_lines(&self) -> bool {
        matches!(self.state, State::Qp { .. })
    }

    /// Decodes bytes of a line, or of a run of lines without the run's last line break.
    pub fn content(&mut self, bytes: &[u8], sink: &mut dyn FnMut(&[u8])) {
        match &mut self.state {
            State::Identity => sink(bytes),
            State::Base64 { acc, have, pad } => {
                self.out.clear();
                self.out
                    .reserve((bytes.len() / 4).saturating_mul(3).saturating_add(3));
                let mut rest = bytes;
                loop {
                    if *have == 0 && *pad == 0 {
                        rest = decode_quanta(rest, &mut self.out, &mut self.gather);
                    }
                    let Some((&b, tail)) = rest.split_first() else {
                        break;
                    };
                    rest = tail;
                    match base64_value(b) {
                        0xFF => {
                            if !b.is_ascii_whitespace() {
                                self.invalid = self.invalid.saturating_add(1);
                            }
                        }
                        0xFE => {
                            *pad = pad.saturating_add(1);
                            if *have >= 2 {
                                flush_quantum(acc, have, &mut self.out);
                                *pad = 0;
                            }
                        }
                        v => {
                            if *pad > 0 {
                                // Data after padding: a new quantum begins (concatenated base64).
                                *pad = 0;
                            }
                            *acc = (*acc << 6) | u32::from(v);
                            *have = have.saturating_add(1);
                            if *have == 4 {
                                let [_, a, b, c] = acc.to_be_bytes();
                                self.out.extend_from_slice(&[a, b, c]);
                                *acc = 0;
                                *have = 0;
                            }
                        }
                    }
                }
                if !self.out.is_empty() {
                    sink(&self.out);
                }
            }
            State::Qp {
                escape,
                held_ws,
                soft,
            } => {
                self.out.clear();
                let mut invalid = 0u64;
                for &b in bytes {
                    *soft = false;
                    match *escape {
                        Escape::Eq => match hex_value(b) {
                            Some(h) => *escape = Escape::EqHex(h),
                            None if b == b' ' || b == b'\t' => {
                                // `=` followed by whitespace: a soft break with transport padding.
                                *soft = true;
                                continue;
                            }
                            None => {
                                invalid = invalid.saturating_add(1);
                                self.out.push(b'=');
                                *escape = Escape::None;
                                push_qp_byte(b, escape, held_ws, &mut self.out);
                            }
                        },
                        Escape::EqHex(h) => {
                            *escape = Escape::None;
                            match hex_value(b) {
                                Some(l) => self.out.push((h << 4) | l),
                                None => {
                                    invalid = invalid.saturating_add(1);
                                    self.out.push(b'=');
                                    self.out.push(hex_digit(h));
                                    push_qp_byte(b, escape, held_ws, &mut self.out);
                                }
                            }
                        }
                        Escape::None => push_qp_byte(b, escape, held_ws, &mut self.out),
                    }
                    if *escape == Escape::Eq {
                        *soft = true;
                    }
                }
                if held_ws.len() > MAX_HELD_WHITESPACE {
                    self.out.append(held_ws);
                }
                self.invalid = self.invalid.saturating_add(invalid);
                if !self.out.is_empty() {
                    sink(&self.out);
                }
            }
        }
    }

    /// The line break `eol` (as sent) ended a line of this part's content.
    pub fn line_break(&mut self, eol: &[u8], sink: &mut dyn FnMut(&[u8])) {
        match &mut self.state {
            State::Identity => sink(eol),
            State::Base64 { .. } => {}
            State::Qp {
                escape,
                held_ws,
                soft,
            } => {
                // Trailing whitespace is transport padding.
                held_ws.clear();
                let was_soft = *soft || *escape == Escape::Eq;
                match *escape {
                    Escape::EqHex(h) => {
                        self.invalid = self.invalid.saturating_add(1);
                        sink(&[b'=', hex_digit(h)]);
                    }
                    Escape::Eq | Escape::None => {}
                }
                *escape = Escape::None;
                *soft = false;
                if !was_soft {
                    sink(eol);
                }
            }
        }
    }

    /// The part ended: hands out what a partial quantum or escape still holds.
    pub fn finish(&mut self, sink: &mut dyn FnMut(&[u8])) {
        match &mut self.state {
            State::Identity => {}
            State::Base64 { acc, have, .. } => {
                self.out.clear();
                if *have == 1 {
                    self.invalid = self.invalid.saturating_add(1);
                }
                flush_quantum(acc, have, &mut self.out);
                if !self.out.is_empty() {
                    sink(&self.out);
                }
            }
            State::Qp { escape, held_ws, .. } => {
                // A last line without a break: its trailing whitespace is still padding.
                held_ws.clear();
                if let Escape::EqHex(h) = *escape {
                    self.invalid = self.invalid.saturating_add(1);
                    sink(&[b'=', hex_digit(h)]);
                }
                *escape = Escape::None;
            }
        }
    }
}

/// The base64 alphabet value of `b` (0xFF: not in the alphabet; 0xFE: `=`).
fn base64_value(b: u8) -> u8 {
    BASE64.get(usize::from(b)).copied().unwrap_or(0xFF)
}

/// The fast path of base64, called between quanta: decodes the run of whole quanta that starts
/// `bytes` and returns what follows the last of them — a line break, padding, a character outside
/// the alphabet or a short tail — for the byte-wise path to take. The run up to the next line
/// break goes to `base64-simd` (vector instructions where the CPU has them) when it is clean, as
/// it is in almost every attachment; a run it refuses is decoded here, quantum by quantum, up to
/// its first flaw.
fn decode_quanta<'a>(bytes: &'a [u8], out: &mut Vec<u8>, gather: &mut Vec<u8>) -> &'a [u8] {
    // A line's content as the MIME walker hands it (no break, whole quanta): no search needed.
    let clean_line = bytes.len().is_multiple_of(4) && bytes.last().is_some_and(|b| base64_value(*b) < 64);
    if clean_line && base64_simd::STANDARD_NO_PAD.decode_append(bytes, out).is_ok() {
        return &[];
    }
    if let Some(rest) = decode_lines(bytes, out, gather) {
        return rest;
    }
    let line = memchr::memchr2(b'\r', b'\n', bytes).unwrap_or(bytes.len());
    let whole = (line / 4).saturating_mul(4);
    if let (Some(run), Some(rest)) = (bytes.get(..whole), bytes.get(whole..)) {
        if !run.is_empty() && base64_simd::STANDARD_NO_PAD.decode_append(run, out).is_ok() {
            return rest;
        }
    }
    decode_quanta_scalar(bytes, out)
}

/// Several lines handed in at once (a run of lines the walker passed whole, or a single part's
/// body): their characters are gathered without the line breaks into `gather` and the whole
/// quanta decoded in one vector call. Returns what is left for the state machine: the last
/// characters of a quantum not yet complete, with the line breaks among them. `None` (and `out`
/// untouched) when `bytes` holds no line break, or anything but alphabet characters and line
/// breaks before those last characters (padding, blanks, junk): then the line-at-a-time path
/// decides, as it always did.
fn decode_lines<'a>(bytes: &'a [u8], out: &mut Vec<u8>, gather: &mut Vec<u8>) -> Option<&'a [u8]> {
    gather.clear();
    // Encoders write lines of one length: the next line feed is looked for where the last
    // line's length puts it, and searched for only when it is not there. A guess that skips a
    // shorter line leaves a line break in `gather`, which the strict decoder then refuses.
    let (mut line, mut stride) = (0usize, 0usize);
    loop {
        let guess = line.saturating_add(stride).saturating_sub(1);
        let lf = if stride > 0 && bytes.get(guess) == Some(&b'\n') {
            guess
        } else {
            match memchr::memchr(b'\n', bytes.get(line..)?) {
                Some(at) => line.saturating_add(at),
                None => break,
            }
        };
        let content = bytes.get(line..lf)?;
        gather.extend_from_slice(content.strip_suffix(b"\r").unwrap_or(content));
        stride = lf.saturating_add(1).saturating_sub(line);
        line = lf.saturating_add(1);
    }
    if line == 0 {
        return None;
    }
    // The bytes after the last line feed end `gather` as they are, so the characters of a
    // quantum not yet complete are the last bytes of `bytes` too.
    let tail = bytes.get(line..)?;
    gather.extend_from_slice(tail);
    let left = gather.len() % 4;
    if left > tail.len() {
        return None;
    }
    let decoded = gather.get(..gather.len().saturating_sub(left))?;
    let rest = bytes.get(bytes.len().saturating_sub(left)..)?;
    if decoded.is_empty() || base64_simd::STANDARD_NO_PAD.decode_append(decoded, out).is_err() {
        return None;
    }
    Some(rest)
}

/// [`decode_quanta`] without vector instructions: eight characters at a time while it can, then
/// four, stopping before the first quantum with a character that is not a sextet.
fn decode_quanta_scalar<'a>(mut bytes: &'a [u8], out: &mut Vec<u8>) -> &'a [u8] {
    while let [a, b, c, d, e, f, g, h, tail @ ..] = bytes {
        let v = [a, b, c, d, e, f, g, h].map(|x| base64_value(*x));
        if v.iter().fold(0, |m, x| m | x) & 0xC0 != 0 {
            break;
        }
        let word = v.iter().fold(0u64, |w, x| (w << 6) | u64::from(*x));
        let [_, _, o @ ..] = word.to_be_bytes();
        out.extend_from_slice(&o);
        bytes = tail;
    }
    while let [a, b, c, d, tail @ ..] = bytes {
        let v = [a, b, c, d].map(|x| base64_value(*x));
        if v.iter().fold(0, |m, x| m | x) & 0xC0 != 0 {
            break;
        }
        let word = v.iter().fold(0u32, |w, x| (w << 6) | u32::from(*x));
        let [_, o @ ..] = word.to_be_bytes();
        out.extend_from_slice(&o);
        bytes = tail;
    }
    bytes
}

/// Emits the bytes a partial base64 quantum of `have` sextets stands for (2 → 1 byte, 3 → 2).
fn flush_quantum(acc: &mut u32, have: &mut u8, out: &mut Vec<u8>) {
    match *have {
        2 => {
            let [.., a] = (*acc >> 4).to_be_bytes();
            out.push(a);
        }
        3 => {
            let [.., a, b] = (*acc >> 2).to_be_bytes();
            out.extend_from_slice(&[a, b]);
        }
        _ => {}
    }
    *acc = 0;
    *have = 0;
}

/// One quoted-printable byte outside an escape: `=` opens one, whitespace is held back until
/// something other than the line's end follows it.
fn push_qp_byte(b: u8, escape: &mut Escape, held_ws: &mut Vec<u8>, out: &mut Vec<u8>) {
    match b {
        b'=' => {
            out.append(held_ws);
            *escape = Escape::Eq;
        }
        b' ' | b'\t' => held_ws.push(b),
        _ => {
            out.append(held_ws);
            out.push(b);
        }
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b.wrapping_sub(b'0')),
        b'A'..=b'F' => Some(b.wrapping_sub(b'A').wrapping_add(10)),
        b'a'..=b'f' => Some(b.wrapping_sub(b'a').wrapping_add(10)),
        _ => None,
    }
}

fn hex_digit(v: u8) -> u8 {
    b"0123456789ABCDEF"
        .get(usize::from(v & 0xF))
        .copied()
        .unwrap_or(b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `lines` (each with its break) fed in pieces of `step` bytes.
    fn decode(encoding: Encoding, body: &[u8], step: usize) -> (Vec<u8>, u64) {
        let mut d = TransferDecoder::new(encoding);
        let mut out = Vec::new();
        let mut lines: Vec<&[u8]> = body.split_inclusive(|b| *b == b'\n').collect();
        // The break before the end belongs to the boundary: the last line's is dropped.
        let last = lines
            .pop()
            .map(|l| l.strip_suffix(b"\r\n").or(l.strip_suffix(b"\n")).unwrap_or(l));
        for line in lines.iter().copied().chain(last) {
            let (content, eol) = match line.iter().position(|b| *b == b'\r' || *b == b'\n') {
                Some(i) => line.split_at(i),
                None => (line, &b""[..]),
            };
            for piece in content.chunks(step.max(1)) {
                d.content(piece, &mut |b| out.extend_from_slice(b));
            }
            if !eol.is_empty() {
                d.line_break(eol, &mut |b| out.extend_from_slice(b));
            }
        }
        d.finish(&mut |b| out.extend_from_slice(b));
        (out, d.invalid)
    }

    fn all_ways(encoding: Encoding, body: &[u8]) -> (Vec<u8>, u64) {
        let first = decode(encoding, body, usize::MAX);
        for step in 1..6 {
            assert_eq!(decode(encoding, body, step), first, "step {step}");
        }
        first
    }

    #[test]
    fn encodings_are_named_by_their_header() {
        assert_eq!(Encoding::from_header(Some(" BASE64 ")), (Encoding::Base64, true));
        assert_eq!(
            Encoding::from_header(Some("Quoted-Printable")),
            (Encoding::QuotedPrintable, true)
        );
        assert_eq!(Encoding::from_header(Some("8bit")), (Encoding::Identity, true));
        assert_eq!(Encoding::from_header(None), (Encoding::Identity, true));
        assert_eq!(
            Encoding::from_header(Some("x-uuencode")),
            (Encoding::Identity, false)
        );
    }

    #[test]
    fn base64_across_lines_and_pieces() {
        let (out, invalid) = all_ways(Encoding::Base64, b"SGVsbG8s\r\nIHdvcmxk\r\nIQ==\r\n");
        assert_eq!(out, b"Hello, world!");
        assert_eq!(invalid, 0);
    }

    #[test]
    fn base64_skips_what_is_outside_the_alphabet() {
        let (out, invalid) = all_ways(Encoding::Base64, b"SGV s*bG8\r\n");
        assert_eq!(out, b"Hello");
        assert_eq!(invalid, 1);
    }

    #[test]
    fn base64_unpadded_tail_and_concatenation() {
        assert_eq!(all_ways(Encoding::Base64, b"SGk").0, b"Hi");
        assert_eq!(all_ways(Encoding::Base64, b"SA==SGk=").0, b"HHi");
        // A lone sextet cannot stand for a byte.
        assert_eq!(all_ways(Encoding::Base64, b"SGVsb"), (b"Hel".to_vec(), 1));
    }

    proptest::proptest! {
        /// The quanta fast path decides nothing the byte-wise path would decide differently:
        /// any mix of alphabet, padding, line breaks and junk, cut anywhere, decodes the same
        /// whole and in pieces of 1 to 5 bytes (pieces under four bytes never reach the fast path).
        #[test]
        fn base64_fast_path_agrees_with_the_bytewise_one(
            body in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => proptest::sample::select(
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".to_vec()
                    ),
                    1 => proptest::sample::select(b"=\r\n \t*-\xFF".to_vec()),
                ],
                0..400,
            )
        ) {
            all_ways(Encoding::Base64, &body);
        }

        /// Well-formed base64 in 76-character lines decodes to what was encoded.
        #[test]
        fn base64_lines_decode_to_the_original(data in proptest::collection::vec(0u8.., 0..2000)) {
            use base64::Engine;
            let text = base64::engine::general_purpose::STANDARD.encode(&data);
            let lines: Vec<&[u8]> = text.as_bytes().chunks(76).collect();
            let body = lines.join(&b"\r\n"[..]);
            let (out, invalid) = all_ways(Encoding::Base64, &body);
            proptest::prop_assert_eq!(out, data);
            proptest::prop_assert_eq!(invalid, 0);
        }
    }

    #[test]
    fn identity_keeps_line_breaks_as_sent_but_not_the_last() {
        let (out, _) = all_ways(Encoding::Identity, b"a\r\nb\nc\r\n");
        assert_eq!(out, b"a\r\nb\nc");
    }

    #[test]
    fn quoted_printable_escapes_soft_breaks_and_padding() {
        let body = b"caf=C3=A9 =\r\nau lait  \r\nx=3d=\r\n";
        let (out, invalid) = all_ways(Encoding::QuotedPrintable, body);
        assert_eq!(out, "café au lait\r\nx=".as_bytes());
        assert_eq!(invalid, 0);
    }

    #[test]
    fn quoted_printable_soft_break_with_trailing_whitespace() {
        let (out, _) = all_ways(Encoding::QuotedPrintable, b"one= \t\r\ntwo");
        assert_eq!(out, b"onetwo");
    }

    #[test]
    fn quoted_printable_broken_escapes_are_kept_literally() {
        let (out, invalid) = all_ways(Encoding::QuotedPrintable, b"a=ZZ b=4\r\nc=4");
        assert_eq!(out, b"a=ZZ b=4\r\nc=4");
        assert_eq!(invalid, 3);
    }

    #[test]
    fn quoted_printable_inner_whitespace_is_content() {
        let (out, _) = all_ways(Encoding::QuotedPrintable, b"a  b\t=41\r\n");
        assert_eq!(out, b"a  b\tA");
    }
}
