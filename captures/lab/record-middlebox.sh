#!/bin/sh
# Records real SMTP dialogues through a rewriting middlebox, captured at BOTH ends, one pair per mode:
#   middlebox-MODE-sender.pcap    what the sending server's interface saw (client <-> middlebox)
#   middlebox-MODE-receiver.pcap  what the receiving server's interface saw (middlebox <-> server)
# for MODE in clean (control: bytes unchanged), pix (Cisco PIX fixup protocol smtp), asa (Cisco ASA
# inspect esmtp), drop-xexch50 (a filter that answers XEXCH50 itself) and tls-proxy (a gateway that
# terminates STARTTLS with its own certificate, tls/proxy.pem, and opens its own TLS to the
# receiver); see middlebox.py. In tls-proxy mode the Exchange-like peers use STARTTLS and X-EXPS,
# and middlebox-tls-proxy-{sender,receiver}.keylog hold the secrets of both TLS sessions (written
# by the proxy, which is party to both).
#
# Topology: three network namespaces joined by two veth pairs, documentation addresses and MACs only:
#   sscope-snd  sscope-snd0 192.0.2.10/24      <-> sscope-mbx0 192.0.2.1/24     sscope-mbx
#   sscope-mbx  sscope-mbx1 198.51.100.1/24    <-> sscope-rcv0 198.51.100.25/24 sscope-rcv
# The sender and the receiver route everything via the middlebox, which does not forward
# (ip_forward=0): the only path is middlebox.py, listening on 192.0.2.1:25 and opening its own
# connection to 198.51.100.25:25, so the two captures of a pair have different 4-tuples.
# exchange_peers.py plays an Exchange 2003 sender (in sscope-snd) and receiver (in sscope-rcv).
# tcpdump -i sscope-snd0 (in sscope-snd) and tcpdump -i sscope-rcv0 (in sscope-rcv) record
# 'tcp port 25' with -s 0 -U, started before the dialogue and stopped with SIGINT after it.
# Offloads: the veths get gso_max_size/gro_max_size 1500 so every frame on the wire is <= the MTU;
# transmit checksums are left to the kernel (frames the capturing host sent may show partial
# checksums, as on any host capture).
# Everything (namespaces, veths, processes) is removed on exit, and any leftover of an earlier run
# is removed first, so the script can be run again.
# Needs root, iproute2, tcpdump, timeout and python3 (stdlib only); netns-lab.sh beside it.
# Usage: sudo sh captures/lab/record-middlebox.sh [output-dir] [mode...]   (default: this script's
# dir, all modes)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
[ "$#" -eq 0 ] || shift
modes=${*:-clean pix asa drop-xexch50 tls-proxy}
lab_name=record-middlebox
namespaces="sscope-snd sscope-mbx sscope-rcv"
. "$here/netns-lab.sh"

[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces and tcpdump need it)"
for tool in ip tcpdump python3 timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install iproute2 tcpdump python3)"
done
[ -d "$out" ] || die "output directory $out does not exist"
for mode in $modes; do
    case $mode in clean | pix | asa | drop-xexch50 | tls-proxy) ;; *) die "unknown mode $mode" ;; esac
done
python=$(command -v python3)
work=$(mktemp -d)

make_namespaces
ip link add sscope-snd0 netns sscope-snd type veth peer name sscope-mbx0 netns sscope-mbx
ip link add sscope-mbx1 netns sscope-mbx type veth peer name sscope-rcv0 netns sscope-rcv
link sscope-snd sscope-snd0 00:00:5e:00:53:0a 192.0.2.10/24
link sscope-mbx sscope-mbx0 00:00:5e:00:53:01 192.0.2.1/24
link sscope-mbx sscope-mbx1 00:00:5e:00:53:02 198.51.100.1/24
link sscope-rcv sscope-rcv0 00:00:5e:00:53:19 198.51.100.25/24
in_ns sscope-snd ip route add default via 192.0.2.1
in_ns sscope-rcv ip route add default via 198.51.100.1
in_ns sscope-mbx sysctl -q -w net.ipv4.ip_forward=0

# wait_listen NS ADDR:PORT: until something listens there (10 s at most)
wait_listen() {
    wait_until 100 "nothing listens on $2 in $1" listens "$1" "$2"
}

record() {
    mode=$1
    snd=middlebox-$mode-sender.pcap
    rcv=middlebox-$mode-receiver.pcap
    start_dump sscope-snd sscope-snd0 "$snd"
    d1=$dump
    start_dump sscope-rcv sscope-rcv0 "$rcv"
    d2=$dump
    receiver_tls=""
    sender_tls=""
    proxy_tls=""
    if [ "$mode" = tls-proxy ]; then
        sh "$here/make-tls-certs.sh" >/dev/null
        receiver_tls="--tls-cert $here/tls/exchange.pem --tls-key $here/tls/exchange.key"
        sender_tls="--starttls --exps"
        proxy_tls="$here/tls/proxy.pem $here/tls/proxy.key $work/$mode.keylog"
    fi
    # shellcheck disable=SC2086
    ip netns exec sscope-rcv timeout 60 "$python" "$here/exchange_peers.py" receiver 198.51.100.25 25 $receiver_tls \
        2>"$work/$mode.receiver.log" &
    r=$!
    pids="$pids $r"
    wait_listen sscope-rcv 198.51.100.25:25
    # shellcheck disable=SC2086
    ip netns exec sscope-mbx timeout 60 "$python" "$here/middlebox.py" "$mode" 192.0.2.1 25 198.51.100.25 25 $proxy_tls \
        2>"$work/$mode.middlebox.log" &
    m=$!
    pids="$pids $m"
    wait_listen sscope-mbx 192.0.2.1:25
    status=0
    # shellcheck disable=SC2086
    in_ns sscope-snd timeout 60 "$python" "$here/exchange_peers.py" sender 192.0.2.1 25 $sender_tls \
        2>"$work/$mode.sender.log" || status=$?
    for p in $m $r; do
        wait "$p" || status=$((status + $?))
        forget "$p"
    done
    sleep 1 # let the last FIN/ACK reach both captures
    stop_dump "$d1" "$snd"
    stop_dump "$d2" "$rcv"
    if [ -n "$proxy_tls" ]; then
        cp "$work/$mode.keylog" "$out/${snd%.pcap}.keylog"
        cp "$work/$mode.keylog" "$out/${rcv%.pcap}.keylog"
    fi
    for role in sender middlebox receiver; do
        echo "== $mode: $role"
        cat "$work/$mode.$role.log"
    done
    [ "$status" -eq 0 ] || die "$mode: the dialogue failed"
}

for mode in $modes; do
    record "$mode"
done
