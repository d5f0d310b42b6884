//! NTLMSSP messages ([MS-NLMP] §2.2.1): NEGOTIATE, CHALLENGE and AUTHENTICATE, decoded as far as
//! they are valid.
//!
//! Owns the fixed header layouts, field descriptors (`Len u16, MaxLen u16, Offset u32`, offsets
//! from the start of the message), string decoding (UTF-16LE when `NEGOTIATE_UNICODE` is set, else
//! OEM, read as Latin-1), target-info AV pairs, and the NTLMv1/v2 distinction (NT response of 24
//! bytes is v1, longer is v2). Every length and offset is checked: a field pointing outside the
//! message is left out and named in [`Ntlm::problems`]; nothing panics. Responses, session keys and
//! MICs are secrets and are never kept — only their lengths and presence. Must not: know SMTP.

use serde::Serialize;

/// `NTLMSSP\0`.
pub const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";

/// `NTLMSSP_NEGOTIATE_UNICODE`.
pub const FLAG_UNICODE: u32 = 0x0000_0001;
/// `NTLMSSP_NEGOTIATE_VERSION`.
pub const FLAG_VERSION: u32 = 0x0200_0000;

/// What kind of NTLMSSP message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NtlmKind {
    /// Type 1, client → server.
    Negotiate,
    /// Type 2, server → client.
    Challenge,
    /// Type 3, client → server.
    Authenticate,
}

/// The NTLM response version of an AUTHENTICATE message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NtlmVersion {
    /// No NT response (anonymous).
    Anonymous,
    /// A 24-byte NT response.
    V1,
    /// A longer NT response (NTLMv2, with its own AV pairs).
    V2,
}

/// The names a server announces in its CHALLENGE target info (AV pairs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TargetInfo {
    /// MsvAvNbDomainName (2).
    pub netbios_domain: Option<String>,
    /// MsvAvNbComputerName (1).
    pub netbios_computer: Option<String>,
    /// MsvAvDnsDomainName (4).
    pub dns_domain: Option<String>,
    /// MsvAvDnsComputerName (3).
    pub dns_computer: Option<String>,
    /// MsvAvDnsTreeName (5).
    pub dns_tree: Option<String>,
    /// MsvAvTargetName (9), the SPN an NTLMv2 client aimed at (`SMTPSVC/host`).
    pub target_name: Option<String>,
}

/// One decoded NTLMSSP message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ntlm {
    /// The message type.
    pub kind: NtlmKind,
    /// NegotiateFlags.
    pub flags: u32,
    /// Domain (NEGOTIATE, AUTHENTICATE).
    pub domain: Option<String>,
    /// User (AUTHENTICATE).
    pub user: Option<String>,
    /// Workstation (NEGOTIATE, AUTHENTICATE).
    pub workstation: Option<String>,
    /// TargetName (CHALLENGE).
    pub target_name: Option<String>,
    /// Target info (CHALLENGE), or the AV pairs inside an NTLMv2 response (AUTHENTICATE).
    pub target_info: Option<TargetInfo>,
    /// AUTHENTICATE: the response version.
    pub version: Option<NtlmVersion>,
    /// AUTHENTICATE: NT response length (the response itself is a secret and is not kept).
    pub nt_response_len: Option<u16>,
    /// AUTHENTICATE: whether a MIC is present.
    pub mic: Option<bool>,
    /// The OS version announced (`major.minor.build`), when present.
    pub os_version: Option<String>,
    /// What could not be decoded, one sentence each.
    pub problems: Vec<String>,
}

/// Whether `bytes` start with the NTLMSSP signature.
pub fn is_ntlmssp(bytes: &[u8]) -> bool {
    bytes.starts_with(SIGNATURE)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    let mut a = [0u8; 4];
    a.copy_from_slice(s);
    Some(u32::from_le_bytes(a))
}

/// The bytes a field descriptor at `at` points to: `Ok(None)` when the field is empty,
/// `Err(sentence)` when the descriptor or its target lies outside the message.
fn field<'a>(msg: &'a [u8], at: usize, name: &str) -> Result<Option<&'a [u8]>, String> {
    let (Some(len), Some(offset)) = (u16_at(msg, at), u32_at(msg, at.saturating_add(4))) else {
        return Err(format!("the message ends before its {name} field descriptor"));
    };
    if len == 0 {
        return Ok(None);
    }
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let end = start.checked_add(usize::from(len));
    match end.and_then(|end| msg.get(start..end)) {
        Some(bytes) => Ok(Some(bytes)),
        None => Err(format!(
            "the {name} field ({len} bytes at offset {offset}) points outside the {}-byte message",
            msg.len()
        )),
    }
}

