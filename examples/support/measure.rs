//! What a benchmark reads of its own process (Linux `/proc/self`): shared by the examples that
//! measure (`#[path = "support/measure.rs"] mod measure;`).
// Each example includes the whole file and reads only what it reports.
#![allow(dead_code)]

/// The peak resident memory of this process, in MiB (Linux).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds (user and system) this process has used so far (Linux), which a machine shared with
/// other work inflates much less than wall time.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |k: usize| fields.get(k)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line (1-based): indexes 11 and 12 after the name.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}
