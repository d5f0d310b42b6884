//! The enhanced status codes of RFC 3463 and of the IANA registry (RFC 5248), by `X.subject.detail`
//! (the class, 2, 4 or 5, is the reply's: success, transient or permanent). Each entry names the
//! RFC that registered it. Wording ours.

use super::{Entry, Source};

macro_rules! code {
    ($code:literal, $title:literal, $detail:literal) => {
        code!($code, $title, $detail, "RFC 3463")
    };
    ($code:literal, $title:literal, $detail:literal, $rfc:literal) => {
        entry!($code, $title, $detail, Source::Iana($rfc))
    };
}

/// The registry, by subject then detail.
pub static TABLE: &[Entry] = &[
    code!("X.0.0", "Other undefined status", "No more precise status applies; read the text of the reply."),
    // Addressing.
    code!("X.1.0", "Other address status", "Something about an address (sender or recipient) is wrong."),
    code!("X.1.1", "Bad destination mailbox address", "The recipient's mailbox does not exist at the destination: a typing error, a deleted account, or an address the directory does not know."),
    code!("X.1.2", "Bad destination system address", "The domain part of the recipient does not name a mail system that can be reached."),
    code!("X.1.3", "Bad destination mailbox address syntax", "The recipient address is syntactically invalid."),
    code!("X.1.4", "Destination mailbox address ambiguous", "The address matches more than one mailbox."),
    code!("X.1.5", "Destination address valid", "The recipient is accepted (used with success replies)."),
    code!("X.1.6", "Destination mailbox has moved, no forwarding address", "The mailbox existed but has moved; the server does not say where."),
    code!("X.1.7", "Bad sender's mailbox address syntax", "The MAIL FROM address is syntactically invalid."),
    code!("X.1.8", "Bad sender's system address", "The sender's domain does not exist or cannot receive replies (no MX, no A record)."),
    code!("X.1.9", "Message relayed to non-compliant mailer", "Delivered to a system that cannot report delivery status.", "RFC 3886"),
    code!("X.1.10", "Recipient address has null MX", "The recipient's domain publishes a null MX: it accepts no mail; Exchange Online uses 5.1.10 for a recipient not found.", "RFC 7505"),
    // Mailbox.
    code!("X.2.0", "Other or undefined mailbox status", "The mailbox exists but something about it prevents delivery."),
    code!("X.2.1", "Mailbox disabled, not accepting messages", "The mailbox exists but does not take mail now (disabled, or a delivery restriction)."),
    code!("X.2.2", "Mailbox full", "The recipient is over quota."),
    code!("X.2.3", "Message length exceeds administrative limit", "The message is larger than the recipient (or the organisation) allows."),
    code!("X.2.4", "Mailing list expansion problem", "A distribution list could not be expanded."),
    // Mail system.
    code!("X.3.0", "Other or undefined mail system status", "The receiving mail system has a problem of its own."),
    code!("X.3.1", "Mail system full", "The receiving system is out of storage or other resources; Exchange answers 452 4.3.1 when back pressure is on."),
    code!("X.3.2", "System not accepting network messages", "The receiving system does not take mail now: shutting down, paused, or overloaded (Exchange 421 4.3.2)."),
    code!("X.3.3", "System not capable of selected features", "The message needs a feature the receiving system lacks."),
    code!("X.3.4", "Message too big for system", "The message is larger than the receiving system accepts at all (its SIZE limit)."),
    code!("X.3.5", "System incorrectly configured", "The receiving system is misconfigured."),
    code!("X.3.6", "Requested priority was changed", "The message was accepted with another priority than requested.", "RFC 6710"),
    // Network and routing.
    code!("X.4.0", "Other or undefined network or routing status", "A routing problem; Exchange uses 4.4.0/5.4.0 for DNS failures (authoritative host not found)."),
    code!("X.4.1", "No answer from host", "The next hop did not answer the connection attempt."),
    code!("X.4.2", "Bad connection", "The connection to the next hop broke during the transfer."),
    code!("X.4.3", "Directory server failure", "A directory (DNS, Active Directory) lookup failed."),
    code!("X.4.4", "Unable to route", "No route to the destination: no MX or address for the domain, or no connector for its address space."),
    code!("X.4.5", "Mail system congestion", "The destination is congested; try again later."),
    code!("X.4.6", "Routing loop detected", "The message went round in a loop (too many Received headers)."),
    code!("X.4.7", "Delivery time expired", "The message stayed in a queue past its expiration time without being delivered."),
    // Mail delivery protocol.
    code!("X.5.0", "Other or undefined protocol status", "A protocol problem between the two systems."),
    code!("X.5.1", "Invalid command", "The command is unknown or not allowed at this point."),
    code!("X.5.2", "Syntax error", "The command line could not be parsed."),
    code!("X.5.3", "Too many recipients", "The message has more recipients than the server accepts at once; the sender should send the rest in another transaction."),
    code!("X.5.4", "Invalid command arguments", "The arguments of the command are invalid."),
    code!("X.5.5", "Wrong protocol version", "The protocol version is not supported."),
    code!("X.5.6", "Authentication exchange line is too long", "A SASL line exceeded the server's limit.", "RFC 4954"),
    // Content.
    code!("X.6.0", "Other or undefined media error", "The content of the message could not be handled (a content filter often says this too)."),
    code!("X.6.1", "Media not supported", "A part of the message has a media type the system does not support."),
    code!("X.6.2", "Conversion required and prohibited", "The content needs a conversion the sender forbade."),
    code!("X.6.3", "Conversion required but not supported", "The content needs a conversion the system cannot do."),
    code!("X.6.4", "Conversion with loss performed", "Delivered, but the conversion lost information."),
    code!("X.6.5", "Conversion failed", "A required conversion failed."),
    code!("X.6.6", "Message content not available", "The referenced content (BURL) could not be fetched.", "RFC 4468"),
    code!("X.6.7", "Non-ASCII addresses not permitted", "An internationalised address was used where SMTPUTF8 is not available.", "RFC 6531"),
    code!("X.6.8", "UTF-8 string reply is required", "The reply needs UTF-8 but the client did not ask for SMTPUTF8.", "RFC 6531"),
    code!("X.6.9", "UTF-8 header message cannot be transferred", "The message has UTF-8 headers and the next hop does not support SMTPUTF8.", "RFC 6531"),
    // Security or policy.
    code!("X.7.0", "Other or undefined security status", "A security or policy refusal without detail; Exchange also uses 4.7.0 for temporary server errors and 5.7.0 for TLS or authentication requirements."),
    code!("X.7.1", "Delivery not authorized, message refused", "The sender is not allowed to send this: relay refused, a delivery restriction on the recipient, or a policy (block list, content filter)."),
    code!("X.7.2", "Mailing list expansion prohibited", "The sender may not send to this distribution list."),
    code!("X.7.3", "Security conversion required but not possible", "A security requirement (authentication, signing, encryption) could not be met; Exchange 2000/2003 send it when the sender is not authorized (KB 895853)."),
    code!("X.7.4", "Security features not supported", "The message asks for security features the system lacks."),
    code!("X.7.5", "Cryptographic failure", "Decryption or signature checking failed."),
    code!("X.7.6", "Cryptographic algorithm not supported", "The message uses an algorithm the system does not support."),
    code!("X.7.7", "Message integrity failure", "The message was altered on the way."),
    code!("X.7.8", "Authentication credentials invalid", "AUTH failed: wrong user name or password.", "RFC 4954"),
    code!("X.7.9", "Authentication mechanism is too weak", "The server wants a stronger AUTH mechanism.", "RFC 4954"),
    code!("X.7.10", "Encryption needed", "The action needs an encrypted (TLS) session.", "RFC 5248"),
    code!("X.7.11", "Encryption required for requested authentication mechanism", "The AUTH mechanism may only be used inside TLS.", "RFC 4954"),
    code!("X.7.12", "A password transition is needed", "The account must change its password first.", "RFC 4954"),
    code!("X.7.13", "User account disabled", "The account used for AUTH is disabled.", "RFC 5248"),
    code!("X.7.14", "Trust relationship required", "The two systems need a trust relationship for this action.", "RFC 5248"),
    code!("X.7.15", "Priority level is too low", "The message's priority is below what the server accepts now.", "RFC 6710"),
    code!("X.7.16", "Message is too big for the specified priority", "Large messages need a higher priority here.", "RFC 6710"),
    code!("X.7.17", "Mailbox owner has changed", "The recipient mailbox changed owner since the sender last used it.", "RFC 7293"),
    code!("X.7.18", "Domain owner has changed", "The recipient domain changed owner.", "RFC 7293"),
    code!("X.7.19", "RRVS test cannot be completed", "The require-recipient-valid-since test could not be done.", "RFC 7293"),
    code!("X.7.20", "No passing DKIM signature found", "The receiver requires a valid DKIM signature and found none.", "RFC 7372"),
    code!("X.7.21", "No acceptable DKIM signature found", "DKIM signatures were valid but none was acceptable to the receiver's policy.", "RFC 7372"),
    code!("X.7.22", "No valid author-matched DKIM signature found", "No valid DKIM signature matches the author's domain.", "RFC 7372"),
    code!("X.7.23", "SPF validation failed", "The sending IP is not allowed by the sender domain's SPF record.", "RFC 7372"),
    code!("X.7.24", "SPF validation error", "The SPF check could not be completed (DNS error, bad record).", "RFC 7372"),
    code!("X.7.25", "Reverse DNS validation failed", "The client's IP address has no PTR record, or the name does not resolve back to it.", "RFC 7372"),
    code!("X.7.26", "Multiple authentication checks failed", "Several sender authentication checks (SPF, DKIM, reverse DNS) failed together.", "RFC 7372"),
    code!("X.7.27", "Sender address has null MX", "The sender's domain publishes a null MX, so bounces could not be returned.", "RFC 7505"),
    code!("X.7.28", "Mail flood detected", "The message looks like part of a flood of similar messages.", "RFC 5248 registry"),
    code!("X.7.29", "ARC validation failure", "The ARC chain of the message did not validate.", "RFC 8617"),
    code!("X.7.30", "REQUIRETLS support required", "The message demands REQUIRETLS and the next hop does not offer it.", "RFC 8689"),
];
