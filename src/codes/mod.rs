//! What SMTP reply codes mean: the basic three-digit codes of RFC 5321, the enhanced status codes of
//! RFC 3463 and the IANA registry of RFC 5248, the codes Exchange Server 2003–2019 and Exchange
//! Online add, and the non-delivery reports of KB 895853 with their causes and steps.
//!
//! Owns the tables (modules `basic`, `enhanced`, `ndr`) and the lookups over them: [`meaning`] (one
//! short line for a reply, as the report prints it after a refusal) and [`lookup`] (everything known
//! about one code, for `smtpscope explain`). The facts come from the RFCs, the IANA registry and
//! Microsoft's documentation; the wording is ours. A code no table knows is explained by its parts
//! (class, subject), never guessed.
//!
//! Must not: judge a session or decide on a finding (that is `rules`), or print.

/// One [`Entry`] of a table, for the tables' own macros (each with its default source).
macro_rules! entry {
    ($code:literal, $title:literal, $detail:literal, $source:expr) => {
        Entry {
            code: $code,
            title: $title,
            detail: $detail,
            source: $source,
        }
    };
}

mod basic;
mod enhanced;
mod exchange;
mod ndr;

use std::fmt;

use crate::l10n::Text;
use crate::smtp::reply::Reply;

pub use ndr::Ndr;

/// Where a code's meaning is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// RFC 5321 §4.2 (basic reply codes), or the RFC named.
    Rfc(&'static str),
    /// The IANA registry of enhanced status codes (RFC 5248), with the RFC that registered the code.
    Iana(&'static str),
    /// Microsoft Exchange: the versions that send it.
    Exchange(&'static str),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Rfc(rfc) => f.write_str(rfc),
            Source::Iana(rfc) => write!(f, "IANA registry ({rfc})"),
            Source::Exchange(versions) => write!(f, "Exchange {versions}"),
        }
    }
}

/// One code's entry in a table.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// The code as tables write it: `550`, `X.7.1` (any class), or a class-specific `5.7.54`.
    pub code: &'static str,
    /// A few words.
    pub title: &'static str,
    /// What it means for a mail administrator, in a sentence or two.
    pub detail: &'static str,
    /// Who defines it.
    pub source: Source,
}

impl Source {
    /// Where it is defined, in the report's language (`IANA registry (RFC 3463)`).
    pub fn text(&self) -> Text {
        match self {
            Source::Iana(rfc) => crate::msg!("code-source-iana", rfc = *rfc),
            _ => self.to_string().into(),
        }
    }
}

impl Entry {
    /// The message id of its title in the catalogues (`code-X-7-1`, `code-4-7-500-699`).
    pub fn title_id(&self) -> String {
        format!("code-{}", self.code.replace('.', "-"))
    }

    /// Its title in the report's language.
    pub fn title_text(&self) -> Text {
        Text::source(self.title_id(), self.title)
    }

    /// The message id of its detail in the catalogues (`code-X-7-1-detail`).
    pub fn detail_id(&self) -> String {
        format!("{}-detail", self.title_id())
    }

    /// Its detail in the report's language.
    pub fn detail_text(&self) -> Text {
        Text::source(self.detail_id(), self.detail)
    }
}

/// Every NDR described, for the catalogues' tests.
pub fn ndrs() -> &'static [Ndr] {
    ndr::TABLE
}

/// Every entry of every table (the ranges included), for the catalogues' tests.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    basic::TABLE
        .iter()
        .chain(enhanced::TABLE)
        .chain(exchange::TABLE)
        .chain(exchange::ranges())
}

/// The basic reply code `code` (RFC 5321 §4.2.2–4.2.3 and the extensions that add codes).
pub fn basic(code: u16) -> Option<&'static Entry> {
    // The tables write three digits; `code`'s are compared with them without parsing each entry.
    let digits = three_digits(code)?;
    basic::TABLE.iter().find(|e| e.code.as_bytes() == digits)
}

