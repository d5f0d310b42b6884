//! Findings: what the decoded dialogues mean for a mail administrator.
//!
//! Owns the finding model ([`Finding`], [`Severity`], [`Evidence`], [`WindowsEvent`]), the rule
//! catalogue ([`RuleInfo`], one file per finding id, the explicit ordered [`registry`]), and the
//! evaluation of a finished [`Session`] into findings ([`evaluate`]). The ids and severities are the
//! contract of `FINDINGS.md`.
//!
//! Rules read decoded dialogues and transport summaries only — never bytes, never packets — and run
//! in registry order, each seeing the findings of the rules before it, so that a later diagnosis can
//! name an earlier one as its likely cause (middlebox signatures run before auth and relay
//! diagnoses). Each rule yields at most one finding per session, with a count of its occurrences.
//! Must not: parse SMTP, touch raw bytes, print, or filter what is shown (that is [`Selection`],
//! applied by `app`).

pub mod facts;
pub mod registry;

mod auth_required;
mod back_pressure;
mod bare_lf;
mod blob_size_mismatch;
mod capture_drops;
mod capture_ended;
mod capture_truncated;
pub mod connected_not_to_mx;
pub mod connection_churn;
mod connection_flood;
mod connection_refused;
mod credentials_in_clear;
mod delivery_failed;
pub mod dns_lookup_failed;
mod ehlo_rejected;
mod exchange_anonymous_submission;
mod exps_failed;
mod exps_not_attempted;
mod exps_not_offered;
mod extended_verbs_missing;
mod header_from_mismatch;
mod hostname_not_fqdn;
mod identity_mismatch;
mod kerberos_downgrade;
mod mail_loop_suspected;
mod message_too_large;
mod middlebox_rewrite;
mod no_banner;
pub mod no_ptr;
mod not_authorized;
mod open_relay;
mod received_delay;
mod recipient_unknown;
pub mod refusal;
mod relay_denied;
pub mod retry_storm;
mod sequence_error;
mod slow_reply;
mod smtp_smuggling;
mod spam_rejected;
mod starttls_no_tls;
mod starttls_refused;
pub mod starttls_stripped;
mod tcp_gap;
mod tcp_reset;
mod tcp_retransmission;
mod temporary_failure;
mod throttled;
mod tls_before_auth;
mod tls_cert_expired;
mod tls_cert_name_mismatch;
mod tls_cert_not_yet_valid;
mod tls_cert_self_signed;
pub mod tls_facts;
mod tls_handshake_failed;
mod tls_required;
mod tls_version_obsolete;
mod tls_weak_cipher;
mod unanswered_command;
mod unsolicited_reply;
pub mod verb_dropped;
mod xexch50_bad_size;
mod xexch50_count_mismatch;
mod xexch50_not_advertised;
mod xexch50_rejected;
mod xexch50_rejected_after_auth;
mod xexch50_without_auth;
mod xlink2state_overflow;

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use serde::Serialize;

use crate::capture::set::FileNames;
use crate::l10n::{Lang, Text};
use crate::net::Direction;
use crate::session::Session;
use crate::smtp::dialogue::Position;

pub use capture_drops::check as capture_drops;
pub use connection_flood::check as connection_flood;
pub use middlebox_rewrite::{asa_masked_keyword, x_masked};
pub use registry::{catalogue, rule, CROSS_SESSION, DIFF, RULES};

/// How serious a finding is, least serious first (so `>=` means "at least as serious").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; expected in some setups.
    Info,
    /// A likely problem or degraded behaviour.
    Warning,
    /// Something failed that the operator must fix.
    Error,
    /// An attack or exploit shape.
    Critical,
}

impl Severity {
    /// Every severity, most serious first (the order summaries list them in).
    pub const MOST_SERIOUS_FIRST: [Severity; 4] = [
        Severity::Critical,
        Severity::Error,
        Severity::Warning,
        Severity::Info,
    ];

    /// The name used in the CLI and the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::MOST_SERIOUS_FIRST
            .into_iter()
            .find(|sev| sev.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown severity `{s}` (expected critical, error, warning or info)"))
    }
}

