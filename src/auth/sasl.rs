//! The plain SASL mechanisms: PLAIN ([RFC 4616]), LOGIN (draft-murchison-sasl-login), CRAM-MD5
//! ([RFC 2195]) and XOAUTH2 (Google's `user=…^Aauth=Bearer …^A^A`).
//!
//! Owns splitting a client response into its identities and its secret. Contract: pure functions
//! of the token bytes; text is read as UTF-8 with replacement characters; a response that does
//! not have the mechanism's shape is an `Err` with one sentence. The secret is returned as bytes
//! for the caller to redact or reveal ([`super::Secrets`]). Must not: know SMTP, print.

/// A PLAIN response: `authzid NUL authcid NUL passwd`.
#[derive(Debug, PartialEq, Eq)]
pub struct PlainResponse<'a> {
    /// The authorisation identity (empty: the same as authcid).
    pub authzid: String,
    /// The authentication identity (the user).
    pub authcid: String,
    /// The password.
    pub password: &'a [u8],
}

/// Bytes as text, invalid UTF-8 replaced.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Splits a PLAIN response.
///
/// # Errors
/// The response does not hold exactly two NUL separators.
pub fn plain(bytes: &[u8]) -> Result<PlainResponse<'_>, String> {
    let mut parts = bytes.splitn(3, |&b| b == 0);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(authzid), Some(authcid), Some(password)) if !password.contains(&0) => Ok(PlainResponse {
            authzid: text(authzid),
            authcid: text(authcid),
            password,
        }),
        _ => Err("the PLAIN response does not have the form authzid NUL authcid NUL password".into()),
    }
}

/// What a LOGIN client line carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginField {
    /// The user name.
    User,
    /// The password.
    Password,
}

/// Which field a LOGIN client line answers: the server's prompt says (`Username:` /
/// `Password:`, any case); without a readable prompt, the first client line is the user name and
/// the later ones the password.
pub fn login_field(prompt: Option<&[u8]>, client_lines_before: usize) -> LoginField {
    let prompt = prompt.map(|p| text(p).to_ascii_lowercase());
    match prompt.as_deref() {
        Some(p) if p.starts_with("user") => LoginField::User,
        Some(p) if p.starts_with("pass") => LoginField::Password,
        _ if client_lines_before == 0 => LoginField::User,
        _ => LoginField::Password,
    }
}

/// Splits a CRAM-MD5 response `user SP hex-digest` into the user and the digest.
///
/// # Errors
/// There is no space or the digest is not 32 hex digits.
pub fn cram_md5(bytes: &[u8]) -> Result<(String, &[u8]), String> {
    let space = bytes.iter().rposition(|&b| b == b' ');
    let split = space.and_then(|at| Some((bytes.get(..at)?, bytes.get(at.checked_add(1)?..)?)));
    match split {
        Some((user, digest)) if digest.len() == 32 && digest.iter().all(u8::is_ascii_hexdigit) => {
            Ok((text(user), digest))
        }
        _ => Err("the CRAM-MD5 response is not `user SP 32-hex-digit digest`".into()),
    }
}

/// An XOAUTH2 client response: the user and the bearer token.
#[derive(Debug, PartialEq, Eq)]
pub struct Xoauth2Response<'a> {
    /// `user=` value.
    pub user: Option<String>,
    /// The `auth=` value (`Bearer <token>`).
    pub auth: Option<&'a [u8]>,
}

/// Splits an XOAUTH2 response `user=…^Aauth=Bearer …^A^A`.
///
/// # Errors
/// Neither `user=` nor `auth=` is present.
pub fn xoauth2(bytes: &[u8]) -> Result<Xoauth2Response<'_>, String> {
    let mut out = Xoauth2Response {
        user: None,
        auth: None,
    };
    for part in bytes.split(|&b| b == 0x01) {
        if let Some(user) = part.strip_prefix(b"user=") {
            out.user = Some(text(user));
        } else if let Some(auth) = part.strip_prefix(b"auth=") {
            out.auth = Some(auth);
        }
    }
    if out.user.is_none() && out.auth.is_none() {
        return Err("the XOAUTH2 response has neither user= nor auth=".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_splits_three_fields() {
        let p = plain(b"admin\0alice\0s3cret").unwrap();
        assert_eq!(
            (p.authzid.as_str(), p.authcid.as_str(), p.password),
            ("admin", "alice", &b"s3cret"[..])
        );
        let p = plain(b"\0alice\0").unwrap();
        assert_eq!((p.authzid.as_str(), p.password), ("", &b""[..]));
        assert!(plain(b"alice\0secret").is_err());
        assert!(plain(b"a\0b\0c\0d").is_err());
        assert!(plain(b"").is_err());
    }

    #[test]
    fn login_prompts_decide_and_order_is_the_fallback() {
        assert_eq!(login_field(Some(b"Username:"), 3), LoginField::User);
        assert_eq!(login_field(Some(b"Password:"), 0), LoginField::Password);
        assert_eq!(login_field(None, 0), LoginField::User);
        assert_eq!(login_field(None, 1), LoginField::Password);
    }

    #[test]
    fn cram_md5_user_and_digest() {
        // RFC 2195 §2 example.
        let (user, digest) = cram_md5(b"tim b913a602c7eda7a495b4e6e7334d3890").unwrap();
        assert_eq!(
            (user.as_str(), digest),
            ("tim", &b"b913a602c7eda7a495b4e6e7334d3890"[..])
        );
        assert!(cram_md5(b"tim").is_err());
        assert!(cram_md5(b"tim xyz").is_err());
        assert!(cram_md5(b"tim b913a602c7eda7a495b4e6e7334d389g").is_err());
    }

    #[test]
    fn xoauth2_user_and_token() {
        let r = xoauth2(b"user=someuser@example.com\x01auth=Bearer ya29.vF9dft4\x01\x01").unwrap();
        assert_eq!(r.user.as_deref(), Some("someuser@example.com"));
        assert_eq!(r.auth, Some(&b"Bearer ya29.vF9dft4"[..]));
        assert!(xoauth2(b"{\"status\":\"401\"}").is_err());
    }
}
