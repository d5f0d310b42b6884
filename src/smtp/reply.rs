//! Server reply lines → complete [`Reply`]s, and EHLO keywords out of a 250 reply.
//!
//! Owns the reply grammar of RFC 5321 §4.2 (`code ("-" / SP) [text]`, a reply ends at the line with
//! `code SP` or exactly `code`), enhanced status codes (RFC 3463 §2: the first word of the text when
//! it is `class.subject.detail` with class 2, 4 or 5), and the EHLO keyword syntax of §4.1.1.1.
//! [`ReplyAssembler`] collects lines across TCP segments and reports when a continuation line
//! changes the code. Must not: match replies to commands (that is the session's job) or judge what
//! a code means for Exchange.

use std::borrow::Cow;

use serde::Serialize;

/// One parsed reply line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyLine {
    /// The three-digit code.
    pub code: u16,
    /// Whether this line ends the reply (`code SP` or a bare code).
    pub last: bool,
    /// The text after the code and its separator (lossy UTF-8).
    pub text: String,
}

/// Parses one reply line (without its terminator); `None` when it does not start with three digits
/// followed by `-`, a space, or nothing. The first digit must be 1–5.
pub fn parse_reply_line(line: &[u8]) -> Option<ReplyLine> {
    let (digits, rest) = line.split_at_checked(3)?;
    if !digits.iter().all(u8::is_ascii_digit) || !matches!(digits.first(), Some(b'1'..=b'5')) {
        return None;
    }
    let code = digits.iter().fold(0u16, |acc, d| {
        acc.saturating_mul(10)
            .saturating_add(u16::from(d.saturating_sub(b'0')))
    });
    let (last, text) = match rest.split_first() {
        None => (true, &[][..]),
        Some((b' ', text)) => (true, text),
        Some((b'-', text)) => (false, text),
        Some(_) => return None,
    };
    Some(ReplyLine {
        code,
        last,
        text: String::from_utf8_lossy(text).into_owned(),
    })
}

/// The enhanced status code (`5.7.1`) at the start of `text`, if there is one.
pub fn enhanced_code(text: &str) -> Option<String> {
    let word = text.split_ascii_whitespace().next()?;
    let mut parts = word.split('.');
    let class = parts.next()?;
    let subject = parts.next()?;
    let detail = parts.next()?;
    let digits =
        |s: &str, max: usize| !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
    let valid =
        parts.next().is_none() && matches!(class, "2" | "4" | "5") && digits(subject, 3) && digits(detail, 3);
    valid.then(|| word.to_string())
}

/// A complete reply. Serialized with its lines as [`Reply::shown_lines`]: a `334` payload is
/// summarised, never written out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The code of its first line.
    pub code: u16,
    /// The enhanced status code of its first line, if any.
    pub enhanced: Option<String>,
    /// The text of every line, in order (none for a reply inferred from a capture gap, whose text
    /// is unknown).
    pub lines: Vec<String>,
}

impl Reply {
    /// A one-line reply with `text` after the code, its enhanced code read from the text (as the
    /// assembler reads it).
    pub fn single(code: u16, text: &str) -> Reply {
        Reply {
            code,
            enhanced: enhanced_code(text),
            lines: vec![text.to_string()],
        }
    }

    /// The text of the first line.
    pub fn text(&self) -> &str {
        self.lines.first().map_or("", String::as_str)
    }

    /// The lines as shown without `--show-secrets`: a `334`'s text is a SASL challenge, which is
    /// summarised by its type and length unless it is a short printable prompt
    /// ([`crate::auth::challenge_shown`]); every other reply's lines as they are. By the code, not by
    /// what command came before: a `334` to anything is treated so.
    pub fn shown_lines(&self) -> Cow<'_, [String]> {
        if self.code == 334 {
            Cow::Owned(
                self.lines
                    .iter()
                    .map(|l| crate::auth::challenge_shown(l))
                    .collect(),
            )
        } else {
            Cow::Borrowed(&self.lines)
        }
    }

    /// `250 text` of the first line, as a one-line rendering (a `334` challenge summarised, as
    /// [`Reply::shown_lines`]).
    pub fn first_line(&self) -> String {
        let shown = self.shown_lines();
        let text = shown.first().map_or("", String::as_str);
        if text.is_empty() {
            self.code.to_string()
        } else {
            format!("{} {text}", self.code)
        }
    }

    /// The first digit of the code (2 success, 3 intermediate, 4 transient, 5 permanent).
    pub fn class(&self) -> u16 {
        self.code / 100
    }
}

