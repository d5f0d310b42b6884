//! Which kind of refusal a reply is, decided once so that each reply feeds one finding.
//!
//! Owns [`Kind`], the classification of a 4xx/5xx reply by what it says about the mail flow
//! (relay denied, unknown recipient, back pressure, throttling, greylisting, size, spam, TLS,
//! authorisation), from its enhanced code first and its wording only where codes are ambiguous or
//! absent (FINDINGS.md: codes, not texts); and [`refusals`], every refusal of a session with the
//! command it answered (the greeting and the final reply to a message body included), which
//! [`Refusals`] holds classified once per session for the rules. The rules
//! `recipient-unknown`, `relay-denied`, `not-authorized`, `back-pressure`, `temporary-failure`,
//! `message-too-large`, `spam-rejected`, `throttled` and `tls-required` each take their kind;
//! `delivery-failed` takes what no kind claims. Must not: make findings.

use super::facts::{self, Exchange};
use crate::smtp::dialogue::{Dialogue, Item, ItemKind, ReplyItem};
use crate::smtp::reply::Reply;

/// What a refusal says about the mail flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The receiver will not relay to this recipient for this sender (5.7.1 / 5.7.54 / 5.7.64 to RCPT).
    RelayDenied,
    /// The recipient does not exist (5.1.1, 5.1.0, 5.1.10, or a bare 550 to RCPT).
    RecipientUnknown,
    /// The sender is not authorised (5.7.3 outside an AUTH exchange).
    NotAuthorized,
    /// The server wants authentication first (`auth-required`'s own test).
    AuthRequired,
    /// The server wants TLS first (530 … STARTTLS, 5.7.10, 5.7.30, TLS-required wordings).
    TlsRequired,
    /// The receiver is out of resources (4.3.1, 4.3.2, a bare 452).
    BackPressure,
    /// The receiver limits this client's rate (421 4.7.x, 4.7.500–699, rate wordings, 4.5.3).
    Throttled,
    /// Another deferral; `greylisting` when the wording says so.
    TemporaryFailure {
        /// The reply speaks of greylisting.
        greylisting: bool,
    },
    /// The message is too large (5.3.4, 5.2.3, a 552 that is not a full mailbox).
    TooLarge,
    /// Refused as spam, or because the client is on a block list (named when the reply does).
    Spam {
        /// The block list the reply names (`zen.spamhaus.org`, `Spamhaus`).
        list: Option<String>,
    },
}

impl Kind {
    /// The finding id this kind of refusal raises.
    pub fn finding_id(&self) -> &'static str {
        match self {
            Kind::RelayDenied => "relay-denied",
            Kind::RecipientUnknown => "recipient-unknown",
            Kind::NotAuthorized => "not-authorized",
            Kind::AuthRequired => "auth-required",
            Kind::TlsRequired => "tls-required",
            Kind::BackPressure => "back-pressure",
            Kind::Throttled => "throttled",
            Kind::TemporaryFailure { .. } => "temporary-failure",
            Kind::TooLarge => "message-too-large",
            Kind::Spam { .. } => "spam-rejected",
        }
    }
}

/// The findings a reply of `code` (and `enhanced`, with `text`) would raise, by the command it
/// answers: `[("RCPT", "relay-denied"), …]`, for `smtpscope explain`. The message body's final
/// reply is listed as `DATA`; a refusal no kind claims there is `delivery-failed`'s.
pub fn findings_for(code: u16, enhanced: Option<&str>, text: &str) -> Vec<(&'static str, &'static str)> {
    let mut line = enhanced.map_or(String::new(), |e| format!("{e} "));
    line.push_str(text);
    let reply = Reply {
        code,
        enhanced: enhanced.map(str::to_string),
        lines: vec![line],
    };
    let mut out = Vec::new();
    for verb in ["greeting", "MAIL", "RCPT", "DATA"] {
        let kind = classify((verb != "greeting").then_some(verb), &reply);
        let id = match kind {
            Some(kind) => kind.finding_id(),
            None if verb == "DATA" && reply.class() == 5 => "delivery-failed",
            None => continue,
        };
        out.push((verb, id));
    }
    out
}

