//! `smtpscope diff`'s driver: decodes the two captures side by side, pairs their sessions and
//! writes the comparison.
//!
//! Owns how much of the captures a diff holds at once. The held way ([`crate::diff::compare`] on
//! every session, then [`output::diff::write`]) keeps both captures' sessions — a few KiB each with
//! their transcripts and message records — until the report is written; it serves the HTML report
//! (whose overview needs every session) and captures read from standard input (which can be read
//! only once). Text and JSON Lines from files stream instead, in two passes over each capture:
//! - **first pass**, both captures at the same time: each session leaves its pairing profile
//!   ([`Profiles`]: endpoints, times, fingerprint; a few hundred bytes) and, for JSON Lines, its
//!   `session` and finding lines — the sender's straight into the report, the receiver's in an
//!   unnamed temporary file meanwhile (the report lists every session before the pairs). A text
//!   report keeps the findings (up to [`HELD_FINDINGS_PER_CAPTURE`]), which it shows beside each
//!   pair. A capture's sessions are also kept while there are at most
//!   [`HELD_SESSIONS_PER_CAPTURE`] of them, so that a capture of usual size is decoded once;
//! - **pairing** on the profiles ([`matching::pair_profiles`]), while the receiver's lines are
//!   copied into the report;
//! - **second pass**, over the kept sessions, or for a larger capture by decoding it again
//!   (decoding is deterministic, so the n-th session is the same session) — its dialogues only,
//!   without message records or rules, since the findings are already written or kept — both
//!   captures at the same time: each pair is compared and written as soon as its two sessions are
//!   there, then dropped. Sessions of the receiver that come before their pair's turn wait in a
//!   map, so memory follows how far the two captures' orders disagree, not their size. Decoding
//!   twice costs CPU time (the README's "Hostile input" has the figures); it is what bounds
//!   memory, since a decoded session is several KiB.
//!
//! A capture that cannot be opened is refused before anything is written.
//! Both ways write through the same [`DiffWriter`] calls, and a test compares their bytes.
//! Must not: compare sessions (that is [`crate::diff`]) or format output itself.

use std::collections::HashMap;
use std::io::{self, Seek, Write};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Instant;

use super::{
    each_session_of, frames_named, load_tls_keys, report_input_error, sessions_of, CaptureSessions, Depth,
    Outcome,
};
use crate::capture::{self, Input};
use crate::cli::config::{DiffConfig, ReportConfig};
use crate::diff::matching::{self, Pairing, Profiles};
use crate::diff::{self, Side};
use crate::output::diff::{session_lines, DiffWriter, Ending};
use crate::output::{self, OutputFormat, Render};
use crate::rules::{Finding, FindingTally};
use crate::session::{RunSummary, Session};
use crate::tls::TlsKeys;

/// Sessions a decoding of the second pass hands over at once (fewer wake-ups than one by one).
const SECOND_PASS_BATCH: usize = 64;
/// Batches of one capture decoded ahead of the pair being written, in the channel of the second
/// pass.
const SECOND_PASS_QUEUE: usize = 4;

/// A capture with at most this many sessions is kept from the first pass instead of being decoded
/// twice: about 30 MiB at the ~7 KiB a session takes with its transcript and message records.
pub const HELD_SESSIONS_PER_CAPTURE: usize = 4_096;

/// A text report keeps at most this many findings of a capture from the first pass for its second
/// (about 64 MiB at a generous 1 KiB a finding with its evidence); with more, the second decoding
/// runs the rules again.
pub const HELD_FINDINGS_PER_CAPTURE: usize = 65_536;

/// Runs `smtpscope diff` (see [`super::diff`]).
///
/// # Errors
/// Only an error writing the report.
pub fn run(config: &DiffConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    if config.report.format == OutputFormat::Ecs {
        writeln!(
            err,
            "smtpscope: diff has no ECS output (pairs are not events); use --format json or html"
        )?;
        return Ok(Outcome::InputError);
    }
    if !frames_named(&config.report.filter, [&config.sender, &config.receiver], err)? {
        return Ok(Outcome::InputError);
    }
    if streamable(config) {
        streamed_diff(config, out, err, Holding::RUN)
    } else {
        held_diff(config, out, err)
    }
}