/// One line of evidence: a line from the wire, or a fact derived from it, with where it was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Where the line or fact was seen (`None` for facts about the whole session).
    pub at: Option<Position>,
    /// Who sent it (`None` for derived facts).
    pub dir: Option<Direction>,
    /// The line as sent (secrets already redacted), or the fact in words.
    pub text: Text,
}

impl Evidence {
    /// A line from the wire.
    pub fn line(at: Position, dir: Direction, text: impl Into<Text>) -> Self {
        Evidence {
            at: Some(at),
            dir: Some(dir),
            text: text.into(),
        }
    }

    /// A derived fact, optionally anchored at a position.
    pub fn fact(at: Option<Position>, text: impl Into<Text>) -> Self {
        Evidence {
            at,
            dir: None,
            text: text.into(),
        }
    }
}

impl Evidence {
    /// The evidence as shown to people, its frame named with `files` (`frame ring_00002.pcap#12 C: …`
    /// in a capture of several files).
    pub fn shown<'a>(&'a self, files: &'a FileNames) -> ShownEvidence<'a> {
        ShownEvidence {
            evidence: self,
            files,
            lang: crate::l10n::lang(),
        }
    }

    /// [`Evidence::shown`] in English, whatever the run's language (JSON).
    pub fn shown_en<'a>(&'a self, files: &'a FileNames) -> ShownEvidence<'a> {
        ShownEvidence {
            evidence: self,
            files,
            lang: Lang::En,
        }
    }

    /// The evidence in English with its plain frame number (ECS).
    pub fn en(&self) -> String {
        self.shown_en(&FileNames::default()).to_string()
    }
}

/// Evidence with its frame named in its capture's files ([`Evidence::shown`]).
pub struct ShownEvidence<'a> {
    evidence: &'a Evidence,
    files: &'a FileNames,
    lang: Lang,
}

impl fmt::Display for ShownEvidence<'_> {
    /// `frame 12 C: XEXCH50 2336 3`, `frame 13 S: 504 …`, `frame 9: fact`, or just the fact.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.evidence;
        if let Some(at) = e.at {
            let frame = self.files.frame(at.frame);
            match self.lang {
                Lang::En => write!(f, "frame {frame}")?,
                lang => {
                    f.write_str(&crate::msg!("evidence-frame", frame = frame.to_string()).render(lang))?
                }
            }
            match e.dir {
                Some(Direction::ClientToServer) => f.write_str(" C")?,
                Some(Direction::ServerToClient) => f.write_str(" S")?,
                None => {}
            }
            f.write_str(": ")?;
        }
        f.write_str(&e.text.render(self.lang))
    }
}

impl fmt::Display for Evidence {
    /// `frame 12 C: XEXCH50 2336 3`, `frame 13 S: 504 …`, `frame 9: fact`, or just the fact.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.shown(&FileNames::default()).fmt(f)
    }
}

/// The Windows event an Exchange server would have logged for the same failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WindowsEvent {
    /// The event id (7004 sender side, 7010 receiver side, 1706 EXPS).
    pub id: u32,
    /// The event's text with the fields filled in from the capture (the event's wording in the
    /// report's language where it is known).
    pub text: Text,
}

/// The catalogue entry of one finding id.
#[derive(Debug)]
pub struct RuleInfo {
    /// The stable id (FINDINGS.md).
    pub id: &'static str,
    /// The usual severity (a rule may raise or lower it for a particular finding, as FINDINGS.md says).
    pub severity: Severity,
    /// One line: what the finding means.
    pub title: &'static str,
    /// When it fires, precisely.
    pub trigger: &'static str,
    /// What to check, most likely cause first.
    pub advice: &'static [&'static str],
    /// Known false positives and limits.
    pub caveats: &'static str,
    /// References (`KB 843106`, `RFC 4954`, …).
    pub refs: &'static [&'static str],
}

impl RuleInfo {
    /// The title, translated by `rule-ID-title`.
    pub fn title_text(&self) -> Text {
        Text::source(format!("rule-{}-title", self.id), self.title)
    }

