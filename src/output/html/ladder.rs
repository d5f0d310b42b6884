//! Ladder diagrams in inline SVG: a client lane and a server lane, one arrow per command and
//! reply with its frame number and its time since the session began, bulk content (DATA, BDAT,
//! XEXCH50 BLOBs, TLS records) as a labelled band, gaps as broken arrows, TLS as a shaded region,
//! protocol anomalies as `!` badges, and findings as numbered markers on the rows they cite.
//!
//! [`session`] draws one session; [`pair`] draws the two dialogues of a `diff` pair side by side
//! on the rows of their alignment, rows that differ shaded. Both draw items with `item`, so a
//! transcript item looks the same everywhere. Must not: decide what an item means (the text
//! report's wording is reused through the text module's `item_lines`).

use std::fmt::Write as _;

use super::super::labels as l;
use super::super::text::{clip, item_lines};
use super::super::times::seconds;
use super::super::Render;
use super::Esc;
use crate::diff::{Row, RowStatus};
use crate::net::Direction;
use crate::rules::Finding;
use crate::session::Session;
use crate::smtp::dialogue::{Dialogue, Item, ItemKind, Origin};

/// The arrowheads every ladder refers to, defined once per document.
pub const DEFS: &str = "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>\
<marker id=\"ah-c2s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#0b62a4\"/></marker>\
<marker id=\"ah-s2c\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#1a7f37\"/></marker>\
<marker id=\"ah-gap\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#c92a2a\"/></marker>\
</defs></svg>\n";

/// Pixels between two rows.
const ROW: u32 = 24;
/// Pixels above the first row (the lane heads).
const TOP: u32 = 46;
/// Width of one ladder.
const WIDTH: u32 = 760;
/// Pixels between the lanes of a session's ladder, and of each of a pair's two.
const SPAN: u32 = 470;
const PAIR_SPAN: u32 = 380;
/// Width of one of a pair's ladders.
const PAIR_WIDTH: u32 = 150 + PAIR_SPAN + 40;
/// Rows drawn per diagram; the rest are counted under it.
pub const MAX_ROWS: usize = 3000;
/// Where one ladder's columns are, from its left edge.
#[derive(Clone, Copy)]
struct Geometry {
    left: u32,
    /// Pixels between the client lane and the server lane.
    span: u32,
}

impl Geometry {
    fn frame_x(self) -> u32 {
        self.left + 6
    }
    fn time_x(self) -> u32 {
        self.left + 52
    }
    fn client_x(self) -> u32 {
        self.left + 150
    }
    fn server_x(self) -> u32 {
        self.client_x() + self.span
    }
    /// Characters of an arrow's label (about 7.5 pixels each).
    fn label_chars(self) -> usize {
        (self.span / 15 * 2) as usize
    }
    fn mid_x(self) -> u32 {
        (self.client_x() + self.server_x()) / 2
    }
    /// Where an item of `dir` starts and ends.
    fn ends(self, dir: Direction) -> (u32, u32) {
        match dir {
            Direction::ClientToServer => (self.client_x(), self.server_x()),
            Direction::ServerToClient => (self.server_x(), self.client_x()),
        }
    }
}

/// The y of row `row`'s arrow.
fn row_y(row: usize) -> u32 {
    TOP + 14
        + u32::try_from(row)
            .unwrap_or(u32::MAX / ROW - TOP)
            .saturating_mul(ROW)
}

fn height(rows: usize) -> u32 {
    row_y(rows).saturating_add(8)
}

/// The lanes of one ladder with their heads.
fn lanes(h: &mut String, g: Geometry, client: &str, server: &str, bottom: u32) {
    for (x, who, addr) in [
        (g.client_x(), l::CLIENT, client),
        (g.server_x(), l::SERVER, server),
    ] {
        let _ = write!(
            h,
            "<text class=\"lane-head\" x=\"{x}\" y=\"16\" text-anchor=\"middle\">{who}</text>\
             <text class=\"lane-head mono\" x=\"{x}\" y=\"31\" text-anchor=\"middle\">{}</text>\
             <line class=\"lane\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{bottom}\"/>",
            Esc(addr),
            TOP - 6
        );
    }
}

