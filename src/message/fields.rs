//! Header sections into facts: the message's identifying fields, its `Received:` chain,
//! authentication verdicts and Exchange organisation headers, and each MIME entity's content
//! headers.
//!
//! The field grammar is `mail-parser`'s (RFC 5322 addresses and dates, RFC 2047 encoded words in
//! every charset it knows — ISO-2022-JP included through `encoding_rs` —, RFC 2231 parameter
//! continuations, `Received:` clauses): it is handed one bounded header section at a time, never a
//! body. Written here: what that crate leaves as text — the `with` clause of `Received:` as sent
//! (it folds `Microsoft SMTP Server` into `SMTP`), `Authentication-Results` (RFC 8601) and
//! `DKIM-Signature` tags (RFC 6376 §3.2), both short tag grammars.
//!
//! Must not: walk bodies, hold state between sections, or judge.

use mail_parser::{Address, ContentType, DateTime, Header, HeaderName, HeaderValue, Host, MessageParser};

use super::record::{AuthResult, DkimSignature, Field, Headers, Hop, Mailbox};
use super::{MAX_FIELDS, MAX_FIELD_VALUE, MAX_HOPS};
use crate::time::Timestamp;

/// What one entity's content headers say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityHeaders {
    /// `type/subtype`, lower-cased, when a `Content-Type` parsed.
    pub content_type: Option<String>,
    /// The `boundary` parameter, as sent.
    pub boundary: Option<String>,
    /// The `charset` parameter, lower-cased.
    pub charset: Option<String>,
    /// `Content-Transfer-Encoding`, lower-cased.
    pub transfer_encoding: Option<String>,
    /// `Content-Disposition` type, lower-cased.
    pub disposition: Option<String>,
    /// The file name: `Content-Disposition` `filename`, else `Content-Type` `name`.
    pub name: Option<String>,
    /// `Content-ID`.
    pub content_id: Option<String>,
}

/// Both readings of one header section.
#[derive(Debug, Default)]
pub struct Section {
    /// The content headers.
    pub entity: EntityHeaders,
    /// The message headers (filled for a message's top-level section only).
    pub headers: Headers,
    /// The `Received:` fields, newest first as sent.
    pub received: Vec<Hop>,
    /// `Received:` fields beyond [`MAX_HOPS`].
    pub received_dropped: u64,
    /// `user_agent` came from a `User-Agent` field (which wins over `X-Mailer`).
    user_agent_named: bool,
}

/// Parses one header section (without the blank line that ends it). `message` asks for the
/// message-level fields as well as the content headers.
pub fn parse_section(raw: &[u8], message: bool) -> Section {
    let mut section = Section::default();
    let parser = MessageParser::default();
    let Some(parsed) = parser.parse_headers(raw) else {
        return section;
    };
    for header in parsed.headers() {
        entity_field(&mut section.entity, header);
        if message {
            message_field(&mut section, header, raw);
        }
    }
    section
}

fn lower(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

fn attribute<'a>(ct: &'a ContentType<'_>, name: &str) -> Option<&'a str> {
    ct.attributes()?
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.value.as_ref())
}

fn entity_field(e: &mut EntityHeaders, header: &Header<'_>) {
    match (&header.name, &header.value) {
        (HeaderName::ContentType, HeaderValue::ContentType(ct)) if e.content_type.is_none() => {
            let subtype = ct.subtype().unwrap_or("");
            e.content_type = Some(lower(&format!("{}/{subtype}", ct.ctype())));
            e.boundary = attribute(ct, "boundary").map(str::to_string);
            e.charset = attribute(ct, "charset").map(lower);
            if e.name.is_none() {
                e.name = attribute(ct, "name").map(str::to_string);
            }
        }
        (HeaderName::ContentDisposition, HeaderValue::ContentType(cd)) if e.disposition.is_none() => {
            e.disposition = Some(lower(cd.ctype()));
            if let Some(name) = attribute(cd, "filename") {
                e.name = Some(name.to_string());
            }
        }
        (HeaderName::ContentTransferEncoding, value) if e.transfer_encoding.is_none() => {
            e.transfer_encoding = text(value).map(|t| lower(&t));
        }
        (HeaderName::ContentId, value) if e.content_id.is_none() => {
            e.content_id = text(value);
        }
        _ => {}
    }
}

