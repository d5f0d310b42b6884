# Shared by every lab script (record-*.sh): those that build network namespaces (record-middlebox.sh,
# record-loss.sh, record-tls.sh, record-mailflow.sh) and those that record on this machine's own
# loopback (record-loopback.sh, record-detection.sh, record-postfix.sh), which name the namespace
# `-` (this machine's) and create none. Sourced, not run. Before sourcing, set:
#   lab_name     the script's name, for messages
#   namespaces   the namespaces it creates (removed on exit, and before it starts); may be empty
# It sets work="" and pids="" (a temporary folder the caller makes, and the background processes
# it starts; both cleaned up on exit) and installs the exit and signal traps. A script that starts
# something more (record-tls.sh: a Postfix) may set lab_on_exit to a function run first on exit,
# given the exit status.

work=""
pids=""

die() {
    echo "$lab_name: $*" >&2
    exit 1
}

# in_ns NS CMD...: run CMD in namespace NS (`-`: on this machine)
in_ns() {
    ns=$1
    shift
    if [ "$ns" = - ]; then "$@"; else ip netns exec "$ns" "$@"; fi
}

# remove_lab: the namespaces (deleting a namespace deletes the veths inside it)
remove_lab() {
    for ns in $namespaces; do
        if ip netns list | grep -qw "^$ns"; then
            # end whatever still runs inside (only processes of this lab can be in these namespaces)
            for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
}

# make_namespaces: the namespaces afresh (any leftover of an earlier run removed), loopback up
make_namespaces() {
    remove_lab
    for ns in $namespaces; do
        ip netns add "$ns"
        in_ns "$ns" ip link set lo up
    done
}

# link NS DEV MAC ADDR: configure one end of a veth (gso/gro at 1500, so every frame on the wire is
# at most the MTU)
link() {
    in_ns "$1" ip link set dev "$2" address "$3" gso_max_size 1500 gro_max_size 1500 up
    in_ns "$1" ip addr add "$4" dev "$2"
}

cleanup() {
    status=$?
    trap - EXIT INT TERM
    [ -z "${lab_on_exit:-}" ] || "$lab_on_exit" "$status"
    for p in $pids; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    remove_lab
    [ -z "$work" ] || rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'echo "$lab_name: interrupted" >&2; exit 130' INT TERM

# forget PID...: no longer a background process to clean up
forget() {
    for p in "$@"; do
        pids=$(echo "$pids" | sed "s/ $p\$//; s/ $p / /")
    done
}

# poll TRIES CMD...: until CMD succeeds, every 0.1 s, at most TRIES times; fails after that
poll() {
    tries=$1
    shift
    n=0
    until "$@"; do
        n=$((n + 1))
        [ "$n" -lt "$tries" ] || return 1
        sleep 0.1
    done
}

# wait_until TRIES WHAT CMD...: poll, or die saying WHAT
wait_until() {
    tries=$1
    what=$2
    shift 2
    poll "$tries" "$@" || die "$what"
}

# listens NS ADDR:PORT: whether something listens there
listens() {
    in_ns "$1" ss -Hltn "sport = :${2##*:}" | grep -q "$2"
}

# start_dump NS DEV FILE [MORE]: tcpdump of "$dump_filter MORE" (default filter 'tcp port 25') cut at
# $dump_snaplen bytes (default 0: whole frames) in the background (pid in $dump, added to $pids),
# waiting until it listens
start_dump() {
    # (not through in_ns: $! must be tcpdump itself, for the SIGINT that stops it)
    set -- "$1" "$2" "$3" "${dump_filter:-tcp port 25} ${4:-}"
    if [ "$1" = - ]; then
        tcpdump -i "$2" -U -n -s "${dump_snaplen:-0}" -w "$work/$3" "$4" >/dev/null 2>"$work/$3.tcpdump" &
    else
        ip netns exec "$1" tcpdump -i "$2" -U -n -s "${dump_snaplen:-0}" -w "$work/$3" "$4" \
            >/dev/null 2>"$work/$3.tcpdump" &
    fi
    dump=$!
    pids="$pids $dump"
    poll 100 grep -q "listening on" "$work/$3.tcpdump" || {
        cat "$work/$3.tcpdump" >&2
        die "tcpdump for $3 did not start"
    }
}

# stop_dump PID FILE: SIGINT, wait, check for drops, copy the capture out
stop_dump() {
    kill -INT "$1"
    wait "$1" || true
    forget "$1"
    grep -q "^0 packets dropped by kernel" "$work/$2.tcpdump" || {
        cat "$work/$2.tcpdump" >&2
        die "$2: tcpdump dropped packets"
    }
    packets=$(tcpdump -r "$work/$2" 2>/dev/null | wc -l)
    [ "$packets" -gt 0 ] || die "$2: nothing captured"
    cp "$work/$2" "$out/$2"
    echo "$out/$2: $packets packets"
}