    /// The advice, translated by `rule-ID-advice-N` (N from 1).
    pub fn advice_texts(&self) -> impl Iterator<Item = Text> + '_ {
        self.advice
            .iter()
            .enumerate()
            .map(|(n, a)| Text::source(format!("rule-{}-advice-{}", self.id, n.saturating_add(1)), a))
    }

    /// The trigger, translated by `rule-ID-trigger`.
    pub fn trigger_text(&self) -> Text {
        Text::source(format!("rule-{}-trigger", self.id), self.trigger)
    }

    /// The caveats, translated by `rule-ID-caveats`.
    pub fn caveats_text(&self) -> Text {
        Text::source(format!("rule-{}-caveats", self.id), self.caveats)
    }
}

/// What a rule sees: one finished session, the run's context, and the findings of earlier rules.
pub struct RuleInput<'a> {
    /// The session.
    pub session: &'a Session,
    /// Facts the capture cannot give.
    pub context: &'a RuleContext,
    /// Findings already made for this session by the rules before this one.
    pub earlier: &'a [Finding],
    /// The readings of the session that several rules take, made once for all of them.
    facts: &'a facts::SessionFacts<'a>,
}

impl<'a> RuleInput<'a> {
    /// Every client command with the reply that answered it, in transcript order.
    pub fn exchanges(&self) -> &'a [facts::Exchange<'a>] {
        self.facts.exchanges()
    }

    /// The commands with verb `verb` (upper case), with their replies.
    pub fn exchanges_of(&self, verb: &str) -> Vec<facts::Exchange<'a>> {
        facts::of_verb(self.facts.exchanges(), verb)
    }

    /// The command with verb `verb` sent in frame `frame`, with its reply.
    pub fn exchange_at(&self, verb: &str, frame: u64) -> Option<facts::Exchange<'a>> {
        self.facts.exchange_at(verb, frame)
    }

    /// Every decoded message of the session, in order.
    pub fn messages(&self) -> impl Iterator<Item = facts::MessageRef<'a>> + 'a {
        self.facts.messages()
    }

    /// Every refusal of the session, with its kind.
    pub fn refusals(&self) -> &'a refusal::Refusals<'a> {
        self.facts.refusals()
    }

    /// The analysis of each AUTH or X-EXPS exchange, in the order of `dialogue.auth`.
    pub fn auth(&self) -> &'a [crate::auth::Analysis] {
        self.facts.auth()
    }

    /// The earlier finding with `id`, if one fired.
    pub fn earlier(&self, id: &str) -> Option<&Finding> {
        self.earlier.iter().find(|f| f.id == id)
    }

    /// The first of `ids`, in that order of preference, that fired earlier: the likely cause.
    pub fn cause(&self, ids: &[&str]) -> Option<&Finding> {
        ids.iter().find_map(|id| self.earlier(id))
    }
}

/// Facts from the command line that rules need and a capture cannot give.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleContext {
    /// Mail domains the servers in the capture are responsible for (`--local-domain`), lower-cased.
    pub local_domains: Vec<String>,
}

/// A rule: its catalogue entry and its check.
pub struct Rule {
    /// The catalogue entry.
    pub info: &'static RuleInfo,
    /// Reads one session; at most one finding per session.
    pub check: fn(&RuleInput<'_>) -> Option<Finding>,
}

/// One diagnosis, with its evidence and advice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The finding id (FINDINGS.md).
    pub id: &'static str,
    /// How serious.
    pub severity: Severity,
    /// The session it belongs to (`None` for capture-wide findings).
    pub session: Option<String>,
    /// Where its evidence starts.
    pub at: Option<Position>,
    /// The direction of that first evidence.
    pub dir: Option<Direction>,
    /// One sentence.
    pub summary: Text,
    /// The wire lines and facts behind it, in order.
    pub evidence: Vec<Evidence>,
    /// What to check, most likely cause first.
    pub advice: Vec<Text>,
    /// References.
    pub refs: &'static [&'static str],
    /// The equivalent Windows event.
    pub event: Option<WindowsEvent>,
    /// How many times the cause occurred in the session.
    pub count: u64,
    /// The id of another finding of the session that is the likely cause of this one.
    pub explained_by: Option<&'static str>,
}