/// A header value as one string (lists joined by a space).
fn text(value: &HeaderValue<'_>) -> Option<String> {
    match value {
        HeaderValue::Text(t) => Some(t.trim().to_string()),
        HeaderValue::TextList(list) => Some(list.iter().map(|t| t.trim()).collect::<Vec<_>>().join(" ")),
        _ => None,
    }
}

fn mailboxes(value: &HeaderValue<'_>) -> Vec<Mailbox> {
    let convert = |a: &mail_parser::Addr<'_>| Mailbox {
        name: a
            .name
            .as_ref()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        addr: a.address.as_ref().map(|n| n.trim().to_string()),
    };
    match value {
        HeaderValue::Address(Address::List(list)) => list.iter().map(convert).collect(),
        HeaderValue::Address(Address::Group(groups)) => groups
            .iter()
            .flat_map(|g| {
                let members: Vec<Mailbox> = g.addresses.iter().map(convert).collect();
                if members.is_empty() {
                    // `undisclosed-recipients:;` — a group with no member is still named.
                    vec![Mailbox {
                        name: g.name.as_ref().map(|n| format!("{n}:;")),
                        addr: None,
                    }]
                } else {
                    members
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A date as a UTC instant, when it is a real date.
fn utc(date: &DateTime) -> Option<Timestamp> {
    date.is_valid().then(|| Timestamp::new(date.to_timestamp(), 0))
}

/// The raw value bytes of `header` within `raw`, unfolded and trimmed (lossy UTF-8).
fn raw_value(header: &Header<'_>, raw: &[u8]) -> String {
    let start = usize::try_from(header.offset_start()).unwrap_or(usize::MAX);
    let end = usize::try_from(header.offset_end()).unwrap_or(usize::MAX);
    let bytes = raw.get(start..end).unwrap_or_default();
    unfold(&String::from_utf8_lossy(bytes))
}

/// Folded whitespace (line breaks and the blanks around them) becomes one space.
pub fn unfold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, line) in value.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if i == 0 {
            out.push_str(line.trim_end());
        } else {
            let line = line.trim();
            if !line.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(line);
            }
        }
    }
    out.trim().to_string()
}

/// `value` cut to [`MAX_FIELD_VALUE`] characters.
fn capped(value: String) -> String {
    if value.chars().count() <= MAX_FIELD_VALUE {
        return value;
    }
    let mut cut: String = value.chars().take(MAX_FIELD_VALUE).collect();
    cut.push('…');
    cut
}

fn message_field(section: &mut Section, header: &Header<'_>, raw: &[u8]) {
    let name = header.name();
    let value = &header.value;
    let h = &mut section.headers;
    if h.fields.len() < MAX_FIELDS {
        h.fields.push(Field {
            name: name.to_string(),
            value: capped(raw_value(header, raw)),
        });
    } else {
        h.fields_dropped = h.fields_dropped.saturating_add(1);
    }
    match &header.name {
        HeaderName::From if h.from.is_empty() => h.from = mailboxes(value),
        HeaderName::Sender if h.sender.is_empty() => h.sender = mailboxes(value),
        HeaderName::To => h.to.extend(mailboxes(value)),
        HeaderName::Cc => h.cc.extend(mailboxes(value)),
        HeaderName::ReplyTo if h.reply_to.is_empty() => h.reply_to = mailboxes(value),
        HeaderName::Date if h.date.is_none() => {
            h.date = Some(raw_value(header, raw));
            if let HeaderValue::DateTime(d) = value {
                h.date_utc = utc(d);
            }
        }
        HeaderName::Subject if h.subject.is_none() => h.subject = text(value),
        HeaderName::MessageId if h.message_id.is_none() => h.message_id = text(value),
        HeaderName::InReplyTo if h.in_reply_to.is_none() => h.in_reply_to = text(value),
        HeaderName::AuthenticationResults => {
            h.authentication_results
                .extend(authentication_results(&raw_value(header, raw)));
        }
        HeaderName::DkimSignature => h.dkim_signatures.push(dkim_signature(&raw_value(header, raw))),
        HeaderName::Received => {
            if section.received.len() < MAX_HOPS {
                section.received.push(hop(header, raw));
            } else {
                section.received_dropped = section.received_dropped.saturating_add(1);
            }
        }
        HeaderName::Other(other) => {
            let lname = other.to_ascii_lowercase();
            if lname == "user-agent" && !section.user_agent_named {
                // `User-Agent` wins over `X-Mailer`.
                h.user_agent = Some(raw_value(header, raw));
                section.user_agent_named = true;
            } else if lname == "x-mailer" && h.user_agent.is_none() {
                h.user_agent = Some(raw_value(header, raw));
            } else if lname.starts_with("x-ms-exchange-")
                || lname == "x-ms-has-attach"
                || lname == "x-ms-tnef-correlator"
            {
                h.exchange.push(Field {
                    name: other.to_string(),
                    value: capped(raw_value(header, raw)),
                });
            }
        }
        _ => {}
    }
}

