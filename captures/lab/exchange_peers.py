#!/usr/bin/env python3
"""Exchange 2003-like SMTP peers for recording middlebox captures (python3 standard library only).

  exchange_peers.py receiver ADDR PORT   serve ONE session as an Exchange 2003 server would, then exit
  exchange_peers.py sender ADDR PORT     deliver one message as an Exchange 2003 sender would, then exit

The texts are fixed (banner, EHLO list, reply texts of Exchange 2003 as smtpscope's design notes give
them; names ex1/ex2.contoso.com, addresses of contoso.com). The receiver answers:
  EHLO -> the 2003 EHLO list; HELO -> 250 hello; MAIL -> 250, or 503 5.5.2 Send hello first before
  any EHLO/HELO; RCPT/RSET/NOOP -> 250;
  XEXCH50 n m -> 354 Send binary data, reads exactly n bytes, 250 2.0.0 XEXCH50 OK;
  DATA -> 354, the body up to CRLF.CRLF, 250 2.6.0 <id> Queued mail for delivery; QUIT -> 221 and close;
  anything else (X'd verbs too) -> 500 5.3.3 Unrecognized command.
The sender reads the banner, sends EHLO (HELO when EHLO gets a 5xx reply), MAIL (QUIT if refused), two
RCPT, XEXCH50 2336 3 with a 2336-byte binary blob (only when the EHLO reply listed XEXCH50 and the
server answered 354), DATA with a ~3 KB message, QUIT. It waits for each complete reply (no pipelining) and
prints the dialogue it saw to stderr. Every socket operation has a timeout; any failure exits non-zero.
With LAB_PAUSE_FILE set, the sender creates that file after the 354 to DATA, and again after the reply
to the message, and each time waits (20 s at most) until someone removes it: a recording script
changes the network then.
"""

import os
import socket
import sys
import time

TIMEOUT = 10.0
MAX_LINE = 4096

BANNER = b"220 ex2.contoso.com Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 ready\r\n"
EHLO_2003 = [
    "TURN", "SIZE", "ETRN", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES", "8bitmime", "BINARYMIME",
    "CHUNKING", "VRFY", "X-EXPS GSSAPI NTLM LOGIN", "X-EXPS=LOGIN", "AUTH GSSAPI NTLM LOGIN",
    "AUTH=LOGIN", "X-LINK2STATE", "XEXCH50", "STARTTLS", "OK",
]
UNRECOGNIZED = b"500 5.3.3 Unrecognized command\r\n"
BLOB_LEN = 2336
RECIPIENTS = ["bob@contoso.com", "carol@contoso.com"]


def blob():
    """The deterministic XEXCH50 blob: every byte value, CR, LF and dots included."""
    return bytes((i * 7 + (i >> 8)) & 0xFF for i in range(BLOB_LEN))


def message():
    """The ~3 KB message sent with DATA (CRLF lines, no line starts with a dot)."""
    head = (
        "Received: from ex0.contoso.com ([192.0.2.30]) by ex1.contoso.com with Microsoft "
        "SMTPSVC(6.0.3790.3959);\r\n\t Tue, 13 Jan 2004 17:23:40 +0100\r\n"
        "From: Alice <alice@contoso.com>\r\n"
        "To: Bob <bob@contoso.com>, Carol <carol@contoso.com>\r\n"
        "Subject: Through the middlebox\r\n"
        "Date: Tue, 13 Jan 2004 17:23:40 +0100\r\n"
        "Message-ID: <1.middlebox@contoso.com>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "X-MimeOLE: Produced By Microsoft Exchange V6.5\r\n"
        "\r\n"
    )
    lines = [head]
    n = 0
    while sum(len(x) for x in lines) < 3000:
        n += 1
        lines.append("Line %02d of the test message relayed between two Exchange servers.\r\n" % n)
    return "".join(lines).encode("ascii")


