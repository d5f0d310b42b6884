#!/usr/bin/env python3
"""The lab's scripted SMTP client for the loopback recordings (record-loopback.sh, record-detection.sh).

Usage: loopback_client.py MODE PORT
MODE: direct (SMTP to 127.0.0.1:PORT), tls (implicit TLS), socks5, socks4 or http (through a proxy
on 127.0.0.1:PORT to port 2525). Waits for each complete reply before the next command, so the
recording holds the same dialogue every time. Python standard library only.
"""
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
