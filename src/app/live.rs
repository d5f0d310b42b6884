//! The `live` driver: the same engines as `analyze`, fed from an interface instead of a file.
//!
//! Owns the wall-clock side of a live run: the stop conditions (SIGINT/SIGTERM, `--duration`,
//! `--count`), evicting sessions idle by wall clock while no packet arrives, flushing the report after
//! every session so `| jq` sees it at once, saving the analysed packets (`--write`), and the final
//! summary with libpcap's drop counters (`capture-drops`). With several `--threads`, packets wait at
//! most [`LATENCY`] in a batch before the workers see them. Memory is the engine's: bounded by the
//! reassembly limits and the number of open connections. Must not: decode or print by itself.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::{engine, report_capture_drops, Outcome};
use crate::capture::live::{interface_list, LiveOptions, LiveSource, Poll};
use crate::capture::set::FileNames;
use crate::capture::write::{PcapOptions, PcapWriter};
use crate::capture::Timestamp;
use crate::cli::config::LiveConfig;
use crate::output;
use crate::session::RunSummary;

/// The longest a packet waits in a batch before the workers see it (with several threads).
const LATENCY: Duration = Duration::from_millis(50);

/// How long a stopping run keeps reading what the kernel had already captured.
const DRAIN: Duration = Duration::from_secs(1);

/// The wall clock as a capture timestamp (libpcap stamps packets with the same clock).
fn wall_clock() -> Timestamp {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Timestamp::new(
        i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        since.subsec_nanos(),
    )
}

/// Runs `smtpscope live`.
///
/// # Errors
/// Only an error writing the report or the `--write` file; capture errors are reported on `err`
/// and give [`Outcome::InputError`].
pub fn run(config: &LiveConfig, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    if config.list_interfaces {
        return match interface_list() {
            Ok(list) => out.write_all(list.as_bytes()).map(|()| Outcome::Done),
            Err(e) => fail(err, &e.to_string()),
        };
    }
    let Some(interface) = config.interface.clone() else {
        return fail(err, "no interface given: use -i IFACE (see --list-interfaces)");
    };
    let options = LiveOptions {
        interface: interface.clone(),
        filter: config.filter.clone(),
        snaplen: config.snaplen,
        promisc: config.promisc,
        buffer_kib: config.buffer_kib,
    };
    let mut source = match LiveSource::open(&options) {
        Ok(source) => source,
        Err(e) => return fail(err, &e.to_string()),
    };
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut writer = match &config.write {
        Some(path) => {
            let file = File::create(path).map_err(|e| with_path(e, path))?;
            let mut pcap = PcapOptions::new(source.link());
            pcap.snaplen = u32::try_from(config.snaplen).unwrap_or(u32::MAX);
            Some(PcapWriter::with_options(BufWriter::new(file), pcap)?)
        }
        None => None,
    };
    writeln!(
        err,
        "smtpscope: capturing on {interface} ({}), filter `{}`; Ctrl-C stops and prints the summary",
        source.link(),
        config.filter
    )?;
    err.flush()?;

    let started = Instant::now();
    let deadline = config.duration_secs.map(|s| started + Duration::from_secs(s));
    let mut printer = output::printer(config.report.format, config.report.render, out);
    let mut summary = RunSummary {
        interface: Some(interface.clone()),
        ..RunSummary::default()
    };
    let tls_keys = super::load_tls_keys(&config.report.tls_keys, err, &mut summary)?;
    let mut pipeline = engine(
        &config.report,
        Arc::new(FileNames::single(&interface)),
        1,
        printer.as_ref(),
        Some(LATENCY),
        tls_keys,
    );
    let mut packets = 0u64;
    let mut capture_error = None;
    // Once a stop condition holds, packets the kernel has already captured are still read, for at
    // most DRAIN: a FIN or a last reply in flight at the deadline belongs to the report.
    let mut draining_until: Option<Instant> = None;
    loop {
        if config.count.is_some_and(|n| packets >= n) {
            break;
        }
        let stop_requested = stop.load(Ordering::Relaxed) || deadline.is_some_and(|d| Instant::now() >= d);
        if stop_requested && draining_until.is_none() {
            draining_until = Some(Instant::now() + DRAIN);
        }
        if draining_until.is_some_and(|until| Instant::now() >= until) {
            break;
        }
        match source.poll() {
            Ok(Poll::Packet(packet)) => {
                if let Some(w) = writer.as_mut() {
                    w.write_packet(packet.ts, packet.orig_len, packet.data)?;
                }
                pipeline.on_packet(&packet);
                packets = packets.saturating_add(1);
            }
            Ok(Poll::Idle) if draining_until.is_some() => break,
            Ok(Poll::Idle) => pipeline.tick(wall_clock()),
            Err(e) => {
                capture_error = Some(e.to_string());
                break;
            }
        }
        if pipeline.print_finished(printer.as_mut())? > 0 {
            printer.flush()?;
        }
    }
    if let Some(w) = writer {
        w.into_inner()?.flush()?;
    }
    source.refresh_drop_counters();
    pipeline.finish(printer.as_mut())?;
    pipeline.add_to(&mut summary, source.stats());
    report_capture_drops(
        &config.report,
        &interface,
        source.stats(),
        &mut summary,
        printer.as_mut(),
    )?;
    if let Some(e) = capture_error {
        writeln!(err, "smtpscope: {e}")?;
        summary.input_errors.push(e);
    }
    summary.elapsed_s = started.elapsed().as_secs_f64();
    printer.summary(&summary)?;
    printer.flush()?;
    Ok(Outcome::of_run(&summary, &config.report))
}

fn fail(err: &mut dyn Write, sentence: &str) -> io::Result<Outcome> {
    writeln!(err, "smtpscope: {sentence}")?;
    Ok(Outcome::InputError)
}

fn with_path(e: io::Error, path: &std::path::Path) -> io::Error {
    io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
}