/// One transcript item on row `y`: frame and time at the left, then an arrow, a band, a broken
/// arrow or a dashed line between the lanes.
fn item(h: &mut String, ctx: &Context<'_>, y: u32, it: &Item, cited: bool) {
    let Context { g, s, render } = *ctx;
    let (d, start) = (&s.dialogue, s.info.start);
    let frame = s.frame(it.at.frame).to_string();
    let plain = Render {
        verbose: false,
        ..render
    };
    let lines = item_lines(plain, d, it);
    let first = lines.first().cloned().unwrap_or_default();
    let label = clip(&first, g.label_chars());
    let full = item_lines(
        Render {
            verbose: true,
            ..render
        },
        d,
        it,
    )
    .join("\n");
    let (kind, shape) = match &it.kind {
        ItemKind::Command(_) => ("command", "msg"),
        ItemKind::Reply(_) => ("reply", "msg"),
        ItemKind::AuthData { .. } => ("auth-data", "msg"),
        ItemKind::Blob { .. } => ("blob", "band"),
        ItemKind::Content { .. } => ("data", "band"),
        ItemKind::Tls { .. } => ("tls", "band"),
        ItemKind::Gap { .. } => ("gap", "gap"),
        ItemKind::Unparsed { .. } => ("unparsed", "unparsed"),
    };
    let dir = match it.dir {
        Direction::ClientToServer => "c2s",
        Direction::ServerToClient => "s2c",
    };
    let class_code = match &it.kind {
        ItemKind::Reply(r) if r.reply.code >= 500 => " r5xx",
        ItemKind::Reply(r) if r.reply.code >= 400 => " r4xx",
        _ => "",
    };
    let cited = if cited { " cited" } else { "" };
    // Items the decoder inferred across a gap, or found smuggled inside a DATA body.
    let (origin, note) = match it.origin {
        Origin::Captured => ("", ""),
        Origin::Inferred => (" inferred", " (inferred)"),
        Origin::Smuggled => (" smuggled", " (smuggled)"),
    };
    let label = format!("{label}{note}");
    let _ = write!(
        h,
        "<g class=\"{shape} {kind} {dir}{class_code}{cited}{origin}\" data-kind=\"{kind}\" data-frame=\"{}\">",
        Esc(&frame)
    );
    // The whole text on hover, where the label could not hold it.
    if lines.len() > 1 || label != first {
        let _ = write!(h, "<title>{}</title>", Esc(&full));
    }
    let _ = write!(
        h,
        "<text class=\"fr\" x=\"{}\" y=\"{}\">{}</text><text class=\"t\" x=\"{}\" y=\"{}\">{}</text>",
        g.frame_x(),
        y + 4,
        Esc(&frame),
        g.time_x(),
        y + 4,
        seconds(it.at.ts.seconds_since(start)),
    );
    let (from, to) = g.ends(it.dir);
    let mid = g.mid_x();
    match shape {
        "band" => {
            // A wide arrow: the body between the lanes, its point at the receiving lane.
            let (a, b) = (from.min(to), from.max(to));
            let points = if it.dir == Direction::ClientToServer {
                format!(
                    "{a},{} {},{} {b},{} {},{} {a},{}",
                    y - 9,
                    b - 12,
                    y - 9,
                    y,
                    b - 12,
                    y + 9,
                    y + 9
                )
            } else {
                format!(
                    "{b},{} {},{} {a},{} {},{} {b},{}",
                    y - 9,
                    a + 12,
                    y - 9,
                    y,
                    a + 12,
                    y + 9,
                    y + 9
                )
            };
            let _ = write!(
                h,
                "<polygon points=\"{points}\"/><text class=\"lbl\" x=\"{mid}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + 4,
                Esc(&label)
            );
        }
        "gap" => {
            // A broken arrow: two dashed halves with a zigzag where the bytes are missing.
            let (gap_from, gap_to) = if from < to {
                (mid - 14, mid + 14)
            } else {
                (mid + 14, mid - 14)
            };
            let _ = write!(
                h,
                "<line x1=\"{from}\" y1=\"{y}\" x2=\"{gap_from}\" y2=\"{y}\"/>\
                 <path d=\"M{gap_from},{y} l{},-6 l{},12 l{},-6\"/>\
                 <line x1=\"{gap_to}\" y1=\"{y}\" x2=\"{to}\" y2=\"{y}\" marker-end=\"url(#ah-gap)\"/>\
                 <text class=\"lbl\" x=\"{mid}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                if from < to { 7 } else { -7 },
                if from < to { 7 } else { -7 },
                if from < to { 14 } else { -14 },
                y - 5,
                Esc(&label)
            );
        }
        _ => {
            let more = if lines.len() > 1 {
                format!(" (+{})", lines.len() - 1)
            } else {
                String::new()
            };
            let _ = write!(
                h,
                "<line x1=\"{from}\" y1=\"{y}\" x2=\"{to}\" y2=\"{y}\" marker-end=\"url(#ah-{dir})\"/>\
                 <text class=\"lbl\" x=\"{mid}\" y=\"{}\" text-anchor=\"middle\">{}{more}</text>",
                y - 5,
                Esc(&label)
            );
        }
    }
    h.push_str("</g>\n");
}