/// The clause keywords of a `Received:` field (RFC 5321 §4.4).
const RECEIVED_CLAUSES: [&str; 6] = ["from", "by", "via", "with", "id", "for"];

/// The `with` clause as sent, up to the next clause, comment or `;`.
fn with_clause(value: &str) -> Option<String> {
    let before_date = value.rsplit_once(';').map_or(value, |(v, _)| v);
    let mut words = before_date.split_whitespace();
    words.by_ref().find(|w| w.eq_ignore_ascii_case("with"))?;
    let mut taken: Vec<&str> = Vec::new();
    for w in words {
        if RECEIVED_CLAUSES.iter().any(|c| w.eq_ignore_ascii_case(c)) {
            break;
        }
        if let Some((head, _)) = w.split_once('(') {
            if !head.is_empty() {
                taken.push(head);
            }
            break;
        }
        taken.push(w);
    }
    (!taken.is_empty()).then(|| taken.join(" "))
}

fn host(h: &Host<'_>) -> String {
    match h {
        Host::Name(n) => n.to_string(),
        Host::IpAddr(ip) => ip.to_string(),
    }
}

fn hop(header: &Header<'_>, raw: &[u8]) -> Hop {
    let raw_text = capped(raw_value(header, raw));
    let mut hop = Hop {
        with: with_clause(&raw_text),
        raw: raw_text,
        ..Hop::default()
    };
    if let HeaderValue::Received(r) = &header.value {
        hop.from = r.from.as_ref().map(host);
        hop.from_ip = r.from_ip.map(|ip| ip.to_string());
        hop.by = r.by.as_ref().map(host);
        hop.id = r.id.as_ref().map(|s| s.to_string());
        hop.for_addr = r.for_.as_ref().map(|s| s.to_string());
        hop.date = r.date.as_ref().and_then(utc);
        if hop.with.is_none() {
            hop.with = r.with.as_ref().map(|p| format!("{p:?}"));
        }
    }
    hop
}

/// Removes RFC 5322 comments (parenthesised, possibly nested) and quoted-string quotes' effect on
/// `;` (a `;` inside quotes is not a separator: it is replaced by a space).
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0u32;
    let mut quoted = false;
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            escaped = false;
            if depth == 0 {
                out.push(c);
            }
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' if depth == 0 => {
                quoted = !quoted;
                out.push(c);
            }
            '(' if !quoted => depth = depth.saturating_add(1),
            ')' if !quoted && depth > 0 => depth = depth.saturating_sub(1),
            ';' if quoted => out.push(' '),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The domain of `user@domain`, `@domain` or `domain`, lower-cased.
fn domain_of(value: &str) -> Option<String> {
    let v = value.trim().trim_matches('"');
    let d = v.rsplit_once('@').map_or(v, |(_, d)| d);
    let d = d.trim_end_matches('>').trim();
    (!d.is_empty()).then(|| d.to_ascii_lowercase())
}

