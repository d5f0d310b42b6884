#!/bin/sh
# Records real Exchange-like SMTP dialogues (exchange_peers.py, the Linux TCP stack of two network
# namespaces) with loss, one capture each:
#   loss-354-capture-gap.pcap   the capture misses both 354 replies (to XEXCH50 and to DATA) that
#                               the sender received: a gap smtpscope must fill by inference
#   tail-loss-probe.pcap        the receiver's acknowledgments are held back while the message is sent,
#                               so the sender probes with a copy of its last segment (a tail-loss
#                               probe, or a timeout) that the receiver reports as a duplicate (D-SACK):
#                               a retransmission that is not loss
#
# Topology: two namespaces joined by one veth pair, documentation addresses and MACs only:
#   sscope-lsnd  sscope-lsnd0 192.0.2.10/24  <->  sscope-lrcv0 198.51.100.25/24  sscope-lrcv
# (one /24 route each way). Offloads: gso_max_size/gro_max_size 1500, so every frame is <= the MTU.
# Both captures are taken on the sender's veth.
#
# The kernels this was written on have no netem, prio or tc classifiers (a minimal VM kernel), so the
# loss is made with what there is:
# - loss-354-capture-gap.pcap: the capturing host drops the two frames whose TCP payload starts with
#   "354 " (tcpdump's filter: the payload's first four bytes are not "354 "). The network is
#   untouched: the sender gets both 354s, the capture never sees them, as when a capture host drops
#   packets the peers exchanged. The receiver's ACKs of them are in the capture.
# - tail-loss-probe.pcap: while the sender (paused by LAB_PAUSE_FILE after the 354 to DATA) sends the
#   message, the receiver's egress is a token bucket (tbf, 1 kbit/s, 140 bytes, emptied by one UDP
#   datagram): its ACKs come out about half a second apart, later than the sender's probe timeout, so
#   the last segment of the message is sent again; the receiver's D-SACKs for the copies come out
#   after the reply to the message. The sender pauses again there, and the bucket comes off once
#   everything it held is out, before QUIT.
# Every namespace, device and process is removed on exit, and any leftover of an earlier run first.
# Needs root, iproute2 (tc with tbf), tcpdump, timeout, python3 (stdlib only); netns-lab.sh beside it.
# Usage: sudo sh captures/lab/record-loss.sh [output-dir]   (default: this script's dir)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
lab_name=record-loss
namespaces="sscope-lsnd sscope-lrcv"
. "$here/netns-lab.sh"

[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, tc and tcpdump need it)"
for tool in ip tc tcpdump python3 timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install iproute2 tcpdump python3)"
done
[ -d "$out" ] || die "output directory $out does not exist"
python=$(command -v python3)
work=$(mktemp -d)

snd() { in_ns sscope-lsnd "$@"; }
rcv() { in_ns sscope-lrcv "$@"; }

make_namespaces
ip link add sscope-lsnd0 netns sscope-lsnd type veth peer name sscope-lrcv0 netns sscope-lrcv
link sscope-lsnd sscope-lsnd0 00:00:5e:00:53:0a 192.0.2.10/24
link sscope-lrcv sscope-lrcv0 00:00:5e:00:53:19 198.51.100.25/24
snd ip route add 198.51.100.0/24 dev sscope-lsnd0
rcv ip route add 192.0.2.0/24 dev sscope-lrcv0

# start_receiver: exchange_peers.py receiver in its namespace, until it listens
start_receiver() {
    rcv timeout 60 "$python" "$here/exchange_peers.py" receiver 198.51.100.25 25 2>"$work/receiver.log" &
    receiver=$!
    pids="$pids $receiver"
    wait_until 100 "the receiver does not listen" listens sscope-lrcv 198.51.100.25:25
}

# finish_dialogue SENDER: wait for both peers, show what they saw
finish_dialogue() {
    status=0
    wait "$1" || status=$?
    wait "$receiver" || status=$((status + $?))
    forget "$1" "$receiver"
    sleep 1 # let the last FIN/ACK reach the capture
    cat "$work/sender.log" "$work/receiver.log"
    [ "$status" -eq 0 ] || die "the dialogue failed"
}

# 1. Both 354s missing from the capture, not from the network.
# (a segment with fewer than 4 payload bytes is kept before its payload is read: BPF rejects a
# packet whose filter reads past its end)
start_dump sscope-lsnd sscope-lsnd0 loss-354-capture-gap.pcap \
    'and (ip[2:2] - ((ip[0] & 0xf) << 2) - ((tcp[12] & 0xf0) >> 2) < 4
    or tcp[((tcp[12] & 0xf0) >> 2):4] != 0x33353420)'
gap_dump=$dump
start_receiver
snd timeout 60 "$python" "$here/exchange_peers.py" sender 198.51.100.25 25 2>"$work/sender.log" &
sender=$!
pids="$pids $sender"
finish_dialogue "$sender"
stop_dump "$gap_dump" loss-354-capture-gap.pcap
grep -c "^S: 354" "$work/sender.log" | grep -qx 2 || die "the sender did not get both 354 replies"

# 2. A copy of the last segment that the receiver already had.
start_dump sscope-lsnd sscope-lsnd0 tail-loss-probe.pcap
probe_dump=$dump
start_receiver
LAB_PAUSE_FILE=$work/pause snd timeout 60 "$python" "$here/exchange_peers.py" sender 198.51.100.25 25 \
    2>"$work/sender.log" &
sender=$!
pids="$pids $sender"
paused() { [ -e "$work/pause" ]; }
wait_until 100 "the sender never paused" paused
rcv tc qdisc add dev sscope-lrcv0 root tbf rate 1kbit burst 140 limit 100000
# Empty the bucket (one 102-byte UDP datagram to the discard port), so the next ACK waits for tokens.
rcv "$python" -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x" * 60, ("192.0.2.10", 9))'
rm -f "$work/pause"
# The sender pauses again after the reply to the message; the bucket comes off once what it still
# holds (the D-SACKs queued behind that reply) is out — a deleted qdisc drops what it holds — and
# only then does the sender go on with QUIT.
wait_until 200 "the reply to the message never came" paused
bucket_empty() { rcv tc -s qdisc show dev sscope-lrcv0 | grep -q "backlog 0b 0p"; }
wait_until 200 "the token bucket never emptied" bucket_empty
rcv tc qdisc del dev sscope-lrcv0 root
rm -f "$work/pause"
finish_dialogue "$sender"
stop_dump "$probe_dump" tail-loss-probe.pcap