/// The three decimal digits of `code`, when it has three.
fn three_digits(code: u16) -> Option<[u8; 3]> {
    if !(100..=999).contains(&code) {
        return None;
    }
    let digit = |n: u16| b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0));
    Some([digit(code / 100), digit(code / 10), digit(code)])
}

/// The enhanced status code `code` (`5.7.54`): Exchange's class-specific codes first, then the
/// registry's `X.subject.detail` entry for any class.
pub fn enhanced(code: &str) -> Option<&'static Entry> {
    let (class, rest) = code.split_once('.')?;
    if !matches!(class, "2" | "4" | "5") {
        return None;
    }
    exchange::TABLE
        .iter()
        .find(|e| e.code == code)
        .or_else(|| exchange::range(code))
        .or_else(|| {
            enhanced::TABLE
                .iter()
                .find(|e| e.code.strip_prefix("X.") == Some(rest))
        })
}

/// What the class and subject of an enhanced code say when the detail is unknown (`5.7.999` →
/// "permanent failure; security or policy").
pub fn by_parts(code: &str) -> Option<String> {
    parts_words(code).map(|parts| parts.to_string())
}

/// What [`by_parts`] says: the words of an enhanced code's class and subject.
#[derive(Clone, Copy, Debug)]
pub struct Parts {
    class: &'static str,
    subject: &'static str,
}

impl fmt::Display for Parts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {} (detail not registered)", self.class, self.subject)
    }
}

/// The [`Parts`] of enhanced code `code`, when its class is one.
fn parts_words(code: &str) -> Option<Parts> {
    let mut parts = code.split('.');
    let class = match parts.next()? {
        "2" => "success",
        "4" => "persistent transient failure",
        "5" => "permanent failure",
        _ => return None,
    };
    let subject = match parts.next()? {
        "0" => "other or undefined status",
        "1" => "addressing",
        "2" => "mailbox",
        "3" => "mail system",
        "4" => "network and routing",
        "5" => "mail delivery protocol",
        "6" => "message content or media",
        "7" => "security or policy",
        _ => "unknown subject",
    };
    Some(Parts { class, subject })
}

/// [`by_parts`] in the report's language.
pub fn parts_text(code: &str) -> Option<Text> {
    let mut parts = code.split('.');
    let class = match parts.next()? {
        "2" => crate::msg!("code-class-2"),
        "4" => crate::msg!("code-class-4"),
        "5" => crate::msg!("code-class-5"),
        _ => return None,
    };
    let subject = match parts.next()? {
        "0" => crate::msg!("code-subject-0"),
        "1" => crate::msg!("code-subject-1"),
        "2" => crate::msg!("code-subject-2"),
        "3" => crate::msg!("code-subject-3"),
        "4" => crate::msg!("code-subject-4"),
        "5" => crate::msg!("code-subject-5"),
        "6" => crate::msg!("code-subject-6"),
        "7" => crate::msg!("code-subject-7"),
        _ => crate::msg!("code-subject-unknown"),
    };
    Some(crate::msg!("code-parts", class = class, subject = subject))
}

/// The non-delivery report of KB 895853 (or of Exchange's documentation) for an enhanced code.
pub fn ndr(code: &str) -> Option<&'static Ndr> {
    ndr::TABLE.iter().find(|n| n.code == code)
}

/// One short line saying what `reply` means: its enhanced code's title when the tables know it,
/// else its basic code's; `None` for a code nobody defines. Written as it is displayed (the JSON
/// report writes one for every reply).
pub fn meaning(reply: &Reply) -> Option<Meaning<'_>> {
    if let Some(code) = reply.enhanced.as_deref() {
        if let Some(entry) = enhanced(code) {
            return Some(Meaning::Enhanced(code, entry));
        }
    }
    let basic = basic(reply.code)?;
    Some(Meaning::Basic(
        reply.code,
        basic,
        reply.enhanced.as_deref().and_then(parts_words),
    ))
}