class Conn:
    """A socket with a receive buffer: lines, exact byte counts and complete replies."""

    def __init__(self, sock):
        self.sock = sock
        self.sock.settimeout(TIMEOUT)
        self.buf = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("peer closed the connection")
        self.buf += chunk

    def line(self):
        while b"\r\n" not in self.buf:
            if len(self.buf) > MAX_LINE:
                raise ValueError("line too long")
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line + b"\r\n"

    def exactly(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def until_end_of_data(self):
        while b"\r\n.\r\n" not in self.buf:
            if len(self.buf) > 10 * 1024 * 1024:
                raise ValueError("message too large")
            self._fill()
        body, self.buf = self.buf.split(b"\r\n.\r\n", 1)
        return body + b"\r\n.\r\n"

    def reply(self):
        """A complete (multi-line) reply: lines until one whose 4th byte is not '-'."""
        lines = [self.line()]
        while lines[-1][3:4] == b"-":
            lines.append(self.line())
        return lines

    def send(self, data):
        self.sock.sendall(data)


def log(direction, data):
    for line in data.decode("latin-1").splitlines():
        print("%s %s" % (direction, line), file=sys.stderr)


def receiver(addr, port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((addr, port))
    listener.listen(1)
    listener.settimeout(30.0)
    print("receiver: listening on %s:%d" % (addr, port), file=sys.stderr, flush=True)
    sock, peer = listener.accept()
    listener.close()
    conn = Conn(sock)
    reply(conn, BANNER)
    queued = 0
    greeted = False
    while True:
        try:
            cmd = conn.line()
        except EOFError:
            break
        log("C:", cmd)
        text = cmd.decode("latin-1").rstrip("\r\n")
        verb = text.split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            greeted = True
        if verb == "MAIL" and not greeted:
            reply(conn, b"503 5.5.2 Send hello first\r\n")
        elif verb == "EHLO":
            lines = ["ex2.contoso.com Hello [%s]" % peer[0]] + EHLO_2003
            out = "".join("250%s%s\r\n" % ("-" if i < len(lines) - 1 else " ", kw)
                          for i, kw in enumerate(lines))
            reply(conn, out.encode("ascii"))
        elif verb == "HELO":
            reply(conn, ("250 ex2.contoso.com Hello [%s]\r\n" % peer[0]).encode("ascii"))
        elif verb == "MAIL":
            reply(conn, b"250 2.1.0 " + text[10:].strip().strip("<>").encode("latin-1") + b"....Sender OK\r\n")
        elif verb == "RCPT":
            reply(conn, b"250 2.1.5 " + text[8:].strip().strip("<>").encode("latin-1") + b" \r\n")
        elif verb in ("NOOP", "RSET"):
            reply(conn, b"250 2.0.0 OK\r\n" if verb == "NOOP" else b"250 2.0.0 Resetting\r\n")
        elif verb == "XEXCH50":
            args = text.split()
            if len(args) != 3 or not args[1].isdigit() or int(args[1]) > 1 << 20:
                reply(conn, b"501 5.5.4 Invalid arguments\r\n")
                continue
            reply(conn, b"354 Send binary data\r\n")
            data = conn.exactly(int(args[1]))
            print("C: <%d bytes of XEXCH50 blob>" % len(data), file=sys.stderr)
            reply(conn, b"250 2.0.0 XEXCH50 OK\r\n")
        elif verb == "DATA":
            reply(conn, b"354 Start mail input; end with <CRLF>.<CRLF>\r\n")
            body = conn.until_end_of_data()
            print("C: <%d bytes of message>" % len(body), file=sys.stderr)
            queued += 1
            reply(conn, b"250 2.6.0 <EX2MBX%04d@ex2.contoso.com> Queued mail for delivery\r\n" % queued)
        elif verb == "QUIT":
            reply(conn, b"221 2.0.0 ex2.contoso.com Service closing transmission channel\r\n")
            break
        else:
            reply(conn, UNRECOGNIZED)
    sock.close()


def reply(conn, data):
    log("S:", data)
    conn.send(data)


def command(conn, line):
    """Send one command line, return its complete reply (list of lines) and its code."""
    log("C:", line)
    conn.send(line)
    lines = conn.reply()
    log("S:", b"".join(lines))
    return lines, lines[0][:3]


def sender(addr, port):
    sock = socket.create_connection((addr, port), timeout=TIMEOUT)
    conn = Conn(sock)
    banner = conn.reply()
    log("S:", b"".join(banner))
    if banner[0][:3] != b"220":
        raise SystemExit("sender: no 220 banner")
    lines, code = command(conn, b"EHLO ex1.contoso.com\r\n")
    if code[:1] == b"5":
        lines, code = command(conn, b"HELO ex1.contoso.com\r\n")
        lines = []
    if code != b"250":
        raise SystemExit("sender: EHLO/HELO refused")
    keywords = {l[4:].decode("latin-1").strip().split(" ")[0].upper() for l in lines[1:]}
    _, code = command(conn, b"MAIL FROM:<alice@contoso.com>\r\n")
    if code != b"250":
        quit_and_close(conn, sock)  # as Exchange does: give up this connection, retry later
        return
    for rcpt in RECIPIENTS:
        command(conn, ("RCPT TO:<%s>\r\n" % rcpt).encode("ascii"))
    if "XEXCH50" in keywords:
        _, code = command(conn, b"XEXCH50 %d %d\r\n" % (BLOB_LEN, len(RECIPIENTS) + 1))
        if code == b"354":
            print("C: <%d bytes of XEXCH50 blob>" % BLOB_LEN, file=sys.stderr)
            conn.send(blob())
            log("S:", b"".join(conn.reply()))
    _, code = command(conn, b"DATA\r\n")
    if code == b"354":
        pause()
        body = message()
        print("C: <%d bytes of message>" % len(body), file=sys.stderr)
        conn.send(body + b".\r\n")
        log("S:", b"".join(conn.reply()))
        pause()
    quit_and_close(conn, sock)


def pause():
    """With LAB_PAUSE_FILE set: create it, and wait until it is removed (20 s at most)."""
    path = os.environ.get("LAB_PAUSE_FILE")
    if not path:
        return
    with open(path, "w", encoding="ascii") as marker:
        marker.write("paused\n")
    deadline = time.monotonic() + 20
    while os.path.exists(path):
        if time.monotonic() > deadline:
            raise SystemExit("sender: nobody removed " + path)
        time.sleep(0.05)


def quit_and_close(conn, sock):
    """QUIT, then close our side and read until the server has closed its side."""
    command(conn, b"QUIT\r\n")
    sock.shutdown(socket.SHUT_WR)
    try:
        while sock.recv(4096):
            pass
    except OSError:
        pass
    sock.close()


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("receiver", "sender"):
        raise SystemExit(__doc__)
    role, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    (receiver if role == "receiver" else sender)(addr, port)


if __name__ == "__main__":
    main()