/// What drawing an item needs besides the item: where its ladder is, its dialogue (for the tokens
/// and BLOB hashes an item refers to), how to render, and when its session began.
#[derive(Clone, Copy)]
struct Context<'a> {
    g: Geometry,
    s: &'a Session,
    render: Render,
}

/// The transcript rows a finding's evidence points at: the item of the same frame and direction.
fn cited_rows(d: &Dialogue, f: &Finding) -> Vec<usize> {
    let mut rows: Vec<usize> = f
        .evidence
        .iter()
        .filter_map(|e| {
            let at = e.at?;
            d.transcript
                .iter()
                .position(|it| it.at.frame == at.frame && e.dir.is_none_or(|dir| dir == it.dir))
        })
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// The shaded region from the first TLS bytes to the end.
fn tls_region(h: &mut String, g: Geometry, d: &Dialogue, rows: usize) {
    let Some(first) = d
        .transcript
        .iter()
        .take(rows)
        .position(|it| matches!(it.kind, ItemKind::Tls { .. }))
    else {
        return;
    };
    let top = row_y(first).saturating_sub(14);
    let _ = write!(
        h,
        "<g class=\"tls\" data-kind=\"tls-region\"><rect class=\"tls-region\" x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{}\"/>\
         <text class=\"tls-label\" x=\"{}\" y=\"{}\">{}</text></g>\n",
        g.client_x() - 10,
        g.server_x() - g.client_x() + 20,
        height(rows).saturating_sub(top),
        g.server_x() + 14,
        top + 11,
        l::TLS_REGION
    );
}

/// One session's ladder, with the markers of its findings (numbered as their cards).
pub fn session(h: &mut String, s: &Session, render: Render, id: &str) {
    let d = &s.dialogue;
    let rows = d.transcript.len().min(MAX_ROWS);
    let g = Geometry { left: 0, span: SPAN };
    let bottom = height(rows);
    let _ = write!(
        h,
        "<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{bottom}\" viewBox=\"0 0 {WIDTH} {bottom}\" role=\"img\" aria-label=\"{} {}\">\n",
        l::SESSION,
        Esc(id)
    );
    tls_region(h, g, d, rows);
    lanes(
        h,
        g,
        &s.info.client.to_string(),
        &s.info.server.to_string(),
        bottom,
    );
    let cited: Vec<(usize, Vec<usize>)> = s
        .findings
        .iter()
        .enumerate()
        .map(|(n, f)| (n, cited_rows(d, f)))
        .collect();
    for (row, it) in d.transcript.iter().take(rows).enumerate() {
        let is_cited = cited.iter().any(|(_, r)| r.contains(&row));
        let ctx = Context { g, s, render };
        item(h, &ctx, row_y(row), it, is_cited);
    }
    anomalies(h, g, d, rows);
    markers(h, g, id, &s.findings, &cited, rows);
    more(
        h,
        g,
        d.transcript.len().saturating_sub(rows) as u64 + d.transcript_dropped,
        bottom,
    );
    h.push_str("</svg>\n");
}

/// `!` badges where the decoder recorded an anomaly, the detail in the tooltip.
fn anomalies(h: &mut String, g: Geometry, d: &Dialogue, rows: usize) {
    for a in &d.anomalies {
        let row = a.item.min(rows.saturating_sub(1));
        if a.item > rows {
            continue;
        }
        let y = row_y(row);
        let _ = write!(
            h,
            "<g class=\"anomaly\" data-anomaly=\"{}\"><title>frame {}: {}: {}</title>\
             <circle cx=\"{}\" cy=\"{}\" r=\"7\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">!</text></g>\n",
            a.kind.name(),
            a.at.frame,
            a.kind.name(),
            Esc(&a.detail.to_string()),
            g.client_x() - 18,
            y - 6,
            g.client_x() - 18,
            y - 2
        );
    }
}

/// The numbered markers of findings on the rows they cite, linking to their cards.
fn markers(
    h: &mut String,
    g: Geometry,
    scope: &str,
    findings: &[Finding],
    cited: &[(usize, Vec<usize>)],
    rows: usize,
) {
    let mut on_row = vec![0u32; rows];
    for (n, rows_cited) in cited {
        let Some(f) = findings.get(*n) else { continue };
        for row in rows_cited {
            let Some(slot) = on_row.get_mut(*row) else {
                continue;
            };
            let x = g.server_x() + 18 + *slot * 20;
            *slot += 1;
            let y = row_y(*row);
            let number = n.saturating_add(1);
            let _ = write!(
                h,
                "<a href=\"#s{}-f{number}\"><g class=\"marker sev-{}\" data-finding=\"{}\"><title>{} {}: {}</title>\
                 <circle cx=\"{x}\" cy=\"{y}\" r=\"8\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{number}</text></g></a>\n",
                Esc(scope),
                f.severity.name(),
                f.id,
                f.severity.name(),
                f.id,
                Esc(&f.summary.to_string()),
                y + 4
            );
        }
    }
}

/// The note under a diagram that stopped drawing.
fn more(h: &mut String, g: Geometry, hidden: u64, bottom: u32) {
    if hidden > 0 {
        let _ = write!(
            h,
            "<text class=\"more\" x=\"{}\" y=\"{}\">… {} {}</text>",
            g.client_x(),
            bottom - 2,
            super::super::text::group_digits(hidden),
            l::LADDER_MORE
        );
    }
}

/// The two ladders of a `diff` pair side by side on the rows of their alignment: rows that differ
/// shaded (altered, sent but not arrived, arrived but not sent).
pub fn pair(h: &mut String, a: &Session, b: &Session, rows: &[Row], render: Render) {
    let shown = rows.len().min(MAX_ROWS);
    let bottom = height(shown);
    let width = PAIR_WIDTH * 2;
    let _ = write!(
        h,
        "<svg class=\"ladder pair\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{bottom}\" viewBox=\"0 0 {width} {bottom}\" role=\"img\">\n"
    );
    for (r, row) in rows.iter().take(shown).enumerate() {
        let class = match row.status() {
            RowStatus::Same => continue,
            RowStatus::Altered => "row-altered",
            RowStatus::SenderOnly => "row-sender-only",
            RowStatus::ReceiverOnly => "row-receiver-only",
        };
        let _ = write!(
            h,
            "<rect class=\"row {class}\" data-status=\"{}\" x=\"0\" y=\"{}\" width=\"{width}\" height=\"{ROW}\"/>\n",
            row.status().name(),
            row_y(r) - 14
        );
    }
    let sides = [
        (
            Geometry {
                left: 0,
                span: PAIR_SPAN,
            },
            a,
        ),
        (
            Geometry {
                left: PAIR_WIDTH,
                span: PAIR_SPAN,
            },
            b,
        ),
    ];
    for (g, s) in sides {
        lanes(
            h,
            g,
            &s.info.client.to_string(),
            &s.info.server.to_string(),
            bottom,
        );
    }
    for (r, row) in rows.iter().take(shown).enumerate() {
        let differs = row.status() != RowStatus::Same;
        for ((g, s), index) in sides.iter().zip([row.sender, row.receiver]) {
            if let Some(it) = index.and_then(|i| s.dialogue.transcript.get(i)) {
                let ctx = Context { g: *g, s, render };
                item(h, &ctx, row_y(r), it, differs);
            }
        }
    }
    more(h, sides[0].0, rows.len().saturating_sub(shown) as u64, bottom);
    h.push_str("</svg>\n");
}
