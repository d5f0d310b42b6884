//! One client command line → [`Command`]: the verb by its full name, the argument as sent, and the
//! structured arguments of the verbs the decoder acts on (MAIL/RCPT paths and ESMTP parameters,
//! AUTH/X-EXPS mechanism and initial response, XEXCH50 and BDAT sizes).
//!
//! Pure functions of one line (without its terminator). Verbs are matched case-insensitively
//! (RFC 5321 §2.4) and kept whole: `XEXCH50`, never a four-letter prefix. Numbers from the wire are
//! parsed into [`SizeArg`], which records signed, non-decimal and huge values as such instead of
//! overflowing (MS03-046 exploits send exactly those). Must not: keep state or know what came
//! before the line.

use serde::Serialize;

/// Every verb the decoder knows by name: RFC 5321 and its extensions, and the Exchange verbs of
/// PROTOCOL.md §3. Anything else is [`Verb::Other`], kept as sent (upper-cased).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Verb {
    /// `HELO` (RFC 5321).
    Helo,
    /// `EHLO` (RFC 5321).
    Ehlo,
    /// `LHLO` (RFC 2033).
    Lhlo,
    /// `MAIL` (RFC 5321).
    Mail,
    /// `RCPT` (RFC 5321).
    Rcpt,
    /// `DATA` (RFC 5321).
    Data,
    /// `BDAT` (RFC 3030).
    Bdat,
    /// `RSET` (RFC 5321).
    Rset,
    /// `VRFY` (RFC 5321).
    Vrfy,
    /// `EXPN` (RFC 5321).
    Expn,
    /// `HELP` (RFC 5321).
    Help,
    /// `NOOP` (RFC 5321).
    Noop,
    /// `QUIT` (RFC 5321).
    Quit,
    /// `TURN` (RFC 821).
    Turn,
    /// `ATRN` (RFC 2645).
    Atrn,
    /// `ETRN` (RFC 1985).
    Etrn,
    /// `STARTTLS` (RFC 3207).
    StartTls,
    /// `AUTH` (RFC 4954).
    Auth,
    /// `XAUTH` (Exchange 5.0's pre-RFC AUTH).
    Xauth,
    /// `X-EXPS`: Exchange server-to-server authentication (KB 812455).
    XExps,
    /// `XEXCH50`: Exchange MAPI property BLOB transfer (KB 812455).
    Xexch50,
    /// `X-LINK2STATE`: Exchange 2000/2003 link-state routing (KB 812455).
    XLink2State,
    /// `X-ANONYMOUSTLS`: Exchange 2007+ anonymous TLS before EXCHANGEAUTH.
    XAnonymousTls,
    /// `XSHADOW` (Exchange 2010+ shadow redundancy).
    Xshadow,
    /// `XSHADOWREQUEST` (Exchange 2010+ shadow redundancy).
    XshadowRequest,
    /// `XQDISCARD` (Exchange 2010+ shadow redundancy).
    Xqdiscard,
    /// `XPROXY` (Exchange 2013+ front-end proxy).
    Xproxy,
    /// `XPROXYFROM` (Exchange 2013+ front-end proxy).
    XproxyFrom,
    /// `XPROXYTO` (Exchange 2013+ front-end proxy).
    XproxyTo,
    /// `XSESSIONPARAMS` (Exchange 2013+ mailbox delivery).
    XsessionParams,
    /// `XRDST` (Exchange 2007+).
    Xrdst,
    /// Any other verb, upper-cased.
    Other(String),
}

/// Known verbs with their names (the table `Verb::from_upper` and [`Verb::name`] share).
const KNOWN_VERBS: &[(&str, Verb)] = &[
    ("HELO", Verb::Helo),
    ("EHLO", Verb::Ehlo),
    ("LHLO", Verb::Lhlo),
    ("MAIL", Verb::Mail),
    ("RCPT", Verb::Rcpt),
    ("DATA", Verb::Data),
    ("BDAT", Verb::Bdat),
    ("RSET", Verb::Rset),
    ("VRFY", Verb::Vrfy),
    ("EXPN", Verb::Expn),
    ("HELP", Verb::Help),
    ("NOOP", Verb::Noop),
    ("QUIT", Verb::Quit),
    ("TURN", Verb::Turn),
    ("ATRN", Verb::Atrn),
    ("ETRN", Verb::Etrn),
    ("STARTTLS", Verb::StartTls),
    ("AUTH", Verb::Auth),
    ("XAUTH", Verb::Xauth),
    ("X-EXPS", Verb::XExps),
    ("XEXCH50", Verb::Xexch50),
    ("X-LINK2STATE", Verb::XLink2State),
    ("X-ANONYMOUSTLS", Verb::XAnonymousTls),
    ("XSHADOW", Verb::Xshadow),
    ("XSHADOWREQUEST", Verb::XshadowRequest),
    ("XQDISCARD", Verb::Xqdiscard),
    ("XPROXY", Verb::Xproxy),
    ("XPROXYFROM", Verb::XproxyFrom),
    ("XPROXYTO", Verb::XproxyTo),
    ("XSESSIONPARAMS", Verb::XsessionParams),
    ("XRDST", Verb::Xrdst),
];

