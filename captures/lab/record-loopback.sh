#!/bin/sh
# Records a short, scripted SMTP dialogue on the loopback interface, twice at once:
#   loopback-lo.pcap   tcpdump -i lo   (Linux gives lo the Ethernet link type, 1)
#   loopback-any.pcap  tcpdump -i any  (Linux cooked capture v2, 276, with libpcap >= 1.10)
# Needs root (for tcpdump), python3 (stdlib only) and tcpdump. Only 127.0.0.1:2525 is used;
# every process started here is stopped by its pid before the script ends.
# Usage: sudo sh captures/lab/record-loopback.sh [output-dir]   (default: this script's dir)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
port=2525
lab_name=record-loopback
namespaces=""
. "$here/netns-lab.sh"
work=$(mktemp -d)

# The lab server and client (loopback_server.py, loopback_client.py beside this script).
cp "$here/loopback_server.py" "$work/server.py"
cp "$here/loopback_client.py" "$work/client.py"

dump_filter="tcp port $port and host 127.0.0.1"
start_dump - lo loopback-lo.pcap
lo_dump=$dump
start_dump - any loopback-any.pcap
any_dump=$dump

python3 "$work/server.py" "$port" >"$work/server.out" &
server=$!
pids="$pids $server"
wait_until 100 "server did not start" grep -q ready "$work/server.out"
timeout 20 python3 "$work/client.py" direct "$port"
wait "$server"
forget "$server"
sleep 1 # let the last FIN/ACK reach the capture

stop_dump "$lo_dump" loopback-lo.pcap
stop_dump "$any_dump" loopback-any.pcap
