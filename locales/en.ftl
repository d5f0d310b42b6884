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

## Transport, refusal and message findings

summary-tcp-retransmission = Retransmissions: { $one }.
summary-tcp-retransmission-both = Retransmissions: { $one }; { $other }.
resent-side = { $side }: { $lost } of { $segments } segments re-sent after loss ({ $bytes } bytes){ $first }{ $spurious }
resent-first-at = , the first at frame { $frame } { $place }
resent-not-loss = ; { $count } more were not loss
resent-in-body = in a { $verb } body
resent-in-blob = in an XEXCH50 BLOB
resent-in-tls = inside TLS
resent-after-command = at or after `{ $verb }`
resent-after-reply = at or after the { $code } reply
resent-in-sasl = in a SASL exchange
resent-in-dialogue = in the dialogue
summary-connection-refused = The connection to { $server } was refused: the SYN was answered by a RST.
evidence-syn-answered-by-rst = SYN to { $server } answered by RST at frame { $frame }
summary-connection-unanswered = The connection to { $server } was never answered: { $count } SYN(s), no reply.
evidence-syn-unanswered = { $count } SYN(s) to { $server } over { $seconds } s, nothing back
evidence-tls-began = TLS began in frame { $frame }; { $client } bytes from the client and { $server } from the server are encrypted
summary-header-from-mismatch = { $message } has a header { $header } that is not in its { $envelope }.
summary-mail-loop-suspected = { $message } looks like it went round in a loop: { $why }.
summary-received-delay = { $message } was delayed on its way: { $why }.

## Refusal, reset and gap findings

refused-the-message = The message
refused-the-connection = The connection
refused-the-sender = The sender
summary-refused-because = { $what } was refused with { $reply }: { $because }.
summary-deferred-because = { $what } was deferred with { $reply }: { $reason }.
summary-recipient-unknown = { $what } was refused with { $reply }: the recipient is unknown there.
evidence-unknown-recipients = unknown recipients: { $addresses }
spam-listed-on = the client is listed on { $list }
spam-refused = refused as spam
evidence-block-list = block list: { $list }
advice-spam-listed = The client { $client } is listed on { $list }: check the listing and request removal after fixing its cause.
summary-throttled = { $what } was deferred with { $reply }: the receiver limits this client.
deferred-greylisting = greylisting: the retry will be accepted
deferred-retry = the sender must retry
summary-not-authorized = { $what } was refused with { $reply }: the sender is not authorized.
summary-tcp-reset = The connection was reset by { $by } { $state }.
evidence-rst-from = RST from { $by } { $state }
reset-by-server = the server
reset-by-client = the client
reset-by-both = both sides
reset-before-smtp = before any SMTP was exchanged
reset-during-blob = during an XEXCH50 BLOB transfer
reset-during-bdat = during a BDAT chunk
reset-during-data = during DATA
reset-during-auth = during authentication
reset-awaiting-reply = while a command waited for its reply
reset-between-commands = between commands
summary-tcp-gap = { $count } gap(s) in the capture.
summary-tcp-gap-first = { $count } gap(s) in the capture; the first: { $first }.
evidence-gap = { $side }: { $bytes } bytes missing at offset { $offset }, { $cause }
evidence-gap-into = { $side }: { $bytes } bytes missing at offset { $offset }, { $cause }, { $place }
gap-acked = acknowledged by the peer but never captured
gap-capture-ended = never filled before the capture ended
gap-connection-ended = never filled before the connection ended
gap-memory-cap = dropped at the reassembly memory cap
gap-too-many-segments = dropped: too many out-of-order segments
gap-snaplen = not kept by the capture (snap length)
gap-in-data = inside a DATA body
gap-in-blob = inside an XEXCH50 BLOB
gap-in-bdat = inside a BDAT chunk
gap-in-command = inside a command line
gap-in-reply = inside a reply line
gap-between-commands = between commands
gap-between-replies = between replies

## TLS findings

