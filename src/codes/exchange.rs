//! The enhanced codes Exchange gives its own meaning: Exchange Server 2003–2019 (the DSN codes of
//! the transport and store drivers) and Exchange Online / Exchange Online Protection (the NDR
//! reference for Microsoft 365), class-specific (`5.7.54`, `4.7.500`–`699`). Where Exchange reuses
//! a registry code with its usual meaning, the registry entry is enough and none is listed here.
//! Facts from Microsoft's documentation; wording ours.

use super::{Entry, Source};

const EX2003: Source = Source::Exchange("2000–2003");
const EX2007: Source = Source::Exchange("2007–2019");
const EX2013: Source = Source::Exchange("2013–2019, Exchange Online");
const EXO: Source = Source::Exchange("Online");

macro_rules! code {
    ($code:literal, $source:expr, $title:literal, $detail:literal) => {
        entry!($code, $title, $detail, $source)
    };
}

/// Exchange's class-specific codes, in numeric order.
pub static TABLE: &[Entry] = &[
    code!("4.3.1", EX2007, "Insufficient system resources", "Back pressure: the receiving Exchange transport is short of disk, memory or queue room (452 4.3.1 to MAIL); it accepts mail again when the pressure falls."),
    code!("4.3.2", EX2007, "Service not available", "The receiving transport refuses connections for now (421 4.3.2): back pressure at its highest level, the service stopping, or in Exchange Online too many concurrent connections."),
    code!("4.4.1", EX2007, "Connection timed out", "The destination server did not answer; the sending queue retries."),
    code!("4.4.2", EX2007, "Connection dropped", "The connection broke during the transfer (often a firewall or a network fault)."),
    code!("4.4.7", EX2007, "Message delayed or expired", "The message could not be delivered before the queue's expiration (by default two days); an NDR follows."),
    code!("4.4.62", EXO, "Mail sent to the wrong Office 365 region", "A connector or an MX sends mail for the tenant to a datacenter of another region."),
    code!("4.4.316", EXO, "Connection refused", "The destination refused the connection; Exchange Online keeps retrying."),
    code!("4.7.0", EXO, "Temporary server error", "A temporary error in the receiving front end (the text ends with PRXn); the sender retries."),
    code!("4.7.26", EXO, "Message over IPv6 must pass SPF or DKIM", "Mail received over IPv6 must authenticate with SPF or DKIM."),
    code!("4.7.650", EXO, "Sending IP rate limited for its reputation", "The receiving service limits this IP address because of its reputation; the sender retries later."),
    code!("5.0.0", EX2003, "Generic failure (often no route)", "Exchange 2000/2003 send it when nothing more precise applies: a relay attempt to a domain it has no route for, an SMTP connector without a matching address space, or a DNS failure on the receiving side (KB 895853)."),
    code!("5.1.8", EXO, "Access denied, bad outbound sender", "The sending account is blocked from sending (suspected compromise or spam)."),
    code!("5.1.10", EXO, "Recipient not found", "The recipient does not exist in the receiving organisation (recipient lookup by SMTP address failed)."),
    code!("5.1.90", EXO, "Daily recipient limit reached", "The sender reached its daily recipient limit."),
    code!("5.2.121", EXO, "Recipient's per-hour limit for this sender exceeded", "The recipient receives too many messages from this sender; it is throttled."),
    code!("5.2.122", EXO, "Recipient's per-hour receive limit exceeded", "The recipient receives too many messages overall; it is throttled."),
    code!("5.3.190", EXO, "Journaling on-premises messages not supported", "The tenant cannot journal on-premises messages without a subscription for it."),
    code!("5.4.1", EXO, "Recipient address rejected: access denied", "Directory-based edge blocking: the recipient is not in the receiving organisation's directory, or a connector is missing for the domain (also written 'Relay Access Denied')."),
    code!("5.4.6", EX2007, "Routing loop detected", "A forwarding or routing loop (a contact forwarding to itself, MX pointing back)."),
    code!("5.4.8", EXO, "MX points back to itself", "The MX records of an accepted domain do not point to the right service: the message would loop."),
    code!("5.4.300", EXO, "Message expired", "The message waited too long in the queue and was returned."),
    code!("5.4.310", EXO, "DNS domain does not exist", "The recipient's domain has no DNS records."),
    code!("5.6.11", EXO, "Invalid characters (bare line feeds)", "The message contains bare line feeds and the receiving service refuses it."),
    code!("5.7.3", EX2007, "Cannot achieve Exchange Server authentication", "The Receive connector expects Exchange Server authentication that the sending server could not perform; in Exchange 2000/2003 the sender is not authorized (KB 895853)."),
    code!("5.7.12", EXO, "Sender not authenticated by the organisation", "The recipient (or group) only accepts authenticated senders of its own organisation."),
    code!("5.7.23", EXO, "SPF validation failed", "The sending IP is not in the sender domain's SPF record."),
    code!("5.7.54", EX2013, "Unable to relay recipient in non-accepted domain", "The recipient's domain is not an accepted domain of the receiving organisation and the client may not relay: add the domain as an accepted domain, or let the connector relay for this client."),
    code!("5.7.57", EXO, "Client not authenticated to send anonymous mail", "The client connected to the submission endpoint without authenticating (MAIL FROM refused)."),
    code!("5.7.64", EXO, "TenantAttribution; relay access denied", "Exchange Online could not attribute the message to a tenant: the inbound connector (certificate or IP) does not match the sending server."),
    code!("5.7.124", EXO, "Sender not in the group's allowed senders list", "The distribution group only accepts certain senders."),
    code!("5.7.133", EXO, "Sender not authenticated for group", "The group rejects senders outside the organisation."),
    code!("5.7.134", EXO, "Sender not authenticated for mailbox", "The mailbox rejects senders outside the organisation."),
    code!("5.7.350", EXO, "Remote server returned message detected as spam", "The forwarding destination refused the message as spam."),
    code!("5.7.501", EXO, "Access denied, spam abuse detected", "The sending account was blocked for spam."),
    code!("5.7.502", EXO, "Access denied, spam abuse detected", "The sending account was blocked for spam."),
    code!("5.7.503", EXO, "Access denied, spam abuse detected", "The sending account was blocked for spam."),
    code!("5.7.510", EXO, "Access denied: domain does not accept mail over IPv6", "The recipient domain only takes mail over IPv4."),
    code!("5.7.511", EXO, "Access denied, banned sender", "The sending IP or domain is banned by Exchange Online Protection."),
    code!("5.7.520", EXO, "External forwarding not allowed", "The organisation's outbound policy forbids automatic forwarding to external recipients."),
    code!("5.7.705", EXO, "Tenant exceeded threshold", "The tenant sent too much spam or bulk mail and its outbound mail is blocked."),
    code!("5.7.708", EXO, "Access denied, traffic not accepted from this IP", "The sending IP has a poor reputation (typical of new tenants sending from unknown addresses)."),
    code!("5.7.750", EXO, "Client blocked from sending from unregistered domains", "The tenant sends from domains it has not verified."),
];

