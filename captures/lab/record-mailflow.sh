#!/bin/sh
# Records the mail flow around SMTP — DNS lookups, refusals, retries and throttling — with a real
# resolver (dnsmasq) and a real receiver (Postfix), one capture per scenario of mailflow_client.py:
#   mailflow-dns.pcap       MX found and delivered; MX NXDOMAIN; MX SERVFAIL; a sender connecting to a
#                           stale address instead of the MX's; an MX looked up over TCP
#   mailflow-retry.pcap     the same envelope offered three times, each answered 451 4.7.1 (greylisting);
#                           a recipient refused 550 5.1.1 User unknown
#   mailflow-refusals.pcap  554 5.7.1 blocked using bl.example (reject_rbl_client, answered by dnsmasq);
#                           552 5.3.4 for SIZE=5000 over message_size_limit 1000; 530 5.7.0 Must issue a
#                           STARTTLS command first; 450 4.7.25 for a client without reverse DNS
#   mailflow-churn.pcap     six short connections that end before MAIL; Postfix's anvil answers 421 4.7.0
#                           once the connection rate limit is reached
# Topology: one network namespace (sscope-flow) with documentation addresses on its loopback: the sender
# 192.0.2.10, the resolver 198.51.100.53, and one Postfix smtpd per behaviour on 198.51.100.25 (main:
# local recipients bob and carol, greylist@ deferred 451 by check_recipient_access), .26 (reject_rbl_client
# bl.example), .27 (message_size_limit 1000), .28 (smtpd_tls_security_level encrypt), .29
# (smtpd_client_connection_rate_limit 2) and .30 (reject_unknown_reverse_client_hostname). The namespace's
# /etc/netns/sscope-flow/resolv.conf points Postfix at dnsmasq; the local route to the resolver carries
# src 198.51.100.30, so every lookup Postfix makes comes from the PTR-checking receiver's address (the
# sender binds its own). dnsmasq answers only from its configuration (no upstream): the lab's MX and A
# records, a PTR for each receiver and none for the sender, 127.0.0.2 for 10.2.0.192.bl.example, and
# SERVFAIL for broken.example (forwarded to a stand-in authoritative server on 198.51.100.99 that
# answers every query SERVFAIL). tcpdump -i lo records
# 'port 25 or port 53' in the namespace. Mail is discarded; nothing leaves the namespace.
# Every process started here is stopped, and the namespace removed, before the script ends.
# Needs root, and the Debian packages postfix, dnsmasq, tcpdump, iproute2 and python3 (stdlib only).
# Usage: sudo sh captures/lab/record-mailflow.sh [output-dir]   (default: this script's dir)
set -eu
[ -z "${TRACE:-}" ] || set -x

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
ns=sscope-flow
lab_name=record-mailflow
namespaces=$ns
. "$here/netns-lab.sh"
. "$here/postfix-lab.sh"
postfix_started=""

# on_exit STATUS: Postfix and dnsmasq stopped, the namespace's resolv.conf removed
on_exit() {
    stop_lab_postfix "$ns" "$1"
    if [ -n "$work" ] && [ -f "$work/dnsmasq.pid" ]; then
        kill "$(cat "$work/dnsmasq.pid")" 2>/dev/null || true
    fi
    rm -rf "/etc/netns/$ns"
}
lab_on_exit=on_exit

[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, tcpdump and postfix need it)"
for tool in ip postfix postconf dnsmasq tcpdump python3 timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install postfix dnsmasq tcpdump iproute2)"
done
[ -d "$out" ] || die "output directory $out does not exist"

work=$(mktemp -d)
chmod 755 "$work"
make_namespaces
for a in 192.0.2.10 198.51.100.25 198.51.100.26 198.51.100.27 198.51.100.28 198.51.100.29 \
    198.51.100.30 198.51.100.53 198.51.100.99; do
    in_ns "$ns" ip addr add "$a/32" dev lo
done
in_ns "$ns" ip route replace local 198.51.100.53 dev lo table local src 198.51.100.30
mkdir -p "/etc/netns/$ns"
echo "nameserver 198.51.100.53" >"/etc/netns/$ns/resolv.conf"

