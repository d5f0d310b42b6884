//! Session selection: which sessions of a capture a run reports or exports (`--session`, `--host`,
//! `--client`, `--server`, `--frame`, `--finding`, `--from`, `--to`, `--reply`).
//!
//! Owns the predicate over finished [`Session`] records. Every session of the capture is still
//! decoded — selection only decides what is shown — so session ids and frame numbers stay those of
//! the whole capture (pre-filtering with tshark renumbers frames). Different options must all hold;
//! an option given several times holds when any of its values does. Must not: decode, print or
//! parse arguments (that is `cli`).

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use crate::capture::set::FileNames;
use crate::session::Session;
use crate::smtp::dialogue::ItemKind;

/// An endpoint to match: an address, or an address and port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// Any port of this address.
    Ip(IpAddr),
    /// This address and port.
    Socket(SocketAddr),
}

impl Endpoint {
    /// Parses `192.0.2.1`, `2001:db8::1`, `192.0.2.1:25` or `[2001:db8::1]:25`.
    ///
    /// # Errors
    /// The text is neither an address nor an address and port.
    pub fn parse(text: &str) -> Result<Endpoint, String> {
        let t = text.trim();
        if let Ok(ip) = t.trim_matches(['[', ']']).parse::<IpAddr>() {
            return Ok(Endpoint::Ip(ip));
        }
        t.parse::<SocketAddr>()
            .map(Endpoint::Socket)
            .map_err(|_| format!("not an address or address:port: {text:?}"))
    }

    fn matches(self, addr: SocketAddr) -> bool {
        match self {
            Endpoint::Ip(ip) => addr.ip() == ip,
            Endpoint::Socket(s) => addr == s,
        }
    }
}

/// A reply code to match: `550`, or a class such as `5xx` / `45x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyPattern {
    /// The three digits, `None` where the pattern has `x`.
    digits: [Option<u8>; 3],
}

impl ReplyPattern {
    /// Parses `550`, `5xx`, `45x` (`x` or `X` stands for any digit).
    ///
    /// # Errors
    /// Not three characters of digits and `x`, or a first digit outside 2–5.
    pub fn parse(text: &str) -> Result<ReplyPattern, String> {
        let chars: Vec<char> = text.trim().chars().collect();
        let bad = || format!("not a reply code or class: {text:?} (e.g. 550, 5xx, 4xx)");
        let [a, b, c] = chars.as_slice() else {
            return Err(bad());
        };
        let digit = |ch: &char| -> Result<Option<u8>, String> {
            match ch {
                'x' | 'X' => Ok(None),
                d => d
                    .to_digit(10)
                    .and_then(|v| u8::try_from(v).ok())
                    .map(Some)
                    .ok_or_else(bad),
            }
        };
        let digits = [digit(a)?, digit(b)?, digit(c)?];
        if !matches!(digits[0], Some(2..=5)) {
            return Err(bad());
        }
        Ok(ReplyPattern { digits })
    }

    /// Whether `code` fits the pattern.
    pub fn matches(self, code: u16) -> bool {
        let parts = [code / 100, (code / 10) % 10, code % 10];
        self.digits
            .iter()
            .zip(parts)
            .all(|(d, p)| d.is_none_or(|d| u16::from(d) == p))
    }
}

/// A frame named by `--frame` and the TCP endpoints it carried (source, destination).
pub type FrameFlow = (u64, SocketAddr, SocketAddr);

/// A frame as `--frame` names it: `17`, or `FILE#17` — frame 17 of the file `FILE`, as reports
/// show frames when several files are read (`ring_00002.pcap#17`). Each file numbers its own
/// frames, so a bare number names a frame only when one file is read ([`SessionFilter::check_frames`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameSpec {
    /// The file, when named: its label in reports, its name as given, or its base name.
    pub file: Option<String>,
    /// The frame number within the file (1 is the first frame, as Wireshark counts).
    pub number: u64,
}

impl FrameSpec {
    /// Parses `17` or `FILE#17` (the number after the last `#`).
    ///
    /// # Errors
    /// No frame number, or an empty file name before `#`.
    pub fn parse(text: &str) -> Result<FrameSpec, String> {
        let text = text.trim();
        let (file, number) = match text.rsplit_once('#') {
            Some((file, number)) => (Some(file), number),
            None => (None, text),
        };
        let bad =
            || format!("not a frame: {text:?} (e.g. 17, or ring_00002.pcap#17 when several files are read)");
        let number = number.parse::<u64>().map_err(|_| bad())?;
        if file.is_some_and(str::is_empty) {
            return Err(bad());
        }
        Ok(FrameSpec {
            file: file.map(str::to_string),
            number,
        })
    }

