//! Safe file names for what `export` writes, and files that never overwrite.
//!
//! An attachment's name comes from the sender: `../../etc/passwd`, `C:\Windows\win.ini`, `CON`, a
//! NUL byte, 300 characters. [`safe_name`] keeps only a last path component made of characters every
//! file system takes, never a device name, never empty, never longer than [`MAX_NAME_BYTES`];
//! [`create_new`] opens a file that did not exist, numbering the name (`report (1).pdf`) when it
//! did. Must not: decide where files go (the caller gives the folder).

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// The longest file name written, in bytes (file systems allow 255; room is left for numbering).
pub const MAX_NAME_BYTES: usize = 200;
/// Numbered names tried before giving up.
const MAX_NUMBERED: u32 = 10_000;

/// Windows device names: a file called so (with any extension) is the device, not a file.
const DEVICES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `name` made safe to create inside a folder: its last path component, control characters and
/// `<>:"/\|?*` replaced by `_`, no leading or trailing dots or blanks, not a device name, at most
/// [`MAX_NAME_BYTES`] bytes (the extension kept), and `fallback` when nothing is left.
pub fn safe_name(name: &str, fallback: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut clean: String = last
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    clean = clean
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    if clean.is_empty() {
        clean = fallback.to_string();
    }
    let stem = clean.split('.').next().unwrap_or("").trim_end();
    if DEVICES.iter().any(|d| stem.eq_ignore_ascii_case(d)) {
        clean = format!("_{clean}");
    }
    shorten(&clean, MAX_NAME_BYTES)
}

/// `name` cut to `max` bytes on a character boundary, its extension (up to 16 bytes) kept.
pub fn shorten(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let ext = name
        .rfind('.')
        .map(|i| name.get(i..).unwrap_or(""))
        .filter(|e| e.len() <= 16)
        .unwrap_or("");
    let room = max.saturating_sub(ext.len());
    let mut head = String::new();
    for c in name.chars() {
        if head.len().saturating_add(c.len_utf8()) > room {
            break;
        }
        head.push(c);
    }
    format!("{head}{ext}")
}

/// `name` with ` (n)` before its extension.
fn numbered(name: &str, n: u32) -> String {
    match name.rfind('.').filter(|i| *i > 0) {
        Some(i) => format!(
            "{} ({n}){}",
            name.get(..i).unwrap_or(name),
            name.get(i..).unwrap_or("")
        ),
        None => format!("{name} ({n})"),
    }
}

/// Creates `dir/name`, or `dir/name (1)`, `(2)`… when it exists: never an existing file.
///
/// # Errors
/// The folder cannot be written, or every numbered name exists.
pub fn create_new(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    for n in 0..MAX_NUMBERED {
        let candidate = if n == 0 {
            name.to_string()
        } else {
            numbered(name, n)
        };
        let path = dir.join(&candidate);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{MAX_NUMBERED} files named like {name} exist already"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_plain_file_names() {
        assert_eq!(safe_name("../../etc/passwd", "x"), "passwd");
        assert_eq!(safe_name("..\\..\\Windows\\win.ini", "x"), "win.ini");
        assert_eq!(safe_name("CON", "x"), "_CON");
        assert_eq!(safe_name("con.txt", "x"), "_con.txt");
        assert_eq!(safe_name("LPT9.pdf", "x"), "_LPT9.pdf");
        assert_eq!(safe_name("a\0b.txt", "x"), "a_b.txt");
        assert_eq!(safe_name("..", "attachment"), "attachment");
        assert_eq!(safe_name("", "attachment"), "attachment");
        assert_eq!(safe_name(" report?.pdf. ", "x"), "report_.pdf");
        let long = format!("{}.pdf", "é".repeat(150));
        let cut = safe_name(&long, "x");
        assert!(cut.len() <= MAX_NAME_BYTES && cut.ends_with(".pdf"), "{cut}");
        let long = "a".repeat(300);
        assert_eq!(safe_name(&long, "x").len(), MAX_NAME_BYTES);
    }

    #[test]
    fn collisions_are_numbered_and_nothing_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"first").unwrap();
        let (p1, _) = create_new(dir.path(), "a.txt").unwrap();
        let (p2, _) = create_new(dir.path(), "a.txt").unwrap();
        assert_eq!(p1.file_name().unwrap(), "a (1).txt");
        assert_eq!(p2.file_name().unwrap(), "a (2).txt");
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"first");
        let (p3, _) = create_new(dir.path(), "noext").unwrap();
        let (p4, _) = create_new(dir.path(), "noext").unwrap();
        assert_eq!(p3.file_name().unwrap(), "noext");
        assert_eq!(p4.file_name().unwrap(), "noext (1)");
    }
}
