//! The words of the reports that are not data: section labels, column heads, legends, buttons.
//!
//! Owns every such string of the HTML and text reports, each as a [`Label`] with a stable message id
//! (`html-findings`), so that a message catalogue can take them over by id without touching the
//! printers. Data (addresses, commands, replies) and the findings' own sentences (from `rules`) are
//! not here. Must not: format values or know about layout.

use std::borrow::Cow;
use std::fmt;

use crate::l10n::{Lang, Text};

/// One user-facing word or phrase: its message id and its English text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// The message id a catalogue would key it by.
    pub id: &'static str,
    /// The English text.
    pub en: &'static str,
}

impl Label {
    /// The text to show, in the run's language (the catalogue's message `id`, English when the
    /// run is English or the catalogue lacks it).
    pub fn text(self) -> Cow<'static, str> {
        match crate::l10n::lang() {
            Lang::En => Cow::Borrowed(self.en),
            lang => Cow::Owned(Text::source(self.id, self.en).render(lang)),
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

macro_rules! labels {
    ($($name:ident $id:literal $en:literal;)*) => {
        $(
            #[doc = $en]
            pub const $name: Label = Label { id: $id, en: $en };
        )*
        /// Every label, for the catalogue's completeness test.
        pub const ALL: &[Label] = &[$($name),*];
    };
}

labels! {
    REPORT_TITLE "html-report-title" "smtpscope report";
    DIFF_TITLE "html-diff-title" "smtpscope diff";
    OVERVIEW "html-overview" "Overview";
    CAPTURE "html-capture" "Capture";
    FINDINGS "html-findings" "Findings";
    CAPTURE_FINDINGS "html-capture-findings" "Findings about the whole capture";
    MAIL_FLOW "html-mail-flow" "Mail flow";
    TIMELINE "html-timeline" "Timeline";
    SESSIONS "html-sessions" "Sessions";
    NO_FINDINGS "html-no-findings" "No findings.";
    NO_SESSIONS "html-no-sessions" "No SMTP session in the capture.";
    FILES "html-files" "Files";
    INTERFACE "html-interface" "Interface";
    PACKETS "html-packets" "Packets";
    BYTES "html-bytes" "Bytes";
    SMTP_SESSIONS "html-smtp-sessions" "SMTP sessions";
    TCP_CONNECTIONS "html-tcp-connections" "TCP connections";
    TIME_SPAN "html-time-span" "Time";
    NOT_ANALYSED "html-not-analysed" "Not analysed";
    CAPTURE_DROPS "html-capture-drops" "Dropped by the capture";
    INPUT_ERRORS "html-input-errors" "Incomplete input";
    BY_SEVERITY "html-by-severity" "Findings by severity";
    COL_SEVERITY "html-col-severity" "Severity";
    COL_FINDING "html-col-finding" "Finding";
    COL_COUNT "html-col-count" "Count";
    COL_SESSIONS "html-col-sessions" "Sessions";
    COL_SUMMARY "html-col-summary" "First seen";
    COL_CLIENT "html-col-client" "Client";
    COL_SERVER "html-col-server" "Server";
    COL_WITH_TLS "html-col-with-tls" "With TLS";
    COL_ACCEPTED "html-col-accepted" "Accepted";
    COL_DEFERRED "html-col-deferred" "Deferred";
    COL_REFUSED "html-col-refused" "Refused";
    COL_RECIPIENTS_REFUSED "html-col-recipients-refused" "Recipients refused";
    COL_REPLY_MEDIAN "html-col-reply-median" "Reply median";
    COL_REPLY_WORST "html-col-reply-worst" "Worst reply";
    COL_RETRIES "html-col-retries" "Retries";
    OUTCOME_DELIVERED "html-outcome-delivered" "delivered";
    OUTCOME_NO_MAIL "html-outcome-no-mail" "no mail";
    OUTCOME_WARNING "html-outcome-warning" "warning";
    OUTCOME_FAILED "html-outcome-failed" "failed";
    TIMELINE_MORE "html-timeline-more" "sessions beyond the timeline's limit are not drawn:";
    OPEN_ALL "html-open-all" "Open all";
    CLOSE_ALL "html-close-all" "Close all";
    SESSION "html-session" "Session";
    CLIENT "html-client" "client";
    SERVER "html-server" "server";
    ITEMS "html-items" "items";
    TLS_REGION "html-tls-region" "TLS: encrypted from here on";
    GAP "html-gap" "gap";
    EVIDENCE "html-evidence" "Evidence";
    ADVICE "html-advice" "What to check";
    EVENT "html-event" "Windows event";
    SEE "html-see" "See";
    EXPLAINED_BY "html-explained-by" "Explained by";
    FACT_TIME "html-fact-time" "time";
    FACT_FRAMES "html-fact-frames" "frames";
    FACT_C2S "html-fact-c2s" "client → server";
    FACT_S2C "html-fact-s2c" "server → client";
    FACT_GAP "html-fact-gap" "gap";
    FACT_BANNER "html-fact-banner" "banner";
    FACT_HELO "html-fact-helo" "helo";
    FACT_EHLO "html-fact-ehlo" "ehlo";
    FACT_AUTH "html-fact-auth" "auth";
    FACT_TLS "html-fact-tls" "tls";
    FACT_MAIL "html-fact-mail" "mail";
    FACT_DNS "html-fact-dns" "dns";
    FACT_ANOMALY "html-fact-anomaly" "anomaly";
    FACT_FILE "html-fact-file" "file";
    NOSCRIPT "html-noscript" "The ladder diagrams are drawn by the page's script when a session is opened; with scripts off, use the text report.";
    PRINT_NOTE "html-print-note" "Closed sessions are not printed: open the ones you need (or Open all) before printing.";
    LADDER_MORE "html-ladder-more" "more items are not drawn (see the text or JSON report)";
    PAIRS "html-pairs" "Session pairs";
    PAIR "html-pair" "Pair";
    SENDER "html-sender" "sender";
    RECEIVER "html-receiver" "receiver";
    DIFFERENCES "html-differences" "Differences";
    NO_DIFFERENCES "html-no-differences" "The two dialogues are the same.";
    COL_MATCH "html-col-match" "Match";
    COL_CONFIDENCE "html-col-confidence" "Confidence";
    COL_DIFFERENCES "html-col-differences" "Differences";
    DIFFERENCES_COUNT "html-differences-count" "differences";
    CLOCK_OFFSET "html-clock-offset" "Receiver's clock against the sender's";
    PATH_LATENCY "html-path-latency" "Added per round trip";
    SENDER_ONLY "html-sender-only" "Only in the sender's capture (never reached the receiver, or not captured there)";
    RECEIVER_ONLY "html-receiver-only" "Only in the receiver's capture (not sent from the sender's capture point)";
    LEGEND_ALTERED "html-legend-altered" "altered on the way";
    LEGEND_SENDER_ONLY "html-legend-sender-only" "sent, never arrived (dropped)";
    LEGEND_RECEIVER_ONLY "html-legend-receiver-only" "arrived, never sent (added on the way)";
    EACH_END "html-each-end" "Each end's own findings";
    DIFF_PAIRS "text-diff-pairs" "pairs";
    DIFF_PATH "text-diff-path" "path";
    DIFF_FRAME "text-diff-frame" "frame";
    DIFF_DIFFERENCES "text-diff-differences" "differences";
    DIFF_REST_NOT_COMPARED "text-diff-rest-not-compared" "the rest of the dialogues is not compared (too long)";
    DIFF_EACH_END "text-diff-each-end" "each end's own findings";
    TEXT_SESSION "text-session" "Session";
    TEXT_DIALOGUE "text-dialogue" "dialogue";
    TEXT_EVENT "text-event" "event";
    TEXT_SEE "text-see" "see";
    TEXT_SUMMARY "text-summary" "Summary";
    TEXT_NO_FINDINGS "text-no-findings" "findings: none";
    TEXT_NOT_ANALYSED "text-not-analysed" "not analysed";
    TEXT_MAIL_FLOW "text-mail-flow" "Mail flow";
    TEXT_BANNER "text-banner" "banner";
    TEXT_TIME "text-time" "time";
    TEXT_FRAMES "text-frames" "frames";
    TEXT_HANDSHAKE_SEEN "text-handshake-seen" "handshake seen";
    TEXT_MID_STREAM "text-mid-stream" "picked up mid-stream (no SYN)";
    TEXT_TUNNEL "text-tunnel" "tunnel";
    TEXT_INFERRED "text-inferred" "(inferred: lost in the gap)";
    TEXT_INCOMPLETE "text-incomplete" "(incomplete)";
    MESSAGE_INCOMPLETE "text-message-incomplete" "incomplete";
    TLS_RESUMED "text-tls-resumed" "resumed";
    TLS_AFTER_HRR "text-tls-after-hrr" "after a HelloRetryRequest";
    TLS_ESTABLISHED "text-tls-established" "established";
    TLS_NOT_ESTABLISHED "text-tls-not-established" "not established";
    TLS_NO_CLIENT_HELLO "text-tls-no-client-hello" "no ClientHello decoded";
    TLS_NO_SERVER_HELLO "text-tls-no-server-hello" "no ServerHello";
    TLS_CERT_ENCRYPTED "text-tls-cert-encrypted" "encrypted (TLS 1.3): a key log shows it";
    TLS_CERT_REQUESTED "text-tls-cert-requested" "the server asked for a client certificate";
    TLS_NO_SAN "text-tls-no-san" "no SAN";
    TLS_SELF_SIGNED "text-tls-self-signed" "self-signed";
    TLS_KEYS_GIVEN "text-tls-keys-given" "keys given";
    TLS_NOTHING_TO_DECRYPT "text-tls-nothing-to-decrypt" "nothing protected to decrypt";
    MESSAGE_DAMAGED "text-message-damaged" "damaged by a gap";
    MESSAGE_TOO_LARGE "text-message-too-large" "past --max-message-size";
    MESSAGE_CAPTURED "text-message-captured" "captured";
    TEXT_INSIDE_TLS "text-inside-tls" "(inside TLS)";
    TEXT_BY_THE_SERVER "text-by-the-server" "by the server:";
    TEXT_KERBEROS_OFFERED_NTLM_SENT "text-kerberos-offered-ntlm-sent" "(Kerberos offered, NTLM sent)";
    AUTH_SUCCESS "text-auth-success" "success";
    AUTH_FAILURE "text-auth-failure" "failure";
    AUTH_CANCELLED "text-auth-cancelled" "cancelled";
    AUTH_NO_FINAL_REPLY "text-auth-no-final-reply" "no final reply";
    TEXT_SMUGGLED "text-smuggled" "(smuggled)";
    TEXT_DATA "text-data" "data";
    TEXT_LINE_NOT_BASE64 "text-line-not-base64" "line, not base64";
    TEXT_GAP "text-gap" "gap";
    TEXT_RETRIED "text-retried" "retried";
    TEXT_INCOMPLETE_INPUT "text-incomplete-input" "incomplete input:";
    CLOSED_FIN "text-closed-fin" "closed by FIN";
    CLOSED_RST "text-closed-rst" "reset (RST)";
    CLOSED_IDLE "text-closed-idle" "still open, idle past the timeout";
    CLOSED_REUSED "text-closed-reused" "still open when a new SYN reused its ports";
    CLOSED_END_OF_INPUT "text-closed-end-of-input" "still open at the end of the capture";
    CLOSED_EVICTED "text-closed-evicted" "still open, evicted when the connection budget was full (--max-connections)";
    SENT_FIN "text-sent-fin" "sent FIN";
    SENT_RST "text-sent-rst" "sent RST";
    GAP_ACKED "text-gap-acked" "acknowledged by the peer but never captured";
    GAP_CAPTURE_ENDED "text-gap-capture-ended" "still missing when the capture ended";
    GAP_CONNECTION_ENDED "text-gap-connection-ended" "still missing when the connection ended";
    GAP_CONNECTION_CAP "text-gap-connection-cap" "given up: the connection's reassembly buffer was full";
    GAP_TOTAL_CAP "text-gap-total-cap" "given up: the total reassembly buffer was full";
    GAP_TOO_MANY "text-gap-too-many" "given up: too many out-of-order segments";
    GAP_SNAPLEN "text-gap-snaplen" "not kept by the capture (snap length)";
    RETRY_DELIVERED "text-retry-delivered" "then delivered";
    RETRY_NOT_DELIVERED "text-retry-not-delivered" "not delivered";
    RULES_EXPLAIN_ONE "rules-explain-one" "Explain one with `smtpscope rules ID`.";
    RULES_WHEN "rules-when" "When it fires:";
    RULES_CHECK "rules-check" "What to check, most likely cause first:";
    RULES_CAVEATS "rules-caveats" "Known false positives and limits:";
    RULES_REFERENCES "rules-references" "References:";
    RULES_FINDINGS_RAISED "rules-findings-raised" "Findings it raises:";
    EXPLAIN_CAUSES "rules-ndr-causes" "Causes, most likely first:";
    EXPLAIN_STEPS "rules-ndr-steps" "Steps:";
    EXPLAIN_GREETING "rules-greeting" "greeting";
}

/// A counted noun of the reports (`1 segment`, `2,048 bytes`): the message id of its catalogue entry
/// (with `$count` to choose the plural form and `$n`, the number as shown) and its English forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    /// The message id (`count-segments`).
    pub id: &'static str,
    /// The English singular.
    pub one: &'static str,
    /// The English plural.
    pub many: &'static str,
}

impl Count {
    /// `n` of them in the run's language, the number grouped by thousands (`1,460 bytes`).
    pub fn of(self, n: u64) -> String {
        self.render(crate::l10n::lang(), n)
    }