    /// Its frame reference in the capture made of `files`: none when it names another file, or
    /// gives no file in a capture of several.
    pub fn resolve(&self, files: &FileNames) -> Option<u64> {
        match &self.file {
            Some(file) => files.frame_in(file, self.number),
            None => (!files.is_set()).then_some(self.number),
        }
    }
}

impl fmt::Display for FrameSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}#{}", self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

/// Which sessions are selected. The default selects every session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionFilter {
    /// `--session`: session ids.
    pub sessions: Vec<String>,
    /// `--host`: either end.
    pub hosts: Vec<Endpoint>,
    /// `--client`.
    pub clients: Vec<Endpoint>,
    /// `--server`.
    pub servers: Vec<Endpoint>,
    /// `--frame`: the session whose frames include it.
    pub frames: Vec<FrameSpec>,
    /// `--finding`: sessions with a finding of this id.
    pub findings: Vec<String>,
    /// `--from`: an envelope sender (`user@domain`, or `@domain` for a whole domain).
    pub mail_from: Vec<String>,
    /// `--to`: an envelope recipient (same forms).
    pub rcpt_to: Vec<String>,
    /// `--reply`: a reply code or class anywhere in the session.
    pub replies: Vec<ReplyPattern>,
}

/// Whether the address `addr` (as in a MAIL/RCPT path) is `wanted`: the same address, or within
/// the domain of `@domain`; case-insensitive.
fn address_matches(wanted: &str, addr: &str) -> bool {
    let addr = addr.trim_matches(['<', '>']);
    match wanted.strip_prefix('@') {
        Some(domain) => addr
            .rsplit_once('@')
            .is_some_and(|(_, d)| d.eq_ignore_ascii_case(domain)),
        None => addr.eq_ignore_ascii_case(wanted.trim_matches(['<', '>'])),
    }
}

/// `list` is empty, or `test` holds for one of its values.
fn any_of<T>(list: &[T], test: impl Fn(&T) -> bool) -> bool {
    list.is_empty() || list.iter().any(test)
}

impl SessionFilter {
    /// Whether it selects every session.
    pub fn is_empty(&self) -> bool {
        *self == SessionFilter::default()
    }

