#!/bin/sh
# Records real TLS in SMTP: Postfix with STARTTLS, SMTPS and client certificates on certificates of
# the lab (make-tls-certs.sh), Python's ssl and `openssl s_client -starttls smtp` as clients writing
# NSS key logs, and the Exchange-like peers (exchange_peers.py) inside TLS — with Python's ssl, and
# with tlslite-ng for the RC4 and 3DES suites Windows 2003 negotiates. One capture per theme:
#   tls-healthy.pcap      STARTTLS, TLS 1.3 (Python) and TLS 1.2 ECDHE-RSA-AES128-GCM (s_client); keylog
#   tls-suites.pcap       s_client forcing each suite family: TLS 1.3 AES-128-GCM, AES-256-GCM,
#                         ChaCha20-Poly1305; TLS 1.2 ECDHE AES-256-GCM, ChaCha20-Poly1305, AES-128-CBC-SHA
#                         (encrypt-then-MAC), AES-256-CBC-SHA384 (MAC-then-encrypt); RSA key exchange
#                         AES-128-GCM and AES-256-CBC-SHA256; keylog
#   tls-legacy.pcap       TLS 1.1 and TLS 1.0 clients (offering nothing newer), and a client offering
#                         TLS 1.0 to 1.3 to a server that only speaks TLS 1.0; keylog
#   tls-certs.pcap        TLS 1.2 to servers with an expired, a not-yet-valid, a wrong-name, a
#                         self-signed and a 1024-bit certificate; TLS 1.3 to the expired one; keylog
#   tls-failed.pcap       handshakes that fail on purpose (no key log: nothing is protected): TLS 1.0 against a TLS >= 1.2 server
#                         (protocol_version), a suite the server does not have (handshake_failure), a
#                         client that rejects a self-signed certificate (unknown_ca)
#   tls-refused.pcap      STARTTLS answered 454: the server's certificate file is missing
#   tls-implicit.pcap     SMTPS on port 465 (TLS from the first byte); keylog
#   tls-mutual.pcap       client certificates: TLS 1.2 (in clear) and TLS 1.3; keylog
#   tls-rsa.pcap          RSA key exchange only, no key log: TLS 1.2 AES-256-GCM with the extended
#                         master secret, resumed with a session ticket and by session id
#                         (s_client -sess_out/-sess_in), and TLS 1.0 AES-128-CBC; decrypt with
#                         tls/mail.key
#   tls-exchange.pcap     the Exchange-like peers: EHLO, STARTTLS, then inside TLS 1.3 EHLO, X-EXPS
#                         GSSAPI, MAIL, RCPT, XEXCH50 with its BLOB, DATA, QUIT; keylog
#   tls-exchange-clear.pcap  the same dialogue without STARTTLS (not offered), for comparison
#   tls-windows2003.pcap  the same dialogue over TLS 1.0 with TLS_RSA_WITH_RC4_128_MD5 and with
#                         TLS_RSA_WITH_3DES_EDE_CBC_SHA (tlslite-ng); decrypt with tls/exchange.key
# Each FILE.pcap with a key log has it beside it as FILE.keylog (the secrets of exactly its sessions).
#
# Topology: two network namespaces joined by a veth pair, documentation addresses only: the client
# (sscope-tlsc, 192.0.2.10) and the servers (sscope-tlss: Postfix on 192.0.2.25-33, the Exchange-like
# receiver on 192.0.2.40). Postfix runs as a private instance (postfix -c DIR) with its queue, data
# and log in a temporary directory; /etc/postfix is only read. Mail is discarded, nothing leaves the
# namespaces. tcpdump records on the client's veth. Everything started here (namespaces, Postfix,
# peers, tcpdump) is stopped and removed on exit, and leftovers of an earlier run are removed first.
# Needs root, iproute2, tcpdump, postfix, openssl, timeout, python3 with tlslite-ng (pip install
# tlslite-ng) for tls-windows2003.pcap.
# Usage: sudo sh captures/lab/record-tls.sh [output-dir] [capture...]   (default: this script's dir,
# all captures; name captures without .pcap, e.g. tls-rsa)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
[ "$#" -eq 0 ] || shift
wanted=${*:-tls-healthy tls-suites tls-legacy tls-certs tls-failed tls-refused tls-implicit tls-mutual tls-rsa tls-exchange tls-exchange-clear tls-windows2003}
certs=$here/tls
lab_name=record-tls
namespaces="sscope-tlsc sscope-tlss"
. "$here/netns-lab.sh"
. "$here/postfix-lab.sh"
conf=""
postfix_started=""

