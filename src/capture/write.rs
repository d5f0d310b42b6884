//! Writing pcap and pcapng files. (Helper-owned: to be written.)