/// Whether the run can read each capture twice (files, not standard input) and write its report
/// as it goes (text and JSON Lines).
pub fn streamable(config: &DiffConfig) -> bool {
    let file = |input: &Input| matches!(input, Input::Path(_));
    config.report.format != OutputFormat::Html && file(&config.sender) && file(&config.receiver)
}

/// The two inputs with their sides, sender first.
fn inputs(config: &DiffConfig) -> [(Side, &Input); 2] {
    [(Side::Sender, &config.sender), (Side::Receiver, &config.receiver)]
}

/// The session's findings under their diff id (`A:1`, `B:1`).
fn rename(side: Side, session: &Session, findings: &mut [Finding]) {
    let id = diff::side_id(side, session);
    for finding in findings {
        finding.session = Some(id.clone());
    }
}

/// When a capture could not be opened at all: says so for each and that nothing is compared.
fn refuse_unreadable(
    config: &DiffConfig,
    unopened: [Option<&str>; 2],
    err: &mut dyn Write,
) -> io::Result<bool> {
    if unopened.iter().all(Option::is_none) {
        return Ok(false);
    }
    for ((side, _), e) in inputs(config).iter().zip(unopened) {
        if let Some(e) = e {
            writeln!(err, "smtpscope: the {}'s capture: {e}", side.name())?;
        }
    }
    writeln!(err, "smtpscope: nothing compared: diff needs both captures")?;
    Ok(true)
}

/// One capture's counters, errors and capture-wide findings into the run's, its findings tallied
/// under their diff ids (`tally`) rather than their capture ids.
fn add_side(
    decoded: &mut CaptureSessions,
    tally: FindingTally,
    err: &mut dyn Write,
    summary: &mut RunSummary,
    capture_findings: &mut Vec<Finding>,
) -> io::Result<()> {
    if let Some(e) = decoded.error.take() {
        report_input_error(err, summary, &e)?;
    }
    decoded.summary.findings = tally;
    for finding in &decoded.summary.capture_findings {
        decoded.summary.findings.add(finding);
    }
    summary.merge(&decoded.summary);
    capture_findings.append(&mut decoded.summary.capture_findings);
    Ok(())
}

/// Counts the findings of a compared pair that the selection shows, and drops the others.
fn keep_shown(pair: &mut diff::Pair, config: &ReportConfig, summary: &mut RunSummary) {
    pair.findings.retain(|f| config.selection.shows(f));
    for finding in &pair.findings {
        summary.findings.add(finding);
    }
}