# on exit, Postfix stopped (and the end of its log shown after a failure)
stop_postfix() { stop_lab_postfix sscope-tlss "$1"; }
lab_on_exit=stop_postfix

[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, tcpdump and postfix need it)"
for tool in ip tcpdump postfix postconf openssl python3 timeout ss; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install iproute2 tcpdump postfix openssl)"
done
[ -d "$out" ] || die "output directory $out does not exist"
python=$(command -v python3)
sh "$here/make-tls-certs.sh" "$certs" >/dev/null
work=$(mktemp -d)
chmod 755 "$work"

in_c() { ip netns exec sscope-tlsc "$@"; }
in_s() { ip netns exec sscope-tlss "$@"; }

make_namespaces
ip link add sscope-tlsc0 netns sscope-tlsc type veth peer name sscope-tlss0 netns sscope-tlss
link sscope-tlsc sscope-tlsc0 00:00:5e:00:53:0a 192.0.2.10/24
link sscope-tlss sscope-tlss0 00:00:5e:00:53:19 192.0.2.25/24
for n in 26 27 28 29 30 31 32 33 40; do
    in_s ip addr add "192.0.2.$n/24" dev sscope-tlss0
done

# ----- Postfix ------------------------------------------------------------------------------------
conf=$work/conf
mkdir "$conf" "$work/queue"
cat >"$conf/main.cf" <<EOF
compatibility_level = 3.6
myhostname = mail.example.net
mydomain = example.net
mydestination = example.com
inet_interfaces = all
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP \$mail_name
smtpd_relay_restrictions = reject_unauth_destination
local_recipient_maps = inline:{ bob=known }
$(postfix_delivers_nothing)
smtpd_tls_security_level = may
smtpd_tls_cert_file = $certs/mail.pem
smtpd_tls_key_file = $certs/mail.key
smtpd_tls_protocols = >=TLSv1
smtpd_tls_mandatory_protocols = >=TLSv1
smtpd_tls_ciphers = medium
tls_medium_cipherlist = ALL:@SECLEVEL=0
smtpd_tls_loglevel = 1
smtpd_tls_session_cache_database = btree:\${data_directory}/smtpd_scache
queue_directory = $work/queue
data_directory = $work/data
maillog_file = $work/maillog
maillog_file_prefixes = $work
EOF
smtpd() { printf '%s inet n - n - - smtpd' "$1"; shift; for o in "$@"; do printf ' -o %s' "$o"; done; echo; }
{
    smtpd 192.0.2.25:25
    smtpd 192.0.2.26:25 "smtpd_tls_cert_file=$certs/expired.pem"
    smtpd 192.0.2.27:25 "smtpd_tls_cert_file=$certs/future.pem"
    smtpd 192.0.2.28:25 "smtpd_tls_cert_file=$certs/wrongname.pem"
    smtpd 192.0.2.29:25 "smtpd_tls_cert_file=$certs/selfsigned.pem"
    smtpd 192.0.2.30:25 "smtpd_tls_cert_file=$certs/weak.pem" "smtpd_tls_key_file=$certs/weak.key"
    smtpd 192.0.2.31:25 "smtpd_tls_protocols=>=TLSv1.2" "smtpd_tls_ciphers=high" "tls_high_cipherlist=ECDHE+AESGCM"
    smtpd 192.0.2.32:25 "smtpd_tls_cert_file=$work/missing.pem" "smtpd_tls_key_file=$work/missing.key"
    smtpd 192.0.2.33:25 "smtpd_tls_protocols=TLSv1"
    smtpd 192.0.2.25:465 "smtpd_tls_wrappermode=yes" "smtpd_tls_security_level=encrypt"
    smtpd 192.0.2.25:2525 "smtpd_tls_ask_ccert=yes" "smtpd_tls_CAfile=$certs/ca.pem"
    postfix_services
} >"$conf/master.cf"
postconf -c "$conf" -h mail_version >/dev/null || die "postconf cannot read $conf/main.cf"
postfix_started=yes
in_s postfix -c "$conf" start >"$work/postfix-start.log" 2>&1 || {
    cat "$work/postfix-start.log" >&2
    die "postfix -c $conf start failed"
}