/// Verbs whose refusals other rules judge (authentication, TLS negotiation, XEXCH50, greeting
/// names, and the commands that only fail on syntax).
const OTHER_RULES_VERBS: &[&str] = &[
    "AUTH",
    "XAUTH",
    "X-EXPS",
    "STARTTLS",
    "X-ANONYMOUSTLS",
    "XEXCH50",
    "X-LINK2STATE",
    "EHLO",
    "HELO",
    "LHLO",
    "VRFY",
    "EXPN",
    "HELP",
    "NOOP",
    "QUIT",
    "RSET",
    "ETRN",
    "TURN",
    "ATRN",
];

fn lower(reply: &Reply) -> String {
    reply.lines.join(" ").to_ascii_lowercase()
}

/// The `detail` number of an enhanced code with `class.subject.` prefix `prefix` (`4.7.` → 512).
fn detail(reply: &Reply, prefix: &str) -> Option<u16> {
    reply.enhanced.as_deref()?.strip_prefix(prefix)?.parse().ok()
}

fn subject_detail(reply: &Reply) -> Option<&str> {
    reply.enhanced.as_deref()?.split_once('.').map(|(_, rest)| rest)
}

/// Words of block lists and content filters (`spam-rejected` when the reply is permanent).
const SPAM_WORDS: &[&str] = &[
    "blocked using",
    "listed in",
    "listed on",
    "listed at",
    "listed by",
    "blacklist",
    "blocklist",
    "block list",
    "black list",
    "dnsbl",
    "rbl",
    "spamhaus",
    "spamcop",
    "barracuda",
    "sorbs",
    "spam",
    "junk",
    "content rejected",
    "message content rejected",
    "poor reputation",
    "bad reputation",
];

/// The block list a reply names: the word after `using`/`listed in|on|at|by`, else a known list.
pub fn block_list(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let trim = |w: &str| {
        w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '-')
            .trim_end_matches('.')
            .to_string()
    };
    for (i, pair) in words.windows(2).enumerate() {
        let (a, b) = (pair[0].to_ascii_lowercase(), pair[1]);
        if a == "using" && i > 0 && words[i - 1].eq_ignore_ascii_case("blocked") {
            return Some(trim(b)).filter(|s| !s.is_empty());
        }
        if a == "listed" && matches!(b.to_ascii_lowercase().as_str(), "in" | "on" | "at" | "by") {
            return words.get(i + 2).map(|w| trim(w)).filter(|s| !s.is_empty());
        }
    }
    let lowered = text.to_ascii_lowercase();
    ["spamhaus", "spamcop", "barracuda", "sorbs"]
        .iter()
        .find(|l| lowered.contains(*l))
        .map(|l| l.to_string())
}

/// Whether a reply's lower-cased text asks for STARTTLS, TLS or encryption first.
pub fn says_tls_required(text: &str) -> bool {
    (text.contains("starttls")
        && (text.contains("must") || text.contains("first") || text.contains("requir")))
        || text.contains("tls required")
        || text.contains("requires tls")
        || text.contains("tls is required")
        || text.contains("must use tls")
        || text.contains("encryption required")
        || text.contains("requires encryption")
}