/// The held way: every session of both captures decoded, then compared, then written.
fn held_diff(config: &DiffConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut summary = RunSummary::default();
    let tls_keys = load_tls_keys(&config.report.tls_keys, err, &mut summary)?;
    let mut capture_findings = Vec::new();
    // The two captures are independent: decode them at the same time.
    let [mut sender, mut receiver] = std::thread::scope(|scope| {
        inputs(config)
            .map(|(_, input)| scope.spawn(|| sessions_of(input, &config.report, tls_keys.clone())))
            .map(|d| d.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let unopened = [&sender, &receiver].map(|d| d.error.as_deref().filter(|_| d.unreadable));
    if refuse_unreadable(config, unopened, err)? {
        return Ok(Outcome::InputError);
    }
    for (side, decoded) in [(Side::Sender, &mut sender), (Side::Receiver, &mut receiver)] {
        let mut tally = FindingTally::default();
        for session in &mut decoded.sessions {
            let mut findings = std::mem::take(&mut session.findings);
            rename(side, session, &mut findings);
            findings.iter().for_each(|f| tally.add(f));
            session.findings = findings;
        }
        add_side(decoded, tally, err, &mut summary, &mut capture_findings)?;
    }
    let (sender, receiver) = (sender.sessions, receiver.sessions);
    let mut report = diff::compare(&sender, &receiver);
    for pair in &mut report.pairs {
        keep_shown(pair, &config.report, &mut summary);
    }
    summary.elapsed_s = started.elapsed().as_secs_f64();
    let view = output::diff::DiffView {
        sender: &sender,
        receiver: &receiver,
        capture_findings: &capture_findings,
        report: &report,
        summary: &summary,
    };
    output::diff::write(config.report.format, config.report.render, out, &view)?;
    Ok(Outcome::of_run(&summary, &config.report))
}

/// How much of a capture the streamed way keeps from its first pass rather than decode again.
#[derive(Clone, Copy, Debug)]
struct Holding {
    /// Every session, while a capture has at most this many.
    sessions: usize,
    /// The text report's findings (it shows each session's beside its pair), while a capture has
    /// at most this many; beyond, the second decoding runs the rules again.
    findings: usize,
}

impl Holding {
    /// What a run keeps: [`HELD_SESSIONS_PER_CAPTURE`] sessions and [`HELD_FINDINGS_PER_CAPTURE`]
    /// findings.
    const RUN: Holding = Holding {
        sessions: HELD_SESSIONS_PER_CAPTURE,
        findings: HELD_FINDINGS_PER_CAPTURE,
    };
}

/// The findings a text report keeps from the first pass, by session (in order).
type KeptFindings = std::collections::VecDeque<(usize, Vec<Finding>)>;

/// What the first pass keeps of one capture.
struct FirstPass {
    decoded: CaptureSessions,
    tally: FindingTally,
    profiles: Profiles,
    /// Every session, while there are at most [`Holding::sessions`].
    held: Option<Vec<Session>>,
    /// For text, the findings of each session that has some, while there are at most
    /// [`Holding::findings`]; `None` also when nothing needs them (JSON Lines wrote them).
    findings: Option<KeptFindings>,
}

/// The first pass over one capture: profiles, findings tallied, each session handed to `write`
/// (JSON Lines: its lines; nothing in text), and the sessions and findings `holding` allows.
fn first_pass(
    side: Side,
    input: &Input,
    config: &ReportConfig,
    tls_keys: Option<Arc<TlsKeys>>,
    holding: Holding,
    write: &mut dyn FnMut(&Session) -> io::Result<()>,
) -> io::Result<FirstPass> {
    let json = config.format != OutputFormat::Text;
    let (mut tally, mut profiles) = (FindingTally::default(), Profiles::default());
    let (mut failed, mut held) = (None, Some(Vec::new()));
    let mut findings = (!json).then(KeptFindings::new);
    let mut findings_kept = 0usize;
    let mut index = 0usize;
    let decoded = each_session_of(input, config, tls_keys, Depth::Full, &mut |mut session| {
        let mut own = std::mem::take(&mut session.findings);
        rename(side, &session, &mut own);
        own.iter().for_each(|f| tally.add(f));
        profiles.push(&session);
        session.findings = own;
        if failed.is_none() {
            failed = write(&session).err();
        }
        findings_kept = findings_kept.saturating_add(session.findings.len());
        match findings.as_mut() {
            Some(_) if findings_kept > holding.findings => findings = None,
            Some(kept) if !session.findings.is_empty() => kept.push_back((index, session.findings.clone())),
            _ => {}
        }
        index = index.saturating_add(1);
        match held.as_mut() {
            Some(kept) if kept.len() < holding.sessions => kept.push(session),
            _ => held = None,
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(FirstPass {
        decoded,
        tally,
        profiles,
        held,
        findings,
    })
}

/// JSON Lines `session` lines written aside, in an unnamed temporary file, to be copied into the
/// report once the lines before them are written.
struct Aside {
    file: io::BufWriter<std::fs::File>,
    render: Render,
    side: Side,
}

impl Aside {
    fn new(side: Side, render: Render) -> io::Result<Self> {
        let file = io::BufWriter::with_capacity(256 * 1024, tempfile::tempfile()?);
        Ok(Aside { file, render, side })
    }

    fn write(&mut self, session: &Session) -> io::Result<()> {
        session_lines(&mut self.file, self.render, self.side, session, &session.findings)
    }

    /// The file, read from its start.
    fn into_lines(self) -> io::Result<std::fs::File> {
        let mut file = self.file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        Ok(file)
    }
}

/// The streamed way: sessions (JSON Lines) and profiles first, then the pairs compared and written
/// as their sessions come back (see the module documentation), keeping what `holding` allows
/// rather than decode it again.
fn streamed_diff(
    config: &DiffConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
    holding: Holding,
) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut summary = RunSummary::default();
    let tls_keys = load_tls_keys(&config.report.tls_keys, err, &mut summary)?;
    // A capture that cannot be opened is refused before anything is written.
    let unopened = inputs(config).map(|(_, input)| capture::file::open(input).err().map(|e| e.to_string()));
    if refuse_unreadable(config, [unopened[0].as_deref(), unopened[1].as_deref()], err)? {
        return Ok(Outcome::InputError);
    }
    let mut capture_findings = Vec::new();
    let render = config.report.render;
    let mut writer = DiffWriter::new(config.report.format, render, out);
    let json = writer.lists_sessions();
    let [(_, sender_input), (_, receiver_input)] = inputs(config);
    // The sender's sessions go straight into the report, the receiver's aside meanwhile (the
    // report lists the sender's first).
    let (sender, receiver) = std::thread::scope(|scope| {
        let keys = tls_keys.clone();
        let receiver = scope.spawn(move || {
            let mut aside = json.then(|| Aside::new(Side::Receiver, render)).transpose()?;
            let mut write = |s: &Session| aside.as_mut().map_or(Ok(()), |a| a.write(s));
            let first = first_pass(
                Side::Receiver,
                receiver_input,
                &config.report,
                keys,
                holding,
                &mut write,
            )?;
            Ok::<_, io::Error>((first, aside.map(Aside::into_lines).transpose()?))
        });
        let mut write = |s: &Session| writer.session(Side::Sender, s);
        let sender = first_pass(
            Side::Sender,
            sender_input,
            &config.report,
            tls_keys.clone(),
            holding,
            &mut write,
        );
        let receiver = receiver
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (sender, receiver)
    });
    let (mut sender, (mut receiver, lines)) = (sender?, receiver?);
    for first in [&mut sender, &mut receiver] {
        let tally = std::mem::take(&mut first.tally);
        add_side(
            &mut first.decoded,
            tally,
            err,
            &mut summary,
            &mut capture_findings,
        )?;
    }
    // Pairing takes a while on large captures: the receiver's lines are copied meanwhile.
    let (sender_profiles, receiver_profiles) = (
        std::mem::take(&mut sender.profiles),
        std::mem::take(&mut receiver.profiles),
    );
    let (pairing, copied) = std::thread::scope(|scope| {
        let pairing = scope.spawn(|| matching::pair_profiles(sender_profiles, receiver_profiles));
        let copied = lines.map_or(Ok(()), |mut lines| writer.sessions_from(&mut lines));
        let pairing = pairing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pairing, copied)
    });
    copied?;
    writer.start(pairing.clock, &capture_findings)?;
    let kept = [
        Kept {
            sessions: sender.held,
            findings: sender.findings,
        },
        Kept {
            sessions: receiver.held,
            findings: receiver.findings,
        },
    ];
    let alone = second_pass(config, tls_keys, kept, &pairing, &mut writer, &mut summary)?;
    summary.elapsed_s = started.elapsed().as_secs_f64();
    let [sender_only, receiver_only] = alone.each_ref().map(|s| s.iter().collect::<Vec<&Session>>());
    writer.finish(&Ending {
        sender_only: &sender_only,
        receiver_only: &receiver_only,
        capture_findings: &capture_findings,
        summary: &summary,
    })?;
    Ok(Outcome::of_run(&summary, &config.report))
}

/// What the second pass has of one capture from the first.
struct Kept {
    /// Every session, when there were few.
    sessions: Option<Vec<Session>>,
    /// The text report's findings, when there were not too many.
    findings: Option<KeptFindings>,
}

/// One capture's sessions arriving again in order, numbered: the kept ones, or batches from a
/// second decoding (`more`), given back the findings kept from the first pass (`findings`).
struct Arrivals {
    sessions: std::vec::IntoIter<Session>,
    more: Option<mpsc::Receiver<Vec<Session>>>,
    findings: KeptFindings,
    next: usize,
}

impl Arrivals {
    /// The next session and its index, `None` once the capture is done.
    fn next(&mut self) -> Option<(usize, Session)> {
        let mut session = loop {
            if let Some(session) = self.sessions.next() {
                break session;
            }
            self.sessions = self.more.as_ref()?.recv().ok()?.into_iter();
        };
        let index = self.next;
        self.next = self.next.saturating_add(1);
        if self.findings.front().is_some_and(|(i, _)| *i == index) {
            if let Some((_, findings)) = self.findings.pop_front() {
                session.findings = findings;
            }
        }
        Some((index, session))
    }
}

/// Brings back both captures' sessions (the kept ones, or by decoding again) and writes each pair
/// as soon as both of its sessions are there; returns the sessions without a partner (sender's,
/// receiver's), in order.
///
/// A second decoding records dialogues only ([`Depth::Dialogue`]): pairs compare dialogues, and
/// the findings are in the report already (JSON Lines) or kept from the first pass (text). Only a
/// text report whose findings were too many to keep runs the rules again.
fn second_pass(
    config: &DiffConfig,
    tls_keys: Option<Arc<TlsKeys>>,
    kept: [Kept; 2],
    pairing: &Pairing,
    writer: &mut DiffWriter<'_>,
    summary: &mut RunSummary,
) -> io::Result<[Vec<Session>; 2]> {
    let mut partnered = vec![false; pairing.receiver_only.len().saturating_add(pairing.pairs.len())];
    for m in &pairing.pairs {
        if let Some(p) = partnered.get_mut(m.receiver) {
            *p = true;
        }
    }
    let json = writer.lists_sessions();
    std::thread::scope(|scope| {
        let mut kept = kept.into_iter();
        let [mut a, mut b] = inputs(config).map(|(side, input)| {
            let Kept { sessions, findings } = kept.next().unwrap_or(Kept {
                sessions: None,
                findings: None,
            });
            if let Some(sessions) = sessions {
                return Arrivals {
                    sessions: sessions.into_iter(),
                    more: None,
                    findings: KeptFindings::new(),
                    next: 0,
                };
            }
            let depth = if json || findings.is_some() {
                Depth::Dialogue
            } else {
                Depth::Full
            };
            let (send, more) = mpsc::sync_channel(SECOND_PASS_QUEUE);
            let keys = tls_keys.clone();
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(SECOND_PASS_BATCH);
                each_session_of(input, &config.report, keys, depth, &mut |mut session| {
                    let mut findings = std::mem::take(&mut session.findings);
                    rename(side, &session, &mut findings);
                    session.findings = findings;
                    batch.push(session);
                    if batch.len() == SECOND_PASS_BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(SECOND_PASS_BATCH));
                        // The writer has stopped (an error): decoding goes on unheard.
                        let _ = send.send(full);
                    }
                });
                let _ = send.send(batch);
            });
            Arrivals {
                sessions: Vec::new().into_iter(),
                more: Some(more),
                findings: findings.unwrap_or_default(),
                next: 0,
            }
        });
        let (mut sender_only, mut receiver_only) = (Vec::new(), Vec::new());
        let mut waiting: HashMap<usize, Session> = HashMap::new();
        for (n, m) in pairing.pairs.iter().enumerate() {
            let mut sender = None;
            while let Some((i, s)) = a.next() {
                if i == m.sender {
                    sender = Some(s);
                    break;
                }
                sender_only.push(s);
            }
            let mut receiver = waiting.remove(&m.receiver);
            while receiver.is_none() {
                let Some((j, r)) = b.next() else { break };
                if j == m.receiver {
                    receiver = Some(r);
                } else if partnered.get(j).copied().unwrap_or(false) {
                    waiting.insert(j, r);
                } else {
                    receiver_only.push(r);
                }
            }
            let (Some(sender), Some(receiver)) = (sender, receiver) else {
                // The capture changed between the passes: no more pairs can be found.
                break;
            };
            let mut pair = diff::compare_pair(*m, &sender, &receiver);
            keep_shown(&mut pair, &config.report, summary);
            writer.pair(n.saturating_add(1), &pair, Some(&sender), Some(&receiver))?;
        }
        sender_only.extend(std::iter::from_fn(|| a.next().map(|(_, s)| s)));
        receiver_only.extend(std::iter::from_fn(|| b.next().map(|(_, r)| r)));
        Ok([sender_only, receiver_only])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtpscope_synth::hostile::{write_nat_pair, NatPairOptions};
    use std::path::{Path, PathBuf};

    fn repo(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    /// The report without the wall-clock `elapsed_s`, which differs from run to run.
    fn steady(report: Vec<u8>) -> String {
        let text = String::from_utf8(report).expect("UTF-8 report");
        text.lines()
            .map(|line| match line.find("\"elapsed_s\":") {
                Some(at) => {
                    let rest = &line[at..];
                    let end = rest.find([',', '}']).unwrap_or(rest.len());
                    format!("{}{}", &line[..at], &rest[end..])
                }
                None => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Runs both ways on `sender` against `receiver` in `format` and checks they write the same,
    /// the streamed way keeping at most each of `keeps` sessions of a capture.
    fn assert_same_report(sender: &Path, receiver: &Path, format: OutputFormat, keeps: &[usize]) -> String {
        let mut config = DiffConfig {
            sender: Input::Path(sender.to_path_buf()),
            receiver: Input::Path(receiver.to_path_buf()),
            report: ReportConfig::default(),
        };
        config.report.format = format;
        assert!(streamable(&config));
        let run = |keep: Option<Holding>| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let outcome = match keep {
                None => held_diff(&config, &mut out, &mut err),
                Some(holding) => streamed_diff(&config, &mut out, &mut err, holding),
            };
            (
                outcome.expect("written"),
                steady(out),
                String::from_utf8_lossy(&err).into_owned(),
            )
        };
        let held = run(None);
        // Text: findings kept from the first pass, and (none kept) found again by the second.
        // JSON Lines keeps none (they are written in the first pass).
        let findings: &[usize] = match format {
            OutputFormat::Text => &[usize::MAX, 0],
            _ => &[usize::MAX],
        };
        let holdings = keeps.iter().flat_map(|&sessions| {
            findings
                .iter()
                .map(move |&findings| Holding { sessions, findings })
        });
        for holding in holdings {
            let streamed = run(Some(holding));
            let what = format!(
                "{} against {} in {format:?}, keeping {holding:?}",
                sender.display(),
                receiver.display()
            );
            assert_eq!(held.0, streamed.0, "{what}");
            assert_eq!(held.2, streamed.2, "{what}");
            assert!(
                held.1 == streamed.1,
                "{what}: the streamed report differs from the held one"
            );
        }
        held.1
    }

    #[test]
    fn the_streamed_report_is_the_held_one_on_the_committed_captures() {
        let mut pairs: Vec<(String, String)> = [
            ("diff-asa-sender.pcapng", "diff-asa-receiver.pcap"),
            ("diff-pix-sender.pcap", "diff-pix-receiver.pcap"),
            ("diff-loss-sender.pcap", "diff-loss-receiver.pcap"),
            ("port-reuse.pcap", "port-reuse.pcap"),
            ("healthy-handshake.pcap", "xexch50-refused.pcap"),
            ("exps-ntlm-failed.pcap", "xexch50-refused.pcap"),
        ]
        .iter()
        .map(|(a, b)| {
            (
                format!("captures/synthetic/{a}"),
                format!("captures/synthetic/{b}"),
            )
        })
        .collect();
        for mode in ["clean", "pix", "asa", "drop-xexch50"] {
            pairs.push((
                format!("captures/lab/middlebox-{mode}-sender.pcap"),
                format!("captures/lab/middlebox-{mode}-receiver.pcap"),
            ));
        }
        for (sender, receiver) in &pairs {
            for format in [OutputFormat::Text, OutputFormat::Json] {
                assert_same_report(&repo(sender), &repo(receiver), format, &[0, 2, usize::MAX]);
            }
        }
    }

    #[test]
    fn the_streamed_report_is_the_held_one_on_a_generated_nat_flow() {
        let dir = tempfile::tempdir().unwrap();
        let (sender, receiver) = (dir.path().join("a.pcap"), dir.path().join("b.pcap"));
        // Fast enough that sessions overlap and end out of their start order; twins without a
        // Message-ID that only time tells apart.
        let mut opts = NatPairOptions::new(3000);
        opts.per_second = 2000;
        opts.same_envelope_every = 7;
        write_nat_pair(
            std::fs::File::create(&sender).unwrap(),
            std::fs::File::create(&receiver).unwrap(),
            &opts,
        )
        .unwrap();
        let json = assert_same_report(&sender, &receiver, OutputFormat::Json, &[0, 1000]);
        assert_eq!(json.matches("\"type\":\"pair\"").count(), 3000);
        assert_same_report(&sender, &receiver, OutputFormat::Text, &[0]);
        // A capture against the start of itself: sessions without a partner on one side.
        let short = dir.path().join("short.pcap");
        let mut opts = NatPairOptions::new(1000);
        opts.per_second = 2000;
        write_nat_pair(
            std::fs::File::create(&short).unwrap(),
            std::fs::File::create(dir.path().join("unused.pcap")).unwrap(),
            &opts,
        )
        .unwrap();
        for format in [OutputFormat::Text, OutputFormat::Json] {
            // The short capture kept, the long one decoded again.
            assert_same_report(&short, &receiver, format, &[1000]);
            assert_same_report(&receiver, &short, format, &[1000]);
        }
    }
}
