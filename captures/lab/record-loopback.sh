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
work=$(mktemp -d)
pids=""

cleanup() {
    for p in $pids; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The lab server and client (loopback_server.py, loopback_client.py beside this script).
cp "$here/loopback_server.py" "$work/server.py"
cp "$here/loopback_client.py" "$work/client.py"

start_tcpdump() { # iface file
    tcpdump -i "$1" -U -n -s 262144 -w "$work/$2" "tcp port $port and host 127.0.0.1" 2>"$work/$2.log" &
    pids="$pids $!"
    n=0
    until grep -q "listening on" "$work/$2.log" 2>/dev/null; do
        n=$((n + 1))
        [ "$n" -lt 100 ] || { echo "tcpdump on $1 did not start" >&2; cat "$work/$2.log" >&2; exit 1; }
        sleep 0.1
    done
}

start_tcpdump lo loopback-lo.pcap
start_tcpdump any loopback-any.pcap

python3 "$work/server.py" "$port" >"$work/server.out" &
server=$!
pids="$pids $server"
n=0
until grep -q ready "$work/server.out" 2>/dev/null; do
    n=$((n + 1))
    [ "$n" -lt 100 ] || { echo "server did not start" >&2; exit 1; }
    sleep 0.1
done
timeout 20 python3 "$work/client.py" direct "$port"
wait "$server"
sleep 1 # let the last FIN/ACK reach the capture

for p in $pids; do kill -INT "$p" 2>/dev/null || true; done
for p in $pids; do wait "$p" 2>/dev/null || true; done
pids=""

cp "$work/loopback-lo.pcap" "$work/loopback-any.pcap" "$out/"
for f in loopback-lo.pcap loopback-any.pcap; do
    echo "$out/$f: $(tcpdump -r "$out/$f" 2>/dev/null | wc -l) packets"
done
