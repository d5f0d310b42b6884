# What the record-*.sh scripts share; sourced (`. "$here/lab.sh"`), never run. POSIX sh. The
# functions use the script's $work (its temporary folder), $out (where captures go) and $pids (what
# it started).

# die SENTENCE: says it, prefixed with the script's name, and exits 1 (the EXIT trap cleans up).
die() {
    echo "$(basename "$0" .sh): $*" >&2
    exit 1
}

# remove_lab: ends whatever still runs inside each of $namespaces (only processes of the lab can be
# there) and deletes the namespace, which deletes the veths inside it.
remove_lab() {
    for ns in $namespaces; do
        if ip netns list | grep -qw "^$ns"; then
            for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
}

# stop_pids: ends the processes the script started itself ($pids), one by one by their id.
stop_pids() {
    for p in $pids; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
}

# postfix_services: the internal services of a lab Postfix's master.cf (after its listeners).
postfix_services() {
    cat <<'SERVICES'
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n -  0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -  - trivial-rewrite
bounce    unix  - - n -  0 bounce
defer     unix  - - n -  0 bounce
trace     unix  - - n -  0 bounce
verify    unix  - - n -  1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -  - proxymap
anvil     unix  - - n -  1 anvil
scache    unix  - - n -  1 scache
error     unix  - - n -  - error
retry     unix  - - n -  - error
discard   unix  - - n -  - discard
postlog   unix-dgram n - n - 1 postlogd
SERVICES
}

# start_dump NS DEV FILE [FILTER]: tcpdump in the background into $work/FILE (pid in $dump, added
# to $pids), waiting until it listens; FILTER defaults to SMTP on port 25. ip netns exec execs
# tcpdump, so $dump is tcpdump's own pid (for the SIGINT of stop_dump).
start_dump() {
    ip netns exec "$1" tcpdump -i "$2" -U -n -s 0 -w "$work/$3" "${4:-tcp port 25}" >/dev/null 2>"$work/$3.tcpdump" &
    dump=$!
    pids="$pids $dump"
    n=0
    until grep -q "listening on" "$work/$3.tcpdump" 2>/dev/null; do
        n=$((n + 1))
        [ "$n" -lt 100 ] || { cat "$work/$3.tcpdump" >&2; die "tcpdump for $3 did not start"; }
        sleep 0.1
    done
}

# stop_dump PID FILE: SIGINT, wait, check for drops, copy the capture out to $out
stop_dump() {
    kill -INT "$1"
    wait "$1" || true
    pids=$(echo "$pids" | sed "s/ $1\$//; s/ $1 / /")
    grep -q "^0 packets dropped by kernel" "$work/$2.tcpdump" || {
        cat "$work/$2.tcpdump" >&2
        die "$2: tcpdump dropped packets"
    }
    packets=$(tcpdump -r "$work/$2" 2>/dev/null | wc -l)
    [ "$packets" -gt 0 ] || die "$2: nothing captured"
    cp "$work/$2" "$out/$2"
    echo "$out/$2: $packets packets"
}

# wait_listen NS ADDR:PORT: until something listens there in namespace NS (10 s at most)
wait_listen() {
    n=0
    until ip netns exec "$1" ss -Hltn "sport = :${2##*:}" | grep -q "$2"; do
        n=$((n + 1))
        [ "$n" -lt 100 ] || die "nothing listens on $2 in $1"
        sleep 0.1
    done
}