/// The verdicts of one `Authentication-Results` value (RFC 8601 §2.2).
pub fn authentication_results(value: &str) -> Vec<AuthResult> {
    let clean = strip_comments(value);
    let mut statements = clean.split(';');
    let authserv_id = statements
        .next()
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or("")
        .to_string();
    let mut results = Vec::new();
    for statement in statements {
        let mut words = statement.split_whitespace();
        let Some((method, result)) = words.next().and_then(|w| w.split_once('=')) else {
            continue;
        };
        let method = method.split('/').next().unwrap_or(method).to_ascii_lowercase();
        let props: Vec<(String, &str)> = words
            .filter_map(|w| w.split_once('='))
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
        let prop = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| props.iter().find(|(p, _)| p == k))
                .and_then(|(_, v)| domain_of(v))
        };
        let domain = match method.as_str() {
            "spf" => prop(&["smtp.mailfrom", "smtp.helo"]),
            "dkim" | "domainkeys" => prop(&["header.d", "header.i"]),
            "dmarc" => prop(&["header.from"]),
            _ => prop(&["header.d", "header.i", "header.from", "smtp.mailfrom"]),
        };
        results.push(AuthResult {
            authserv_id: authserv_id.clone(),
            method,
            result: result.trim().to_ascii_lowercase(),
            domain,
        });
    }
    results
}

