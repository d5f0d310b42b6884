#!/usr/bin/env python3
"""Exchange 2003-like SMTP peers for recording middlebox and TLS captures (python3 standard library;
tlslite-ng from PyPI only for --tls-lib tlslite).

  exchange_peers.py receiver ADDR PORT [TLS options]  serve ONE session as an Exchange 2003 server would
  exchange_peers.py sender ADDR PORT [options]        deliver one message as an Exchange 2003 sender would

Options (all optional; without them the peers behave exactly as described below):
  receiver --tls-cert CERT --tls-key KEY   answer STARTTLS with 220 and TLS (else STARTTLS is unrecognized)
  receiver --no-starttls                   leave STARTTLS out of the EHLO list
  sender   --starttls                      use STARTTLS when the EHLO reply offers it, then EHLO again
  sender   --exps                          authenticate with X-EXPS GSSAPI when offered (see TOKENS)
  sender   --keylog FILE                   append the TLS secrets to FILE (NSS key log; --tls-lib ssl)
  both     --tls-lib ssl|tlslite           Python's ssl (OpenSSL) or tlslite-ng, which still speaks the
                                           RC4 and 3DES suites Windows 2003 negotiates (default ssl)
  both     --tls MIN[:MAX]                 protocol versions: 1.0 1.1 1.2 1.3
  both     --ciphers LIST                  ssl: an OpenSSL cipher list; tlslite: rc4-md5, rc4-sha or
                                           3des-sha (RSA key exchange)

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
With --starttls and --exps the sender runs STARTTLS after the first EHLO, EHLO again inside TLS, then
X-EXPS GSSAPI: `X-EXPS GSSAPI` -> `334 ` -> the client's SPNEGO NegTokenInit (Kerberos AP-REQ) -> `334
<NegTokenResp>` -> an empty line -> `235 2.7.0 Authentication successful`. The tokens (TOKENS below) are
the synthetic ones of smtpscope-synth (exchange::spnego_neg_token_init / spnego_neg_token_resp): right
tags and lengths, filler ciphertext. The receiver answers X-EXPS that way whether or not TLS is on.
With LAB_PAUSE_FILE set, the sender creates that file after the 354 to DATA, and again after the reply
to the message, and each time waits (20 s at most) until someone removes it: a recording script
changes the network then.
"""