for a in 192.0.2.25:25 192.0.2.33:25 192.0.2.25:465 192.0.2.25:2525; do wait_until 100 "nothing listens on $a" listens sscope-tlss "$a"; done
echo "Postfix $(postconf -c "$conf" -h mail_version) listening in sscope-tlss"

# ----- recording ----------------------------------------------------------------------------------
capture=""
keylog=""

# begin NAME: start tcpdump for NAME.pcap; $keylog is where this capture's secrets go
begin() {
    capture=$1.pcap
    keylog=$work/$1.keylog
    : >"$keylog"
    start_dump sscope-tlsc sscope-tlsc0 "$capture" 'or tcp port 465 or tcp port 2525'
}

# end [nokeys]: stop tcpdump, check it, copy the capture (and its key log unless nokeys) out
end() {
    sleep 1 # let the last FIN/ACK reach the capture
    stop_dump "$dump" "$capture"
    if [ "${1:-}" != nokeys ]; then
        [ -s "$keylog" ] || die "$capture: no key log was written"
        cp "$keylog" "$out/${capture%.pcap}.keylog"
    fi
}

# run WHAT...: one client dialogue in the client namespace; its stderr goes to the log
run() {
    echo "== $capture: $*" >>"$work/dialogues.log"
    in_c timeout 60 "$@" >>"$work/dialogues.log" 2>&1 || {
        tail -n 30 "$work/dialogues.log" >&2
        die "$capture: $* failed"
    }
    sleep 0.3
}

py() { run "$python" "$here/tls_client.py" "$@" --keylog "$keylog"; }

# s_client ADDR:PORT OPTIONS...: a STARTTLS dialogue with openssl s_client, commands fed slowly
s_client() {
    target=$1
    shift
    echo "== $capture: openssl s_client $target $*" >>"$work/dialogues.log"
    (
        sleep 1
        for line in "EHLO client.example.net" "MAIL FROM:<alice@example.net>" "RCPT TO:<bob@example.com>" QUIT; do
            printf '%s\n' "$line"
            sleep 0.5
        done
    ) | in_c timeout 30 openssl s_client -connect "$target" -starttls smtp -name client.example.net \
        -servername mail.example.net -keylogfile "$keylog" -crlf -ign_eof "$@" >>"$work/dialogues.log" 2>&1 ||
        die "$capture: openssl s_client $* failed"
    sleep 0.3
}

# exchange NAME RECEIVER_OPTIONS -- SENDER_OPTIONS: one Exchange-like dialogue on 192.0.2.40:25
exchange() {
    ropts=""
    while [ "$1" != "--" ]; do ropts="$ropts $1"; shift; done
    shift
    # shellcheck disable=SC2086
    ip netns exec sscope-tlss timeout 60 "$python" "$here/exchange_peers.py" receiver 192.0.2.40 25 $ropts \
        2>>"$work/receiver.log" &
    r=$!
    pids="$pids $r"
    wait_until 100 "nothing listens on 192.0.2.40:25" listens sscope-tlss 192.0.2.40:25
    run "$python" "$here/exchange_peers.py" sender 192.0.2.40 25 "$@"
    wait "$r" || die "$capture: the receiver failed (see below)"
    forget "$r"
}

exch_tls="--tls-cert $certs/exchange.pem --tls-key $certs/exchange.key"