/// The signer of one `DKIM-Signature` value: its `d=` and `s=` tags.
pub fn dkim_signature(value: &str) -> DkimSignature {
    let tag = |name: &str| {
        value.split(';').find_map(|t| {
            let (k, v) = t.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.split_whitespace().collect::<String>())
        })
    };
    DkimSignature {
        domain: tag("d").map(|d| d.to_ascii_lowercase()),
        selector: tag("s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXCHANGE: &[u8] = b"Received: from EX1.contoso.com (10.0.0.1) by EX2.contoso.com (10.0.0.2) with Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384) id 15.1.2242.4; Tue, 13 Jan 2004 17:23:43 +0000\r\n\
Received: from ex0.contoso.com ([10.0.0.9]) by ex1.contoso.com with Microsoft SMTPSVC(6.0.3790.1830);\r\n\t Tue, 13 Jan 2004 09:20:43 -0800\r\n\
Received: garbage\r\n\
From: =?iso-8859-1?q?J=F6rg?= <joerg@Contoso.com>\r\n\
To: undisclosed-recipients:;\r\n\
Cc: a@b.example, \"B\" <b@c.example>\r\n\
Subject: =?UTF-8?B?w6lkaXRpb24=?= =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\n\
Date: Tue, 13 Jan 2004 17:24:00 +0000\r\n\
Message-ID: <1234@ex1.contoso.com>\r\n\
X-Mailer: Microsoft Office Outlook 11\r\n\
X-MS-Exchange-Organization-AuthAs: Anonymous\r\n\
X-MS-Has-Attach: yes\r\n\
Authentication-Results: mx.example.net;\r\n  dkim=pass header.i=@contoso.com header.s=sel;\r\n  spf=softfail (domain of a@contoso.com; see) smtp.mailfrom=a@Contoso.com;\r\n  dmarc=pass header.from=contoso.com\r\n\
DKIM-Signature: v=1; a=rsa-sha256; d=Contoso.com; s=sel1;\r\n  h=from:to; b=abc\r\n\
Content-Type: multipart/mixed; boundary=\"=_b 1\"\r\n";

    #[test]
    fn message_fields_are_decoded() {
        let s = parse_section(EXCHANGE, true);
        let h = &s.headers;
        assert_eq!(h.from[0].name.as_deref(), Some("Jörg"));
        assert_eq!(h.from[0].domain().as_deref(), Some("contoso.com"));
        assert_eq!(h.to[0].name.as_deref(), Some("undisclosed-recipients:;"));
        assert_eq!(h.cc.len(), 2);
        assert_eq!(h.subject.as_deref(), Some("éditionテスト"));
        assert_eq!(h.message_id.as_deref(), Some("1234@ex1.contoso.com"));
        assert_eq!(h.date_utc.map(|d| d.secs), Some(1_074_014_640));
        assert_eq!(h.user_agent.as_deref(), Some("Microsoft Office Outlook 11"));
        assert_eq!(h.exchange("x-ms-exchange-organization-authas"), Some("Anonymous"));
        assert_eq!(h.exchange.len(), 2);
        assert_eq!(h.fields.len(), 15);
        assert_eq!(s.entity.content_type.as_deref(), Some("multipart/mixed"));
        assert_eq!(s.entity.boundary.as_deref(), Some("=_b 1"));
    }

    #[test]
    fn received_hops_keep_the_with_clause_as_sent() {
        let s = parse_section(EXCHANGE, true);
        assert_eq!(s.received.len(), 3);
        let newest = &s.received[0];
        assert_eq!(newest.from.as_deref(), Some("EX1.contoso.com"));
        assert_eq!(newest.by.as_deref(), Some("EX2.contoso.com"));
        assert_eq!(newest.with.as_deref(), Some("Microsoft SMTP Server"));
        assert_eq!(newest.id.as_deref(), Some("15.1.2242.4"));
        assert_eq!(newest.date.map(|d| d.secs), Some(1_074_014_623));
        let older = &s.received[1];
        assert_eq!(older.with.as_deref(), Some("Microsoft SMTPSVC"));
        assert_eq!(older.from_ip.as_deref(), Some("10.0.0.9"));
        assert_eq!(older.date.map(|d| d.secs), Some(1_074_014_443));
        assert_eq!(s.received[2].raw, "garbage");
        assert_eq!(s.received[2].date, None);
    }

    #[test]
    fn authentication_results_and_dkim_domains() {
        let s = parse_section(EXCHANGE, true);
        let ar = &s.headers.authentication_results;
        let got: Vec<(&str, &str, Option<&str>)> = ar
            .iter()
            .map(|r| (r.method.as_str(), r.result.as_str(), r.domain.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("dkim", "pass", Some("contoso.com")),
                ("spf", "softfail", Some("contoso.com")),
                ("dmarc", "pass", Some("contoso.com"))
            ]
        );
        assert!(ar.iter().all(|r| r.authserv_id == "mx.example.net"));
        let dkim = &s.headers.dkim_signatures[0];
        assert_eq!(dkim.domain.as_deref(), Some("contoso.com"));
        assert_eq!(dkim.selector.as_deref(), Some("sel1"));
    }

    #[test]
    fn entity_headers_with_rfc2231_and_rfc2047_names() {
        let s = parse_section(
            b"Content-Type: application/pdf; name*=UTF-8''%E2%82%AC%20rates.pdf\r\n\
Content-Transfer-Encoding: BASE64\r\n\
Content-Disposition: attachment; filename*0=\"long\"; filename*1=\"name.txt\"\r\n\
Content-ID: <img1@x>\r\n",
            false,
        );
        assert_eq!(s.entity.content_type.as_deref(), Some("application/pdf"));
        assert_eq!(s.entity.transfer_encoding.as_deref(), Some("base64"));
        assert_eq!(s.entity.disposition.as_deref(), Some("attachment"));
        assert_eq!(s.entity.name.as_deref(), Some("longname.txt"));
        assert_eq!(s.entity.content_id.as_deref(), Some("img1@x"));
        assert!(s.headers.fields.is_empty());
        let named = parse_section(
            b"Content-Type: text/plain; name=\"=?UTF-8?Q?caf=C3=A9.txt?=\"; charset=UTF-8\r\n",
            false,
        );
        assert_eq!(named.entity.name.as_deref(), Some("café.txt"));
        assert_eq!(named.entity.charset.as_deref(), Some("utf-8"));
    }

    #[test]
    fn empty_and_garbage_sections_give_nothing() {
        assert_eq!(parse_section(b"", true).entity, EntityHeaders::default());
        let s = parse_section(b"\xff\xfe: \x00\r\nno colon here\r\n", true);
        assert_eq!(s.entity, EntityHeaders::default());
    }

    #[test]
    fn unfolding() {
        assert_eq!(unfold(" a\r\n\t b \r\n  c "), "a b c");
    }
}
