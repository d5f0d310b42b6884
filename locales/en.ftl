# smtpscope's message catalogue: English, the source language.
#
# Every id here exists in ja.ftl, pl.ftl and tr.ftl with the same placeables (tests/l10n.rs).
# The rule catalogue's English (titles, advice, triggers, caveats) lives in src/rules/*.rs and
# docs/rules.md; the other languages translate it under rule-ID-title, rule-ID-advice-N, ….

## Findings: shared sentences

advice-explained-by = Likely caused by `{ $id }` in this session: { $summary }

## Windows events (the wording Exchange logs; a fact, not prose)

event-7004 = This is an SMTP protocol error log for virtual server ID 1, connection #{ $connection }. The remote host "{ $host }", responded to the SMTP command "{ $command }" with "{ $reply }". The full command sent was "{ $sent }". This will probably cause the connection to fail.
event-1706 = Exchange Server authentication (X-EXPS { $mechanism }) with the remote host "{ $host }" failed. The full command sent was "{ $sent }"; the remote host responded "{ $reply }".

## Findings: summaries and the sentences inside them

message-named = message <{ $id }>
message-of-frame = the message of frame { $frame }
summary-auth-required = { $verb } was refused with { $reply }: the client had not authenticated.
summary-relay-denied = A recipient was refused with { $reply }: relaying was denied.
summary-xexch50-rejected = XEXCH50 was refused with { $code }: { $meaning }.
xexch50-refused-not-authorised = the sending server is authenticated but not authorised (Send As)
xexch50-refused-no-auth = the sender did not authenticate first
xexch50-refused-auth-required = the peer requires authentication: typically an Exchange 5.5 IMS outside the organisation
xexch50-refused-unknown-verb = the peer does not know the verb, or a middlebox rewrote it
xexch50-refused-bad-arguments = the peer found the arguments invalid (size, or count not recipients + 1)
xexch50-refused-other = the peer refused it
summary-xexch50-without-auth-answered = XEXCH50 was sent without prior authentication and answered { $code }.
summary-xexch50-without-auth = XEXCH50 was sent without prior authentication.
xexch50-cause-helo = The session fell back to HELO, so no extended verb (X-EXPS included) was possible: look for a middlebox that refuses EHLO.
xexch50-cause-auth-failed = The sender tried to authenticate and failed (see exps-failed): fix the authentication first.
xexch50-cause-not-exchange = The receiver offers neither X-EXPS nor XEXCH50: it is not an Exchange server of this organisation, so stop sending XEXCH50 to it.
xexch50-cause-no-exps = The receiver did not offer X-EXPS: Integrated Windows Authentication is off on its SMTP virtual server.
xexch50-cause-exps-not-tried = The receiver offered X-EXPS but the sender never tried it: the receiver did not recognise the sender's EHLO name, or the sender had no credentials for it.
summary-exps-not-attempted = The server offered X-EXPS, but the client sent { $verb } without authenticating first.
evidence-exps-offered-not-used = the server's EHLO reply offered { $offered }; no X-EXPS or AUTH came before
summary-exchange-anonymous = { $message } crosses a session between Exchange servers marked { $header }: Anonymous.
summary-exchange-internal-unproven = { $message } claims { $header }: Internal, but the session carrying it never authenticated.
summary-starttls-masked = STARTTLS is missing from the EHLO reply and { $count ->
        [one] a keyword
       *[other] keywords
    } of its length masked ({ $keywords }): a firewall hid it, so the client could not start TLS.
summary-middlebox-rewrite = A middlebox rewrote the SMTP dialogue ({ $signatures }).
summary-extended-verbs-missing = The banner is Exchange 2000/2003 but the EHLO reply offers none of its verbs: X-EXPS and XEXCH50 cannot be used.
summary-exps-failed = { $verb } { $mechanism } ended with "{ $reply }": { $meaning }.
auth-failed-cancelled = the client cancelled with `*`: its security package failed on the sender's side
auth-failed-535 = the receiver refused the credentials (logon denied)
auth-failed-454 = a temporary failure on the receiver (clock skew, SPN, domain controller, trust)
auth-failed-504 = the receiver does not allow this mechanism
auth-failed-unknown-verb = the receiver does not know the verb (it is not an Exchange server, or the sinks are missing)
auth-failed-501 = the receiver found the exchange malformed
auth-failed-503 = the receiver does not offer authentication here (or not at this point of the session)
auth-failed-encryption-first = the receiver requires encryption or another mechanism first
auth-failed-other = the receiver did not accept it
summary-tls-cert-expired = A certificate of the TLS handshake had expired.
summary-tls-cert-not-yet-valid = A certificate of the TLS handshake was not valid yet.
summary-tls-cert-self-signed = The server's certificate is self-signed.
summary-starttls-not-offered-refused = The client asked for STARTTLS, which the EHLO reply did not offer, and was refused.
summary-capture-drops = { $source }: the capturing host dropped { $dropped } packets; the analysis is incomplete.
evidence-capture-drops = { $dropped } packets dropped by the capture
summary-identity-mismatch = The client calls itself { $name } but authenticated as { $identity } (host { $host }).
summary-banner-late = The server's greeting came { $seconds } s after the connection opened.
summary-no-banner = The server sent no greeting in the { $seconds } s the connection lasted.
summary-bare-lf = { $count } command, reply or DATA body with bare LF or CR line ends.
summary-credentials-in-clear = { $verb } { $mechanism } credentials were sent in clear text.
summary-hostname-not-fqdn = Not a fully qualified domain name: { $names }.
summary-kerberos-downgrade = { $verb } { $mechanism } offered Kerberos but sent NTLM: the sender had no Kerberos ticket for this server.
summary-size-above-limit = MAIL FROM announced { $size } bytes, above the { $limit }-byte limit the server advertised.
summary-open-relay = An anonymous client relayed `{ $command }` from outside the local domains to outside them.
summary-starttls-no-tls = The server accepted { $verb } but the client went on in clear.
summary-exps-not-offered-no-x = The server's EHLO reply offers no X-EXPS and no X- keyword at all (the Exchange sinks look unloaded), yet the client sent XEXCH50.
summary-exps-not-offered = The server's EHLO reply does not offer X-EXPS, yet the client sent XEXCH50.
summary-connection-churn = { $client } opened { $count } short sessions to { $server } in { $seconds } s that ended before MAIL.
summary-retry-storm = { $client } offered the same message to { $server } { $count } times in { $seconds } s, deferred each time ({ $reply }).
summary-no-ptr = The server found no PTR for { $name } ({ $result }) and refused: { $reply }.
summary-connected-not-to-mx = The client connected to { $server }, which is not an address of the MX of { $domain } ({ $known }).
summary-capture-truncated = The capture was truncated by snaplen { $snaplen }: { $bytes } bytes of payload in { $segments } segment(s) were not captured.