/// What a reply's code means ([`meaning`]): `5.7.1 Delivery not authorized, message refused`,
/// or `452 Requested action not taken: insufficient system storage`, with what an unregistered
/// enhanced code's class and subject say after a `;`.
#[derive(Clone, Copy, Debug)]
pub enum Meaning<'a> {
    /// An enhanced code the tables know, and its entry.
    Enhanced(&'a str, &'static Entry),
    /// The basic code, its entry, and the words of an enhanced code the tables do not know.
    Basic(u16, &'static Entry, Option<Parts>),
}

impl fmt::Display for Meaning<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Meaning::Enhanced(code, entry) => write!(f, "{code} {}", entry.title),
            Meaning::Basic(code, entry, None) => write!(f, "{code} {}", entry.title),
            Meaning::Basic(code, entry, Some(parts)) => write!(f, "{code} {}; {parts}", entry.title),
        }
    }
}

/// [`meaning`] in the report's language (the codes as they are, the titles translated).
pub fn meaning_text(reply: &Reply) -> Option<Text> {
    if let Some(code) = reply.enhanced.as_deref() {
        if let Some(entry) = enhanced(code) {
            return Some(Text::join(vec![code.into(), entry.title_text()], " "));
        }
    }
    let basic = basic(reply.code)?;
    let head = Text::join(vec![reply.code.to_string().into(), basic.title_text()], " ");
    match reply.enhanced.as_deref().and_then(parts_text) {
        Some(parts) => Some(Text::join(vec![head, parts], "; ")),
        None => Some(head),
    }
}

/// Everything the tables know about one code the user typed.
#[derive(Debug)]
pub struct Lookup {
    /// The code as understood (`452`, `5.7.3`, or both for `550 5.7.1`).
    pub query: String,
    /// The basic code's entry.
    pub basic: Option<&'static Entry>,
    /// The enhanced code, when one was given.
    pub enhanced_code: Option<String>,
    /// Its entry (Exchange's own first).
    pub enhanced: Option<&'static Entry>,
    /// The registry's generic entry too, when Exchange's was found first and differs.
    pub registry: Option<&'static Entry>,
    /// The class and subject, when no table knows the detail.
    pub parts: Option<String>,
    /// The non-delivery report with causes and steps.
    pub ndr: Option<&'static Ndr>,
}

