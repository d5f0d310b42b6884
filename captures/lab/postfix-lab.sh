# Shared by the lab scripts that run a Postfix of their own (record-postfix.sh, record-mailflow.sh,
# record-tls.sh); sourced, not run.

# stop_lab_postfix NS STATUS: on exit, the lab Postfix (configuration $conf, queue $work/queue,
# started once $postfix_started is set) stopped in namespace NS (`-`: this machine), and the end of
# its log ($work/maillog) shown when STATUS says the script failed. Needs netns-lab.sh.
stop_lab_postfix() {
    if [ -n "${postfix_started:-}" ]; then
        in_ns "$1" postfix -c "$conf" stop >/dev/null 2>&1 || true
        # If "postfix stop" could not do it, end the master (whose pid we own) ourselves.
        master=$(tr -d ' ' <"$work/queue/pid/master.pid" 2>/dev/null || true)
        if [ -n "$master" ] && kill -0 "$master" 2>/dev/null; then
            kill "$master" 2>/dev/null || true
        fi
        sleep 1
    fi
    if [ "$2" -ne 0 ] && [ -n "$work" ] && [ -s "$work/maillog" ]; then
        echo "$lab_name: failed; the end of the Postfix log:" >&2
        tail -n 20 "$work/maillog" >&2
    fi
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

# postfix_delivers_nothing: main.cf lines for a lab Postfix that delivers nothing (every message is
# discarded, no aliases, no biff).
postfix_delivers_nothing() {
    cat <<'MAINCF'
local_transport = discard:lab
default_transport = discard:lab
relay_transport = discard:lab
alias_maps =
alias_database =
biff = no
MAINCF
}