    /// `n` of them in `lang`; English is written directly, as the catalogue says it.
    pub fn render(self, lang: Lang, n: u64) -> String {
        let shown = super::text::group_digits(n);
        match lang {
            Lang::En => format!("{shown} {}", if n == 1 { self.one } else { self.many }),
            lang => Text::Msg {
                id: self.id,
                args: vec![("count", n.into()), ("n", shown.into())],
            }
            .render(lang),
        }
    }
}

macro_rules! counts {
    ($($name:ident $id:literal $one:literal $many:literal;)*) => {
        $(
            #[doc = $many]
            pub const $name: Count = Count { id: $id, one: $one, many: $many };
        )*
        /// Every counted noun, for the catalogue's tests.
        pub const COUNTS: &[Count] = &[$($name),*];
    };
}

counts! {
    N_SEGMENTS "count-segments" "segment" "segments";
    N_BYTES "count-bytes" "byte" "bytes";
    N_RETRANSMITTED "count-retransmitted" "retransmitted" "retransmitted";
    N_NOT_LOSS "count-not-loss" "not loss" "not loss";
    N_GAPS "count-gaps" "gap" "gaps";
    N_OVERLAP_BYTES "count-overlap-bytes" "conflicting overlap bytes" "conflicting overlap bytes";
    N_SESSIONS "count-sessions" "session" "sessions";
    N_WITH_TLS "count-with-tls" "with TLS" "with TLS";
    N_FILES "count-files" "file" "files";
    N_PACKETS "count-packets" "packet" "packets";
    N_SMTP_SESSIONS "count-smtp-sessions" "SMTP session" "SMTP sessions";
    N_TCP_CONNECTIONS "count-tcp-connections" "TCP connection" "TCP connections";
    N_FINDINGS "count-findings" "finding" "findings";
    N_ITEMS_NOT_KEPT "count-items-not-kept" "item not kept" "items not kept";
    N_BYTES_MISSING "count-bytes-missing" "byte missing" "bytes missing";
    N_LINES_SKIPPED "count-lines-skipped" "line skipped" "lines skipped";
    N_MORE_LINES "count-more-lines" "more line" "more lines";
    N_BARE_LF "count-bare-lf" "bare LF" "bare LF";
    N_BARE_CR "count-bare-cr" "bare CR" "bare CR";
    N_NON_CANONICAL_ENDS "count-non-canonical-ends" "non-canonical end-of-data" "non-canonical end-of-data";
    N_TOKENS "count-tokens" "token" "tokens";
    N_SESSION_PAIRS "count-session-pairs" "session pair" "session pairs";
    N_ITEMS "count-items" "item" "items";
    N_MORE "count-more" "more" "more";
    N_MORE_FIELDS "count-more-fields" "more fields" "more fields";
    N_MIME_PARTS "count-mime-parts" "MIME part" "MIME parts";
    N_BYTES_LOST_IN_GAPS "count-bytes-lost-in-gaps" "bytes lost in gaps" "bytes lost in gaps";
    N_HOPS "count-hops" "hop" "hops";
    N_HOPS_NOT_KEPT "count-hops-not-kept" "hops not kept" "hops not kept";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_nouns_in_english_are_what_the_catalogue_says() {
        for count in COUNTS {
            for n in [0, 1, 2, 5, 22, 1234] {
                let direct = count.render(Lang::En, n);
                let catalogue = Text::Msg {
                    id: count.id,
                    args: vec![
                        ("count", n.into()),
                        ("n", super::super::text::group_digits(n).into()),
                    ],
                }
                .render(Lang::En);
                assert_eq!(direct, catalogue, "{}", count.id);
            }
        }
    }

    #[test]
    fn ids_are_unique_and_texts_present() {
        let mut ids: Vec<&str> = ALL.iter().map(|l| l.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before, "duplicate message id");
        assert!(ALL
            .iter()
            .all(|l| ["html-", "text-", "rules-"].iter().any(|p| l.id.starts_with(p)) && !l.en.is_empty()));
    }
}