fn says_rate_limit(text: &str) -> bool {
    [
        "rate limit",
        "too many connections",
        "too many messages",
        "throttl",
        "sending rate",
        "too many concurrent",
        "exceeded the rate",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Classifies the reply to `verb` (`None` for the greeting or a message body's final reply, which
/// are judged as MAIL-level refusals). `None` for replies below 400 and for refusals no kind fits.
pub fn classify(verb: Option<&str>, reply: &Reply) -> Option<Kind> {
    let class = reply.class();
    if class != 4 && class != 5 {
        return None;
    }
    let text = lower(reply);
    let enhanced = reply.enhanced.as_deref();
    let sd = subject_detail(reply);
    if reply.code == 454 {
        return None; // TLS or authentication unavailable now: the STARTTLS/AUTH rules' concern.
    }
    if matches!(sd, Some("7.10" | "7.30")) || ((class == 5 || reply.code == 451) && says_tls_required(&text))
    {
        return Some(Kind::TlsRequired);
    }
    if super::auth_required::requires_auth(reply) {
        return Some(Kind::AuthRequired);
    }
    let spam_code = detail(reply, "5.7.")
        .is_some_and(|d| (606..=649).contains(&d) || matches!(d, 350 | 501 | 502 | 503 | 511 | 708));
    if class == 5 && (spam_code || SPAM_WORDS.iter().any(|w| text.contains(w))) && !text.contains("relay") {
        return Some(Kind::Spam {
            list: block_list(reply.lines.join(" ").as_str()),
        });
    }
    if matches!(sd, Some("3.4" | "2.3"))
        || (reply.code == 552
            && !matches!(sd, Some("2.2"))
            && !text.contains("quota")
            && !text.contains("mailbox full"))
    {
        return Some(Kind::TooLarge);
    }
    if class == 4 {
        if matches!(sd, Some("3.1" | "3.2"))
            || (reply.code == 452 && enhanced.is_none() && !text.contains("recipient"))
        {
            return Some(Kind::BackPressure);
        }
        let exo_throttle = detail(reply, "4.7.").is_some_and(|d| (500..=699).contains(&d));
        let throttled = (reply.code == 421 && enhanced.is_some_and(|e| e.starts_with("4.7.")))
            || exo_throttle
            || matches!(sd, Some("5.3" | "7.28"))
            || (reply.code == 452 && text.contains("too many recipients"))
            || says_rate_limit(&text);
        if throttled {
            return Some(Kind::Throttled);
        }
        let greylisting = [
            "greylist",
            "graylist",
            "grey-list",
            "gray-list",
            "greylisting",
            "graylisting",
        ]
        .iter()
        .any(|w| text.contains(w));
        return Some(Kind::TemporaryFailure { greylisting });
    }
    if verb == Some("RCPT") {
        let relay_code = matches!(enhanced, Some("5.7.1" | "5.7.54" | "5.7.64"));
        if relay_code || text.contains("relay") {
            return Some(Kind::RelayDenied);
        }
        if matches!(sd, Some("1.1" | "1.0" | "1.10" | "1.6"))
            || (enhanced == Some("5.4.1") && text.contains("recipient address rejected"))
            || (reply.code == 550 && enhanced.is_none())
        {
            return Some(Kind::RecipientUnknown);
        }
    }
    if matches!(sd, Some("7.3")) {
        return Some(Kind::NotAuthorized);
    }
    None
}

/// A refusal in a session: the reply, what it answered, and its kind.
#[derive(Clone, Copy, Debug)]
pub struct Refusal<'a> {
    /// The command it answered (`None` for the greeting).
    pub exchange: Option<Exchange<'a>>,
    /// The reply's transcript entry.
    pub item: &'a Item,
    /// The reply.
    pub reply: &'a Reply,
    /// Whether it answers a message body (the final reply after DATA, or to a BDAT chunk).
    pub after_content: bool,
}

impl Refusal<'_> {
    /// The verb it answered (`None` for the greeting).
    pub fn verb(&self) -> Option<&str> {
        self.exchange.map(|e| e.command.verb.as_str())
    }

    /// Its kind.
    pub fn kind(&self) -> Option<Kind> {
        let verb = if self.after_content {
            Some("DATA")
        } else {
            self.verb()
        };
        classify(verb, self.reply)
    }

    /// The evidence: the command (when there is one) and the reply.
    pub fn evidence(&self) -> Vec<super::Evidence> {
        let mut lines = match self.exchange {
            Some(e) => vec![super::Evidence::line(
                e.item.at,
                e.item.dir,
                facts::shortened(e.command_line()),
            )],
            None => Vec::new(),
        };
        lines.push(facts::reply_evidence(self.item, self.reply));
        lines
    }

    /// What was refused, for a summary: `RCPT TO:<x>`, `the message`, `the connection`.
    pub fn what(&self) -> String {
        self.what_text().en()
    }

    /// [`Refusal::what`] in the report's language.
    pub fn what_text(&self) -> crate::l10n::Text {
        match (self.exchange, self.after_content) {
            (_, true) => crate::msg!("refused-the-message"),
            (Some(e), false) => format!("`{}`", facts::shortened(e.command_line())).into(),
            (None, false) => crate::msg!("refused-the-connection"),
        }
    }

    /// The summary of a refusal: what was refused, the reply's first line, and `because`.
    pub fn refused_because(&self, because: crate::l10n::Text) -> crate::l10n::Text {
        crate::msg!(
            "summary-refused-because",
            what = self.what_text(),
            reply = self.reply.first_line(),
            because = because,
        )
    }

    /// The summary of a deferral (a 4xx): what was deferred, the reply's first line, and `reason`.
    pub fn deferred_because(&self, reason: crate::l10n::Text) -> crate::l10n::Text {
        crate::msg!(
            "summary-deferred-because",
            what = self.what_text(),
            reply = self.reply.first_line(),
            reason = reason,
        )
    }
}

/// The final replies to message content: the reply after a DATA body (paired with its DATA
/// command), and the replies to BDAT chunks.
pub fn content_replies<'a>(
    dialogue: &'a Dialogue,
    exchanges: &[Exchange<'a>],
) -> Vec<(Exchange<'a>, &'a Item, &'a Reply)> {
    let mut out: Vec<(Exchange<'a>, &'a Item, &'a Reply)> = exchanges
        .iter()
        .filter(|e| e.command.verb == "BDAT")
        .filter_map(|e| e.reply.map(|(item, reply)| (*e, item, reply)))
        .collect();
    // The decoder pairs the reply after a DATA body with the body (whatever order the timeline
    // shows them in); the DATA command before the body is the message's command.
    let mut commands = exchanges.iter();
    let mut data_before: Vec<Option<&Exchange<'a>>> = Vec::with_capacity(dialogue.transcript.len());
    let mut last_data: Option<&Exchange<'a>> = None;
    for item in &dialogue.transcript {
        if let ItemKind::Command(_) = item.kind {
            last_data = commands.next().filter(|e| e.command.verb == "DATA").or(last_data);
        }
        data_before.push(last_data);
    }
    for item in &dialogue.transcript {
        let ItemKind::Reply(ReplyItem {
            reply,
            answers: Some(body),
            ..
        }) = &item.kind
        else {
            continue;
        };
        let is_body = matches!(
            dialogue.transcript.get(*body).map(|b| &b.kind),
            Some(ItemKind::Content { verb: "DATA", .. })
        );
        if let (true, Some(Some(data))) = (is_body, data_before.get(*body)) {
            out.push((**data, item, reply));
        }
    }
    out
}

/// Every 4xx/5xx reply of the session that rules of refusal judge, in transcript order: a refused
/// greeting, the replies to commands (not those of `OTHER_RULES_VERBS`), and the final replies
/// to message bodies.
pub fn refusals(dialogue: &Dialogue) -> Vec<Refusal<'_>> {
    refusals_among(dialogue, &facts::exchanges(dialogue))
}

/// [`refusals`], given the session's [`facts::exchanges`].
fn refusals_among<'a>(dialogue: &'a Dialogue, exchanges: &[Exchange<'a>]) -> Vec<Refusal<'a>> {
    let mut out = Vec::new();
    if let Some(banner) = &dialogue.banner {
        if banner.value.code >= 400 {
            if let Some((item, reply)) = dialogue
                .replies()
                .find(|(i, _)| i.at.frame == banner.at.frame)
                .map(|(i, r)| (i, &r.reply))
            {
                out.push(Refusal {
                    exchange: None,
                    item,
                    reply,
                    after_content: false,
                });
            }
        }
    }
    for e in exchanges {
        if OTHER_RULES_VERBS.contains(&e.command.verb.as_str()) || e.command.verb == "BDAT" {
            continue;
        }
        if let Some((item, reply)) = e.reply.filter(|(_, r)| r.code >= 400) {
            out.push(Refusal {
                exchange: Some(*e),
                item,
                reply,
                after_content: false,
            });
        }
    }
    for (exchange, item, reply) in content_replies(dialogue, exchanges) {
        if reply.code >= 400 {
            // The command is DATA (or BDAT); the reply that matters is the final one.
            let exchange = Exchange {
                reply: Some((item, reply)),
                ..exchange
            };
            out.push(Refusal {
                exchange: Some(exchange),
                item,
                reply,
                after_content: true,
            });
        }
    }
    out.sort_by_key(|r| r.item.at.frame);
    out.dedup_by_key(|r| r.item.at.frame);
    out
}

/// Every refusal of one session with its kind, classified once for all the rules that each take
/// one kind (see [`super::facts::SessionFacts`]).
#[derive(Debug)]
pub struct Refusals<'a> {
    classified: Vec<(Refusal<'a>, Option<Kind>)>,
}

impl<'a> Refusals<'a> {
    /// The refusals of `dialogue`, whose commands and replies are `exchanges`.
    pub fn new(dialogue: &'a Dialogue, exchanges: &[Exchange<'a>]) -> Self {
        let classified = refusals_among(dialogue, exchanges)
            .into_iter()
            .map(|r| {
                let kind = r.kind();
                (r, kind)
            })
            .collect();
        Refusals { classified }
    }

    /// The refusals whose kind `wanted` accepts, with the first one's kind.
    pub fn of_kind(&self, wanted: impl Fn(&Kind) -> bool) -> Option<(Vec<Refusal<'a>>, Kind)> {
        let mut found = self
            .classified
            .iter()
            .filter(|(_, kind)| kind.as_ref().is_some_and(&wanted));
        let (first, kind) = found.next()?;
        let mut list = vec![*first];
        list.extend(found.map(|(r, _)| *r));
        Some((list, kind.clone()?))
    }

    /// The refusals no kind claims, in transcript order.
    pub fn unclaimed(&self) -> impl Iterator<Item = Refusal<'a>> + '_ {
        self.classified
            .iter()
            .filter(|(_, kind)| kind.is_none())
            .map(|(r, _)| *r)
    }
}

/// A finding of `info` for a refusal rule: anchored at the first refusal's command (or reply,
/// for the greeting), its lines as evidence, counted, with the sender's event 7004 when the
/// refusal answered a command.
pub fn finding(
    input: &super::RuleInput<'_>,
    info: &'static super::RuleInfo,
    found: &[Refusal<'_>],
    summary: impl Into<crate::l10n::Text>,
) -> Option<super::Finding> {
    let first = found.first()?;
    let (at, dir) = match first.exchange {
        Some(e) => (e.at(), e.item.dir),
        None => (first.item.at, first.item.dir),
    };
    let finding = super::Finding::new(info, Some(at), Some(dir), summary)
        .evidence(first.evidence())
        .count(facts::count(found.len()));
    Some(match first.exchange {
        Some(e) => finding.maybe_event(facts::event_7004(input.session, &e)),
        None => finding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(code: u16, text: &str) -> Reply {
        Reply::single(code, text)
    }

    fn kind(verb: &str, code: u16, text: &str) -> Option<Kind> {
        classify(Some(verb), &reply(code, text))
    }

    #[test]
    fn the_issue_s_replies() {
        assert_eq!(
            kind("MAIL", 452, "4.3.1 Insufficient system resources"),
            Some(Kind::BackPressure)
        );
        assert_eq!(
            kind(
                "DATA",
                451,
                "4.7.0 Temporary server error. Please try again later. PRX4"
            ),
            Some(Kind::TemporaryFailure { greylisting: false })
        );
        assert_eq!(
            kind(
                "RCPT",
                550,
                "5.7.54 SMTP; Unable to relay recipient in non-accepted domain"
            ),
            Some(Kind::RelayDenied)
        );
        assert_eq!(
            kind("RCPT", 550, "5.1.1 User unknown"),
            Some(Kind::RecipientUnknown)
        );
        assert_eq!(
            classify(None, &reply(421, "4.3.2 Service not available")),
            Some(Kind::BackPressure)
        );
    }

    #[test]
    fn relay_recipients_and_authorisation() {
        assert_eq!(
            kind("RCPT", 554, "5.7.1 <carol@example.net>: Relay access denied"),
            Some(Kind::RelayDenied)
        );
        assert_eq!(
            kind("RCPT", 550, "5.7.64 TenantAttribution; Relay Access Denied"),
            Some(Kind::RelayDenied)
        );
        assert_eq!(
            kind(
                "RCPT",
                553,
                "sorry, that domain isn't in my list of allowed rcpthosts"
            ),
            None
        );
        assert_eq!(
            kind("RCPT", 550, "No such user here"),
            Some(Kind::RecipientUnknown)
        );
        assert_eq!(
            kind("RCPT", 550, "5.1.10 RESOLVER.ADR.RecipientNotFound"),
            Some(Kind::RecipientUnknown)
        );
        assert_eq!(
            kind("RCPT", 550, "5.4.1 Recipient address rejected: Access denied"),
            Some(Kind::RecipientUnknown)
        );
        assert_eq!(kind("MAIL", 550, "5.1.1 x"), None, "5.1.1 is about recipients");
        assert_eq!(
            kind(
                "RCPT",
                550,
                "5.7.3 Requested action aborted; user not authenticated"
            ),
            Some(Kind::AuthRequired)
        );
        assert_eq!(
            kind("MAIL", 550, "5.7.3 Not authorized"),
            Some(Kind::NotAuthorized)
        );
        assert_eq!(
            kind("MAIL", 530, "5.7.1 Client was not authenticated"),
            Some(Kind::AuthRequired)
        );
    }

    #[test]
    fn resources_rates_and_deferrals() {
        assert_eq!(
            kind("MAIL", 452, "Insufficient system storage"),
            Some(Kind::BackPressure)
        );
        assert_eq!(
            kind("RCPT", 452, "4.5.3 Too many recipients"),
            Some(Kind::Throttled)
        );
        assert_eq!(
            classify(
                None,
                &reply(421, "4.7.0 lab Error: too many connections from 192.0.2.10")
            ),
            Some(Kind::Throttled)
        );
        assert_eq!(
            kind(
                "RCPT",
                451,
                "4.7.500 Server busy. Please try again later from [192.0.2.10]. (AS77712344)"
            ),
            Some(Kind::Throttled)
        );
        assert_eq!(
            kind(
                "RCPT",
                450,
                "4.2.0 <b@x>: Recipient address rejected: Greylisted, see http://postgrey"
            ),
            Some(Kind::TemporaryFailure { greylisting: true })
        );
        assert_eq!(
            kind(
                "RCPT",
                450,
                "4.7.25 Client host rejected: cannot find your hostname"
            ),
            Some(Kind::TemporaryFailure { greylisting: false })
        );
        assert_eq!(
            kind("STARTTLS", 454, "4.7.0 TLS not available due to local problem"),
            None
        );
    }

    #[test]
    fn size_spam_and_tls() {
        assert_eq!(
            kind("MAIL", 552, "5.3.4 Message size exceeds fixed limit"),
            Some(Kind::TooLarge)
        );
        assert_eq!(
            kind("DATA", 552, "5.2.3 Message length exceeds administrative limit"),
            Some(Kind::TooLarge)
        );
        assert_eq!(kind("RCPT", 552, "5.2.2 Mailbox full"), None);
        assert_eq!(
            kind("RCPT", 554, "5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; https://x"),
            Some(Kind::Spam { list: Some("zen.spamhaus.org".into()) })
        );
        assert_eq!(
            kind(
                "MAIL",
                550,
                "5.7.606 Access denied, banned sending IP [192.0.2.10]"
            ),
            Some(Kind::Spam { list: None })
        );
        assert_eq!(
            kind("DATA", 550, "5.7.1 Message rejected as spam"),
            Some(Kind::Spam { list: None })
        );
        assert_eq!(
            kind("DATA", 554, "5.7.1 Message rejected"),
            None,
            "no spam wording: delivery-failed's"
        );
        assert_eq!(
            kind("MAIL", 530, "5.7.0 Must issue a STARTTLS command first"),
            Some(Kind::TlsRequired)
        );
        assert_eq!(
            kind("MAIL", 451, "5.7.3 STARTTLS is required to send mail"),
            Some(Kind::TlsRequired)
        );
        assert_eq!(kind("RCPT", 250, "2.1.5 Ok"), None);
    }

    #[test]
    fn findings_are_named_per_command() {
        let f = findings_for(550, Some("5.7.1"), "");
        assert!(f.contains(&("RCPT", "relay-denied")), "{f:?}");
        assert!(f.contains(&("DATA", "delivery-failed")), "{f:?}");
        let f = findings_for(452, Some("4.3.1"), "");
        assert_eq!(f.iter().map(|x| x.1).collect::<Vec<_>>(), ["back-pressure"; 4]);
        assert!(findings_for(250, None, "").is_empty());
    }

    /// A session with refusals of two kinds, one twice, and a refused message body no kind claims.
    fn refused_session() -> Dialogue {
        use crate::net::Direction::{ClientToServer as C, ServerToClient as S};
        crate::smtp::decoder::decode_steps(&[
            (S, b"220 mx ESMTP\r\n"),
            (C, b"EHLO c\r\n"),
            (S, b"250 mx\r\n"),
            (C, b"MAIL FROM:<a@x>\r\n"),
            (S, b"250 OK\r\n"),
            (C, b"RCPT TO:<u1@y>\r\n"),
            (S, b"550 5.1.1 User unknown\r\n"),
            (C, b"RCPT TO:<u2@z>\r\n"),
            (S, b"550 5.7.1 Unable to relay\r\n"),
            (C, b"RCPT TO:<u3@y>\r\n"),
            (S, b"550 5.1.1 User unknown\r\n"),
            (C, b"RCPT TO:<ok@y>\r\n"),
            (S, b"250 OK\r\n"),
            (C, b"DATA\r\n"),
            (S, b"354 go\r\n"),
            (C, b"Subject: s\r\n\r\nhi\r\n.\r\n"),
            (S, b"554 5.6.0 Message refused\r\n"),
        ])
    }

    #[test]
    fn refusals_are_classified_once_and_given_out_by_kind() {
        let dialogue = refused_session();
        let refusals = Refusals::new(&dialogue, &facts::exchanges(&dialogue));
        let frames = |list: &[Refusal<'_>]| list.iter().map(|r| r.item.at.frame).collect::<Vec<_>>();
        let (unknown, kind) = refusals
            .of_kind(|k| *k == Kind::RecipientUnknown)
            .expect("two unknown recipients");
        assert_eq!(kind, Kind::RecipientUnknown);
        assert_eq!(frames(&unknown), [8, 12]);
        let (relay, _) = refusals
            .of_kind(|k| *k == Kind::RelayDenied)
            .expect("a relay refusal");
        assert_eq!(frames(&relay), [10]);
        assert!(refusals.of_kind(|k| *k == Kind::Throttled).is_none());
        // The refused body is no kind's: it is what `delivery-failed` takes.
        let unclaimed: Vec<_> = refusals.unclaimed().collect();
        assert_eq!(frames(&unclaimed), [18]);
        assert!(unclaimed.iter().all(|r| r.after_content));
        // The same refusals, in the same order, as classifying each one where it is asked.
        let each = super::refusals(&dialogue);
        assert_eq!(frames(&each), [8, 10, 12, 18]);
        let unknown_each: Vec<_> = each
            .into_iter()
            .filter(|r| r.kind() == Some(Kind::RecipientUnknown))
            .collect();
        assert_eq!(frames(&unknown_each), frames(&unknown));
    }

    #[test]
    fn block_lists_are_named() {
        assert_eq!(
            block_list("blocked using bl.example; see x").as_deref(),
            Some("bl.example")
        );
        assert_eq!(
            block_list("Helo domain is listed in Spamhaus. To request").as_deref(),
            Some("Spamhaus")
        );
        assert_eq!(block_list("rejected by Barracuda").as_deref(), Some("barracuda"));
        assert_eq!(block_list("nothing here"), None);
    }
}