cat >"$work/dnsmasq.conf" <<CONF
no-resolv
no-hosts
no-poll
bind-interfaces
listen-address=198.51.100.53
except-interface=nonexistent
local=/example/
local=/2.0.192.in-addr.arpa/
server=/broken.example/198.51.100.99
mx-host=contoso.example,mail.contoso.example,10
host-record=mail.contoso.example,198.51.100.25
mx-host=stale.example,mx.stale.example,10
host-record=mx.stale.example,198.51.100.31
mx-host=rbl.example,mx.rbl.example,10
host-record=mx.rbl.example,198.51.100.26
mx-host=size.example,mx.size.example,10
host-record=mx.size.example,198.51.100.27
mx-host=tls.example,mx.tls.example,10
host-record=mx.tls.example,198.51.100.28
mx-host=throttle.example,mx.throttle.example,10
host-record=mx.throttle.example,198.51.100.29
mx-host=ptr.example,mx.ptr.example,10
host-record=mx.ptr.example,198.51.100.30
host-record=10.2.0.192.bl.example,127.0.0.2
log-queries
log-facility=$work/dnsmasq.log
pid-file=$work/dnsmasq.pid
CONF
# broken.example's "authoritative server": answers every query SERVFAIL (a zone it cannot load).
ip netns exec "$ns" timeout 600 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.51.100.99", 53))
while True:
    q, peer = s.recvfrom(4096)
    if len(q) >= 12:
        s.sendto(q[:2] + bytes([0x84 | (q[2] & 1), 0x02]) + q[4:6] + bytes(6) + q[12:], peer)
' &
pids="$pids $!"
in_ns "$ns" dnsmasq --conf-file="$work/dnsmasq.conf" || die "dnsmasq did not start"

conf=$work/conf
mkdir "$conf" "$work/queue"
cat >"$conf/recipient_access" <<'MAP'
greylist@contoso.example 451 4.7.1 Greylisted, please try again later
MAP
cat >"$conf/main.cf" <<CONF
compatibility_level = 3.6
myhostname = mx.lab.example
mydomain = lab.example
mydestination = contoso.example, stale.example, rbl.example, size.example, tls.example, throttle.example, ptr.example
inet_interfaces = all
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
smtpd_banner = \$myhostname ESMTP \$mail_name (Debian/GNU)
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access texthash:$conf/recipient_access
local_recipient_maps = inline:{ bob=known, carol=known }
$(postfix_delivers_nothing)
anvil_rate_time_unit = 60s
queue_directory = $work/queue
data_directory = $work/data
maillog_file = $work/maillog
maillog_file_prefixes = $work
CONF
cat >"$conf/master.cf" <<CONF
198.51.100.25:25 inet n - n - - smtpd
198.51.100.26:25 inet n - n - - smtpd -o { smtpd_client_restrictions = reject_rbl_client bl.example }
198.51.100.27:25 inet n - n - - smtpd -o message_size_limit=1000
198.51.100.28:25 inet n - n - - smtpd -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem -o smtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key
198.51.100.29:25 inet n - n - - smtpd -o smtpd_client_connection_rate_limit=2
198.51.100.30:25 inet n - n - - smtpd -o smtpd_client_restrictions=reject_unknown_reverse_client_hostname
CONF
postfix_services >>"$conf/master.cf"
postfix_started=yes
in_ns "$ns" postfix -c "$conf" start >"$work/postfix-start.log" 2>&1 || {
    cat "$work/postfix-start.log" >&2
    die "postfix start failed"
}
wait_until 100 "Postfix does not listen" listens "$ns" 198.51.100.30:25

record() {
    file=$1
    scenario=$2
    start_dump "$ns" lo "$file" 'or port 53'
    status=0
    in_ns "$ns" timeout 120 python3 "$here/mailflow_client.py" "$scenario" 2>"$work/$file.log" || status=$?
    sleep 1
    cat "$work/$file.log"
    [ "$status" -eq 0 ] || die "$file: the scenario failed (exit $status)"
    stop_dump "$dump" "$file"
}

record mailflow-dns.pcap dns
record mailflow-retry.pcap retry
record mailflow-refusals.pcap refusals
record mailflow-churn.pcap churn
echo "== dnsmasq log"
cat "$work/dnsmasq.log"
