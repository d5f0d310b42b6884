#!/bin/sh
# Converts the lab capture captures/lab/loopback-lo.pcap into the other container formats the
# readers support, with Wireshark's editcap (Debian package wireshark-common):
#   loopback-lo.pcapng       pcapng (-F pcapng)
#   loopback-lo.nsec.pcap    pcap with nanosecond timestamps (-F nsecpcap)
#   loopback-lo.netmon2.cap  Microsoft Network Monitor 2.x (-F netmon2)
# The tests read all of them and expect the same packets as from the original.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../lab/loopback-lo.pcap"
editcap -F pcapng "$src" "$here/loopback-lo.pcapng"
editcap -F nsecpcap "$src" "$here/loopback-lo.nsec.pcap"
editcap -F netmon2 "$src" "$here/loopback-lo.netmon2.cap"
capinfos -t -c "$here"/loopback-lo.*
