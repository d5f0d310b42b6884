#!/bin/sh
# Converts the lab capture captures/lab/loopback-lo.pcap into the other container formats and
# compressions the readers support, with independent writers: Wireshark's editcap (Debian package
# wireshark-common) and the compressors' own command-line tools (gzip, zstd, xz-utils, bzip2).
#   loopback-lo.pcapng          pcapng (-F pcapng)
#   loopback-lo.nsec.pcap       pcap with nanosecond timestamps (-F nsecpcap)
#   loopback-lo.netmon2.cap     Microsoft Network Monitor 2.x (-F netmon2)
#   loopback-lo.netmon1.cap     Microsoft Network Monitor 1.x (-F netmon1; millisecond timestamps)
#   loopback-lo.modpcap.pcap    modified (Kuznetsov) pcap, magic a1b2cd34 (-F modpcap)
#   loopback-lo.suse6_3.pcap    SuSE 6.3's modified pcap, magic a1b2cd34 (-F suse6_3pcap)
#   loopback-lo.rh6_1.pcap      Red Hat 6.1's pcap, standard magic, 24-byte records (-F rh6_1pcap)
#   loopback-lo.nokia.pcap      Nokia IPSO's pcap, standard magic, 20-byte records (-F nokiapcap)
#   loopback-lo.snoop           Solaris snoop (-F snoop)
#   loopback-lo.pcap.gz .zst .xz .lzma .bz2   the pcap compressed
# The tests read all of them and expect the same packets, and the same report, as from the original.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../lab/loopback-lo.pcap"
editcap -F pcapng "$src" "$here/loopback-lo.pcapng"
editcap -F nsecpcap "$src" "$here/loopback-lo.nsec.pcap"
editcap -F netmon2 "$src" "$here/loopback-lo.netmon2.cap"
editcap -F netmon1 "$src" "$here/loopback-lo.netmon1.cap"
editcap -F modpcap "$src" "$here/loopback-lo.modpcap.pcap"
editcap -F suse6_3pcap "$src" "$here/loopback-lo.suse6_3.pcap"
editcap -F rh6_1pcap "$src" "$here/loopback-lo.rh6_1.pcap"
editcap -F nokiapcap "$src" "$here/loopback-lo.nokia.pcap"
editcap -F snoop "$src" "$here/loopback-lo.snoop"
gzip -9 -n -c "$src" > "$here/loopback-lo.pcap.gz"
zstd -19 -q -f -c "$src" > "$here/loopback-lo.pcap.zst"
xz -9 -c "$src" > "$here/loopback-lo.pcap.xz"
lzma -9 -c "$src" > "$here/loopback-lo.pcap.lzma"
bzip2 -9 -c "$src" > "$here/loopback-lo.pcap.bz2"
capinfos -t -c "$here"/loopback-lo.pcapng "$here"/loopback-lo.*.pcap "$here"/loopback-lo.*.cap "$here"/loopback-lo.snoop
