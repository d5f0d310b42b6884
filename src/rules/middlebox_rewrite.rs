//! `middlebox-rewrite`: a firewall's SMTP inspection rewrote the dialogue.
//!
//! Reference: PROTOCOL.md §5 (Cisco PIX `fixup protocol smtp` Mailguard, ASA `inspect esmtp`
//! masking, NOOP substitution) and §9 (evaluate middlebox signatures first), KB 843106 step 5,
//! KB 320027. Known false positives: a server whose banner really is mostly `*`. A bare `250 OK`
//! to `BDAT` counts only when the EHLO reply did not advertise CHUNKING (servers that do may
//! answer chunks that way: Zeek's BDAT test captures).

use super::facts::{self, Exchange};
use super::{Evidence, Finding, RuleInfo, RuleInput, Severity};
use crate::l10n::Text;
use crate::smtp::dialogue::{Dialogue, Position};
use crate::smtp::reply::Reply;

/// The catalogue entry.
pub static INFO: RuleInfo = RuleInfo {
    id: "middlebox-rewrite",
    severity: Severity::Error,
    title: "A firewall's SMTP inspection is rewriting the dialogue (extended verbs masked or replaced)",
    trigger: "Any of: a banner whose text is at least 80% `*` (PIX Mailguard); a command made of X's, or a \
              reply quoting one (verb masked on the way); an EHLO keyword matching ^X{3,}[A-Z]?$ (ASA \
              masking); a plain `250 OK` answering EHLO, X-EXPS, AUTH, XEXCH50 or BDAT (the verb was \
              replaced by NOOP; for BDAT only when CHUNKING was not advertised).",
    advice: &[
        "Disable SMTP inspection between the mail servers: `no fixup protocol smtp 25` on a PIX, \
         `no inspect esmtp` in the ASA's global policy (or an ESMTP policy map that allows the \
         extended verbs).",
        "While it is on, X-EXPS, XEXCH50, BDAT and STARTTLS cannot work: expect authentication, \
         XEXCH50 and relay failures in the same sessions, and fix this first.",
        "If no Cisco firewall is in the path, look for another SMTP proxy or an anti-virus SMTP gateway \
         between the servers.",
    ],
    caveats: "A banner that is mostly `*` by design would match too; a bare `250 OK` to BDAT is only \
              counted when CHUNKING was not advertised.",
    refs: &["KB 843106", "KB 320027", "docs/middleboxes.md"],
};

/// The verbs whose real reply is never a bare `250 OK` (PROTOCOL.md §5: a NOOP answered them).
const NOOP_SUBSTITUTED: &[&str] = &["EHLO", "X-EXPS", "AUTH", "XEXCH50", "BDAT"];

/// One matched signature: where, and what it is called.
struct Signature {
    at: Position,
    name: Text,
    lines: Vec<Evidence>,
}

/// Whether `text` is at least 80% `*` (the PIX keeps only `2`, `0`, CR and LF of the banner).
pub fn mostly_stars(text: &str) -> bool {
    let total = text.chars().count();
    let stars = text.chars().filter(|c| *c == '*').count();
    total > 0 && stars.saturating_mul(5) >= total.saturating_mul(4)
}

/// Whether `word` is a verb masked with X's (`XXXXXXX`): four or more, nothing else.
pub fn x_masked(word: &str) -> bool {
    word.len() >= 4 && word.bytes().all(|b| b == b'X')
}

/// Whether an EHLO keyword is ASA-masked: `^X{3,}[A-Z]?$`.
pub fn asa_masked_keyword(keyword: &str) -> bool {
    let body = match keyword.strip_suffix(|c: char| c.is_ascii_uppercase() && c != 'X') {
        Some(body) => body,
        None => keyword,
    };
    body.len() >= 3 && body.bytes().all(|b| b == b'X')
}

/// Whether a reply is a bare `250 OK` (optionally with an enhanced code), as a NOOP gets.
pub fn bare_ok(reply: &Reply) -> bool {
    let text = reply.text();
    let text = match &reply.enhanced {
        Some(code) => text.strip_prefix(code.as_str()).unwrap_or(text).trim(),
        None => text.trim(),
    };
    reply.code == 250 && reply.lines.len() == 1 && text.eq_ignore_ascii_case("OK")
}

fn banner_signature(dialogue: &Dialogue) -> Option<Signature> {
    let banner = dialogue.banner.as_ref()?;
    let text = banner.value.lines.join("");
    mostly_stars(&text).then(|| Signature {
        at: banner.at,
        name: crate::msg!("signature-pix-banner"),
        lines: vec![Evidence::line(
            banner.at,
            crate::net::Direction::ServerToClient,
            banner.value.first_line(),
        )],
    })
}

