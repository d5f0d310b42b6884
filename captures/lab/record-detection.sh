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
lab_name=record-detection
namespaces=""
. "$here/netns-lab.sh"
work=$(mktemp -d)
chmod 755 "$work"
cert=/etc/ssl/certs/ssl-cert-snakeoil.pem
key=/etc/ssl/private/ssl-cert-snakeoil.key

# The lab server and client (loopback_server.py, loopback_client.py beside this script).
cp "$here/loopback_server.py" "$work/server.py"
cp "$here/loopback_client.py" "$work/client.py"

# record NAME SNAPLEN FILTER-PORT SERVER-PORT CLIENT-MODE CLIENT-PORT [tls]
record() {
    name=$1 server_port=$4 mode=$5 client_port=$6
    dump_snaplen=$2 dump_filter="tcp port $3 and host 127.0.0.1" start_dump - lo "$name"
    if [ "${7:-}" = tls ]; then
        python3 "$work/server.py" "$server_port" "$cert" "$key" >"$work/server.out" &
    else
        python3 "$work/server.py" "$server_port" >"$work/server.out" &
    fi
    server=$!
    pids="$pids $server"
    wait_until 100 "server did not start" grep -q ready "$work/server.out"
    timeout 20 python3 "$work/client.py" "$mode" "$client_port"
    wait "$server"
    forget "$server"
    sleep 1 # let the last FIN/ACK reach the capture
    stop_dump "$dump" "$name"
}

# start_proxy NAME PORT CMD...: a proxy in the background (pid in $proxy), waiting until it listens
start_proxy() {
    what=$1 proxy_port=$2
    shift 2
    "$@" >"$work/$what.out" 2>&1 &
    proxy=$!
    pids="$pids $proxy"
    poll 100 listens - "127.0.0.1:$proxy_port" || die "$what did not start: $(cat "$work/$what.out" 2>/dev/null)"
}

# stop_proxy: the proxy stopped
stop_proxy() {
    kill "$proxy" 2>/dev/null || true
    wait "$proxy" 2>/dev/null || true
    forget "$proxy"
}

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
start_proxy danted 1080 danted -f "$work/danted.conf" -N 1
record socks5-smtp.pcap 262144 1080 2525 socks5 1080
record socks4-smtp.pcap 262144 1080 2525 socks4 1080
stop_proxy

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
start_proxy tinyproxy 8888 tinyproxy -d -c "$work/tinyproxy.conf"
record http-connect-smtp.pcap 262144 8888 2525 http 8888
stop_proxy
