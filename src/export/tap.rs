//! The content tap of one exported session: each message to `s<ID>-t<N>.eml`, its attachments
//! decoded to `s<ID>-t<N>-<name>`, each XEXCH50 BLOB to `s<ID>-t<N>-xexch50-<K>.bin` — streamed to
//! disk as the bytes are decoded, each file hashed as it is written.
//!
//! Owns those files and their manifest entries. Attachments come from a message decoder of the
//! tap's own, fed the same bytes as the analysis's, with a [`PartSink`] that writes. A file that
//! cannot be written is reported once and skipped; the session goes on. Must not: decide which
//! sessions are exported.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

use super::names::{create_new, safe_name, shorten, MAX_NAME_BYTES};
use super::{Entry, Shared};
use crate::message::{mime::hex, Message, MessageDecoder, Options, Part, PartKind, PartSink};
use crate::smtp::ContentTap;

/// What to write.
#[derive(Clone, Copy, Debug)]
pub struct Wanted {
    /// Messages.
    pub eml: bool,
    /// Attachments.
    pub attachments: bool,
    /// BLOBs.
    pub blobs: bool,
}

/// A file being written, with its running hash.
struct OutFile {
    path: PathBuf,
    out: BufWriter<File>,
    hash: Sha256,
    bytes: u64,
    failed: bool,
}

impl OutFile {
    fn create(shared: &Arc<Mutex<Shared>>, name: &str) -> Option<OutFile> {
        let dir = lock(shared).dir.clone();
        match create_new(&dir, name) {
            Ok((path, file)) => Some(OutFile {
                path,
                out: BufWriter::new(file),
                hash: Sha256::new(),
                bytes: 0,
                failed: false,
            }),
            Err(e) => {
                lock(shared)
                    .errors
                    .push(format!("cannot create {}: {e}", dir.join(name).display()));
                None
            }
        }
    }

    fn write(&mut self, bytes: &[u8], shared: &Arc<Mutex<Shared>>) {
        if self.failed {
            return;
        }
        self.hash.update(bytes);
        self.bytes = self.bytes.saturating_add(bytes.len() as u64);
        if let Err(e) = self.out.write_all(bytes) {
            self.failed = true;
            lock(shared)
                .errors
                .push(format!("cannot write {}: {e}", self.path.display()));
        }
    }

    /// Closes the file; its name (within the folder), size and SHA-256.
    fn finish(mut self, shared: &Arc<Mutex<Shared>>) -> (String, u64, String) {
        if let Err(e) = self.out.flush() {
            lock(shared)
                .errors
                .push(format!("cannot write {}: {e}", self.path.display()));
        }
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (name, self.bytes, hex(&self.hash.finalize()))
    }
}

/// A poisoned lock still holds good data (a panicking writer stops the whole run anyway).
pub(super) fn lock(shared: &Arc<Mutex<Shared>>) -> std::sync::MutexGuard<'_, Shared> {
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes the attachments of one message as the message decoder decodes them.
struct Attachments {
    shared: Arc<Mutex<Shared>>,
    prefix: String,
    session: String,
    transaction: usize,
    open: Vec<(usize, OutFile)>,
}

impl PartSink for Attachments {
    fn begin(&mut self, index: usize, part: &Part) {
        if part.kind == PartKind::Multipart || !part.is_attachment() {
            return;
        }
        let fallback = format!("part-{}", part.path);
        let name = safe_name(part.name.as_deref().unwrap_or(&fallback), &fallback);
        let name = shorten(&format!("{}-{name}", self.prefix), MAX_NAME_BYTES);
        if let Some(file) = OutFile::create(&self.shared, &name) {
            self.open.push((index, file));
        }
    }

    fn bytes(&mut self, index: usize, decoded: &[u8]) {
        if let Some((_, file)) = self.open.iter_mut().find(|(i, _)| *i == index) {
            file.write(decoded, &self.shared);
        }
    }

