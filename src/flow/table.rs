//! The mail-flow summary per client→server pair, with retries recognised (the same envelope
//! offered again after a 4xx), and the cross-session findings retry-storm and connection-churn.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};

use crate::rules::{self, Finding, Selection};
use crate::session::Session;
use crate::smtp::dialogue::{ItemKind, Position, Transaction};

/// Client→server pairs tracked per run, at most (more are counted in [`FlowTable::untracked`]).
pub const MAX_PAIRS: usize = 10_000;
/// Envelopes remembered per run for retries, at most.
pub const MAX_ENVELOPES: usize = 100_000;
/// Reply latencies kept per pair; beyond, every other sample is dropped (a deterministic, uniform
/// thinning), so the median stays representative.
pub const MAX_LATENCY_SAMPLES: usize = 4096;

/// One retried message: the same envelope offered again after a deferral.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Retry {
    /// `<from> → <to>, … (SIZE=n)`.
    pub envelope: String,
    /// Attempts in all.
    pub attempts: u64,
    /// Attempts answered 4xx.
    pub deferred: u64,
    /// Seconds between the first and the last attempt.
    pub span_s: f64,
    /// Whether the last attempt was accepted.
    pub delivered: bool,
}

/// The mail flow between one client and one server over a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    /// The client's address.
    pub client: IpAddr,
    /// The server's endpoint.
    pub server: SocketAddr,
    /// Sessions.
    pub sessions: u64,
    /// Sessions in which TLS began.
    pub tls_sessions: u64,
    /// Messages accepted (2xx to the content).
    pub accepted: u64,
    /// Messages deferred (a 4xx ended the transaction).
    pub deferred: u64,
    /// Messages refused (a 5xx ended the transaction).
    pub refused: u64,
    /// Recipients refused, by reply code and enhanced code (`550 5.1.1`).
    pub recipients_refused: BTreeMap<String, u64>,
    /// Median command→reply latency, milliseconds.
    pub median_reply_ms: Option<f64>,
    /// Worst command→reply latency, milliseconds.
    pub worst_reply_ms: Option<f64>,
    /// Messages offered more than once.
    pub retries: Vec<Retry>,
}

#[derive(Debug, Default)]
struct Pair {
    sessions: u64,
    tls: u64,
    accepted: u64,
    deferred: u64,
    refused: u64,
    recipients_refused: BTreeMap<String, u64>,
    latencies: Vec<f64>,
    stride: usize,
    seen: usize,
    worst: Option<f64>,
    short: Vec<(String, Position, crate::l10n::Text)>,
}

#[derive(Debug, Default)]
struct Offered {
    attempts: u64,
    deferrals: Vec<rules::retry_storm::Attempt>,
    first: Option<Position>,
    last: Option<Position>,
    delivered: bool,
}

/// Accumulates finished sessions into flows.
#[derive(Debug, Default)]
pub struct FlowTable {
    pairs: BTreeMap<(IpAddr, SocketAddr), Pair>,
    envelopes: BTreeMap<(IpAddr, SocketAddr, String), Offered>,
    /// Sessions of pairs (or envelopes) beyond the limits, not tracked.
    pub untracked: u64,
}

/// How a transaction ended: 2, 4 or 5 (the class of the reply that ended it), or `None`.
fn outcome(t: &Transaction) -> Option<u16> {
    if let Some(code) = t
        .data
        .as_ref()
        .and_then(|d| d.reply.or(d.command_reply.filter(|c| *c >= 400)))
    {
        return Some(code / 100);
    }
    let mail = t.mail_from.as_ref()?.reply?;
    if mail >= 400 {
        return Some(mail / 100);
    }
    let codes: Vec<u16> = t.rcpt_to.iter().filter_map(|r| r.reply).collect();
    if !codes.is_empty() && codes.iter().all(|c| *c >= 400) {
        return Some(if codes.iter().any(|c| *c < 500) { 4 } else { 5 });
    }
    None
}

