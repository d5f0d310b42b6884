#!/usr/bin/env python3
"""The sending side of record-mailflow.sh: a scripted MTA that resolves like a real one.

For each scenario it asks the lab's resolver (dnsmasq) for the MX of the recipient's domain, then
for the address of the chosen exchanger, and delivers over SMTP from 192.0.2.10 (smtplib), as a
sending server's queue would. DNS queries are built and read here by hand (stdlib only): a UDP
query, and over TCP when asked (RFC 1035 §4.2.2 length prefix). Usage:
    mailflow_client.py SCENARIO
Scenarios: dns (MX ok, NXDOMAIN, SERVFAIL, a stale cached address, an MX over TCP), retry (a
greylisted message offered again after each 451, an unknown recipient), refusals (block list, size,
TLS required, no reverse DNS), churn (short connections that end before MAIL; the server throttles).
Exits non-zero when a step does not get the reply the lab is configured to give.
"""

import random
import smtplib
import socket
import struct
import sys
import time

CLIENT = "192.0.2.10"
RESOLVER = ("198.51.100.53", 53)
MX, A, PTR = 15, 1, 12


def query(name, qtype, tcp=False):
    """Asks the resolver; returns (rcode, [(type, value)]) with MX values (pref, host); None on timeout."""
    qid = random.randrange(0, 0x10000)
    packet = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        packet += bytes([len(label)]) + label.encode()
    packet += b"\0" + struct.pack(">HH", qtype, 1)
    if tcp:
        with socket.create_connection(RESOLVER, timeout=5, source_address=(CLIENT, 0)) as s:
            s.sendall(struct.pack(">H", len(packet)) + packet)
            length = struct.unpack(">H", recv_exact(s, 2))[0]
            data = recv_exact(s, length)
    else:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((CLIENT, 0))
            s.settimeout(5)
            s.sendto(packet, RESOLVER)
            try:
                data, _ = s.recvfrom(4096)
            except socket.timeout:
                return None
    return parse(data, qid)


def recv_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise OSError("resolver closed the connection")
        data += chunk
    return data


def read_name(data, at):
    labels, jumped, end = [], False, at
    while True:
        length = data[at]
        if length & 0xC0 == 0xC0:
            if not jumped:
                end = at + 2
            at, jumped = struct.unpack(">H", data[at:at + 2])[0] & 0x3FFF, True
            continue
        at += 1
        if length == 0:
            break
        labels.append(data[at:at + length].decode())
        at += length
    return ".".join(labels), (end if jumped else at)


def parse(data, qid):
    rid, flags, qd, an, _, _ = struct.unpack(">HHHHHH", data[:12])
    assert rid == qid, "answer to another query"
    at = 12
    for _ in range(qd):
        _, at = read_name(data, at)
        at += 4
    answers = []
    for _ in range(an):
        _, at = read_name(data, at)
        rtype, _, _, rdlen = struct.unpack(">HHIH", data[at:at + 10])
        at += 10
        rdata = data[at:at + rdlen]
        if rtype == MX:
            answers.append((MX, (struct.unpack(">H", rdata[:2])[0], read_name(data, at + 2)[0])))
        elif rtype == A:
            answers.append((A, socket.inet_ntoa(rdata)))
        at += rdlen
    return flags & 0x000F, answers


def resolve_mx(domain, tcp=False):
    """The exchanger's address as an MTA finds it: MX, then A of the most preferred host."""
    result = query(domain, MX, tcp)
    if result is None or result[0] != 0:
        print(f"MX {domain}: {'no answer' if result is None else 'rcode %d' % result[0]}", file=sys.stderr)
        return None
    hosts = sorted(v for t, v in result[1] if t == MX)
    if not hosts:
        return None
    host = hosts[0][1]
    result = query(host, A)
    addresses = [v for t, v in (result or (0, []))[1] if t == A]
    print(f"MX {domain} -> {host} -> {addresses}", file=sys.stderr)
    return addresses[0] if addresses else None


def smtp(address):
    s = smtplib.SMTP(timeout=10, source_address=(CLIENT, 0))
    s.connect(address, 25)
    return s


def expect(code, reply, want):
    got = code // 100 if want < 10 else code
    if got != want:
        raise SystemExit(f"expected {want}, got {code} {reply!r}")


MESSAGE = (
    "From: Alice <alice@example.net>\r\nTo: Bob <bob@{domain}>\r\nSubject: {subject}\r\n"
    "Message-ID: <{subject}@client.example.net>\r\nDate: Mon, 01 Jan 2024 12:00:00 +0000\r\n\r\n"
    "Hello Bob,\r\n\r\nthis is a recorded mail-flow test message ({subject}).\r\n"
)


def deliver(address, domain, rcpt, subject, size=None):
    s = smtp(address)
    s.ehlo("client.example.net")
    options = [f"SIZE={size}"] if size else []
    code, reply = s.mail("alice@example.net", options)
    if code >= 400:
        s.quit()
        return code, reply
    code, reply = s.rcpt(rcpt)
    if code >= 400:
        s.quit()
        return code, reply
    code, reply = s.data(MESSAGE.format(domain=domain, subject=subject))
    s.quit()
    return code, reply


def scenario_dns():
    address = resolve_mx("contoso.example")
    expect(*deliver(address, "contoso.example", "bob@contoso.example", "flow-dns-ok"), 2)
    assert resolve_mx("nxdomain.example") is None
    assert resolve_mx("broken.example") is None
    # A stale cache: the MX names mx.stale.example at .31, but the sender still uses .25.
    resolve_mx("stale.example")
    expect(*deliver("198.51.100.25", "stale.example", "bob@stale.example", "flow-dns-stale"), 2)
    # An MX over TCP, as a resolver does after a truncated answer.
    address = resolve_mx("contoso.example", tcp=True)
    expect(*deliver(address, "contoso.example", "carol@contoso.example", "flow-dns-tcp"), 2)


def scenario_retry():
    address = resolve_mx("contoso.example")
    for attempt in range(3):
        if attempt:
            time.sleep(2)  # the sender's queue waits, then offers the same envelope again
        code, reply = deliver(address, "contoso.example", "greylist@contoso.example", "flow-retry", size=400)
        expect(code, reply, 451)
    expect(*deliver(address, "contoso.example", "nobody@contoso.example", "flow-unknown"), 550)


def scenario_refusals():
    for domain, rcpt, want, size in [
        ("rbl.example", "bob@rbl.example", 554, None),
        ("size.example", "bob@size.example", 552, 5000),
        ("tls.example", "bob@tls.example", 530, None),
        ("ptr.example", "bob@ptr.example", 450, None),
    ]:
        address = resolve_mx(domain)
        code, reply = deliver(address, domain, rcpt, f"flow-{domain.split('.')[0]}", size=size)
        expect(code, reply, want)


def scenario_churn():
    address = resolve_mx("throttle.example")
    throttled = 0
    for _ in range(6):
        s = smtplib.SMTP(timeout=10, source_address=(CLIENT, 0))
        code, reply = s.connect(address, 25)
        if code == 421:
            throttled += 1
            s.close()
            continue
        s.ehlo("client.example.net")
        s.quit()
    if not throttled:
        raise SystemExit("the server never throttled")


if __name__ == "__main__":
    {"dns": scenario_dns, "retry": scenario_retry, "refusals": scenario_refusals, "churn": scenario_churn}[
        sys.argv[1]
    ]()