    fn end(&mut self, index: usize, part: &Part) {
        let Some(at) = self.open.iter().position(|(i, _)| *i == index) else {
            return;
        };
        let (_, file) = self.open.swap_remove(at);
        let (path, bytes, sha256) = file.finish(&self.shared);
        lock(&self.shared).entries.push(Entry {
            kind: "attachment",
            path,
            session: self.session.clone(),
            transaction: Some(self.transaction.saturating_add(1)),
            part: Some(part.path.clone()),
            name: part.name.clone(),
            content_type: Some(part.content_type.clone()),
            bytes,
            sha256,
            complete: part.complete,
            gap_bytes: 0,
        });
    }
}

/// The message being exported.
struct MessageOut {
    txn: usize,
    eml: Option<OutFile>,
    decoder: Option<(MessageDecoder, Attachments)>,
}

/// The tap of one session (see the module doc).
pub struct ExportTap {
    shared: Arc<Mutex<Shared>>,
    session: String,
    wanted: Wanted,
    options: Options,
    message: Option<MessageOut>,
    blob: Option<(usize, OutFile)>,
}

impl ExportTap {
    /// A tap for session `session`.
    pub fn new(shared: Arc<Mutex<Shared>>, session: String, wanted: Wanted, options: Options) -> Self {
        ExportTap {
            shared,
            session,
            wanted,
            options,
            message: None,
            blob: None,
        }
    }

    fn prefix(&self, txn: usize) -> String {
        format!("s{}-t{}", self.session, txn.saturating_add(1))
    }
}

impl ContentTap for ExportTap {
    fn message_start(&mut self, txn: usize) {
        let prefix = self.prefix(txn);
        let eml = if self.wanted.eml {
            OutFile::create(&self.shared, &format!("{prefix}.eml"))
        } else {
            None
        };
        let decoder = self.wanted.attachments.then(|| {
            (
                MessageDecoder::new(&self.options),
                Attachments {
                    shared: self.shared.clone(),
                    prefix,
                    session: self.session.clone(),
                    transaction: txn,
                    open: Vec::new(),
                },
            )
        });
        self.message = Some(MessageOut { txn, eml, decoder });
    }

    fn message_bytes(&mut self, bytes: &[u8]) {
        let Some(m) = &mut self.message else { return };
        if let Some(f) = &mut m.eml {
            f.write(bytes, &self.shared);
        }
        if let Some((d, sink)) = &mut m.decoder {
            d.push_to(bytes, sink);
        }
    }

    fn message_gap(&mut self, len: u64) {
        let Some(m) = &mut self.message else { return };
        if let Some((d, sink)) = &mut m.decoder {
            d.gap_to(len, sink);
        }
    }

    fn message_end(&mut self, _txn: usize, message: &Message) {
        let Some(m) = self.message.take() else { return };
        if let Some((d, mut sink)) = m.decoder {
            let _ = d.finish_to(message.complete, None, &mut sink);
        }
        if let Some(f) = m.eml {
            let (path, bytes, sha256) = f.finish(&self.shared);
            lock(&self.shared).entries.push(Entry {
                kind: "eml",
                path,
                session: self.session.clone(),
                transaction: Some(m.txn.saturating_add(1)),
                part: None,
                name: message.headers.subject.clone(),
                content_type: Some("message/rfc822".into()),
                bytes,
                sha256,
                complete: message.complete,
                gap_bytes: message.gap_bytes,
            });
        }
    }

    fn blob_start(&mut self, txn: usize, index: usize) {
        if !self.wanted.blobs {
            return;
        }
        let name = format!("{}-xexch50-{}.bin", self.prefix(txn), index.saturating_add(1));
        self.blob = OutFile::create(&self.shared, &name).map(|f| (txn, f));
    }

    fn blob_bytes(&mut self, bytes: &[u8]) {
        if let Some((_, f)) = &mut self.blob {
            f.write(bytes, &self.shared);
        }
    }

    fn blob_end(&mut self, complete: bool, _sha256: Option<&str>) {
        let Some((txn, f)) = self.blob.take() else { return };
        let (path, bytes, sha256) = f.finish(&self.shared);
        lock(&self.shared).entries.push(Entry {
            kind: "blob",
            path,
            session: self.session.clone(),
            transaction: Some(txn.saturating_add(1)),
            part: None,
            name: None,
            content_type: Some("application/octet-stream".into()),
            bytes,
            sha256,
            complete,
            gap_bytes: 0,
        });
    }
}
