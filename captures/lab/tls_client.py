#!/usr/bin/env python3
"""An SMTP client over TLS for recording captures with captures/lab/record-tls.sh (standard library
only: Python's ssl module, which writes the NSS key log through SSLContext.keylog_filename).

Usage: python3 tls_client.py HOST PORT [options]
  --implicit              TLS from the first byte (SMTPS, port 465), no STARTTLS
  --tls MIN[:MAX]         protocol versions, each of 1.0 1.1 1.2 1.3 (default: the library's)
  --ciphers LIST          OpenSSL cipher list for TLS <= 1.2 (@SECLEVEL=0 is appended)
  --sni NAME              server name to send (default: mail.example.net)
  --keylog FILE           append the session secrets to FILE (NSS key log format)
  --cert FILE --key FILE  present a client certificate when the server asks for one
  --resume                connect twice, the second time resuming the first session (TLS 1.2)
  --verify CAFILE         verify the server certificate against CAFILE (a failure aborts the handshake)
  --expect-failure        the handshake is meant to fail: exit 0 when it does, 1 when it does not

The dialogue: banner, EHLO, STARTTLS, (handshake), EHLO, MAIL, RCPT, DATA with a short message, QUIT.
Each reply is read in full before the next command; the dialogue goes to stderr. Certificates are
not verified unless --verify: the captures are meant to show what a stricter peer would refuse. Every socket
operation has a timeout; any unexpected failure exits 1.
"""
import argparse
import socket
import ssl
import sys

TIMEOUT = 15
VERSIONS = {
    "1.0": ssl.TLSVersion.TLSv1,
    "1.1": ssl.TLSVersion.TLSv1_1,
    "1.2": ssl.TLSVersion.TLSv1_2,
    "1.3": ssl.TLSVersion.TLSv1_3,
}


class Smtp:
    """One connection: lines in, complete replies out, everything logged to stderr."""

    def __init__(self, sock):
        self.sock = sock
        self.pending = b""

    def line(self):
        while b"\n" not in self.pending:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("server closed the connection")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line + b"\n"

    def reply(self):
        lines = [self.line()]
        while lines[-1][3:4] == b"-":
            lines.append(self.line())
        for l in lines:
            sys.stderr.write("S: %s\n" % l.decode("latin-1").rstrip())
        return lines[0][:3].decode("ascii", "replace"), lines

    def send(self, data):
        for l in data.decode("latin-1").splitlines():
            sys.stderr.write("C: %s\n" % l)
        self.sock.sendall(data)

    def command(self, text):
        self.send(text.encode("ascii") + b"\r\n")
        return self.reply()


def context(args):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if args.verify:
        ctx.load_verify_locations(args.verify)
    else:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    if args.tls:
        low, _, high = args.tls.partition(":")
        ctx.minimum_version = VERSIONS[low]
        ctx.maximum_version = VERSIONS[high or low]
    ctx.set_ciphers((args.ciphers or "DEFAULT") + ":@SECLEVEL=0")
    if args.keylog:
        ctx.keylog_filename = args.keylog
    if args.cert:
        ctx.load_cert_chain(args.cert, args.key)
    return ctx


def handshake(ctx, sock, args, session=None):
    tls = ctx.wrap_socket(sock, server_hostname=args.sni, session=session)
    sys.stderr.write("-- %s %s%s\n" % (tls.version(), tls.cipher()[0], " (resumed)" if tls.session_reused else ""))
    return tls


def dialogue(ctx, args, session=None):
    sock = socket.create_connection((args.host, args.port), timeout=TIMEOUT)
    if args.implicit:
        smtp = Smtp(handshake(ctx, sock, args, session))
        smtp.reply()
    else:
        smtp = Smtp(sock)
        smtp.reply()
        smtp.command("EHLO client.example.net")
        code, _ = smtp.command("STARTTLS")
        if code != "220":
            smtp.command("QUIT")
            return None
        smtp = Smtp(handshake(ctx, sock, args, session))
    smtp.command("EHLO client.example.net")
    smtp.command("MAIL FROM:<alice@example.net>")
    smtp.command("RCPT TO:<bob@example.com>")
    code, _ = smtp.command("DATA")
    if code == "354":
        smtp.send(
            b"From: Alice <alice@example.net>\r\nTo: Bob <bob@example.com>\r\n"
            b"Subject: over TLS\r\nMessage-ID: <tls@client.example.net>\r\n\r\n"
            b"Hello Bob, this message travelled inside TLS.\r\n.\r\n"
        )
        smtp.reply()
    smtp.command("QUIT")
    session_state = smtp.sock.session
    smtp.sock.close()
    return session_state


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("host")
    p.add_argument("port", type=int)
    p.add_argument("--implicit", action="store_true")
    p.add_argument("--tls")
    p.add_argument("--ciphers")
    p.add_argument("--sni", default="mail.example.net")
    p.add_argument("--keylog")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--verify")
    p.add_argument("--expect-failure", action="store_true")
    args = p.parse_args()
    ctx = context(args)
    try:
        session = dialogue(ctx, args)
        if args.resume:
            dialogue(ctx, args, session)
    except ssl.SSLError as err:
        sys.stderr.write("-- handshake failed: %s\n" % err)
        return 0 if args.expect_failure else 1
    except (OSError, EOFError) as err:
        sys.stderr.write("tls_client: %s\n" % err)
        return 1
    if args.expect_failure:
        sys.stderr.write("tls_client: the handshake was meant to fail\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