fn envelope(t: &Transaction) -> Option<String> {
    let from = t.mail_from.as_ref()?.path.as_ref()?;
    let mut to: Vec<&str> = t
        .rcpt_to
        .iter()
        .filter_map(|r| r.path.as_ref())
        .map(|p| p.addr.as_str())
        .collect();
    if to.is_empty() {
        return None;
    }
    to.sort_unstable();
    let size = from
        .params
        .iter()
        .find(|p| p.keyword.eq_ignore_ascii_case("SIZE"))
        .and_then(|p| p.value.clone())
        .map_or(String::new(), |s| format!(" (SIZE={s})"));
    Some(format!("<{}> → <{}>{size}", from.addr, to.join(">, <")))
}

impl FlowTable {
    /// An empty table.
    pub fn new() -> Self {
        FlowTable::default()
    }

    /// Adds one finished session.
    pub fn session(&mut self, session: &Session) {
        let key = (session.info.client.ip(), session.info.server);
        if self.pairs.len() >= MAX_PAIRS && !self.pairs.contains_key(&key) {
            self.untracked = self.untracked.saturating_add(1);
            return;
        }
        let pair = self.pairs.entry(key).or_default();
        let d = &session.dialogue;
        pair.sessions = pair.sessions.saturating_add(1);
        if d.tls.started {
            pair.tls = pair.tls.saturating_add(1);
        }
        for t in &d.transactions {
            match outcome(t) {
                Some(2) => pair.accepted = pair.accepted.saturating_add(1),
                Some(4) => pair.deferred = pair.deferred.saturating_add(1),
                Some(5) => pair.refused = pair.refused.saturating_add(1),
                _ => {}
            }
        }
        for (item, r) in d.replies() {
            if let Some(command) = r.answers.and_then(|i| d.transcript.get(i)) {
                let ms = item.at.ts.seconds_since(command.at.ts) * 1000.0;
                pair.worst = Some(pair.worst.map_or(ms, |w: f64| w.max(ms)));
                if pair.seen.is_multiple_of(pair.stride.max(1)) {
                    pair.latencies.push(ms);
                }
                pair.seen = pair.seen.saturating_add(1);
                if pair.latencies.len() >= MAX_LATENCY_SAMPLES {
                    let mut keep = false;
                    pair.latencies.retain(|_| {
                        keep = !keep;
                        keep
                    });
                    pair.stride = pair.stride.max(1).saturating_mul(2);
                }
            }
            if let Some(ItemKind::Command(c)) = r.answers.and_then(|i| d.transcript.get(i)).map(|i| &i.kind) {
                if c.verb == "RCPT" && r.reply.code >= 400 {
                    let code = match &r.reply.enhanced {
                        Some(e) => format!("{} {e}", r.reply.code),
                        None => r.reply.code.to_string(),
                    };
                    *pair.recipients_refused.entry(code).or_insert(0) += 1;
                }
            }
        }
        // Inside TLS that was not decrypted, MAIL cannot be seen: such a session says nothing.
        let hidden = d.tls.started && d.tls.established && !d.tls.decrypted();
        let before_mail = !hidden
            && d.transactions.iter().all(|t| t.mail_from.is_none())
            && !d.commands().any(|(_, c)| c.verb == "MAIL");
        let duration = session.end().seconds_since(session.info.start);
        if before_mail
            && duration < rules::connection_churn::SHORT_SECS
            && (d.banner.is_some() || d.helo.is_some())
        {
            let ended = match &d.banner {
                Some(b) if b.value.code >= 400 => {
                    crate::msg!("churn-greeting", reply = b.value.first_line())
                }
                _ => match d.replies().last() {
                    Some((_, r)) => crate::msg!("churn-ended-after", reply = r.reply.first_line()),
                    None => crate::msg!("churn-ended-without-reply"),
                },
            };
            pair.short.push((
                session.id(),
                Position {
                    frame: session.info.first_frame,
                    ts: session.info.start,
                },
                ended,
            ));
        }
        let refusals = rules::refusal::refusals(d);
        for t in &d.transactions {
            let (Some(env), Some(mail)) = (envelope(t), t.mail_from.as_ref()) else {
                continue;
            };
            let key = (key.0, key.1, env);
            if !self.envelopes.contains_key(&key) && self.envelopes.len() >= MAX_ENVELOPES {
                self.untracked = self.untracked.saturating_add(1);
                continue;
            }
            let at = d
                .commands()
                .find(|(i, c)| c.verb == "MAIL" && i.at.frame == mail.frame)
                .map_or(
                    Position {
                        frame: mail.frame,
                        ts: session.info.start,
                    },
                    |(i, _)| i.at,
                );
            let offered = self.envelopes.entry(key).or_default();
            offered.attempts = offered.attempts.saturating_add(1);
            // Sessions end in any order (and frames of several files are not in time order).
            offered.first = offered
                .first
                .filter(|f| f.time_order() <= at.time_order())
                .or(Some(at));
            offered.last = offered
                .last
                .filter(|l| l.time_order() >= at.time_order())
                .or(Some(at));
            match outcome(t) {
                Some(4) => {
                    let reply = refusals
                        .iter()
                        .find(|r| r.item.at.time_order() >= at.time_order() && r.reply.class() == 4)
                        .map_or("4xx".to_string(), |r| r.reply.first_line());
                    offered.deferrals.push(rules::retry_storm::Attempt {
                        session: session.id(),
                        at,
                        reply,
                    });
                    offered.delivered = false;
                }
                Some(2) => offered.delivered = true,
                _ => {}
            }
        }
    }

