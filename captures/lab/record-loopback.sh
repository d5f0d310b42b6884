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

cat >"$work/server.py" <<'PY'
import socket, sys
# One connection, then exit. Replies are fixed text so every recording carries the same bytes.
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(1)
srv.settimeout(20)
print("ready", flush=True)
conn, _ = srv.accept()
conn.settimeout(10)
f = conn.makefile("rb")
def reply(text):
    conn.sendall(text.encode("ascii"))
reply("220 lab.example ESMTP smtpscope-lab\r\n")
in_data = False
while True:
    line = f.readline()
    if not line:
        break
    if in_data:
        if line == b".\r\n":
            in_data = False
            reply("250 2.0.0 Ok: queued as LAB0001\r\n")
        continue
    verb = line[:4].upper()
    if verb == b"EHLO":
        reply("250-lab.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
    elif verb == b"MAIL" or verb == b"RCPT":
        reply("250 2.1.0 Ok\r\n" if verb == b"MAIL" else "250 2.1.5 Ok\r\n")
    elif verb == b"DATA":
        in_data = True
        reply("354 End data with <CR><LF>.<CR><LF>\r\n")
    elif verb == b"QUIT":
        reply("221 2.0.0 Bye\r\n")
        break
    else:
        reply("502 5.5.2 Error: command not recognized\r\n")
conn.close()
srv.close()
PY

cat >"$work/client.py" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
f = s.makefile("rb")
def read_reply():
    while True:
        line = f.readline()
        if not line or line[3:4] != b"-":
            return line
def send(text):
    s.sendall(text.encode("ascii"))
    return read_reply()
read_reply()
send("EHLO client.example\r\n")
send("MAIL FROM:<alice@client.example>\r\n")
send("RCPT TO:<bob@lab.example>\r\n")
send("DATA\r\n")
send("From: alice@client.example\r\nTo: bob@lab.example\r\nSubject: lab test\r\n"
     "\r\nHello Bob,\r\nthis is a recorded test message.\r\n.\r\n")
send("QUIT\r\n")
s.close()
PY

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
timeout 20 python3 "$work/client.py" "$port"
wait "$server"
sleep 1 # let the last FIN/ACK reach the capture

for p in $pids; do kill -INT "$p" 2>/dev/null || true; done
for p in $pids; do wait "$p" 2>/dev/null || true; done
pids=""

cp "$work/loopback-lo.pcap" "$work/loopback-any.pcap" "$out/"
for f in loopback-lo.pcap loopback-any.pcap; do
    echo "$out/$f: $(tcpdump -r "$out/$f" 2>/dev/null | wc -l) packets"
done