/// The longest verb kept; a longer first word is not a command.
pub const MAX_VERB_LEN: usize = 32;

impl Verb {
    /// The verb of an upper-cased verb token.
    fn from_upper(upper: &str) -> Verb {
        KNOWN_VERBS
            .iter()
            .find(|(name, _)| *name == upper)
            .map(|(_, verb)| verb.clone())
            .unwrap_or_else(|| Verb::Other(upper.to_string()))
    }

    /// The verb's name as the report shows it (upper case, never truncated).
    pub fn name(&self) -> &str {
        match self {
            Verb::Other(name) => name,
            known => KNOWN_VERBS
                .iter()
                .find(|(_, verb)| verb == known)
                .map_or("", |(name, _)| name),
        }
    }

    /// Whether the verb is one of the named ones (not [`Verb::Other`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, Verb::Other(_))
    }

    /// Whether this verb starts a SASL exchange (`AUTH`, `XAUTH`, `X-EXPS`).
    pub fn is_sasl(&self) -> bool {
        matches!(self, Verb::Auth | Verb::Xauth | Verb::XExps)
    }
}

/// A number from the wire (a size or a count), with what is wrong with it if anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SizeArg {
    /// The token as sent.
    pub text: String,
    /// Its value when it is a plain decimal that fits in 64 bits.
    pub value: Option<u64>,
    /// What is wrong with it, if anything.
    pub problem: Option<SizeProblem>,
}

/// Why a number from the wire is not a plain decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeProblem {
    /// The argument is missing.
    Missing,
    /// It starts with `-` or `+` (an MS03-046 exploit signature for XEXCH50).
    Signed,
    /// It holds a character that is not a decimal digit.
    NotDecimal,
    /// It does not fit in 64 bits.
    TooLarge,
}

impl SizeArg {
    /// Parses one token (`None`: the argument is missing).
    pub fn parse(token: Option<&str>) -> SizeArg {
        let Some(text) = token else {
            return SizeArg {
                text: String::new(),
                value: None,
                problem: Some(SizeProblem::Missing),
            };
        };
        let problem = if text.starts_with(['-', '+']) {
            Some(SizeProblem::Signed)
        } else if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            Some(SizeProblem::NotDecimal)
        } else {
            None
        };
        let value = match problem {
            None => text.parse::<u64>().ok(),
            Some(_) => None,
        };
        let problem = problem.or(if value.is_none() {
            Some(SizeProblem::TooLarge)
        } else {
            None
        });
        SizeArg {
            text: text.to_string(),
            value,
            problem,
        }
    }
}

/// An ESMTP parameter of MAIL or RCPT: `keyword[=value]` (RFC 5321 §4.1.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EsmtpParam {
    /// The keyword as sent.
    pub keyword: String,
    /// The value, if any.
    pub value: Option<String>,
}

/// The reverse- or forward-path of MAIL/RCPT and its parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathArg {
    /// The address between the angle brackets (empty for the null path `<>`), or the bare token
    /// when the client sent no brackets.
    pub addr: String,
    /// Whether the path was enclosed in `<` `>` as RFC 5321 requires.
    pub bracketed: bool,
    /// The ESMTP parameters after the path.
    pub params: Vec<EsmtpParam>,
}

/// The arguments of a SASL command (`AUTH mech [initial]`, `X-EXPS mech [initial]`,
/// `X-EXPS EXCHANGEAUTH SHA256 initial`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SaslArg {
    /// The mechanism, upper-cased.
    pub mechanism: String,
    /// EXCHANGEAUTH's hash algorithm (`SHA256`).
    pub hash: Option<String>,
    /// The initial response as sent (base64, or `=` for an empty one).
    pub initial_response: Option<String>,
}

