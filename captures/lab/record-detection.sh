#!/bin/sh
# Records SMTP where smtpscope must find it by content, and a capture cut by its snap length, on the
# loopback interface with tcpdump, one capture each:
#   snaplen-64.pcap        the lab dialogue recorded with `tcpdump -s 64` (every payload cut)
#   smtp-port-26.pcap      the lab dialogue on port 26 (a relay's custom port)
#   smtp-port-10025.pcap   the lab dialogue on port 10025 (a content filter's reinjection port)
#   socks5-smtp.pcap       the lab dialogue through Dante (danted) as a SOCKS5 proxy on port 1080:
#                          SOCKS5 greeting, CONNECT localhost:2525 (a domain name), then SMTP
#   socks4-smtp.pcap       the same through Dante as a SOCKS4 proxy: CONNECT 127.0.0.1:2525
#   http-connect-smtp.pcap the lab dialogue through tinyproxy on port 8888:
#                          CONNECT 127.0.0.1:2525 HTTP/1.1, 200, then SMTP
#   smtps-465.pcap         implicit TLS on port 465: Python's ssl (OpenSSL) on both sides, the lab
#                          dialogue inside (the snake-oil certificate of Debian's ssl-cert)
# Only the client's leg is recorded for the proxies (tcpdump filter on the proxy's port), so each
# capture holds one connection. Needs root, tcpdump, python3 (stdlib only), dante-server, tinyproxy
# and ssl-cert. Only 127.0.0.1 is used; every process started here is stopped by its pid.
# Usage: sudo sh captures/lab/record-detection.sh [output-dir]   (default: this script's dir)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
work=$(mktemp -d)
chmod 755 "$work"
pids=""
cert=/etc/ssl/certs/ssl-cert-snakeoil.pem
key=/etc/ssl/private/ssl-cert-snakeoil.key

cleanup() {
    for p in $pids; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

die() {
    echo "record-detection: $*" >&2
    exit 1
}

# The lab server: one connection, fixed replies (as record-loopback.sh), optionally in TLS.
cat >"$work/server.py" <<'PY'
import socket, ssl, sys
port, tls = int(sys.argv[1]), len(sys.argv) > 2
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(1)
srv.settimeout(20)
print("ready", flush=True)
conn, _ = srv.accept()
if tls:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[2], sys.argv[3])
    conn = ctx.wrap_socket(conn, server_side=True)
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
if tls:
    try:
        conn.unwrap()
    except (ssl.SSLError, OSError):
        pass
conn.close()
srv.close()
PY

# The lab client: directly, through SOCKS5, SOCKS4 or HTTP CONNECT, or in TLS.
cat >"$work/client.py" <<'PY'
import socket, ssl, struct, sys
mode, port = sys.argv[1], int(sys.argv[2])
target_host, target_port = "localhost", 2525
if mode == "direct" or mode == "tls":
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
elif mode == "socks5":
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"\x05\x01\x00")                       # version 5, one method: no authentication
    assert s.recv(2) == b"\x05\x00", "method refused"
    name = target_host.encode("ascii")
    s.sendall(b"\x05\x01\x00\x03" + bytes([len(name)]) + name + struct.pack(">H", target_port))
    head = s.recv(4)
    assert head[:2] == b"\x05\x00", head
    rest = {1: 4, 4: 16}.get(head[3])
    rest = rest if rest else s.recv(1)[0]
    s.recv(rest + 2)
elif mode == "socks4":
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"\x04\x01" + struct.pack(">H", target_port) + socket.inet_aton("127.0.0.1") + b"lab\x00")
    answer = s.recv(8)
    assert answer[:2] == b"\x00\x5a", answer
elif mode == "http":
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"CONNECT 127.0.0.1:2525 HTTP/1.1\r\nHost: 127.0.0.1:2525\r\n\r\n")
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        head += s.recv(1)
    assert b" 200 " in head.split(b"\r\n")[0], head
else:
    sys.exit("unknown mode " + mode)
if mode == "tls":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    s = ctx.wrap_socket(s, server_hostname="lab.example")
f = s.makefile("rb")
def read_reply():
    while True:
        line = f.readline()
        if not line or line[3:4] != b"-":
            return line
def send(text):
    s.sendall(text.encode("ascii"))
    return read_reply()
assert read_reply().startswith(b"220")
send("EHLO client.example\r\n")
send("MAIL FROM:<alice@client.example>\r\n")
send("RCPT TO:<bob@lab.example>\r\n")
send("DATA\r\n")
send("From: alice@client.example\r\nTo: bob@lab.example\r\nSubject: lab test\r\n"
     "\r\nHello Bob,\r\nthis is a recorded test message.\r\n.\r\n")