impl Finding {
    /// A finding of `info`'s id and usual severity, anchored at `at`, with the catalogue's advice.
    pub fn new(
        info: &'static RuleInfo,
        at: Option<Position>,
        dir: Option<Direction>,
        summary: impl Into<Text>,
    ) -> Self {
        Finding {
            id: info.id,
            severity: info.severity,
            session: None,
            at,
            dir,
            summary: summary.into(),
            evidence: Vec::new(),
            advice: info.advice_texts().collect(),
            refs: info.refs,
            event: None,
            count: 1,
            explained_by: None,
        }
    }

    /// The sentence that heads the finding in a report in `lang`, and the English summary to quote
    /// below it when the summary has no catalogue message yet (then the headline is the finding's
    /// translated title).
    pub fn headline(&self, lang: Lang) -> (Text, Option<&Text>) {
        match (&self.summary, lang, rule(self.id)) {
            (Text::Raw(_), Lang::Ja | Lang::Pl | Lang::Tr, Some(info)) => {
                (info.title_text(), Some(&self.summary))
            }
            _ => (self.summary.clone(), None),
        }
    }

    /// Sets the severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Adds evidence lines.
    pub fn evidence(mut self, evidence: impl IntoIterator<Item = Evidence>) -> Self {
        self.evidence.extend(evidence);
        self
    }

    /// Puts `advice` first: the cause this capture points to, before the catalogue's list.
    pub fn advice_first(mut self, advice: impl Into<Text>) -> Self {
        self.advice.insert(0, advice.into());
        self
    }

    /// Sets the occurrence count.
    pub fn count(mut self, count: u64) -> Self {
        self.count = count.max(1);
        self
    }

    /// Sets the Windows event.
    pub fn event(mut self, event: WindowsEvent) -> Self {
        self.event = Some(event);
        self
    }

    /// Sets the Windows event when there is one.
    pub fn maybe_event(self, event: Option<WindowsEvent>) -> Self {
        match event {
            Some(event) => self.event(event),
            None => self,
        }
    }

    /// Names `cause` as the likely cause when there is one (see [`Finding::explained_by`]).
    pub fn maybe_explained_by(self, cause: Option<&Finding>) -> Self {
        match cause {
            Some(cause) => self.explained_by(cause),
            None => self,
        }
    }

    /// Names an earlier finding as the likely cause, and says so first in the advice.
    pub fn explained_by(mut self, cause: &Finding) -> Self {
        self.explained_by = Some(cause.id);
        self.advice.insert(
            0,
            crate::msg!("advice-explained-by", id = cause.id, summary = &cause.summary),
        );
        self
    }
}

/// Runs every rule of the registry, in order, on one finished session.
pub fn evaluate(session: &Session, context: &RuleContext) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    let facts = facts::SessionFacts::new(&session.dialogue);
    for rule in RULES {
        let input = RuleInput {
            session,
            context,
            earlier: &found,
            facts: &facts,
        };
        if let Some(mut finding) = (rule.check)(&input) {
            finding.session = Some(session.id());
            found.push(finding);
        }
    }
    found
}

/// Which findings are shown (`--severity`, `--only`, `--exclude`), and the most serious finding
/// `--severity` alone kept from view (so `--fail-on` still counts it).
#[derive(Clone, Debug)]
pub struct Selection {
    /// The least serious severity shown.
    pub min_severity: Severity,
    /// When not empty, only these ids are shown.
    pub only: Vec<&'static str>,
    /// These ids are never shown.
    pub exclude: Vec<&'static str>,
    /// The worst severity hidden by `min_severity` only, shared by every clone of this selection
    /// (0: none; otherwise the index in [`Severity::MOST_SERIOUS_FIRST`] counted from the least
    /// serious, plus one).
    hidden: Arc<AtomicU8>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection::new(Severity::Info, Vec::new(), Vec::new())
    }
}

impl Selection {
    /// A selection showing findings at or above `min_severity`, of the `only` ids when any are
    /// given, never of the `exclude` ids.
    pub fn new(min_severity: Severity, only: Vec<&'static str>, exclude: Vec<&'static str>) -> Self {
        Selection {
            min_severity,
            only,
            exclude,
            hidden: Arc::new(AtomicU8::new(0)),
        }
    }