    /// The flows of the run, by client then server, and the cross-session findings.
    pub fn finish(&self, selection: &Selection) -> (Vec<Flow>, Vec<Finding>) {
        let mut findings = Vec::new();
        let mut flows = Vec::new();
        for ((client, server), pair) in &self.pairs {
            let mut sorted = pair.latencies.clone();
            sorted.sort_by(f64::total_cmp);
            let median = sorted.get(sorted.len() / 2).copied();
            let retries: Vec<Retry> = self
                .envelopes
                .range((*client, *server, String::new())..)
                .take_while(|((c, s, _), _)| c == client && s == server)
                .filter(|(_, o)| o.attempts > 1 && !o.deferrals.is_empty())
                .map(|((_, _, env), o)| Retry {
                    envelope: env.clone(),
                    attempts: o.attempts,
                    deferred: o.deferrals.len() as u64,
                    span_s: match (o.first, o.last) {
                        (Some(a), Some(b)) => b.ts.seconds_since(a.ts),
                        _ => 0.0,
                    },
                    delivered: o.delivered,
                })
                .collect();
            for ((c, s, env), o) in self.envelopes.range((*client, *server, String::new())..) {
                if c != client || s != server {
                    break;
                }
                let mut deferrals = o.deferrals.clone();
                deferrals.sort_by_key(|a| a.at.time_order());
                if let Some(f) =
                    rules::retry_storm::check(env, &client.to_string(), &server.to_string(), &deferrals)
                {
                    findings.push(f);
                }
            }
            let mut short = pair.short.clone();
            short.sort_by_key(|(_, at, _)| at.time_order());
            if let Some(f) = rules::connection_churn::check(&client.to_string(), &server.to_string(), &short)
            {
                findings.push(f);
            }
            flows.push(Flow {
                client: *client,
                server: *server,
                sessions: pair.sessions,
                tls_sessions: pair.tls,
                accepted: pair.accepted,
                deferred: pair.deferred,
                refused: pair.refused,
                recipients_refused: pair.recipients_refused.clone(),
                median_reply_ms: median,
                worst_reply_ms: pair.worst,
                retries,
            });
        }
        findings.retain(|f| selection.shows(f));
        findings.sort_by_key(|f| f.at.map(Position::time_order));
        (flows, findings)
    }
}