/// Decodes UTF-16LE (or OEM read as Latin-1 when `unicode` is false).
fn text(bytes: &[u8], unicode: bool) -> String {
    if unicode {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// Decodes a string field, recording a problem when it points outside the message.
fn string_field(
    msg: &[u8],
    at: usize,
    name: &str,
    unicode: bool,
    problems: &mut Vec<String>,
) -> Option<String> {
    match field(msg, at, name) {
        Ok(bytes) => bytes.map(|b| text(b, unicode)),
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// Parses AV pairs (`AvId u16, AvLen u16, value`) until MsvAvEOL or the end.
fn av_pairs(bytes: &[u8], problems: &mut Vec<String>) -> TargetInfo {
    let mut info = TargetInfo::default();
    let mut at = 0usize;
    while let (Some(id), Some(len)) = (u16_at(bytes, at), u16_at(bytes, at.saturating_add(2))) {
        if id == 0 {
            return info;
        }
        let start = at.saturating_add(4);
        let end = start.saturating_add(usize::from(len));
        let Some(value) = bytes.get(start..end) else {
            problems.push(format!(
                "AV pair {id} ({len} bytes) runs past the end of the target info"
            ));
            return info;
        };
        let value = Some(text(value, true));
        match id {
            1 => info.netbios_computer = value,
            2 => info.netbios_domain = value,
            3 => info.dns_computer = value,
            4 => info.dns_domain = value,
            5 => info.dns_tree = value,
            9 => info.target_name = value,
            _ => {}
        }
        at = end;
    }
    if at < bytes.len() {
        problems.push("the target info ends inside an AV pair header".into());
    }
    info
}

fn os_version(msg: &[u8], at: usize) -> Option<String> {
    let v = msg.get(at..at.checked_add(8)?)?;
    let build = u16_at(v, 2)?;
    Some(format!("{}.{}.{build}", v.first()?, v.get(1)?))
}

/// Decodes one NTLMSSP message; `None` when `msg` lacks the signature or a known type.
pub fn decode(msg: &[u8]) -> Option<Ntlm> {
    if !is_ntlmssp(msg) {
        return None;
    }
    let kind = match u32_at(msg, 8)? {
        1 => NtlmKind::Negotiate,
        2 => NtlmKind::Challenge,
        3 => NtlmKind::Authenticate,
        _ => return None,
    };
    let mut problems = Vec::new();
    let flags_at = match kind {
        NtlmKind::Negotiate => 12,
        NtlmKind::Challenge => 20,
        NtlmKind::Authenticate => 60,
    };
    let flags = u32_at(msg, flags_at).unwrap_or_else(|| {
        problems.push("the message ends before its flags".into());
        0
    });
    let unicode = flags & FLAG_UNICODE != 0;
    let mut out = Ntlm {
        kind,
        flags,
        domain: None,
        user: None,
        workstation: None,
        target_name: None,
        target_info: None,
        version: None,
        nt_response_len: None,
        mic: None,
        os_version: None,
        problems: Vec::new(),
    };
    match kind {
        NtlmKind::Negotiate => {
            // Type 1 strings are OEM unless the client says otherwise; both fields are optional.
            if msg.len() >= 32 {
                out.domain = string_field(msg, 16, "domain", false, &mut problems);
                out.workstation = string_field(msg, 24, "workstation", false, &mut problems);
            }
            if flags & FLAG_VERSION != 0 {
                out.os_version = os_version(msg, 32);
            }
        }
        NtlmKind::Challenge => {
            out.target_name = string_field(msg, 12, "target name", unicode, &mut problems);
            match field(msg, 40, "target info") {
                Ok(Some(info)) => out.target_info = Some(av_pairs(info, &mut problems)),
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
            if flags & FLAG_VERSION != 0 {
                out.os_version = os_version(msg, 48);
            }
        }
        NtlmKind::Authenticate => {
            out.domain = string_field(msg, 28, "domain", unicode, &mut problems);
            out.user = string_field(msg, 36, "user", unicode, &mut problems);
            out.workstation = string_field(msg, 44, "workstation", unicode, &mut problems);
            match field(msg, 20, "NT response") {
                Ok(nt) => {
                    let len = nt.map_or(0, <[u8]>::len);
                    out.nt_response_len = u16::try_from(len).ok();
                    out.version = Some(match len {
                        0 => NtlmVersion::Anonymous,
                        24 => NtlmVersion::V1,
                        _ => NtlmVersion::V2,
                    });
                    // NTLMv2: 16-byte proof, then a blob whose AV pairs start at byte 28.
                    if let Some(pairs) = nt.filter(|n| n.len() > 24).and_then(|n| n.get(44..)) {
                        out.target_info = Some(av_pairs(pairs, &mut problems));
                    }
                }
                Err(problem) => problems.push(problem),
            }
            if flags & FLAG_VERSION != 0 {
                out.os_version = os_version(msg, 64);
            }
            // A MIC sits at 72 when the payload starts after it (MS-NLMP §2.2.1.3).
            let payload_start = [12usize, 20, 28, 36, 44, 52]
                .iter()
                .filter_map(|&at| {
                    let len = u16_at(msg, at)?;
                    (len > 0).then(|| u32_at(msg, at.saturating_add(4))).flatten()
                })
                .min();
            out.mic = Some(payload_start.is_some_and(|start| start >= 88) && msg.len() >= 88);
        }
    }
    out.problems = problems;
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) use smtpscope_synth::tokens::{ntlm_message as build, utf16};

    fn av(id: u16, value: &str) -> Vec<u8> {
        let v = utf16(value);
        let mut out = id.to_le_bytes().to_vec();
        out.extend_from_slice(&(v.len() as u16).to_le_bytes());
        out.extend_from_slice(&v);
        out
    }

    #[test]
    fn negotiate() {
        let mut msg = build(
            1,
            40,
            12,
            0xe208_8297,
            &[(16, b"CONTOSO".to_vec()), (24, b"EX1".to_vec())],
        );
        msg[32..40].copy_from_slice(&[6, 1, 0xb1, 0x1d, 0, 0, 0, 15]);
        let n = decode(&msg).unwrap();
        assert_eq!(n.kind, NtlmKind::Negotiate);
        assert_eq!(
            (n.domain.as_deref(), n.workstation.as_deref()),
            (Some("CONTOSO"), Some("EX1"))
        );
        assert_eq!(n.os_version.as_deref(), Some("6.1.7601"));
        assert!(n.problems.is_empty());
        // The minimal 16-byte form (no fields) is valid too.
        let short = build(1, 16, 12, 0x0000_0207, &[]);
        assert_eq!(decode(&short).unwrap().domain, None);
    }

    #[test]
    fn challenge_with_target_info() {
        let info = [
            av(2, "CONTOSO"),
            av(1, "EX2"),
            av(4, "contoso.com"),
            av(3, "ex2.contoso.com"),
            vec![0, 0, 0, 0],
        ]
        .concat();
        let msg = build(2, 56, 20, FLAG_UNICODE, &[(12, utf16("CONTOSO")), (40, info)]);
        let n = decode(&msg).unwrap();
        assert_eq!(n.target_name.as_deref(), Some("CONTOSO"));
        let t = n.target_info.unwrap();
        assert_eq!(t.netbios_domain.as_deref(), Some("CONTOSO"));
        assert_eq!(t.netbios_computer.as_deref(), Some("EX2"));
        assert_eq!(t.dns_computer.as_deref(), Some("ex2.contoso.com"));
        assert_eq!(t.dns_domain.as_deref(), Some("contoso.com"));
    }

    pub(crate) fn authenticate(nt: Vec<u8>, fixed_len: usize) -> Vec<u8> {
        build(
            3,
            fixed_len,
            60,
            FLAG_UNICODE,
            &[
                (12, vec![0; 24]),
                (20, nt),
                (28, utf16("CONTOSO")),
                (36, utf16("EX1$")),
                (44, utf16("EX1")),
            ],
        )
    }

    #[test]
    fn authenticate_v2_with_mic_and_target_name() {
        let mut nt = vec![0u8; 44];
        nt.extend(
            [
                av(2, "CONTOSO"),
                av(9, "SMTPSVC/ex2.contoso.com"),
                vec![0, 0, 0, 0],
            ]
            .concat(),
        );
        let n = decode(&authenticate(nt, 88)).unwrap();
        assert_eq!(n.kind, NtlmKind::Authenticate);
        assert_eq!(n.domain.as_deref(), Some("CONTOSO"));
        assert_eq!(n.user.as_deref(), Some("EX1$"));
        assert_eq!(n.workstation.as_deref(), Some("EX1"));
        assert_eq!(n.version, Some(NtlmVersion::V2));
        assert_eq!(n.mic, Some(true));
        assert_eq!(
            n.target_info.unwrap().target_name.as_deref(),
            Some("SMTPSVC/ex2.contoso.com")
        );
        assert!(n.problems.is_empty(), "{:?}", n.problems);
    }

    #[test]
    fn authenticate_v1_without_mic() {
        let n = decode(&authenticate(vec![1; 24], 64)).unwrap();
        assert_eq!(
            (n.version, n.mic, n.nt_response_len),
            (Some(NtlmVersion::V1), Some(false), Some(24))
        );
        assert_eq!(n.user.as_deref(), Some("EX1$"));
    }

    #[test]
    fn offsets_outside_the_message_are_problems_not_panics() {
        let mut msg = authenticate(vec![1; 24], 64);
        // The user field now claims 0xffff bytes at offset 0xfffffff0.
        msg[36..38].copy_from_slice(&0xffffu16.to_le_bytes());
        msg[40..44].copy_from_slice(&0xffff_fff0u32.to_le_bytes());
        let n = decode(&msg).unwrap();
        assert_eq!(n.user, None);
        assert_eq!(n.domain.as_deref(), Some("CONTOSO"));
        assert!(n.problems[0].contains("user field"), "{:?}", n.problems);
    }

    #[test]
    fn every_truncation_decodes_without_panicking() {
        let mut nt = vec![0u8; 44];
        nt.extend(av(9, "SMTPSVC/ex2"));
        let msg = authenticate(nt, 88);
        for end in 0..msg.len() {
            let decoded = decode(&msg[..end]);
            assert_eq!(decoded.is_some(), end >= 12, "at {end}");
        }
        assert_eq!(decode(b"NTLMSSP\0\x07\0\0\0"), None);
        assert_eq!(decode(b"not ntlm"), None);
    }
}
