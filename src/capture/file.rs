//! Capture files: format detection from the magic bytes and streaming readers for pcap, pcapng and
//! Network Monitor 2.x.
//!
//! (Helper-owned: to be written.)

use super::{CaptureError, Input, PacketSource};

/// Opens a capture file (or standard input), detecting its format from the first bytes.
///
/// # Errors
/// [`CaptureError::NotACapture`] when the magic bytes match no supported format, or
/// [`CaptureError::Io`] when the input cannot be opened or read.
pub fn open(input: &Input) -> Result<Box<dyn PacketSource>, CaptureError> {
    let _ = input;
    todo!("capture::file::open")
}