refused-tls-required = TLS is required first
refused-too-large = the message is too large
deferred-short-of-resources = the receiver is short of resources
summary-tls-before-auth = { $verb } was accepted before any authentication: the rest of the session is encrypted.
summary-tls-before-auth-decrypted = { $verb } was accepted before any authentication; decrypted, the session shows { $inside }.
summary-tls-cert-name-mismatch = The server's certificate names { $names }, not { $asked }.
summary-tls-handshake-failed = The TLS handshake failed: { $how }.
tls-failed-client-sent = the client sent { $alert }
tls-failed-server-sent = the server sent { $alert }
tls-failed-reset = the connection was reset before it finished
tls-failed-closed = the connection closed before it finished
summary-tls-weak-suite = TLS used the weak suite { $suite }.
summary-tls-short-key = A certificate of the TLS handshake has a key under 2048 bits.
summary-tls-version-client-behind = { $version } was negotiated: the client offers nothing newer.
summary-tls-version-server-behind = { $version } was negotiated although the client offered { $offered }: the server supports nothing newer.
summary-tls-version-offered = The client offers nothing newer than { $offered }.

## Dialogue, DNS and exploit-shape findings

summary-dns-lookup-failed = { $qtype } lookup of { $name } failed ({ $result }): mail for it cannot be delivered.
dns-exchanger-of = { $name } (a mail exchanger of { $domain })
summary-capture-ended = The capture ended with the session still in progress: { $detail }.
ehlo-fell-back-to-helo = ; the client fell back to HELO
summary-ehlo-rejected = EHLO was answered { $code }{ $fallback }: the session runs without ESMTP extensions.
summary-sequence-error = Command out of sequence: { $why }.
slow-the-body = the { $verb } body
slow-the-blob = the XEXCH50 BLOB
slow-auth-line = an authentication line
slow-last-bytes = the client's last bytes
summary-slow-reply = The server took { $seconds } s to answer { $what }.
evidence-slow-sent = { $what } sent
evidence-reply-after = reply after { $seconds } s
summary-starttls-refused = { $verb } was refused: { $reply }.
summary-unanswered-command = The connection ended with { $count } command(s) unanswered: { $detail }.
summary-unsolicited-reply = The server sent { $reply } with no command waiting for a reply.
summary-xexch50-count-mismatch = XEXCH50 announced count { $count } but { $accepted } recipients were accepted (expected { $expected }).
summary-xlink2state-overflow = An X-LINK2STATE chunk of { $bytes } bytes came without a FIRST chunk: the MS05-021 exploit shape.
summary-xexch50-bad-size-accepted = XEXCH50 with a { $size } size (MS03-046 exploit shape) was answered 354: the server is unpatched.
summary-xexch50-bad-size = XEXCH50 with a { $size } size: the MS03-046 exploit shape.
summary-xexch50-not-advertised = The client sent XEXCH50 although the server's EHLO reply did not advertise it.
summary-xexch50-rejected-after-auth = XEXCH50 was refused with 504 after a successful authentication: the sender is authenticated but not authorised (Send As).
summary-blob-size-mismatch = { $verb } announced { $declared } bytes but { $transferred } followed: { $why }.

## Smuggling and connection flood

summary-smtp-smuggling = The DATA body holds { $sequence } followed by { $command }: an SMTP smuggling attempt.
summary-smtp-smuggling-answered = The DATA body holds { $sequence } followed by { $command }: an SMTP smuggling attempt, and the server answered the smuggled commands.
summary-connection-flood = { $source }: more than { $max } connections were open at once; { $shown } { $evicted ->
        [one] was evicted before it ended
       *[other] were evicted before they ended
    }{ $early }.
flood-closed-early = { " " }and { $count } closed early while the budget was nearly full

## diff findings

summary-verb-dropped = Between the two servers { $count ->
        [one] one verb, keyword or banner was dropped or rewritten
       *[other] { $count } verbs, keywords or banners were dropped or rewritten
    }: { $labels }.
advice-verb-swallowed = The sender got `{ $reply }` (frame { $frame }) that the receiver never sent: the device in between swallowed `{ $command }` and answered it itself.
summary-starttls-stripped = The receiver offered STARTTLS but the sender's EHLO reply did not: it was stripped on the way, so the session could not be encrypted.

## Findings: evidence lines