/// What the decoder parses out of a command's argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Args {
    /// Nothing structured (or a verb whose argument the decoder does not act on).
    None,
    /// HELO/EHLO/LHLO: the client's name.
    Hello(String),
    /// MAIL FROM / RCPT TO (`None`: the `FROM:`/`TO:` keyword is missing).
    Path(Option<PathArg>),
    /// AUTH / XAUTH / X-EXPS.
    Sasl(SaslArg),
    /// `XEXCH50 size count`.
    Xexch50 {
        /// The announced BLOB size.
        size: SizeArg,
        /// The second number (recipients + 1).
        count: SizeArg,
    },
    /// `BDAT size [LAST]`.
    Bdat {
        /// The chunk size.
        size: SizeArg,
        /// Whether `LAST` was given.
        last: bool,
        /// Whether the arguments are exactly `size [LAST]` with a plain decimal size (RFC 3030
        /// §2): a server refuses anything else, and then reads no chunk.
        well_formed: bool,
    },
}

/// One parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The verb.
    pub verb: Verb,
    /// Everything after the verb and its separating space, as sent (lossy UTF-8).
    pub arg: String,
    /// The structured arguments of the verbs the decoder acts on.
    pub args: Args,
}

fn is_verb_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Parses a command line (without its line terminator). `None` when the line does not start with
/// a verb: an empty line, or a first word that is not 1–[`MAX_VERB_LEN`] letters, digits, `-` or
/// `_` starting with a letter.
pub fn parse_command(line: &[u8]) -> Option<Command> {
    let verb_len = line.iter().position(|&b| !is_verb_byte(b)).unwrap_or(line.len());
    let (verb_bytes, rest) = line.split_at_checked(verb_len)?;
    if verb_bytes.is_empty() || verb_len > MAX_VERB_LEN || !verb_bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let arg_bytes = match rest.first() {
        None => rest,
        Some(b' ') | Some(b'\t') => rest.get(1..).unwrap_or_default(),
        Some(_) => return None,
    };
    let upper = String::from_utf8_lossy(verb_bytes).to_ascii_uppercase();
    let verb = Verb::from_upper(&upper);
    let arg = String::from_utf8_lossy(arg_bytes).into_owned();
    let args = parse_args(&verb, &arg);
    Some(Command { verb, arg, args })
}

/// The mechanism of an AUTH whose first word is not a mechanism name.
pub const UNREADABLE_MECHANISM: &str = "<unreadable>";

