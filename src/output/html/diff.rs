//! The HTML report of `smtpscope diff`: the overview (both captures' facts, the clock offset, the
//! findings grouped by id, the pairs in a table), then per pair the two ladders side by side on the
//! rows of their alignment with the rows that differ shaded, the differences and the findings
//! beside; then the sessions with no partner, drawn as `analyze` draws them.
//!
//! Must not: compare anything (that is [`crate::diff`]).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::super::diff::DiffView;
use super::super::labels as l;
use super::super::text::group_digits;
use super::super::Render;
use super::overview::{session_link, Overview};
use super::{deferred, finding_card, head, ladder, session, severity_badges, tail, toolbar, Esc};
use crate::capture::set::FileNames;
use crate::diff::{side_id, Pair, Side};
use crate::session::Session;

/// Writes the diff report.
///
/// # Errors
/// Writing failed.
pub fn write(out: &mut dyn Write, render: Render, view: &DiffView<'_>) -> io::Result<()> {
    let mut h = head(l::DIFF_TITLE);
    let mut overview = Overview::default();
    for (side, sessions) in [(Side::Sender, view.sender), (Side::Receiver, view.receiver)] {
        for s in sessions {
            overview.session(s, &side_id(side, s));
        }
    }
    let _ = write!(h, "<section id=\"pairs\"><h2>{}</h2>\n{}", l::PAIRS, toolbar());
    for (n, p) in view.report.pairs.iter().enumerate() {
        for f in &p.findings {
            overview.finding(f, None);
        }
        pair(&mut h, view, n.saturating_add(1), p, render);
        out.write_all(h.as_bytes())?;
        h.clear();
    }
    h.push_str("</section>\n");
    for (side, indexes, heading) in [
        (Side::Sender, &view.report.sender_only, l::SENDER_ONLY),
        (Side::Receiver, &view.report.receiver_only, l::RECEIVER_ONLY),
    ] {
        let alone: Vec<&Session> = indexes
            .iter()
            .filter_map(|i| view_session(view, side, *i))
            .collect();
        if alone.is_empty() {
            continue;
        }
        let _ = write!(h, "<section class=\"alone {}\"><h2>{heading}</h2>\n", side.name());
        for s in alone {
            let id = side_id(side, s);
            session(&mut h, s, render, &id, &id);
        }
        h.push_str("</section>\n");
    }
    for f in view.capture_findings {
        overview.capture_finding(f);
    }
    let mut pairs = String::new();
    pairs_table(&mut pairs, view);
    overview.write(&mut h, view.summary, render, &pairs);
    h.push_str(&tail());
    out.write_all(h.as_bytes())?;
    out.flush()
}

fn view_session<'a>(view: &'a DiffView<'a>, side: Side, index: usize) -> Option<&'a Session> {
    match side {
        Side::Sender => view.sender.get(index),
        Side::Receiver => view.receiver.get(index),
    }
}

/// The pairs at a glance, with the clock offset they rest on (part of the overview).
fn pairs_table(h: &mut String, view: &DiffView<'_>) {
    let clock = view.report.clock;
    let _ = write!(h, "<h3>{}</h3>", l::PAIRS);
    if clock.anchors > 0 {
        let _ = write!(
            h,
            "<p>{}: <b>{:+.3} s</b> ({} {})</p>",
            l::CLOCK_OFFSET,
            clock.seconds,
            clock.anchors,
            l::COL_SESSIONS
        );
    }
    let _ = write!(
        h,
        "<table class=\"pairs\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
        l::PAIR,
        l::SENDER,
        l::RECEIVER,
        l::COL_MATCH,
        l::COL_CONFIDENCE,
        l::COL_DIFFERENCES
    );
    for (n, p) in view.report.pairs.iter().enumerate() {
        let m = p.matched;
        let (Some(a), Some(b)) = (view.sender.get(m.sender), view.receiver.get(m.receiver)) else {
            continue;
        };
        let _ = write!(
            h,
            "<tr><td><a href=\"#p{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td class=\"n\">{4:.2}</td><td class=\"n\">{5}</td></tr>\n",
            n.saturating_add(1),
            session_link(&side_id(Side::Sender, a)),
            session_link(&side_id(Side::Receiver, b)),
            m.kind.name(),
            m.confidence,
            group_digits(p.divergences.len() as u64)
        );
    }
    h.push_str("</tbody></table>\n");
}