evidence-bare-line-ends = the DATA body has { $lf } bare LF and { $cr } bare CR line ends
short-blob-gap = a gap in the capture falls inside it
short-blob-reset = the connection was reset during it
short-blob-ended = the connection ended during it
evidence-blob-short = declared { $declared } bytes, transferred { $transferred }; { $why }
evidence-capture-ended-after = the capture ended { $seconds } s after the connection's last packet, with the connection open
evidence-snaplen = capture truncated by snaplen { $snaplen }
evidence-snaplen-lost = client→server: { $c2s_bytes } bytes in { $c2s_segments } segment(s) not captured; server→client: { $s2c_bytes } bytes in { $s2c_segments } segment(s)
evidence-mx-addresses = their addresses: { $addresses }
evidence-connected-to = connected to { $server }
evidence-session-line = session { $session }: { $how }
churn-greeting = greeting { $reply }
churn-ended-after = ended after { $reply }
churn-ended-without-reply = ended without a reply
evidence-flood-budget = connection budget { $max } (--max-connections); peak { $peak } open at once
evidence-flood-peak-rate = peak rate { $count } new connections in one second
evidence-flood-peak-rate-at = peak rate { $count } new connections in one second (at { $at })
evidence-flood-evicted = { $evicted } evicted, { $quiet } of them had never carried a byte
evidence-flood-given-up = given up from { $first } to { $last } ({ $seconds } s)
evidence-flood-given-up-rate = given up from { $first } to { $last } ({ $seconds } s, { $rate } a second)
dns-no-answer = no answer
dns-pending = capture ended before the answer
dns-no-data = NOERROR, no record of that type
dns-answered = answered
evidence-ptr = { $querier } PTR { $name }: { $result }
evidence-dns-asked = { $querier } { $qtype } { $name } asked { $server }: { $result }
evidence-dns-failed-in-all = … { $count } failed queries in all
auth-state-authenticated = session authenticated (a SASL exchange ended in 235)
auth-state-no-reply = no reply
auth-state-failed = session anonymous: { $verb } { $mechanism } failed ({ $reply })
auth-state-no-ehlo = session anonymous: no EHLO extensions, so X-EXPS/AUTH were not possible
auth-state-not-tried = session anonymous: the server offered X-EXPS/AUTH but the client never tried
auth-state-not-offered = session anonymous: the server offered no authentication
evidence-mechanism = mechanism { $mechanism }
evidence-identity = identity { $identity }
evidence-kerberos-offered-ntlm-sent = Kerberos was offered but NTLM was sent
evidence-spnego-offers-ntlm = SPNEGO NegTokenInit offers { $offered }; its mechToken is NTLMSSP
evidence-ehlo-keywords-no-exps = EHLO keywords: { $keywords } (no X-EXPS)
evidence-ehlo-keywords-no-exchange = EHLO keywords: { $keywords } (no X-EXPS, XEXCH50 or X-LINK2STATE)
evidence-ehlo-no-keywords-no-exchange = EHLO keywords: none (no X-EXPS, XEXCH50 or X-LINK2STATE)
evidence-reply-inferred = { $reply } (inferred: lost in a capture gap)
envelope-mail-from-domain = MAIL FROM domain { $domain }
fqdn-server-calls-itself = the server calls itself `{ $name }`
fqdn-client-introduced = the client introduced itself as `{ $name }`
loop-host-again = { $count } Received fields; the path enters the same host again: { $hosts }
loop-too-many-hops = { $count } Received fields (more than { $max })
evidence-received-path = path (oldest first): { $path }
delay-held-by-hop = { $held_by } held it { $delay } before { $by } received it (hop { $hop } of { $hops })
delay-held-before-session = { $held_by } held it { $delay } before this session delivered it
evidence-size-over-limit = MAIL FROM announced SIZE={ $size }; the server's EHLO limit is SIZE { $limit }
signature-pix-banner = PIX Mailguard: the banner text is masked with `*`
signature-verb-masked = a verb masked with X's on the way: `{ $verb }`
signature-verb-quoted-masked = the server quotes `{ $verb }` masked with X's
signature-asa-keywords = ASA masking of EHLO keywords: { $keywords }
signature-noop = NOOP substitution: `{ $verb }` answered with a bare 250 OK
evidence-signature = signature: { $name }
sequence-rcpt-before-mail = RCPT before MAIL
sequence-data-before-rcpt = DATA or BDAT before any RCPT
sequence-xexch50-outside = XEXCH50 outside a mail transaction
sequence-answered-503 = { $verb } answered 503
evidence-no-auth-local-domains = no authentication in the session; local domains: { $domains }
evidence-message-envelope = message { $envelope }
retry-after-previous = { $reply }, { $seconds } s after the previous
inside-auth-succeeded = succeeded
inside-auth-failed = failed
inside-auth-cancelled = was cancelled
inside-auth-incomplete = had no final reply
inside-auth = { $auth } { $outcome }
inside-auth-code = { $auth } { $outcome } ({ $code })
inside-xexch50-blob = XEXCH50 with its { $bytes }-byte BLOB answered { $code }
inside-xexch50 = XEXCH50 answered { $code }
inside-xexch50-no-reply = XEXCH50 without a reply
inside-nothing = no authentication and no XEXCH50
evidence-decrypted-with = decrypted with the { $key }: inside TLS, { $inside }
evidence-decrypted = decrypted with the keys given: inside TLS, { $inside }
evidence-smuggling-at = { $sequence } at byte { $offset } of the body, followed by { $followed }
line-smuggled = { $line } (smuggled)
cert-no-cn = CN (none)
cert-san-more = SAN { $names } (+{ $more } more)
cert-the-server = the server's certificate
cert-chain = chain certificate { $number }
cert-the-client = the client's certificate
cert-client-number = the client's certificate { $number }
cert-valid-from-to = valid { $from } to { $to }
cert-validity-unknown = validity unknown
evidence-cert-window = { $whose } { $subject } ({ $names }): { $window }
evidence-handshake-day = the handshake was on { $day } (the capture's own time)
suites-and-more = { $suites } and { $more } more
evidence-client-offered = the client offered { $versions } with { $count } suites ({ $suites })
evidence-server-chose = the server chose { $version } with { $suite }
weak-export = an export-grade suite (40/56-bit keys)
weak-null = no encryption at all (NULL cipher)
weak-rc4 = RC4, prohibited by RFC 7465
weak-3des = 3DES, a 64-bit block cipher open to Sweet32 (CVE-2016-2183)
weak-des = single DES (56-bit key)
weak-obsolete = an obsolete cipher (RC2/IDEA)
weak-anonymous = anonymous key exchange: the server is not authenticated
evidence-weak-suite = { $suite }: { $why }
evidence-short-key = { $whose } { $subject } has a { $bits }-bit { $key } key
evidence-cert-self-signed = certificate { $subject } ({ $names }), issued by itself
name-source-banner = banner
name-source-ehlo-reply = EHLO reply
name-with-source = { $name } ({ $source })
evidence-cert-names = certificate { $subject }: { $names }
evidence-server-named = the server was named { $names }
evidence-no-server-hello = the server sent no ServerHello
evidence-alert = alert: { $alert }
size-signed = signed
size-not-decimal = not decimal
size-beyond-64-bits = beyond 64 bits
size-above-2-30 = above 2^30
evidence-size-argument = the size argument is { $what }
evidence-recipients-accepted-before = { $count } recipients accepted before it
evidence-auth-235-before = { $verb } { $mechanism } had ended in 235 before it
evidence-no-auth-235-before = no X-EXPS or AUTH exchange ended in 235 before it
evidence-ehlo-no-xexch50 = the EHLO reply did not list XEXCH50
evidence-xlink2state-chunk = chunk of { $bytes } bytes, no X-LINK2STATE FIRST before it
evidence-greeting-after = greeting after { $seconds } s
evidence-no-greeting = no greeting; the connection ended after { $seconds } s
evidence-starttls-offered-unused = the server offered STARTTLS; the client did not use it
evidence-starttls-not-in-ehlo = the server's EHLO list did not offer STARTTLS
evidence-no-ehlo-list = no EHLO list seen
evidence-frame = frame { $frame }

## Findings: advice that depends on what was seen

advice-exps-plain-login = With PLAIN or LOGIN the user name or password was refused, or the server does not offer AUTH at all; the Kerberos causes below concern X-EXPS and GSSAPI/NTLM between Exchange servers.
advice-exps-no-x-keyword = No keyword starting with X was advertised: the Exchange protocol sinks are not loaded on the receiver, or an anti-virus or gateway SMTP stack answers in front of it.
advice-smuggling-answered = The server sent replies for the smuggled commands: it took the non-canonical sequence as the end of data and accepted a second, spoofed message. Patch or reconfigure it now.
advice-tls-decrypted = The session was decrypted: what happened inside TLS (authentication, XEXCH50, the message) is in this session's transcript and findings.
advice-tls-exchange-2003 = The receiver is Exchange 2000/2003: TLS before X-EXPS is KB 843106 step 3 if XEXCH50 fails.
advice-unsolicited-smuggling = The server answered before the DATA body's CRLF.CRLF: it took a non-canonical end-of-data sequence as the end, so these replies answer commands that travelled inside the body.
advice-xexch50-unpatched = The server answered 354 to the malformed size: it is unpatched against MS03-046. Patch it now.
advice-tls-alert-protocol-version = protocol_version: the two sides share no TLS version. Enable TLS 1.2 on the older side (Windows Server 2008/2008 R2 and Exchange 2010 need updates; Windows 2003 SChannel has none) or allow the older version on the newer side while it is replaced.
advice-tls-alert-no-suite = handshake_failure/insufficient_security: no cipher suite (or key exchange) both sides accept. Compare the offer in the evidence with the server's cipher list.
advice-tls-alert-bad-certificate = The client refused the server's certificate: check its chain (the intermediate certificates sent), its expiry and its names against what the client expects.
advice-tls-alert-unrecognized-name = unrecognized_name: the server has no certificate for the name the client asked for in SNI.
advice-tls-alert-certificate-required = certificate_required: the server wants a client certificate (mutual TLS, Exchange domain security) and the client sent none.

## Protocol anomalies (the text and HTML reports; JSON keeps the English)

end-connection-ended = the connection ended
end-connection-idle = the connection went idle
end-connection-reused = a new connection reused its addresses
end-capture-ended = the capture ended
end-connection-evicted = the connection was evicted
awaiting-data-body = the DATA body
awaiting-blob = the XEXCH50 BLOB
awaiting-sasl-line = a SASL line
awaiting-client-line = a client line
anomaly-transcript-truncated = the transcript passed { $max } items: its first { $head } and last { $tail } are kept, those between are counted
limit-transactions = MAIL commands past the { $max } transactions kept: recorded in the last one
limit-recipients = RCPT commands past the { $max } recipients kept per transaction: counted, not kept
limit-auth = SASL exchanges past the { $max } kept: framed as exchanges, not kept
limit-tokens = SASL tokens past the { $max } kept per exchange: counted, not kept
anomaly-limit = { $count } { $what }
anomaly-more-not-kept = { $count } more anomalies were not kept
anomaly-xexch50-size-invalid = XEXCH50 without a usable size was answered 354: the BLOB cannot be framed
anomaly-bdat-size-invalid = BDAT without a usable size ({ $size }): whether a chunk follows is decided by its reply
anomaly-bdat-arguments-invalid = BDAT arguments that are not `size [LAST]`: whether a chunk follows is decided by its reply
anomaly-gap-in-payload = { $bytes } bytes missing inside the payload
anomaly-unit-blob = XEXCH50 BLOB
anomaly-unit-chunk = BDAT chunk
anomaly-counted-truncated = { $ended } { $bytes } bytes before the end of the { $what }
anomaly-spoke-before-banner = { $verb } sent before the server's greeting
anomaly-reply-before-end-held = the server replied before CRLF.CRLF; the body held { $sequence } at byte { $offset }
anomaly-reply-before-end = the server replied before the DATA body reached CRLF.CRLF
anomaly-smuggled-tail-truncated = { $dropped } bytes after the non-canonical end-of-data were not replayed (the first { $replayed } were)
anomaly-gate-assumed-accepted = the client went on after { $what } without a captured reply; assumed accepted
anomaly-gate-assumed-refused = the client went on with commands after { $what } without a captured reply; assumed refused
anomaly-gap-in-reply-line = { $bytes } bytes missing inside a reply line
anomaly-gap-in-reply = { $bytes } bytes missing inside a { $code } reply
anomaly-gap-in-command-line = { $bytes } bytes missing inside a command line
anomaly-gap-in-data = { $bytes } bytes missing inside the DATA body; it ends here
anomaly-midstream-start = the capture holds no SYN: the session began before it
anomaly-data-truncated = { $ended } inside the DATA body
anomaly-invalid-base64 = a { $bytes }-byte SASL line that is not base64
anomaly-starttls-not-followed = the client continued in clear text after the 220 to { $verb }
anomaly-line-unterminated = { $ended } inside a line ({ $bytes } bytes)
anomaly-bare-lf = line ended with LF alone, not CRLF
anomaly-line-truncated = a { $bytes }-byte line: its first and last { $kept } bytes are kept, the { $cut } bytes between them are not
anomaly-line-too-long = { $bytes }-byte line (RFC 5321 allows { $max })
anomaly-malformed-command = not a command: { $line }
anomaly-malformed-reply = not a reply line: { $line }
anomaly-reply-code-changed = a { $code } reply continued with another code
anomaly-reply-truncated = a { $total }-line { $code } reply: its first { $head } lines and its last are kept, the { $lines } lines ({ $bytes } bytes of text) between them are not
anomaly-reply-unfinished = { $ended } inside a { $code } reply
anomaly-pending-given-up = { $max } commands awaited replies; { $what } was given up
anomaly-no-greeting = the first reply was { $code }, not a greeting
anomaly-reply-without-command = { $reply } arrived with no command waiting
anomaly-reply-without-command-hint = { $reply } arrived with no command waiting (the last DATA body held { $sequence } at byte { $offset })
anomaly-server-direction-missing = no server-to-client byte was captured
anomaly-client-direction-missing = no client-to-server byte was captured
anomaly-command-unanswered = no reply to { $what } before { $ended }

## Text report: counted nouns (`$count` chooses the form, `$n` is the number as shown)

count-segments = { $count ->
        [one] { $n } segment
       *[other] { $n } segments
    }
count-bytes = { $count ->
        [one] { $n } byte
       *[other] { $n } bytes
    }
count-retransmitted = { $count ->
       *[other] { $n } retransmitted
    }
count-not-loss = { $count ->
       *[other] { $n } not loss
    }
count-gaps = { $count ->
        [one] { $n } gap
       *[other] { $n } gaps
    }
count-overlap-bytes = { $count ->
       *[other] { $n } conflicting overlap bytes
    }
count-sessions = { $count ->
        [one] { $n } session
       *[other] { $n } sessions
    }
count-with-tls = { $count ->
       *[other] { $n } with TLS
    }
count-files = { $count ->
        [one] { $n } file
       *[other] { $n } files
    }
count-packets = { $count ->
        [one] { $n } packet
       *[other] { $n } packets
    }
count-smtp-sessions = { $count ->
        [one] { $n } SMTP session
       *[other] { $n } SMTP sessions
    }
count-tcp-connections = { $count ->
        [one] { $n } TCP connection
       *[other] { $n } TCP connections
    }
count-findings = { $count ->
        [one] { $n } finding
       *[other] { $n } findings
    }

## Text report: session header, mail flow and summary lines

text-tunnel-line = { $kind } through { $proxy } to { $host }:{ $port }
text-tunnel-line-user = { $kind } through { $proxy } to { $host }:{ $port } (user { $user })
text-gap-line = { $dir } at byte { $offset }: { $bytes } missing, { $reason }
text-gap-more = … and { $n } more
text-snaplen = capture truncated by snaplen { $snaplen }: { $bytes } of payload in { $segments } not captured
text-flow-messages = messages { $accepted } accepted, { $deferred } deferred, { $refused } refused
text-flow-recipients-refused = recipients refused { $codes }
text-flow-replies = replies median { $median } ms, worst { $worst } ms
text-retry = { $envelope }: { $attempts } attempts, { $deferred } deferred, over { $seconds } s, { $outcome }
text-interface = interface { $name }
text-summary-counts = { $source }, { $packets } ({ $bytes }), { $sessions }, { $connections } in all
text-capture-dropped = the capture itself dropped { $packets }
text-in-sessions = in session { $sessions }
text-in-sessions-more = in session { $sessions } and { $n } more

## explain: the framing of a code's entry (the titles are code-CODE, translated by the other languages)

code-source-iana = IANA registry ({ $rfc })
code-class-2 = success
code-class-4 = persistent transient failure
code-class-5 = permanent failure
code-subject-0 = other or undefined status
code-subject-1 = addressing
code-subject-2 = mailbox
code-subject-3 = mail system
code-subject-4 = network and routing
code-subject-5 = mail delivery protocol
code-subject-6 = message content or media
code-subject-7 = security or policy
code-subject-unknown = unknown subject
code-parts = { $class }; { $subject } (detail not registered)
code-no-enhanced = no enhanced status code
code-see-rfc-3463 = see RFC 3463
explain-ndr = Non-delivery report ({ $reference }): { $situation }
explain-in-reply-to = { $id } (in reply to { $verbs })

## Text report: the dialogue's markers, the transaction line and the auth line

count-items-not-kept = { $count ->
        [one] { $n } item not kept
       *[other] { $n } items not kept
    }
count-bytes-missing = { $count ->
        [one] { $n } byte missing
       *[other] { $n } bytes missing
    }
count-lines-skipped = { $count ->
        [one] { $n } line skipped
       *[other] { $n } lines skipped
    }
count-more-lines = { $count ->
        [one] { $n } more line
       *[other] { $n } more lines
    }
count-bare-lf = { $count ->
       *[other] { $n } bare LF
    }
count-bare-cr = { $count ->
       *[other] { $n } bare CR
    }
count-non-canonical-ends = { $count ->
       *[other] { $n } non-canonical end-of-data
    }
count-tokens = { $count ->
        [one] { $n } token
       *[other] { $n } tokens
    }
text-in-chunks = in { $count ->
        [one] { $n } chunk
       *[other] { $n } chunks
    }
text-of-announced = of { $n } announced
text-token-no-account = { $mechanism } token, no account named

## Text report: the message block and the TLS lines

count-more = { $count ->
       *[other] { $n } more
    }
count-more-fields = { $count ->
       *[other] { $n } more fields
    }
count-mime-parts = { $count ->
        [one] { $n } MIME part
       *[other] { $n } MIME parts
    }
count-bytes-lost-in-gaps = { $count ->
       *[other] { $n } bytes lost in gaps
    }
count-hops = { $count ->
        [one] { $n } hop
       *[other] { $n } hops
    }
count-hops-not-kept = { $count ->
       *[other] { $n } hops not kept
    }
tls-requested-no-tls = { $verb } requested, no TLS followed
tls-alert-from-client = { $alert } from the client (frame { $frame })
tls-alert-from-server = { $alert } from the server (frame { $frame })
tls-at-frame = { $verb } at frame { $frame }
tls-bytes = { $client } client, { $server } server bytes
tls-client-hello-offering = ClientHello offering { $versions }
tls-client-certificate = certificate { $certificate }
tls-san-not-kept = SAN { $names } (+{ $more } not kept)
tls-undecodable = undecodable ({ $error })
tls-in-chain = (+{ $count } in chain)
tls-issuer = issuer { $issuer }
tls-plaintext-bytes = { $client } client and { $server } server plaintext bytes
tls-records = { $n } records
line-credentials-redacted = <credentials redacted, { $bytes } bytes>
line-token-empty = (empty)
line-token-label = [{ $label }, { $bytes } bytes]
line-token-of = [{ $mechanism } token, { $bytes } bytes]

## diff: the text report's framing

count-session-pairs = { $count ->
        [one] { $n } session pair
       *[other] { $n } session pairs
    }
count-items = { $count ->
        [one] { $n } item
       *[other] { $n } items
    }
diff-clocks = Clocks: the receiver's capture reads { $seconds } s against the sender's (transit included; from { $pairs })
diff-pairs = { $matched } matched; { $sender } only at the sender, { $receiver } only at the receiver
diff-pair-title = Pair { $n }  { $sender } ↔ { $receiver }  matched { $kind } (confidence { $confidence })
diff-path-latency = added { $median } ms per round trip (median of { $samples }; at most { $max } ms)