impl Serialize for Reply {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Reply", 3)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("enhanced", &self.enhanced)?;
        s.serialize_field("lines", &self.shown_lines())?;
        s.end()
    }
}

/// Most lines a reply keeps: the first `MAX_REPLY_LINES - 1` and the last; those between are
/// counted, not stored. Exchange allows 50 (PROTOCOL.md §1.1).
pub const MAX_REPLY_LINES: usize = 200;

/// What feeding one line produced.
#[derive(Debug, PartialEq, Eq)]
pub enum Assembled {
    /// The line continued a reply that is not finished yet.
    Partial,
    /// The line finished a reply.
    Complete(Reply),
}

/// Collects reply lines until the last one.
#[derive(Debug, Default)]
pub struct ReplyAssembler {
    current: Option<Reply>,
    /// The latest line past the kept ones (it becomes the kept last line).
    latest: Option<String>,
    /// Whether a continuation line of the current reply carried another code.
    pub code_changed: bool,
    /// Lines of the current reply not kept (between the first kept ones and the last).
    pub lines_dropped: u64,
    /// Their bytes (text only).
    pub bytes_dropped: u64,
}

impl ReplyAssembler {
    /// Whether a multi-line reply is in progress.
    pub fn in_progress(&self) -> bool {
        self.current.is_some()
    }

    /// Adds one line; on completion the assembler is ready for the next reply (check
    /// `code_changed`, `lines_dropped` and `bytes_dropped` before feeding again; they are reset
    /// by the next line).
    pub fn push(&mut self, line: ReplyLine) -> Assembled {
        let reply = match self.current.as_mut() {
            Some(reply) => {
                self.code_changed |= reply.code != line.code;
                reply
            }
            None => {
                self.code_changed = false;
                self.lines_dropped = 0;
                self.bytes_dropped = 0;
                self.current.insert(Reply {
                    code: line.code,
                    enhanced: enhanced_code(&line.text),
                    lines: Vec::new(),
                })
            }
        };
        if reply.lines.len() < MAX_REPLY_LINES.saturating_sub(1) {
            reply.lines.push(line.text);
        } else if let Some(dropped) = self.latest.replace(line.text) {
            self.lines_dropped = self.lines_dropped.saturating_add(1);
            self.bytes_dropped = self.bytes_dropped.saturating_add(dropped.len() as u64);
        }
        if line.last {
            self.take().map_or(Assembled::Partial, Assembled::Complete)
        } else {
            Assembled::Partial
        }
    }

    /// The reply so far, with its latest line kept last.
    fn take(&mut self) -> Option<Reply> {
        let mut reply = self.current.take()?;
        reply.lines.extend(self.latest.take());
        Some(reply)
    }

    /// Ends the reply in progress, unfinished (a gap or the end of the connection).
    pub fn abandon(&mut self) -> Option<Reply> {
        self.take()
    }
}

/// One EHLO keyword line (`250-X-EXPS GSSAPI NTLM`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Extension {
    /// The keyword as sent (case kept: Exchange 2003 sends `8bitmime`).
    pub keyword: String,
    /// The parameters, split on spaces.
    pub params: Vec<String>,
}

impl Extension {
    /// Splits one EHLO line's text into keyword and parameters (`None` for an empty line).
    pub fn parse(text: &str) -> Option<Extension> {
        let mut words = text.split_ascii_whitespace();
        let keyword = words.next()?.to_string();
        Some(Extension {
            keyword,
            params: words.map(str::to_string).collect(),
        })
    }