    /// Whether `finding` is shown. A finding of a selected id that only `--severity` hides is
    /// remembered for [`Selection::worst_hidden`].
    pub fn shows(&self, finding: &Finding) -> bool {
        let selected =
            (self.only.is_empty() || self.only.contains(&finding.id)) && !self.exclude.contains(&finding.id);
        if selected && finding.severity < self.min_severity {
            self.hidden
                .fetch_max(severity_rank(finding.severity), Ordering::Relaxed);
        }
        selected && finding.severity >= self.min_severity
    }

    /// The most serious finding of a selected id that `--severity` kept from view, if any: what
    /// `--fail-on` counts beside the findings shown.
    pub fn worst_hidden(&self) -> Option<Severity> {
        let rank = self.hidden.load(Ordering::Relaxed);
        [
            Severity::Info,
            Severity::Warning,
            Severity::Error,
            Severity::Critical,
        ]
        .into_iter()
        .find(|s| severity_rank(*s) == rank)
    }
}

/// 1 for info up to 4 for critical.
fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Error => 3,
        Severity::Critical => 4,
    }
}

/// Findings by severity over a run, for the summary and `--fail-on`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingTally {
    /// Counts indexed as [`Severity::MOST_SERIOUS_FIRST`].
    counts: [u64; 4],
    /// Ids of the sessions each severity touched (bounded: the first few per severity).
    sessions: [Vec<String>; 4],
    /// Whether more sessions were touched than are listed, per severity.
    more_sessions: [u64; 4],
}

/// Sessions listed per severity in the summary before the rest are only counted.
const SESSIONS_LISTED_PER_SEVERITY: usize = 20;

impl FindingTally {
    /// Counts one reported finding.
    pub fn add(&mut self, finding: &Finding) {
        let slot = Severity::MOST_SERIOUS_FIRST
            .iter()
            .position(|s| *s == finding.severity)
            .unwrap_or(0);
        if let Some(count) = self.counts.get_mut(slot) {
            *count = count.saturating_add(1);
        }
        let Some(session) = &finding.session else { return };
        if let (Some(listed), Some(more)) = (self.sessions.get_mut(slot), self.more_sessions.get_mut(slot)) {
            if listed.contains(session) {
                return;
            }
            if listed.len() < SESSIONS_LISTED_PER_SEVERITY {
                listed.push(session.clone());
            } else {
                *more = more.saturating_add(1);
            }
        }
    }

    /// `(severity, count, sessions listed, sessions not listed)`, most serious first.
    pub fn rows(&self) -> impl Iterator<Item = (Severity, u64, &[String], u64)> + '_ {
        Severity::MOST_SERIOUS_FIRST
            .into_iter()
            .zip(self.counts.iter())
            .zip(self.sessions.iter().zip(self.more_sessions.iter()))
            .map(|((sev, n), (listed, more))| (sev, *n, listed.as_slice(), *more))
    }

    /// The most serious severity reported, if any finding was.
    pub fn worst(&self) -> Option<Severity> {
        self.rows().find(|(_, n, _, _)| *n > 0).map(|(sev, ..)| sev)
    }

    /// Adds another tally's counts and sessions.
    pub fn merge(&mut self, other: &FindingTally) {
        for slot in 0..self.counts.len() {
            if let (Some(mine), Some(theirs)) = (self.counts.get_mut(slot), other.counts.get(slot)) {
                *mine = mine.saturating_add(*theirs);
            }
            let (Some(listed), Some(more)) = (self.sessions.get_mut(slot), self.more_sessions.get_mut(slot))
            else {
                continue;
            };
            for session in other.sessions.get(slot).into_iter().flatten() {
                if listed.contains(session) {
                    continue;
                }
                if listed.len() < SESSIONS_LISTED_PER_SEVERITY {
                    listed.push(session.clone());
                } else {
                    *more = more.saturating_add(1);
                }
            }
            if let Some(theirs) = other.more_sessions.get(slot) {
                *more = more.saturating_add(*theirs);
            }
        }
    }

    /// Total findings.
    pub fn total(&self) -> u64 {
        self.counts.iter().fold(0u64, |a, n| a.saturating_add(*n))
    }
}
