#!/bin/sh
# Records real SMTP dialogues with Debian's Postfix on the loopback interface, one capture each:
#   postfix-swaks.pcap           swaks: a plain healthy delivery
#   postfix-pipelining.pcap      swaks --pipeline: MAIL/RCPT/RCPT/DATA in one go, one relay refused
#   postfix-starttls.pcap        swaks --tls: EHLO, STARTTLS, then TLS
#   postfix-auth-refused.pcap    lab_client.py: AUTH PLAIN and AUTH LOGIN against a Postfix without SASL
#   postfix-exchange-verbs.pcap  lab_client.py: X-EXPS, XEXCH50, BDAT chunks, dot-stuffing, bare LF
#   postfix-smuggling.pcap       lab_client.py: "<LF>.<CR><LF>" inside DATA, Postfix defaults
#   postfix-smuggling-normalize.pcap  the same against smtpd_forbid_bare_newline=normalize
#   postfix-smuggling-reject.pcap     the same against smtpd_forbid_bare_newline=reject
# With `messages` as second argument it records, instead, real MIME messages (lab_messages.py) sent
# to Postfix on port 25, which relays each one at once to a second smtpd of its own on port 2525
# (content_filter), so every capture holds both legs — the second with Postfix's own Received hop:
#   postfix-messages.pcap            multipart with a PDF, alternative QP/base64 text, a forwarded
#                                    message/rfc822 with its own attachment; ISO-2022-JP; TNEF; a
#                                    20-hop Received chain
#   postfix-exchange-anonymous.pcap  an X-EXPS attempt, then AuthAs Anonymous and AuthAs Internal
#   postfix-mail-loop.pcap           a Received chain that passes two hosts back and forth
#   postfix-received-delay.pcap      a Received chain with a 25-minute wait at one hop
#   postfix-from-mismatch.pcap       envelope sender and header From in different domains
#   postfix-message-gap.pcap         a 170 KB message with one client segment cut out (editcap)
# Postfix runs as a private instance: its own main.cf/master.cf, queue, data directory and log under
# a temporary directory (postfix -c DIR start/stop), listening on 127.0.0.1 only, on the ports
# smtpscope treats as SMTP without options (25, 587, 2525), so every capture is analysed as it is.
# Mail for example.com goes to the discard(8) transport, relaying is refused, nothing leaves the
# machine and /etc/postfix is only read. Every process started here is stopped before the script ends.
# Needs root, and the Debian packages postfix, swaks, tcpdump, ssl-cert and python3 (stdlib only).
# Needs tshark and editcap (Debian package tshark) for the gap capture of the `messages` set.
# Usage: sudo sh captures/lab/record-postfix.sh [output-dir [protocol|messages]]
#        (default: this script's dir, the protocol set)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/postfix-lab.sh"
out=${1:-$here}
set_name=${2:-protocol}
case "$set_name" in protocol | messages) ;; *) echo "record-postfix: unknown set $set_name" >&2; exit 2 ;; esac
port=25             # Postfix defaults (Debian 12: smtpd_forbid_bare_newline = no)
normalize_port=587  # the same smtpd with smtpd_forbid_bare_newline = normalize
reject_port=2525    # the same smtpd with smtpd_forbid_bare_newline = reject
ports="$port $normalize_port $reject_port"
cert=/etc/ssl/certs/ssl-cert-snakeoil.pem
key=/etc/ssl/private/ssl-cert-snakeoil.key
conf=""
postfix_started=""
lab_name=record-postfix
namespaces=""
. "$here/netns-lab.sh"
# on exit, Postfix stopped (and the end of its log shown after a failure)
stop_postfix() { stop_lab_postfix - "$1"; }
lab_on_exit=stop_postfix

[ "$(id -u)" -eq 0 ] || die "must run as root (tcpdump and postfix start need it)"
for tool in postfix postconf swaks tcpdump python3 timeout ss; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install postfix swaks tcpdump)"
done
[ -d "$out" ] || die "output directory $out does not exist"
for p in $ports; do
    if ss -Hltn "sport = :$p" | grep -q .; then die "port $p is already in use on this machine"; fi
done
if [ ! -r "$cert" ] || [ ! -r "$key" ]; then
    command -v make-ssl-cert >/dev/null 2>&1 || die "no snakeoil certificate and no make-ssl-cert (ssl-cert)"
    make-ssl-cert generate-default-snakeoil || die "make-ssl-cert generate-default-snakeoil failed"
fi

work=$(mktemp -d)
chmod 755 "$work" # the Postfix daemons (user postfix) must reach the queue directory below
conf=$work/conf
mkdir "$conf" "$work/queue" # the queue directory belongs to root; Postfix creates what is inside

cat >"$conf/main.cf" <<EOF
compatibility_level = 3.6
myhostname = lab.example.net
mydomain = example.net
myorigin = \$mydomain
mydestination = example.com
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
smtpd_banner = \$myhostname ESMTP \$mail_name (Debian/GNU)
# No permit_mynetworks: 127.0.0.1 may not relay, so a recipient outside example.com is refused.
smtpd_relay_restrictions = reject_unauth_destination
local_recipient_maps = inline:{ bob=known, carol=known }
$(postfix_delivers_nothing)
smtpd_tls_security_level = may
smtpd_tls_cert_file = $cert
smtpd_tls_key_file = $key
queue_directory = $work/queue
data_directory = $work/data
maillog_file = $work/maillog
maillog_file_prefixes = $work
EOF

if [ "$set_name" = messages ]; then
    # Port 25 relays everything it accepts to port 2525 at once; port 2525 discards it.
    ports="$port $reject_port"
    listeners="127.0.0.1:$port inet n - n - - smtpd -o content_filter=smtp:[127.0.0.1]:$reject_port