import argparse
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
# X-EXPS GSSAPI tokens, base64 (see the module doc).
TOKEN_INIT = (
    "YIIFAAYGKwYBBQUCoIIE9DCCBPCgJDAiBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICCqKCBMYEggTCYIIEvgYJKoZI"
    "hvcSAQICAQBuggStMIIEqaADAgEFoQMCAQ6iBwMFACAAAACjggPhYYID3TCCA9mgAwIBBaENGwtDT05UT1NPLkNPTaIlMCOgAwIB"
    "AqEcMBobB1NNVFBTVkMbD2V4Mi5jb250b3NvLmNvbaOCA5owggOWoAMCARehAwIBBaKCA4gEggOEECS1HYiNCvt4tjJxAR5sJJGb"
    "AB1bv/Et1gD2i3r8y4kk9cyzKDKcgQaYM9XFdHbKDtdcDWlC792qlTEqK5AnZv0JWDAzoO2gkk7TPhgmX7TuaKgB2ycn5i9PVRq7"
    "xWrLV69dAuSXexjXoACbkOS3we3kUsFWuWVSVl8n9Jj98OA3cEwpbfav3VFrT9OtguqBUfsA4boKVRSLBbPKHB67rOMQsswVKhqC"
    "XUXnY9O7dchCDZK4dSPpBLCI3GPQcUfGTfLQupFu7obne6wL4ARsF22VQ0knCwnSo6whXoVme23rTijm+IBPuJzolu+zV11Cv8wU"
    "71P5xy57SE2PxMh9+z/kO7LFgzLqD6FwO1eRJkDZj2+4t2FaggeUQT8dVQybYMv+K51kxQYkohKJ23N3QEG7jLaW9wznAzktbyhy"
    "z7J7tZnKEu0bgnYPuKwMSI7uvZ1mupikRdBnw6qxxylgXjT3WPKxFeml/YOOWnFFKdrIeFGxMhOS54hnUp/H7SHpJM4gW2NrZDnl"
    "x3HDJUQZeuq5/uw32kHXrt6FS5rK56/9z2AgCy6V1c1pmo/v72t/9JhAI3DIqGlGVZxWWIDHUS//hUKRXiT2wni2CE1V6KPJrs2U"
    "kE+hDrNpt5cp0BNORZahcBcbyy8Y1jBa/JhDA5U9ddjm1ABYNqEaSdyXLpacfBiLHpxkvlCVloSaI+JuvpqWV64/yuDm63+u1B62"
    "1kiuhTYzGC0SEeW7V6K1hKZWB2UQtGYibpdKmvYbbv5glG5GHbN7A9NYylhbAkBOBm85HQP+ue2UrAGXdcX+PtONDtf+fy3yq7bj"
    "GRJ3oDoO/mLxeHCig5H13RzoVtaxsKqnoWU1/PRnIeIteN8jDVr6RoCFaKfhk+LyLCNfs36eK1YXsHk3825xHN9k4XkMsRM+BBDp"
    "0HZLkXCE9zViPqQyTfVWyfjLX00DIWM3etER0ZLqIwaMwVixpQezvIHf1QB43RwdsEVdOSniTjxjjw4Xr5PNRYH6NFYlMA+KvNna"
    "GH7s/lgzkV9LX0fOBk3HM/G8fj+BWylm3N0h/FJ3/IG1t5Zc1c6a3mY+cPurXIfTHiE2sX28G/AnuZ8QVBnGcdw1BlAR/L4dr9YG"
    "4hNe7Kboahyclcu34XtpLzRNfKDpXh90cobHzvJiak78mggTZhifkA8L5RZlc9FXRoN/i6QYUzLwpIGuMIGroAMCAReigaMEgaB9"
    "NsAmolVu5NHXM83TyU/BZThdDUnspSN9narOKuc+Ps/J/Mj7l5vu+SeGfikHKFlhhJY/vDMaF5oQ//aS+cyQ+AX4QbWzbtVBSM0B"
    "wXx9krNF8mYWTEsUMvg0m8NRI7filjPsU+ZrHEkc5MOHP/Sd6v6fj5Uk6aj1D5uugHfMUg/RSRlLxnKW4Z5QTw7HcD+6eU7/9JO8"
    "XUI1Nrwb6xYQ"
)
TOKEN_RESP = (
    "oYGmMIGjoAMKAQChCwYJKoZIgvcSAQICooGOBIGLYIGIBgkqhkiG9xIBAgICAG95MHegAwIBBaEDAgEPomswaaADAgEXomIEYIAG"
    "v22LOEK0x7LGpOkvYDwZlWpfH2l1PiDYvPmiJHu8rNpB8N8MacXIi6tBjy6RXbMaRZudtEzIcWarnYf4M2i3jM5l6ceRrgmt++HW"
    "uAqoBF9GSAHdcCfEevMXKHVcPg=="
)


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

    def secure(self, tls_sock):
        """Goes on over TLS (the buffer is empty: the peer waits for the 220 before its hello)."""
        if self.buf:
            raise ValueError("bytes after STARTTLS before the TLS handshake")
        self.sock = tls_sock
        self.sock.settimeout(TIMEOUT)

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


def receiver(addr, port, tls=None, no_starttls=False):
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
    secure = False
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
            # As Exchange 2003 lists it (RFC 3207: never again inside TLS); --no-starttls: as a server
            # with no certificate bound, which does not list it at all.
            offered = [k for k in EHLO_2003 if not (k == "STARTTLS" and (secure or no_starttls))]
            lines = ["ex2.contoso.com Hello [%s]" % peer[0]] + offered
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
        elif verb == "STARTTLS" and tls is not None and not secure:
            reply(conn, b"220 2.0.0 SMTP server ready\r\n")
            conn.secure(tls.server(conn.sock))
            print("-- TLS: %s" % tls.describe(conn.sock), file=sys.stderr)
            secure, greeted = True, False  # RFC 3207 section 4.2: forget the EHLO
        elif verb == "X-EXPS" and text[7:].strip().upper() == "GSSAPI":
            reply(conn, b"334 \r\n")
            log("C:", conn.line())
            reply(conn, b"334 " + "".join(TOKEN_RESP).encode("ascii") + b"\r\n")
            log("C:", conn.line())
            reply(conn, b"235 2.7.0 Authentication successful\r\n")
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


def hello(conn):
    """EHLO (HELO when EHLO gets a 5xx reply); the EHLO keywords offered."""
    lines, code = command(conn, b"EHLO ex1.contoso.com\r\n")
    if code[:1] == b"5":
        lines, code = command(conn, b"HELO ex1.contoso.com\r\n")
        lines = []
    if code != b"250":
        raise SystemExit("sender: EHLO/HELO refused")
    return {l[4:].decode("latin-1").strip().split(" ")[0].upper() for l in lines[1:]}


