//! The basic three-digit reply codes: RFC 5321 §4.2.2–4.2.3, with the codes that SMTP extensions
//! add (RFC 3207 STARTTLS, RFC 4954 AUTH, RFC 7504 521/556) and the ones servers use in practice.
//! Wording ours.

use super::{Entry, Source};

macro_rules! basic {
    ($code:literal, $title:literal, $detail:literal) => {
        basic!($code, $title, $detail, Source::Rfc("RFC 5321 §4.2"))
    };
    ($code:literal, $title:literal, $detail:literal, $source:expr) => {
        entry!($code, $title, $detail, $source)
    };
}

/// Every basic code, in numeric order.
pub static TABLE: &[Entry] = &[
    basic!("211", "System status or help reply", "Answer to HELP or a status query."),
    basic!("214", "Help message", "Text meant for a person reading the dialogue."),
    basic!("220", "Service ready", "The greeting; after STARTTLS, the invitation to begin TLS."),
    basic!("221", "Service closing transmission channel", "The answer to QUIT: the server closes the connection."),
    basic!("235", "Authentication succeeded", "AUTH (or X-EXPS) ended well: the session is authenticated.", Source::Rfc("RFC 4954 §6")),
    basic!("250", "Requested mail action okay, completed", "The command was accepted."),
    basic!("251", "User not local; will forward", "Accepted: the server forwards the message elsewhere."),
    basic!("252", "Cannot verify the user, but will accept and attempt delivery", "VRFY could not confirm the address; mail to it is still accepted."),
    basic!("334", "Server challenge", "AUTH continues: a base64 challenge (or prompt) follows.", Source::Rfc("RFC 4954 §4")),
    basic!("354", "Start mail input", "The server waits for the message (DATA) or for XEXCH50's binary blob."),
    basic!("421", "Service not available, closing transmission channel", "The server ends the session: shutting down, overloaded, or limiting this client. The sender keeps the message and retries."),
    basic!("432", "A password transition is needed", "The account must change its password before AUTH can succeed.", Source::Rfc("RFC 4954 §6")),
    basic!("450", "Requested mail action not taken: mailbox unavailable", "A temporary refusal (mailbox busy, policy deferral, greylisting): the sender retries later."),
    basic!("451", "Requested action aborted: local error in processing", "The server hit a temporary problem of its own (or defers by policy): the sender retries later."),
    basic!("452", "Requested action not taken: insufficient system storage", "The server is short of resources (disk, memory, queue), or refuses further recipients for now; the sender retries."),
    basic!("454", "Temporary authentication or TLS failure", "TLS is not available now (STARTTLS) or authentication failed for a temporary reason (AUTH).", Source::Rfc("RFC 3207 §4, RFC 4954 §6")),
    basic!("455", "Server unable to accommodate parameters", "A MAIL or RCPT parameter cannot be honoured now."),
    basic!("500", "Syntax error, command unrecognized", "The server does not know the verb (or the line was too long); a middlebox may have rewritten it."),
    basic!("501", "Syntax error in parameters or arguments", "The verb is known, its arguments are not acceptable."),
    basic!("502", "Command not implemented", "The server knows the verb but does not offer it."),
    basic!("503", "Bad sequence of commands", "The command is out of place: MAIL before HELO, RCPT before MAIL, DATA without a recipient, AUTH twice."),
    basic!("504", "Command parameter not implemented", "A parameter is not supported; Exchange also answers XEXCH50 from an unauthenticated sender with 504."),
    basic!("521", "Server does not accept mail", "This host never accepts mail (a null MX or a host that is not a mail server).", Source::Rfc("RFC 7504")),
    basic!("523", "Encryption needed", "The action needs an encrypted session.", Source::Rfc("RFC 5248")),
    basic!("530", "Authentication or STARTTLS required", "The server wants the client to authenticate (or to start TLS) before this command.", Source::Rfc("RFC 3207 §4, RFC 4954 §6")),
    basic!("534", "Authentication mechanism is too weak", "The server wants a stronger AUTH mechanism.", Source::Rfc("RFC 4954 §6")),
    basic!("535", "Authentication credentials invalid", "AUTH (or X-EXPS) failed: wrong credentials, or the account may not log on.", Source::Rfc("RFC 4954 §6")),
    basic!("538", "Encryption required for requested authentication mechanism", "The mechanism may only be used inside TLS.", Source::Rfc("RFC 4954 §6")),
    basic!("550", "Requested action not taken: mailbox unavailable", "A permanent refusal: no such mailbox, no access, or refused by policy (relay, spam, restrictions)."),
    basic!("551", "User not local", "The server does not accept mail for this recipient and names where to send it."),
    basic!("552", "Requested mail action aborted: exceeded storage allocation", "The message is larger than the server (or the mailbox) accepts."),
    basic!("553", "Requested action not taken: mailbox name not allowed", "The address is not acceptable (syntax, or a domain the server will not handle)."),
    basic!("554", "Transaction failed", "A permanent refusal; as a greeting, the server will not talk to this client at all."),
    basic!("555", "MAIL FROM/RCPT TO parameters not recognized or not implemented", "A parameter of MAIL or RCPT is unknown to the server."),
    basic!("556", "Domain does not accept mail", "The recipient's domain publishes that it receives no mail (null MX).", Source::Rfc("RFC 7504")),
];