    /// Checks the `--frame` options against the names of the run's input files (`inputs`, as
    /// given): a bare number is refused when several files are read (each numbers its own frames),
    /// and a named file must be one of them.
    ///
    /// # Errors
    /// One sentence naming the option and what to write instead.
    pub fn check_frames<S: AsRef<str>>(&self, inputs: &[S]) -> Result<(), String> {
        let files = FileNames::of_set(inputs);
        for spec in &self.frames {
            match &spec.file {
                None if inputs.len() > 1 => {
                    let examples: Vec<String> = files
                        .labels()
                        .take(2)
                        .map(|l| format!("{l}#{}", spec.number))
                        .collect();
                    return Err(format!(
                        "--frame {spec} is ambiguous: {} files are read and each numbers its own frames; \
                         name the file, as in {}",
                        inputs.len(),
                        examples.join(" or ")
                    ));
                }
                Some(file) if files.index_of(file).is_none() => {
                    let labels: Vec<&str> = files.labels().collect();
                    return Err(format!(
                        "--frame {spec}: no input file is named {file} (the files read: {})",
                        labels.join(", ")
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The frame references `--frame` names in the capture made of `files`.
    pub fn frames_in(&self, files: &FileNames) -> Vec<u64> {
        self.frames
            .iter()
            .filter_map(|spec| spec.resolve(files))
            .collect()
    }

    /// Whether `session` is selected (a `--frame` is matched by frame range alone).
    pub fn selects(&self, session: &Session) -> bool {
        self.selects_with(session, &[])
    }

    /// Whether `session` is selected, knowing the TCP endpoints of the frames `--frame` names
    /// (`frame_flows`): of two sessions open at once, only the one that frame belongs to.
    pub fn selects_with(&self, session: &Session, frame_flows: &[FrameFlow]) -> bool {
        let (client, server) = (session.info.client, session.info.server);
        let d = &session.dialogue;
        let paths = |rcpt: bool| {
            d.transactions.iter().flat_map(move |t| {
                let envelopes: Vec<&crate::smtp::dialogue::Envelope> = if rcpt {
                    t.rcpt_to.iter().collect()
                } else {
                    t.mail_from.iter().collect()
                };
                envelopes
                    .into_iter()
                    .filter_map(|e| e.path.as_ref().map(|p| p.addr.as_str()))
            })
        };
        any_of(&self.sessions, |id| *id == session.id())
            && any_of(&self.hosts, |e| e.matches(client) || e.matches(server))
            && any_of(&self.clients, |e| e.matches(client))
            && any_of(&self.servers, |e| e.matches(server))
            && any_of(&self.frames, |spec| {
                let Some(f) = spec.resolve(&session.files) else {
                    return false;
                };
                (session.info.first_frame..=session.summary.last_frame).contains(&f)
                    && frame_flows
                        .iter()
                        .find(|(n, ..)| *n == f)
                        .is_none_or(|(_, a, b)| (*a, *b) == (client, server) || (*b, *a) == (client, server))
            })
            && any_of(&self.findings, |id| session.findings.iter().any(|f| f.id == id))
            && any_of(&self.mail_from, |w| paths(false).any(|a| address_matches(w, a)))
            && any_of(&self.rcpt_to, |w| paths(true).any(|a| address_matches(w, a)))
            && any_of(&self.replies, |p| {
                d.transcript.iter().any(|item| match &item.kind {
                    ItemKind::Reply(r) => p.matches(r.reply.code),
                    _ => false,
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_parse_with_or_without_port() {
        assert_eq!(
            Endpoint::parse("192.0.2.1"),
            Ok(Endpoint::Ip("192.0.2.1".parse().unwrap()))
        );
        assert_eq!(
            Endpoint::parse("[2001:db8::1]:25"),
            Ok(Endpoint::Socket("[2001:db8::1]:25".parse().unwrap()))
        );
        assert!(Endpoint::parse("mail.contoso.com").is_err());
        let e = Endpoint::parse("192.0.2.1").unwrap();
        assert!(e.matches("192.0.2.1:4000".parse().unwrap()));
        assert!(!Endpoint::parse("192.0.2.1:25")
            .unwrap()
            .matches("192.0.2.1:4000".parse().unwrap()));
    }

    #[test]
    fn reply_patterns_take_classes() {
        let five = ReplyPattern::parse("5xx").unwrap();
        assert!(five.matches(550) && five.matches(504) && !five.matches(450));
        let exact = ReplyPattern::parse("504").unwrap();
        assert!(exact.matches(504) && !exact.matches(505));
        assert!(ReplyPattern::parse("45X").unwrap().matches(451));
        for bad in ["5", "5xxx", "6xx", "abc", ""] {
            assert!(ReplyPattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn frames_name_their_file_when_several_are_read() {
        let spec = |t: &str| FrameSpec::parse(t).unwrap();
        assert_eq!(
            spec(" 17 "),
            FrameSpec {
                file: None,
                number: 17
            }
        );
        assert_eq!(
            spec("ring_00002.pcap#17").file.as_deref(),
            Some("ring_00002.pcap")
        );
        assert_eq!(spec("a#b.pcap#3").file.as_deref(), Some("a#b.pcap"));
        for bad in ["", "#3", "a.pcap#", "a.pcap#x", "-1"] {
            assert!(FrameSpec::parse(bad).is_err(), "{bad}");
        }
        let set = FileNames::of_set(&["/caps/ring_1.pcap", "/caps/ring_2.pcap"]);
        let one = FileNames::single("/caps/ring_2.pcap");
        assert_eq!(
            spec("ring_2.pcap#17").resolve(&set),
            Some(crate::capture::set::frame_ref(1, 17))
        );
        assert_eq!(spec("/caps/ring_1.pcap#17").resolve(&set), Some(17));
        assert_eq!(spec("17").resolve(&set), None);
        assert_eq!(spec("17").resolve(&one), Some(17));
        assert_eq!(spec("ring_2.pcap#17").resolve(&one), Some(17));
        assert_eq!(spec("ring_1.pcap#17").resolve(&one), None);

        let filter = |frames: &[&str]| SessionFilter {
            frames: frames.iter().map(|f| spec(f)).collect(),
            ..SessionFilter::default()
        };
        let two = ["/caps/ring_1.pcap", "/caps/ring_2.pcap"];
        assert!(filter(&["17"]).check_frames(&two[..1]).is_ok());
        let ambiguous = filter(&["17"]).check_frames(&two).unwrap_err();
        assert!(
            ambiguous.contains("ring_1.pcap#17 or ring_2.pcap#17"),
            "{ambiguous}"
        );
        assert!(filter(&["ring_2.pcap#17"]).check_frames(&two).is_ok());
        assert!(filter(&["ring_3.pcap#17"]).check_frames(&two).is_err());
    }

    #[test]
    fn addresses_match_whole_or_by_domain() {
        assert!(address_matches("alice@contoso.com", "<Alice@Contoso.com>"));
        assert!(address_matches("@contoso.com", "bob@CONTOSO.com"));
        assert!(!address_matches("@contoso.com", "bob@sub.contoso.com"));
        assert!(!address_matches("alice@contoso.com", "bob@contoso.com"));
    }
}