def sender(addr, port, tls=None, exps=False):
    sock = socket.create_connection((addr, port), timeout=TIMEOUT)
    conn = Conn(sock)
    banner = conn.reply()
    log("S:", b"".join(banner))
    if banner[0][:3] != b"220":
        raise SystemExit("sender: no 220 banner")
    keywords = hello(conn)
    if tls is not None and "STARTTLS" in keywords:
        _, code = command(conn, b"STARTTLS\r\n")
        if code == b"220":
            conn.secure(tls.client(conn.sock))
            print("-- TLS: %s" % tls.describe(conn.sock), file=sys.stderr)
            keywords = hello(conn)
    if exps and "X-EXPS" in keywords:
        _, code = command(conn, b"X-EXPS GSSAPI\r\n")
        if code == b"334":
            _, code = command(conn, "".join(TOKEN_INIT).encode("ascii") + b"\r\n")
            if code == b"334":
                command(conn, b"\r\n")
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
    """QUIT, then close our side and read until the server has closed its side. Over TLS the
    connection is closed the same way, without a close_notify alert (as SChannel often does)."""
    command(conn, b"QUIT\r\n")
    sock = conn.sock
    sock.shutdown(socket.SHUT_WR)
    try:
        while sock.recv(4096):
            pass
    except Exception:  # noqa: BLE001 - OSError, or tlslite's abrupt-close error: the peer is gone
        pass
    sock.close()


class Tls:
    """TLS for STARTTLS: Python's ssl (OpenSSL, with a key log) or tlslite-ng (RC4, 3DES)."""

    VERSIONS = {"1.0": (3, 1), "1.1": (3, 2), "1.2": (3, 3), "1.3": (3, 4)}
    TLSLITE_SUITES = {"rc4-md5": ("rc4", "md5"), "rc4-sha": ("rc4", "sha"), "3des-sha": ("3des", "sha")}

    def __init__(self, args):
        self.args = args
        low, _, high = (args.tls or "").partition(":")
        self.versions = (low, high or low) if low else None

    def _ssl_context(self, purpose):
        import ssl

        ctx = ssl.SSLContext(purpose)
        if self.versions:
            names = {"1.0": "TLSv1", "1.1": "TLSv1_1", "1.2": "TLSv1_2", "1.3": "TLSv1_3"}
            ctx.minimum_version = getattr(ssl.TLSVersion, names[self.versions[0]])
            ctx.maximum_version = getattr(ssl.TLSVersion, names[self.versions[1]])
        ctx.set_ciphers((self.args.ciphers or "DEFAULT") + ":@SECLEVEL=0")
        return ctx

    def _tlslite_settings(self):
        from tlslite import HandshakeSettings

        settings = HandshakeSettings()
        cipher, mac = self.TLSLITE_SUITES[self.args.ciphers or "rc4-md5"]
        settings.cipherNames = [cipher]
        settings.macNames = [mac]
        settings.keyExchangeNames = ["rsa"]
        low, high = self.versions or ("1.0", "1.0")
        settings.minVersion, settings.maxVersion = self.VERSIONS[low], self.VERSIONS[high]
        settings.useExtendedMasterSecret = False  # as Windows 2003 SChannel
        settings.useEncryptThenMAC = False
        return settings

    def server(self, sock):
        if self.args.tls_lib == "tlslite":
            from tlslite import TLSConnection, X509CertChain, parsePEMKey

            chain = X509CertChain()
            chain.parsePemList(open(self.args.tls_cert).read())
            key = parsePEMKey(open(self.args.tls_key).read(), private=True)
            conn = TLSConnection(sock)
            conn.handshakeServer(certChain=chain, privateKey=key, settings=self._tlslite_settings())
            return conn
        import ssl

        ctx = self._ssl_context(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.args.tls_cert, self.args.tls_key)
        return ctx.wrap_socket(sock, server_side=True)

    def client(self, sock):
        if self.args.tls_lib == "tlslite":
            from tlslite import TLSConnection

            conn = TLSConnection(sock)
            conn.handshakeClientCert(settings=self._tlslite_settings(), serverName="ex2.contoso.com")
            return conn
        import ssl

        ctx = self._ssl_context(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        if self.args.keylog:
            ctx.keylog_filename = self.args.keylog
        return ctx.wrap_socket(sock, server_hostname="ex2.contoso.com")

    @staticmethod
    def describe(sock):
        if hasattr(sock, "getCipherName"):
            return "%s %s" % (sock.getVersionName(), sock.getCipherName())
        return "%s %s" % (sock.version(), sock.cipher()[0])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("role", choices=("receiver", "sender"))
    p.add_argument("addr")
    p.add_argument("port", type=int)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--tls-lib", choices=("ssl", "tlslite"), default="ssl")
    p.add_argument("--tls")
    p.add_argument("--ciphers")
    p.add_argument("--keylog")
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--exps", action="store_true")
    p.add_argument("--no-starttls", action="store_true")
    args = p.parse_args()
    if args.role == "receiver":
        receiver(args.addr, args.port, Tls(args) if args.tls_cert else None, args.no_starttls)
    else:
        sender(args.addr, args.port, Tls(args) if args.starttls else None, args.exps)


if __name__ == "__main__":
    main()