/// Looks up `query`: `452`, `5.7.3`, `X.7.1`, `550 5.7.1` or `550-5.7.1`; `None` when it is no
/// code at all.
pub fn lookup(query: &str) -> Option<Lookup> {
    let query = query.trim();
    let mut words = query.split([' ', '-']).filter(|w| !w.is_empty());
    let first = words.next()?;
    let (basic_code, enhanced_word) = if first.len() == 3 && first.bytes().all(|b| b.is_ascii_digit()) {
        (first.parse::<u16>().ok(), words.next())
    } else {
        (None, Some(first))
    };
    let enhanced_code = match enhanced_word {
        Some(word) => {
            // `X.7.1` is explained as the permanent form, as the registry lists it.
            let word = match word.strip_prefix(['X', 'x']) {
                Some(rest) => format!("5{rest}"),
                None => word.to_string(),
            };
            Some(crate::smtp::reply::enhanced_code(&word)?)
        }
        None => None,
    };
    if basic_code.is_none() && enhanced_code.is_none() {
        return None;
    }
    let basic = basic_code.and_then(basic);
    if basic_code.is_some() && basic.is_none() && enhanced_code.is_none() {
        return None;
    }
    let entry = enhanced_code.as_deref().and_then(enhanced);
    let registry = enhanced_code.as_deref().and_then(|code| {
        let generic = format!("X.{}", code.split_once('.')?.1);
        enhanced::TABLE
            .iter()
            .find(|e| e.code == generic)
            .filter(|g| entry.is_some_and(|e| e.code != g.code))
    });
    let parts = match (&enhanced_code, entry) {
        (Some(code), None) => by_parts(code),
        _ => None,
    };
    Some(Lookup {
        query: [basic_code.map(|c| c.to_string()), enhanced_code.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        basic,
        ndr: enhanced_code.as_deref().and_then(ndr),
        enhanced_code,
        enhanced: entry,
        registry,
        parts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(code: u16, text: &str) -> Reply {
        Reply::single(code, text)
    }

    #[test]
    fn every_code_is_well_formed_and_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for e in basic::TABLE.iter().chain(enhanced::TABLE).chain(exchange::TABLE) {
            assert!(seen.insert(e.code), "{} listed twice", e.code);
            assert!(!e.title.is_empty() && !e.detail.is_empty(), "{}", e.code);
            assert!(!e.title.ends_with('.'), "{}: titles are not sentences", e.code);
            assert!(e.detail.ends_with('.'), "{}: details are sentences", e.code);
        }
        for e in basic::TABLE {
            assert!(e.code.len() == 3 && e.code.parse::<u16>().is_ok(), "{}", e.code);
        }
        for e in enhanced::TABLE {
            assert!(e.code.starts_with("X."), "{}", e.code);
        }
        for e in exchange::TABLE {
            assert!(crate::smtp::reply::enhanced_code(e.code).is_some(), "{}", e.code);
        }
        for n in ndr::TABLE {
            assert!(enhanced(n.code).is_some(), "the NDR {} has a table entry", n.code);
            assert!(!n.causes.is_empty() && !n.steps.is_empty(), "{}", n.code);
        }
    }

    #[test]
    fn exchange_codes_come_before_the_registry() {
        assert_eq!(
            enhanced("5.7.54").unwrap().source,
            Source::Exchange("2013–2019, Exchange Online")
        );
        assert!(enhanced("5.7.1").unwrap().title.contains("not authorized"));
        assert!(enhanced("4.7.1").unwrap().title.contains("not authorized"));
        assert!(enhanced("4.3.1").unwrap().title.contains("resources"));
        assert!(enhanced("4.7.512").unwrap().title.contains("throttl"));
        assert!(enhanced("5.7.620").unwrap().title.contains("IP"));
        assert_eq!(enhanced("3.1.1"), None);
        assert_eq!(enhanced("5.9.9"), None);
    }

    #[test]
    fn a_reply_is_explained_by_its_most_precise_code() {
        assert_eq!(
            meaning(&reply(550, "5.7.1 Unable to relay")).unwrap().to_string(),
            "5.7.1 Delivery not authorized, message refused"
        );
        assert_eq!(
            meaning(&reply(452, "Insufficient system storage"))
                .unwrap()
                .to_string(),
            "452 Requested action not taken: insufficient system storage"
        );
        assert_eq!(
            meaning(&reply(550, "5.7.999 x")).unwrap().to_string(),
            "550 Requested action not taken: mailbox unavailable; permanent failure; security or \
             policy (detail not registered)"
        );
        assert!(meaning(&reply(299, "x")).is_none());
    }

    #[test]
    fn queries_in_every_form() {
        let l = lookup("5.7.3").unwrap();
        assert_eq!(l.query, "5.7.3");
        assert!(l.ndr.is_some() && l.basic.is_none());
        let l = lookup("452").unwrap();
        assert!(l.basic.is_some() && l.enhanced.is_none());
        let l = lookup("550 5.7.54").unwrap();
        assert_eq!(l.query, "550 5.7.54");
        assert!(l.registry.is_none(), "no X.7.54 in the registry");
        let l = lookup("550-5.7.1").unwrap();
        assert!(l.basic.is_some() && l.enhanced.is_some() && l.ndr.is_some());
        assert!(lookup("X.4.7").unwrap().enhanced.is_some());
        assert!(lookup("5.7.999").unwrap().parts.is_some());
        assert!(lookup("hello").is_none());
        assert!(lookup("999").is_none());
        assert!(lookup("").is_none());
        assert!(lookup("5.7").is_none());
    }
}