assert send("QUIT\r\n").startswith(b"221")
if mode == "tls":
    try:
        s.unwrap()
    except (ssl.SSLError, OSError):
        pass
s.close()
PY

wait_for() { # file text what
    n=0
    until grep -q "$2" "$1" 2>/dev/null; do
        n=$((n + 1))
        [ "$n" -lt 100 ] || die "$3 did not start: $(cat "$1" 2>/dev/null)"
        sleep 0.1
    done
}

# record NAME SNAPLEN FILTER-PORT SERVER-PORT CLIENT-MODE CLIENT-PORT [tls]
record() {
    name=$1 snaplen=$2 filter_port=$3 server_port=$4 mode=$5 client_port=$6
    tcpdump -i lo -U -n -s "$snaplen" -w "$work/$name" "tcp port $filter_port and host 127.0.0.1" \
        2>"$work/$name.log" &
    dump=$!
    pids="$pids $dump"
    wait_for "$work/$name.log" "listening on" tcpdump
    if [ "${7:-}" = tls ]; then
        python3 "$work/server.py" "$server_port" "$cert" "$key" >"$work/server.out" &
    else
        python3 "$work/server.py" "$server_port" >"$work/server.out" &
    fi
    server=$!
    pids="$pids $server"
    wait_for "$work/server.out" ready server
    timeout 20 python3 "$work/client.py" "$mode" "$client_port"
    wait "$server"
    sleep 1 # let the last FIN/ACK reach the capture
    kill -INT "$dump" 2>/dev/null || true
    wait "$dump" 2>/dev/null || true
    pids="${proxy:-}"
    cp "$work/$name" "$out/$name"
    echo "$out/$name: $(tcpdump -r "$out/$name" 2>/dev/null | wc -l) packets"
}

proxy=""
record snaplen-64.pcap 64 2525 2525 direct 2525
record smtp-port-26.pcap 262144 26 26 direct 26
record smtp-port-10025.pcap 262144 10025 10025 direct 10025
record smtps-465.pcap 262144 465 465 tls 465 tls

# Dante: SOCKS4 and SOCKS5, no authentication, from and to loopback only (Dante resolves the name
# `localhost` the client asks for).
cat >"$work/danted.conf" <<EOF
logoutput: $work/danted.log
internal: 127.0.0.1 port = 1080
external: 127.0.0.1
socksmethod: none
clientmethod: none
user.privileged: root
user.unprivileged: nobody
client pass {
    from: 127.0.0.0/8 to: 127.0.0.0/8
}
socks pass {
    from: 127.0.0.0/8 to: 127.0.0.0/8
    command: connect
    protocol: tcp
}
socks pass {
    from: 127.0.0.0/8 to: localhost
    command: connect
    protocol: tcp
}
EOF
danted -f "$work/danted.conf" -N 1 >"$work/danted.out" 2>&1 &
proxy=$!
pids="$proxy"
n=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', 1080), timeout=1).close()" 2>/dev/null; do
    n=$((n + 1))
    [ "$n" -lt 100 ] || die "danted did not start: $(cat "$work/danted.out" "$work/danted.log" 2>/dev/null)"
    sleep 0.1
done
record socks5-smtp.pcap 262144 1080 2525 socks5 1080
record socks4-smtp.pcap 262144 1080 2525 socks4 1080
kill "$proxy" 2>/dev/null || true
wait "$proxy" 2>/dev/null || true

# tinyproxy: CONNECT allowed to port 2525 only, listening on loopback.
cat >"$work/tinyproxy.conf" <<EOF
Port 8888
Listen 127.0.0.1
Timeout 30
MaxClients 5
Allow 127.0.0.1
ConnectPort 2525
LogFile "$work/tinyproxy.log"
PidFile "$work/tinyproxy.pid"
EOF
tinyproxy -d -c "$work/tinyproxy.conf" >"$work/tinyproxy.out" 2>&1 &
proxy=$!
pids="$proxy"
n=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', 8888), timeout=1).close()" 2>/dev/null; do
    n=$((n + 1))
    [ "$n" -lt 100 ] || die "tinyproxy did not start: $(cat "$work/tinyproxy.out" 2>/dev/null)"
    sleep 0.1
done
record http-connect-smtp.pcap 262144 8888 2525 http 8888
kill "$proxy" 2>/dev/null || true
wait "$proxy" 2>/dev/null || true
pids=""
