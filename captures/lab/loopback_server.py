#!/usr/bin/env python3
"""The lab's scripted SMTP server for the loopback recordings (record-loopback.sh, record-detection.sh).

Usage: loopback_server.py PORT [CERT KEY]
Accepts one connection on 127.0.0.1:PORT (in TLS from the first byte when CERT and KEY are given,
as implicit TLS on 465), answers the lab dialogue with fixed replies so every recording carries the
same bytes, and exits. Prints "ready" once it listens. Python standard library only.
"""
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