    /// Whether the keyword equals `name`, ignoring case.
    pub fn is(&self, name: &str) -> bool {
        self.keyword.eq_ignore_ascii_case(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(bytes: &[u8]) -> ReplyLine {
        parse_reply_line(bytes).unwrap()
    }

    #[test]
    fn reply_lines() {
        assert_eq!(
            line(b"250-ex2.contoso.com Hello [10.0.0.11]"),
            ReplyLine {
                code: 250,
                last: false,
                text: "ex2.contoso.com Hello [10.0.0.11]".into()
            }
        );
        assert!(line(b"250 OK").last);
        assert_eq!(line(b"250").text, "");
        assert!(line(b"250").last);
        assert_eq!(line(b"250 ").text, "");
        assert_eq!(line(b"220  two spaces").text, " two spaces");
    }

    #[test]
    fn non_replies_are_rejected() {
        for bad in [
            &b""[..],
            b"25",
            b"2500 x",
            b"25a x",
            b"650 x",
            b"050 x",
            b"EHLO x",
            b"250x",
        ] {
            assert_eq!(parse_reply_line(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn prefixes_of_a_reply_line() {
        let full = b"250-2.1.5 bob@contoso.com";
        let parsed: Vec<bool> = (0..=full.len())
            .map(|end| parse_reply_line(&full[..end]).is_some())
            .collect();
        assert!(
            parsed[..3].iter().all(|p| !p),
            "fewer than three digits is no reply"
        );
        assert!(
            parsed[3..].iter().all(|p| *p),
            "a code alone is a complete last line"
        );
        assert!(line(&full[..3]).last);
        assert!(!line(&full[..4]).last);
        assert_eq!(enhanced_code(&line(&full[..8]).text), None);
        assert_eq!(enhanced_code(&line(&full[..9]).text).as_deref(), Some("2.1.5"));
    }

    #[test]
    fn enhanced_codes() {
        assert_eq!(enhanced_code("5.7.1 Unable to relay").as_deref(), Some("5.7.1"));
        assert_eq!(enhanced_code("2.6.0 <id> Queued").as_deref(), Some("2.6.0"));
        assert_eq!(enhanced_code("4.7.0").as_deref(), Some("4.7.0"));
        assert_eq!(enhanced_code("Need to authenticate first"), None);
        assert_eq!(enhanced_code("3.1.0 x"), None);
        assert_eq!(enhanced_code("5.7 x"), None);
        assert_eq!(enhanced_code("5.7.1.2 x"), None);
        assert_eq!(enhanced_code("5.7.1234 x"), None);
        assert_eq!(enhanced_code(""), None);
    }

    #[test]
    fn multi_line_replies_are_assembled() {
        let mut a = ReplyAssembler::default();
        assert_eq!(a.push(line(b"250-ex2 Hello")), Assembled::Partial);
        assert!(a.in_progress());
        assert_eq!(a.push(line(b"250-PIPELINING")), Assembled::Partial);
        let Assembled::Complete(r) = a.push(line(b"250 OK")) else {
            panic!()
        };
        assert_eq!(r.lines, ["ex2 Hello", "PIPELINING", "OK"]);
        assert!(!a.code_changed);
        assert!(!a.in_progress());
    }

    #[test]
    fn a_code_change_mid_reply_is_reported() {
        let mut a = ReplyAssembler::default();
        a.push(line(b"250-first"));
        let Assembled::Complete(r) = a.push(line(b"550 second")) else {
            panic!()
        };
        assert_eq!(r.code, 250);
        assert!(a.code_changed);
        a.push(line(b"221 bye"));
        assert!(!a.code_changed);
    }

    #[test]
    fn reply_lines_beyond_the_limit_are_counted() {
        let mut a = ReplyAssembler::default();
        for _ in 0..MAX_REPLY_LINES + 5 {
            a.push(line(b"250-x"));
        }
        let Assembled::Complete(r) = a.push(line(b"250 end")) else {
            panic!()
        };
        assert_eq!(r.lines.len(), MAX_REPLY_LINES);
        assert_eq!(a.lines_dropped, 6);
        assert_eq!(a.abandon(), None);
    }

    #[test]
    fn ehlo_keywords() {
        let e = Extension::parse("X-EXPS GSSAPI NTLM LOGIN").unwrap();
        assert_eq!(e.keyword, "X-EXPS");
        assert_eq!(e.params, ["GSSAPI", "NTLM", "LOGIN"]);
        assert!(Extension::parse("8bitmime").unwrap().is("8BITMIME"));
        assert_eq!(Extension::parse("X-EXPS=LOGIN").unwrap().keyword, "X-EXPS=LOGIN");
        assert_eq!(Extension::parse("  "), None);
    }
}