for name in $wanted; do
    case $name in
    tls-healthy)
        begin tls-healthy
        py 192.0.2.25 25
        s_client 192.0.2.25:25 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
        end
        ;;
    tls-suites)
        begin tls-suites
        for s in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
            s_client 192.0.2.25:25 -tls1_3 -ciphersuites "$s"
        done
        for c in ECDHE-RSA-AES256-GCM-SHA384 ECDHE-RSA-CHACHA20-POLY1305 ECDHE-RSA-AES128-SHA AES128-GCM-SHA256; do
            s_client 192.0.2.25:25 -tls1_2 -cipher "$c:@SECLEVEL=0"
        done
        s_client 192.0.2.25:25 -tls1_2 -cipher "ECDHE-RSA-AES256-SHA384:@SECLEVEL=0" -no_etm
        s_client 192.0.2.25:25 -tls1_2 -cipher "AES256-SHA256:@SECLEVEL=0"
        end
        ;;
    tls-legacy)
        begin tls-legacy
        py 192.0.2.25 25 --tls 1.1 --ciphers ECDHE-RSA-AES256-SHA
        py 192.0.2.25 25 --tls 1.0 --ciphers AES128-SHA
        py 192.0.2.33 25 --tls 1.0:1.3
        end
        ;;
    tls-certs)
        begin tls-certs
        for n in 26 27 28 29 30; do
            py "192.0.2.$n" 25 --tls 1.2
        done
        py 192.0.2.26 25 --tls 1.3
        end
        ;;
    tls-failed)
        begin tls-failed
        py 192.0.2.31 25 --tls 1.0 --expect-failure
        py 192.0.2.31 25 --tls 1.2 --ciphers AES128-SHA --expect-failure
        py 192.0.2.29 25 --tls 1.2 --verify "$certs/ca.pem" --expect-failure
        end nokeys
        ;;
    tls-refused)
        begin tls-refused
        py 192.0.2.32 25
        end nokeys
        ;;
    tls-implicit)
        begin tls-implicit
        py 192.0.2.25 465 --implicit
        end
        ;;
    tls-mutual)
        begin tls-mutual
        py 192.0.2.25 2525 --tls 1.2 --cert "$certs/client.pem" --key "$certs/client.key"
        py 192.0.2.25 2525 --tls 1.3 --cert "$certs/client.pem" --key "$certs/client.key"
        end
        ;;
    tls-rsa)
        begin tls-rsa
        run "$python" "$here/tls_client.py" 192.0.2.25 25 --tls 1.2 --ciphers AES256-GCM-SHA384 --resume
        s_client 192.0.2.25:25 -tls1_2 -cipher "AES128-SHA256:@SECLEVEL=0" -no_ticket -sess_out "$work/session"
        s_client 192.0.2.25:25 -tls1_2 -cipher "AES128-SHA256:@SECLEVEL=0" -no_ticket -sess_in "$work/session"
        run "$python" "$here/tls_client.py" 192.0.2.25 25 --tls 1.0 --ciphers AES128-SHA
        end nokeys
        ;;
    tls-exchange)
        begin tls-exchange
        # shellcheck disable=SC2086
        exchange $exch_tls -- --starttls --exps --keylog "$keylog"
        end
        ;;
    tls-exchange-clear)
        begin tls-exchange-clear
        exchange --no-starttls -- --exps
        end nokeys
        ;;
    tls-windows2003)
        "$python" -c 'import tlslite' 2>/dev/null || die "tls-windows2003 needs tlslite-ng (pip install tlslite-ng)"
        begin tls-windows2003
        for suite in rc4-md5 3des-sha; do
            # shellcheck disable=SC2086
            exchange $exch_tls --tls-lib tlslite --ciphers "$suite" -- --starttls --exps --tls-lib tlslite --ciphers "$suite"
        done
        end nokeys
        ;;
    *) die "unknown capture $name" ;;
    esac
done

echo "== dialogues"
cat "$work/dialogues.log"
[ ! -s "$work/receiver.log" ] || { echo "== Exchange-like receiver"; cat "$work/receiver.log"; }
echo "== Postfix log (TLS lines)"
grep -E "TLS|SSL|warning|error" "$work/maillog" || true