/// The ranges Exchange Online documents as one code.
static RANGES: &[(&str, u16, u16, Entry)] = &[
    ("4.7.", 500, 699, code!("4.7.500-699", EXO, "Access denied, try again later: sending IP throttled", "Exchange Online Protection throttles an IP address whose sending pattern changed (a new or growing sender): the deferrals stop as its history builds up.")),
    ("5.7.", 606, 649, code!("5.7.606-649", EXO, "Access denied, banned sending IP", "The sending IP is on Microsoft's block list; the delist portal removes it.")),
    ("5.7.", 700, 749, code!("5.7.700-749", EXO, "Access denied, tenant blocked", "The tenant is blocked from sending (threshold exceeded, unverified domains, or a blocked subscription).")),
];

/// The entries of the ranges.
pub fn ranges() -> impl Iterator<Item = &'static Entry> {
    RANGES.iter().map(|(_, _, _, entry)| entry)
}

/// The range entry covering `code` (`4.7.512` → `4.7.500-699`).
pub fn range(code: &str) -> Option<&'static Entry> {
    RANGES.iter().find_map(|(prefix, low, high, entry)| {
        let detail: u16 = code.strip_prefix(prefix)?.parse().ok()?;
        (*low..=*high).contains(&detail).then_some(entry)
    })
}