/// Whether `word` is shaped like a SASL mechanism name (RFC 4422 §3.1: 1–20 upper-case letters,
/// digits, `-` and `_`; lower case accepted) — or like EXCHANGEAUTH's hash name.
pub fn is_mechanism_name(word: &str) -> bool {
    (1..=20).contains(&word.len())
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `mech [hash] [initial]`. Everything after the mechanism (and EXCHANGEAUTH's hash) is the
/// initial response, however many words it has (one when well formed); a first word that is not a
/// mechanism name (a damaged separator joining it to the response) makes the whole argument the
/// response, under [`UNREADABLE_MECHANISM`]. So a damaged line never puts a secret where a name
/// is shown.
fn parse_sasl(arg: &str) -> Args {
    let mut words = arg.split_ascii_whitespace();
    let first = words.next().unwrap_or_default();
    if !first.is_empty() && !is_mechanism_name(first) {
        return Args::Sasl(SaslArg {
            mechanism: UNREADABLE_MECHANISM.to_string(),
            hash: None,
            initial_response: Some(arg.trim_matches(|c: char| c.is_ascii_whitespace()).to_string()),
        });
    }
    let mechanism = first.to_ascii_uppercase();
    let hash = if mechanism == "EXCHANGEAUTH" {
        words.next().map(str::to_string)
    } else {
        None
    };
    let rest: Vec<&str> = words.collect();
    Args::Sasl(SaslArg {
        mechanism,
        hash,
        initial_response: (!rest.is_empty()).then(|| rest.join(" ")),
    })
}

fn parse_args(verb: &Verb, arg: &str) -> Args {
    let mut words = arg.split_ascii_whitespace();
    match verb {
        Verb::Helo | Verb::Ehlo | Verb::Lhlo => Args::Hello(words.next().unwrap_or_default().to_string()),
        Verb::Mail => Args::Path(parse_path(arg, "FROM:")),
        Verb::Rcpt => Args::Path(parse_path(arg, "TO:")),
        Verb::Auth | Verb::Xauth | Verb::XExps => parse_sasl(arg),
        Verb::Xexch50 => Args::Xexch50 {
            size: SizeArg::parse(words.next()),
            count: SizeArg::parse(words.next()),
        },
        Verb::Bdat => {
            let size = SizeArg::parse(words.next());
            let marker = words.next();
            let last = marker.is_some_and(|w| w.eq_ignore_ascii_case("LAST"));
            let well_formed = size.problem.is_none() && (marker.is_none() || last) && words.next().is_none();
            Args::Bdat {
                size,
                last,
                well_formed,
            }
        }
        _ => Args::None,
    }
}

/// Parses `FROM:<addr> params` / `TO:<addr> params`; `keyword` includes the colon.
fn parse_path(arg: &str, keyword: &str) -> Option<PathArg> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg.get(keyword.len()..)?.trim_start();
    let (addr, bracketed, params) = match rest.strip_prefix('<') {
        Some(inner) => match inner.find('>') {
            Some(end) => (
                inner.get(..end).unwrap_or_default(),
                true,
                inner.get(end.saturating_add(1)..).unwrap_or_default(),
            ),
            None => (inner, false, ""),
        },
        None => {
            let end = rest.find(' ').unwrap_or(rest.len());
            (
                rest.get(..end).unwrap_or_default(),
                false,
                rest.get(end..).unwrap_or_default(),
            )
        }
    };
    let params = params
        .split_ascii_whitespace()
        .map(|p| match p.split_once('=') {
            Some((k, v)) => EsmtpParam {
                keyword: k.to_string(),
                value: Some(v.to_string()),
            },
            None => EsmtpParam {
                keyword: p.to_string(),
                value: None,
            },
        })
        .collect();
    Some(PathArg {
        addr: addr.to_string(),
        bracketed,
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(line: &[u8]) -> Command {
        parse_command(line).unwrap()
    }

    #[test]
    fn verbs_are_case_insensitive_and_kept_whole() {
        assert_eq!(cmd(b"xexch50 2336 3").verb, Verb::Xexch50);
        assert_eq!(cmd(b"XEXCH50 2336 3").verb.name(), "XEXCH50");
        assert_eq!(cmd(b"x-exps GSSAPI").verb.name(), "X-EXPS");
        assert_eq!(cmd(b"X-LINK2STATE FIRST CHUNK=abc").verb, Verb::XLink2State);
        assert_eq!(cmd(b"X-AnonymousTLS").verb, Verb::XAnonymousTls);
        assert_eq!(cmd(b"StartTLS").verb, Verb::StartTls);
    }

    #[test]
    fn unknown_verbs_are_kept_as_sent_upper_cased() {
        let c = cmd(b"XXXXXXX 2336 3");
        assert_eq!(c.verb, Verb::Other("XXXXXXX".into()));
        assert_eq!(c.arg, "2336 3");
        assert!(!c.verb.is_known());
        assert_eq!(cmd(b"xorar foo").verb.name(), "XORAR");
    }

    #[test]
    fn non_commands_are_rejected() {
        assert_eq!(parse_command(b""), None);
        assert_eq!(parse_command(b" EHLO x"), None);
        assert_eq!(parse_command(b"123 abc"), None);
        assert_eq!(parse_command(b"YIIFWAYGKwYBBQUCoIIFTDCC+/="), None);
        assert_eq!(parse_command(b"\x16\x03\x01\x02\x00"), None);
        assert_eq!(parse_command(&[b'A'; MAX_VERB_LEN + 1]), None);
        assert!(parse_command(&[b'A'; MAX_VERB_LEN]).is_some());
    }

    #[test]
    fn mail_and_rcpt_paths_and_parameters() {
        let c = cmd(b"MAIL FROM:<alice@contoso.com> SIZE=4321 BODY=BINARYMIME SMTPUTF8");
        let Args::Path(Some(p)) = c.args else { panic!() };
        assert_eq!(p.addr, "alice@contoso.com");
        assert!(p.bracketed);
        assert_eq!(p.params.len(), 3);
        assert_eq!(p.params[0].keyword, "SIZE");
        assert_eq!(p.params[0].value.as_deref(), Some("4321"));
        assert_eq!(p.params[2].value, None);

        let Args::Path(Some(p)) = cmd(b"mail from: <>").args else {
            panic!()
        };
        assert_eq!(p.addr, "");
        let Args::Path(Some(p)) = cmd(b"RCPT TO:bob@example.net NOTIFY=NEVER").args else {
            panic!()
        };
        assert_eq!((p.addr.as_str(), p.bracketed), ("bob@example.net", false));
        assert_eq!(p.params[0].keyword, "NOTIFY");
        assert_eq!(cmd(b"RCPT bob").args, Args::Path(None));
        let Args::Path(Some(p)) = cmd(b"RCPT TO:<unterminated").args else {
            panic!()
        };
        assert_eq!((p.addr.as_str(), p.bracketed), ("unterminated", false));
    }

    #[test]
    fn sasl_arguments() {
        let Args::Sasl(a) = cmd(b"AUTH PLAIN AGFsaWNlAHNlY3JldA==").args else {
            panic!()
        };
        assert_eq!(a.mechanism, "PLAIN");
        assert_eq!(a.initial_response.as_deref(), Some("AGFsaWNlAHNlY3JldA=="));
        let Args::Sasl(a) = cmd(b"X-EXPS gssapi").args else {
            panic!()
        };
        assert_eq!((a.mechanism.as_str(), a.initial_response), ("GSSAPI", None));
        let Args::Sasl(a) = cmd(b"X-EXPS EXCHANGEAUTH SHA256 AAEC").args else {
            panic!()
        };
        assert_eq!(a.hash.as_deref(), Some("SHA256"));
        assert_eq!(a.initial_response.as_deref(), Some("AAEC"));
        // A damaged separator: no name is made of the response.
        let Args::Sasl(a) = cmd(b"AUTH PLAIN\0AGFsaWNlAHNlY3JldA==").args else {
            panic!()
        };
        assert_eq!(a.mechanism, UNREADABLE_MECHANISM);
        assert_eq!(a.initial_response.as_deref(), Some("PLAIN\0AGFsaWNlAHNlY3JldA=="));
        let Args::Sasl(a) = cmd(b"AUTH PLAIN AGFsaWNl AHNlY3JldA==\rXMAIL FROM:<a@b>").args else {
            panic!()
        };
        assert_eq!(a.mechanism, "PLAIN");
        assert_eq!(
            a.initial_response.as_deref(),
            Some("AGFsaWNl AHNlY3JldA== XMAIL FROM:<a@b>")
        );
    }

    #[test]
    fn xexch50_sizes_never_overflow() {
        let Args::Xexch50 { size, count } = cmd(b"XEXCH50 2336 3").args else {
            panic!()
        };
        assert_eq!((size.value, count.value), (Some(2336), Some(3)));
        assert_eq!(size.problem, None);
        let Args::Xexch50 { size, .. } = cmd(b"XEXCH50 -1 2").args else {
            panic!()
        };
        assert_eq!((size.value, size.problem), (None, Some(SizeProblem::Signed)));
        let Args::Xexch50 { size, .. } = cmd(b"XEXCH50 99999999999999999999999 2").args else {
            panic!()
        };
        assert_eq!(size.problem, Some(SizeProblem::TooLarge));
        let Args::Xexch50 { size, count } = cmd(b"XEXCH50 0x10").args else {
            panic!()
        };
        assert_eq!(size.problem, Some(SizeProblem::NotDecimal));
        assert_eq!(count.problem, Some(SizeProblem::Missing));
    }

    #[test]
    fn every_prefix_of_a_line_parses_without_panicking() {
        let line = b"MAIL FROM:<alice@contoso.com> SIZE=4321 BODY=8BITMIME";
        for end in 0..=line.len() {
            let parsed = parse_command(&line[..end]);
            assert_eq!(parsed.is_none(), end == 0, "prefix {end}");
        }
        assert_eq!(cmd(b"MAI").verb, Verb::Other("MAI".into()));
        assert_eq!(
            cmd(b"MAIL FROM:<al").args,
            Args::Path(Some(PathArg {
                addr: "al".into(),
                bracketed: false,
                params: vec![],
            }))
        );
        for end in 0..=14 {
            let _ = parse_command(&b"XEXCH50 2336 3"[..end]);
        }
    }

    #[test]
    fn bdat_size_last_and_well_formed() {
        let bdat = |line: &[u8]| match cmd(line).args {
            Args::Bdat {
                size,
                last,
                well_formed,
            } => (size.value, last, well_formed),
            _ => panic!(),
        };
        assert_eq!(bdat(b"BDAT 0 LAST"), (Some(0), true, true));
        assert_eq!(bdat(b"bdat 1000"), (Some(1000), false, true));
        assert_eq!(bdat(b"BDAT 1000 last"), (Some(1000), true, true));
        assert_eq!(bdat(b"BDAT"), (None, false, false));
        assert_eq!(bdat(b"BDAT 1234 SCRAMBLE"), (Some(1234), false, false));
        assert_eq!(bdat(b"BDAT -1"), (None, false, false));
        assert_eq!(bdat(b"BDAT 99999999999999999999999"), (None, false, false));
        assert_eq!(bdat(b"BDAT 10 LAST more"), (Some(10), true, false));
    }
}