/// One pair: its summary line (with anchors for both sessions' ids), and deferred until opened
/// its body ([`pair_body`]).
fn pair(h: &mut String, view: &DiffView<'_>, n: usize, p: &Pair, render: Render) {
    let m = p.matched;
    let (Some(a), Some(b)) = (view.sender.get(m.sender), view.receiver.get(m.receiver)) else {
        return;
    };
    let (ida, idb) = (side_id(Side::Sender, a), side_id(Side::Receiver, b));
    let _ = write!(
        h,
        "<details class=\"lazy pair\" id=\"p{n}\" data-rows=\"{}\" data-differences=\"{}\">\n<summary>\
         <span id=\"s{}\"></span><span id=\"s{}\"></span><span class=\"sid\">{} {n}</span>\
         <span class=\"ep\">{} ↔ {}</span><span class=\"meta\">{} ({:.2}) · {} {}</span>",
        p.rows.len(),
        p.divergences.len(),
        Esc(&ida),
        Esc(&idb),
        l::PAIR,
        Esc(&ida),
        Esc(&idb),
        m.kind.name(),
        m.confidence,
        group_digits(p.divergences.len() as u64),
        l::DIFFERENCES_COUNT
    );
    severity_badges(h, &p.findings);
    h.push_str("</summary>\n");
    deferred(h, &pair_body(n, p, (a, b), render));
    h.push_str("</details>\n");
}

/// What an opened pair shows: both ends, the ladders side by side, the differences and findings.
fn pair_body(n: usize, p: &Pair, (a, b): (&Session, &Session), render: Render) -> String {
    let mut body = String::with_capacity(16 * 1024);
    let h = &mut body;
    h.push_str("<dl class=\"facts\">");
    for (label, s) in [(l::SENDER, a), (l::RECEIVER, b)] {
        let _ = write!(
            h,
            "<dt>{label}</dt><dd>{} → {}  {}  {}</dd>",
            s.info.client,
            s.info.server,
            render.time.instant(s.info.start),
            Esc(&s.file)
        );
    }
    if let Some(latency) = p.latency {
        let _ = write!(
            h,
            "<dt>{}</dt><dd>{:.1} ms (median of {}; at most {:.1} ms)</dd>",
            l::PATH_LATENCY,
            latency.median_ms,
            latency.samples,
            latency.max_ms
        );
    }
    let _ = write!(
        h,
        "</dl>\n<div class=\"legend\"><span><span class=\"sw row-altered\"></span>{}</span>\
         <span><span class=\"sw row-sender-only\"></span>{}</span><span><span class=\"sw row-receiver-only\"></span>{}</span></div>\n",
        l::LEGEND_ALTERED,
        l::LEGEND_SENDER_ONLY,
        l::LEGEND_RECEIVER_ONLY
    );
    ladder::pair(h, a, b, &p.rows, render);
    h.push_str("<div class=\"ladder-wrap\"><ol class=\"cards differences\">\n");
    if p.divergences.is_empty() {
        let _ = writeln!(h, "<li class=\"card\">{}</li>", l::NO_DIFFERENCES);
    }
    for (i, d) in p.divergences.iter().enumerate() {
        let _ = write!(
            h,
            "<li class=\"card divergence\" id=\"p{n}-d{}\" data-kind=\"{}\"><h4><code>{}</code></h4><p>{}</p></li>\n",
            i.saturating_add(1),
            d.kind.name(),
            d.kind.name(),
            Esc(&d.detail.to_string())
        );
    }
    for (i, f) in p.findings.iter().enumerate() {
        finding_card(
            h,
            &format!("p{n}-f{}", i.saturating_add(1)),
            None,
            f,
            &FileNames::default(),
        );
    }
    h.push_str("</ol>\n");
    let own: Vec<_> = a
        .findings
        .iter()
        .map(|f| (f, &*a.files))
        .chain(b.findings.iter().map(|f| (f, &*b.files)))
        .collect();
    if !own.is_empty() {
        let _ = write!(
            h,
            "<ol class=\"cards each-end\"><li><h4>{}</h4></li>\n",
            l::EACH_END
        );
        for (i, (f, files)) in own.into_iter().enumerate() {
            finding_card(h, &format!("p{n}-e{}", i.saturating_add(1)), None, f, files);
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</div>\n");
    body
}
