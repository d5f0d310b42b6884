//! The non-delivery reports of KB 895853 (mail relay in Exchange 2000/2003: NDRs 5.0.0, 5.7.1 and
//! 5.7.3) and of the modern Exchange relay and resource refusals, each with its causes, most likely
//! first, and the steps that fix it. Facts from KB 895853 and Microsoft's Exchange documentation;
//! wording ours.

use crate::l10n::Text;

/// One NDR with what causes it and what to do.
#[derive(Debug, PartialEq, Eq)]
pub struct Ndr {
    /// The enhanced code.
    pub code: &'static str,
    /// Where Microsoft describes it.
    pub reference: &'static str,
    /// The situation, as the administrator meets it.
    pub situation: &'static str,
    /// Likely causes, most likely first.
    pub causes: &'static [&'static str],
    /// What to check and change.
    pub steps: &'static [&'static str],
}

impl Ndr {
    /// The catalogue id prefix of its texts (`ndr-5-7-1`).
    fn prefix(&self) -> String {
        format!("ndr-{}", self.code.replace('.', "-"))
    }

    /// Where Microsoft describes it, in the report's language (a KB number as it is).
    pub fn reference_text(&self) -> Text {
        if self.reference.starts_with("KB ") {
            self.reference.into()
        } else {
            Text::source(format!("{}-reference", self.prefix()), self.reference)
        }
    }

    /// The situation in the report's language.
    pub fn situation_text(&self) -> Text {
        Text::source(format!("{}-situation", self.prefix()), self.situation)
    }

    /// The causes in the report's language.
    pub fn cause_texts(&self) -> impl Iterator<Item = Text> + '_ {
        self.numbered("cause", self.causes)
    }

    /// The steps in the report's language.
    pub fn step_texts(&self) -> impl Iterator<Item = Text> + '_ {
        self.numbered("step", self.steps)
    }

    /// `items` as texts with the ids `ndr-CODE-KIND-N` (from 1).
    fn numbered(&self, kind: &'static str, items: &'static [&'static str]) -> impl Iterator<Item = Text> {
        let prefix = self.prefix();
        items
            .iter()
            .enumerate()
            .map(move |(n, text)| Text::source(format!("{prefix}-{kind}-{}", n.saturating_add(1)), text))
    }

    /// The message ids of every text above that has one, for the catalogues' tests.
    pub fn text_ids(&self) -> Vec<String> {
        let texts = [self.reference_text(), self.situation_text()]
            .into_iter()
            .chain(self.cause_texts())
            .chain(self.step_texts());
        texts
            .filter_map(|t| match t {
                Text::Source { id, .. } => Some(id.into_owned()),
                _ => None,
            })
            .collect()
    }
}

/// Every NDR described.
pub static TABLE: &[Ndr] = &[
    Ndr {
        code: "5.0.0",
        reference: "KB 895853",
        situation: "Mail to another domain is returned with 5.0.0 although the recipient exists.",
        causes: &[
            "The Exchange server has no route for the recipient's domain: no SMTP connector with an address space that covers it, and no DNS resolution of its MX.",
            "The server's DNS settings cannot resolve external names (an internal DNS without forwarders).",
            "A smart host is configured that does not accept the mail.",
        ],
        steps: &[
            "Check with nslookup (set q=mx) that the server resolves the recipient domain's MX.",
            "Check the SMTP connectors: an address space of * (or the domain) for outbound mail, and the smart host if one is set.",
            "Check the external DNS servers configured on the SMTP virtual server (Delivery > Advanced).",
        ],
    },
    Ndr {
        code: "5.7.1",
        reference: "KB 895853",
        situation: "The server answers 550 5.7.1 Unable to relay, or the NDR says the sender has no permission to send to the recipient.",
        causes: &[
            "The client is anonymous and the SMTP virtual server relays only for authenticated computers or listed addresses (Access > Relay restrictions).",
            "The recipient's domain is not one the server accepts (not in a recipient policy, no connector for it), so the mail counts as relay.",
            "A delivery restriction on the recipient (Accept messages from / authenticated users only) refuses this sender.",
            "Between Exchange servers: X-EXPS authentication failed or was stripped by a firewall, so the sending server is anonymous.",
        ],
        steps: &[
            "On the receiving virtual server, Access > Relay: allow the computers that must relay, or 'Allow all computers which successfully authenticate to relay'. Never allow all: that makes an open relay.",
            "Add the recipient's domain to a recipient policy (Exchange 2003) or as an accepted domain (Exchange 2007 and later) if the server is responsible for it.",
            "Check the recipient's delivery restrictions.",
            "If the sender is an Exchange server, fix its authentication first (see exps-failed and middlebox-rewrite).",
        ],
    },
    Ndr {
        code: "5.7.3",
        reference: "KB 895853",
        situation: "The server refuses with 5.7.3: the sender is not authorized, or Exchange Server authentication could not be achieved.",
        causes: &[
            "The SMTP virtual server (or Receive connector) does not allow anonymous access, and the client did not authenticate.",
            "Exchange 2007 and later: the Receive connector has Exchange Server authentication enabled but the sending server could not authenticate (certificates, TLS, permissions of the Exchange servers group).",
            "The recipient accepts mail only from authenticated senders.",
        ],
        steps: &[
            "Enable anonymous access (Access > Authentication) on the virtual server that receives Internet mail, or Anonymous users on the Receive connector's permission groups.",
            "Between Exchange servers: check the authentication methods and permission groups of the Receive connector, and that TLS works between the servers.",
            "Check the recipient's 'from authenticated users only' setting.",
        ],
    },
    Ndr {
        code: "5.7.54",
        reference: "Exchange 2013–2019 and Exchange Online mail-flow documentation",
        situation: "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain.",
        causes: &[
            "An application or device relays through a Receive connector that does not grant it relay permission.",
            "The recipient's domain is missing from the accepted domains.",
        ],
        steps: &[
            "Create a dedicated Receive connector for the application's IP address with relay permission (Ms-Exch-SMTP-Accept-Any-Recipient for anonymous logon), or make it authenticate.",
            "Add the domain as an accepted domain if the organisation receives mail for it.",
        ],
    },
    Ndr {
        code: "4.3.1",
        reference: "Exchange Server documentation (back pressure)",
        situation: "452 4.3.1 Insufficient system resources: the receiving Exchange transport is under back pressure.",
        causes: &[
            "Free disk space on the queue database or its logs' drive fell below the threshold.",
            "Memory used by the transport process, or the number of messages in queues, is above the threshold.",
        ],
        steps: &[
            "On the receiving server, look for events 15004–15007 (resource pressure changed) in the application log.",
            "Free disk space on the drive holding the queue database, or move it (QueueDatabasePath in EdgeTransport.exe.config).",
            "Look for what fills the queues (a loop, a stuck destination) before raising thresholds.",
        ],
    },
];
