//! Plain-ASCII text output for the `C`/`POSIX` locale: a writer that replaces the report's glyphs
//! (`│ → – · … ×` and the like) with ASCII and escapes any other non-ASCII character as `\u{…}`.
//!
//! It sits between the text printer and the output, so no printer has to know about the locale.
//! Must not: be used for JSON or HTML (both are UTF-8 by definition).

use std::io::{self, Write};

/// The ASCII stand-in of a character the reports use, if it has one.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '│' | '┃' => "|",
        '→' | '⟶' => "->",
        '←' => "<-",
        '↔' => "<->",
        '↳' => "=>",
        '–' | '─' | '‐' | '−' => "-",
        '—' | '━' => "--",
        '·' | '•' => "*",
        '…' => "...",
        '×' => "x",
        '≥' => ">=",
        '≤' => "<=",
        '≈' => "~",
        '§' => "S",
        '‘' | '’' => "'",
        '“' | '”' => "\"",
        '\u{a0}' => " ",
        _ => return None,
    })
}

/// Writes `text` in ASCII to `out`.
fn write_ascii(out: &mut impl Write, text: &str) -> io::Result<()> {
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            continue;
        }
        out.write_all(text.get(start..at).unwrap_or_default().as_bytes())?;
        match replacement(c) {
            Some(r) => out.write_all(r.as_bytes())?,
            None => write!(out, "\\u{{{:x}}}", u32::from(c))?,
        }
        start = at.saturating_add(c.len_utf8());
    }
    out.write_all(text.get(start..).unwrap_or_default().as_bytes())
}

/// A writer that passes ASCII through and replaces everything else (see the module doc). Bytes that
/// are not UTF-8 are written as `\xNN`; a character split across two writes is joined first.
pub struct AsciiWriter<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose end has not been written yet (at most 3 bytes).
    pending: Vec<u8>,
}

impl<W: Write> AsciiWriter<W> {
    /// A writer into `inner`.
    pub fn new(inner: W) -> Self {
        AsciiWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for AsciiWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    write_ascii(&mut self.inner, text)?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    write_ascii(&mut self.inner, std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // An incomplete sequence at the end: wait for the rest.
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                        Some(len) => {
                            for b in bad.iter().take(len) {
                                write!(self.inner, "\\x{b:02x}")?;
                            }
                            rest = bad.get(len..).unwrap_or_default();
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        for b in pending {
            write!(self.inner, "\\x{b:02x}")?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii(parts: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut w = AsciiWriter::new(&mut out);
        for p in parts {
            w.write_all(p).unwrap();
        }
        w.flush().unwrap();
        drop(w);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn glyphs_become_ascii() {
        assert_eq!(
            ascii(&["│ a → b – c · d … ×2".as_bytes()]),
            "| a -> b - c * d ... x2"
        );
        assert_eq!(ascii(&["plain".as_bytes()]), "plain");
        assert_eq!(ascii(&["日".as_bytes()]), "\\u{65e5}");
    }

    #[test]
    fn split_characters_are_joined_and_bad_bytes_escaped() {
        let arrow = "→".as_bytes();
        assert_eq!(ascii(&[&arrow[..1], &arrow[1..]]), "->");
        assert_eq!(ascii(&[b"a\xffb"]), "a\\xffb");
        assert_eq!(ascii(&[&arrow[..2]]), "\\xe2\\x86");
    }
}