fn masked_verb_signatures(exchanges: &[Exchange<'_>]) -> Vec<Signature> {
    exchanges
        .iter()
        .filter_map(|e| {
            let quoted = e.reply.is_some_and(|(_, r)| {
                r.class() >= 4
                    && r.text()
                        .split(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\'' || c == ':')
                        .any(x_masked)
            });
            if x_masked(&e.command.verb) {
                Some(Signature {
                    at: e.at(),
                    name: crate::msg!("signature-verb-masked", verb = &e.command.verb),
                    lines: e.evidence(),
                })
            } else if quoted {
                Some(Signature {
                    at: e.at(),
                    name: crate::msg!("signature-verb-quoted-masked", verb = &e.command.verb),
                    lines: e.evidence(),
                })
            } else {
                None
            }
        })
        .collect()
}

fn asa_keyword_signature(dialogue: &Dialogue, exchanges: &[Exchange<'_>]) -> Option<Signature> {
    let masked: Vec<&str> = dialogue
        .extensions
        .iter()
        .map(|e| e.keyword.as_str())
        .filter(|k| asa_masked_keyword(k))
        .collect();
    if masked.is_empty() {
        return None;
    }
    let ehlo = exchanges.iter().find(|e| e.command.verb == "EHLO")?;
    let (item, _) = ehlo.reply?;
    Some(Signature {
        at: item.at,
        name: crate::msg!("signature-asa-keywords", keywords = masked.join(", ")),
        lines: masked
            .iter()
            .map(|k| Evidence::line(item.at, item.dir, format!("250-{k}")))
            .collect(),
    })
}

fn noop_signatures(dialogue: &Dialogue, exchanges: &[Exchange<'_>]) -> Vec<Signature> {
    // A server that advertises CHUNKING may well answer a chunk with a bare `250 OK`; a PIX that
    // turns BDAT into NOOP also hides CHUNKING from the EHLO reply.
    let chunking = facts::advertised(dialogue, "CHUNKING");
    exchanges
        .iter()
        .filter(|e| NOOP_SUBSTITUTED.contains(&e.command.verb.as_str()))
        .filter(|e| !(chunking && e.command.verb == "BDAT"))
        .filter(|e| e.reply.is_some_and(|(_, r)| bare_ok(r)))
        .map(|e| Signature {
            at: e.at(),
            name: crate::msg!("signature-noop", verb = &e.command.verb),
            lines: e.evidence(),
        })
        .collect()
}

/// The check.
pub fn check(input: &RuleInput<'_>) -> Option<Finding> {
    let dialogue = &input.session.dialogue;
    let exchanges = input.exchanges();
    let mut found: Vec<Signature> = Vec::new();
    found.extend(banner_signature(dialogue));
    found.extend(asa_keyword_signature(dialogue, exchanges));
    found.extend(masked_verb_signatures(exchanges));
    found.extend(noop_signatures(dialogue, exchanges));
    found.sort_by_key(|s| s.at.frame);
    let first = found.first()?;
    let names: Vec<Text> = found.iter().map(|s| s.name.clone()).collect();
    let evidence = found.iter().flat_map(|s| {
        std::iter::once(Evidence::fact(
            Some(s.at),
            crate::msg!("evidence-signature", name = &s.name),
        ))
        .chain(s.lines.clone())
    });
    Some(
        Finding::new(
            &INFO,
            Some(first.at),
            None,
            crate::msg!("summary-middlebox-rewrite", signatures = Text::join(names, "; ")),
        )
        .evidence(evidence.collect::<Vec<_>>())
        .count(u64::try_from(found.len()).unwrap_or(u64::MAX)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_match_the_masks_and_nothing_plain() {
        assert!(mostly_stars("******2***0*****"));
        assert!(!mostly_stars("ex2.contoso.com Microsoft ESMTP MAIL Service"));
        assert!(!mostly_stars(""));
        assert!(x_masked("XXXXXXX"));
        assert!(!x_masked("XXX"));
        assert!(!x_masked("XEXCH50"));
        for masked in ["XXXXXXXA", "XXXXXXXB", "XXX", "XXXXXXXX"] {
            assert!(asa_masked_keyword(masked), "{masked}");
        }
        for plain in ["XEXCH50", "X-EXPS", "XX", "XXXXab", "XRDST", "XXXXAB"] {
            assert!(!asa_masked_keyword(plain), "{plain}");
        }
    }

    fn reply(code: u16, lines: &[&str]) -> Reply {
        Reply {
            code,
            enhanced: crate::smtp::reply::enhanced_code(lines.first().copied().unwrap_or("")),
            lines: lines.iter().map(|l| (*l).to_string()).collect(),
        }
    }

    #[test]
    fn bare_ok_is_only_a_single_line_250_ok() {
        assert!(bare_ok(&reply(250, &["OK"])));
        assert!(bare_ok(&reply(250, &["2.0.0 OK"])));
        assert!(!bare_ok(&reply(250, &["XEXCH50 OK"])));
        assert!(!bare_ok(&reply(250, &["ex2 Hello", "OK"])));
        assert!(!bare_ok(&reply(354, &["OK"])));
    }
}