127.0.0.1:$reject_port inet n - n - - smtpd -o content_filter=discard:lab"
else
    listeners="127.0.0.1:$port inet n - n - - smtpd
127.0.0.1:$normalize_port inet n - n - - smtpd -o smtpd_forbid_bare_newline=normalize
  -o smtpd_forbid_bare_newline_exclusions=
127.0.0.1:$reject_port inet n - n - - smtpd -o smtpd_forbid_bare_newline=reject
  -o smtpd_forbid_bare_newline_exclusions="
fi
{
    printf '%s\n' "$listeners" "smtp      unix  - - n -  - smtp"
    postfix_services
} >"$conf/master.cf"

version=$(postconf -c "$conf" -h mail_version) || die "postconf cannot read $conf/main.cf"
postfix_started=yes
postfix -c "$conf" start >"$work/postfix-start.log" 2>&1 || {
    cat "$work/postfix-start.log" >&2
    die "postfix -c $conf start failed"
}
for p in $ports; do
    wait_until 100 "Postfix does not listen on 127.0.0.1:$p" listens - "127.0.0.1:$p"
done
echo "Postfix $version listening on 127.0.0.1 ports $ports"

# record FILE PORT COMMAND...: one capture of one dialogue; the dialogue's stderr goes to FILE.log
record() {
    file=$1
    listen=$2
    shift 2
    dump_filter="tcp port $listen"
    [ "$set_name" = protocol ] || dump_filter="tcp port $port or tcp port $reject_port"
    start_dump - lo "$file"
    status=0
    timeout 60 "$@" >"$work/$file.log" 2>&1 || status=$?
    if [ "$set_name" = messages ]; then
        # Wait for Postfix to relay what it accepted to port 2525.
        wait_until 100 "$file: Postfix did not relay the messages" relayed
    fi
    sleep 1 # let the last FIN/ACK reach the capture
    if [ "$status" -ne 0 ]; then
        cat "$work/$file.log" >&2
        die "$file: the dialogue failed (exit $status)"
    fi
    stop_dump "$dump" "$file"
}

# relayed: whether Postfix's queue is empty (after a pause, so 100 tries wait 20 s)
relayed() {
    sleep 0.1
    postqueue -c "$conf" -p 2>/dev/null | grep -q "Mail queue is empty"
}

if [ "$set_name" = messages ]; then
    command -v tshark >/dev/null 2>&1 && command -v editcap >/dev/null 2>&1 ||
        die "tshark and editcap not found (apt-get install tshark)"
    for scenario in messages exchange-anonymous mail-loop received-delay from-mismatch big; do
        record "postfix-$scenario.pcap" "$port" python3 "$here/lab_messages.py" 127.0.0.1 "$port" "$scenario"
    done
    # The gap: cut the middle one of the client's 4 KB segments of the big message on port 25.
    big=$out/postfix-big.pcap
    cut=$(tshark -r "$big" -Y "tcp.dstport == $port && tcp.len == 4096" -T fields -e frame.number |
        awk '{ f[NR] = $1 } END { if (NR) print f[int((NR + 1) / 2)] }')
    [ -n "$cut" ] || die "no 4 KB client segment to cut in $big"
    editcap "$big" "$out/postfix-message-gap.pcap" "$cut"
    rm -f "$big"
    echo "$out/postfix-message-gap.pcap: frame $cut cut out"
    for f in "$work"/*.pcap.log; do
        echo "== $(basename "$f" .log)"
        cat "$f"
    done
    echo "== Postfix log"
    cat "$work/maillog"
    exit 0
fi

swaks_common="--server 127.0.0.1:$port --helo client.example.net --from alice@example.net"
data='From: Alice <alice@example.net>
To: Bob <bob@example.com>
Subject: %s
Date: Mon, 01 Jan 2024 12:00:00 +0000
Message-ID: <%s@client.example.net>

Hello Bob,

this is a short recorded test message (%s).

Alice'
msg() { printf "$data" "$1" "$1" "$1"; }

# swaks exits non-zero when a step fails; one refused recipient of two is not a failure to it.
# AUTH goes through lab_client.py: swaks sends AUTH only when EHLO advertises it, and this Postfix
# has no SASL, so swaks --auth would just say "Host did not advertise authentication" and QUIT.
# shellcheck disable=SC2086
record postfix-swaks.pcap "$port" swaks $swaks_common --to bob@example.com --data "$(msg lab-swaks)"
# shellcheck disable=SC2086
record postfix-pipelining.pcap "$port" swaks $swaks_common --pipeline --to bob@example.com,carol@example.net \
    --data "$(msg lab-pipelining)"
# shellcheck disable=SC2086
record postfix-starttls.pcap "$port" swaks $swaks_common --tls --to bob@example.com --data "$(msg lab-starttls)"
record postfix-auth-refused.pcap "$port" python3 "$here/lab_client.py" 127.0.0.1 "$port" auth-refused
record postfix-exchange-verbs.pcap "$port" python3 "$here/lab_client.py" 127.0.0.1 "$port" exchange-verbs
record postfix-smuggling.pcap "$port" python3 "$here/lab_client.py" 127.0.0.1 "$port" smuggling
record postfix-smuggling-normalize.pcap "$normalize_port" \
    python3 "$here/lab_client.py" 127.0.0.1 "$normalize_port" smuggling
record postfix-smuggling-reject.pcap "$reject_port" \
    python3 "$here/lab_client.py" 127.0.0.1 "$reject_port" smuggling

for f in "$work"/*.pcap.log; do
    echo "== $(basename "$f" .log)"
    cat "$f"
done
sleep 2 # let queue manager and discard(8) finish before the log is shown
echo "== Postfix log"
cat "$work/maillog"
