#!/usr/bin/env python3
"""A small SMTP client (standard library only) that speaks to a lab server the way an Exchange 2003
sender and a few odd clients would, for recording captures with captures/lab/record-postfix.sh.

Usage: python3 lab_client.py HOST PORT SCENARIO
  exchange-verbs  EHLO, X-EXPS GSSAPI, MAIL, RCPT, XEXCH50, one message in BDAT chunks (DATA if the
                  server lacks CHUNKING), then a second message with DATA holding a dot-stuffed line
                  and a bare-LF line, QUIT
  smuggling       one DATA body holding the non-canonical end "<LF>.<CR><LF>" followed by a second
                  MAIL/RCPT/DATA transaction, then the real "<CR><LF>.<CR><LF>", QUIT
  auth-refused    EHLO, AUTH PLAIN with an initial response (fake credentials), AUTH LOGIN, QUIT

Every reply is read in full (multi-line aware) before the next command, except where a scenario
sends raw bytes on purpose. The dialogue is printed to stderr. Exits 1 if the server stops answering
or closes the connection before the scenario is over (the smuggling scenario accepts a close after
its payload, since that is one of the outcomes worth recording).
"""
import base64
import socket
import sys

REPLY_TIMEOUT = 15  # seconds to wait for any one reply before giving up
SETTLE_TIMEOUT = 3  # seconds of silence that end "read whatever the server says" in smuggling

FROM = "alice@example.net"
TO = "bob@example.com"


class Dialogue:
    """One SMTP connection; writes each command and reply to stderr."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=REPLY_TIMEOUT)
        self.pending = b""  # received bytes not yet consumed as lines

    def readline(self):
        """One line with its LF, or what is left at end of stream. A timeout keeps the pending bytes."""
        while b"\n" not in self.pending:
            chunk = self.sock.recv(4096)
            if not chunk:
                line, self.pending = self.pending, b""
                return line
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line + b"\n"

    @staticmethod
    def show(direction, data):
        for line in data.split(b"\n"):
            if line:
                sys.stderr.write("%s %s\n" % (direction, line.decode("ascii", "backslashreplace")))

    def reply(self):
        """Reads one complete reply; returns (code, lines). Raises EOFError on a closed connection."""
        lines = []
        while True:
            line = self.readline()
            if not line:
                raise EOFError("server closed the connection")
            self.show("S:", line.rstrip(b"\r\n"))
            lines.append(line)
            if line[3:4] != b"-":
                return line[:3].decode("ascii", "replace"), lines

    def send(self, data):
        self.show("C:", data)
        self.sock.sendall(data)

    def command(self, text):
        self.send(text.encode("ascii") + b"\r\n")
        return self.reply()

    def ehlo(self):
        code, lines = self.command("EHLO client.example.net")
        keywords = {l[4:].split(b" ")[0].strip().upper() for l in lines[1:]}
        return code, keywords

    def quit(self):
        self.command("QUIT")
        self.sock.close()


def message(subject, body_lines):
    head = [
        "From: Alice <%s>" % FROM,
        "To: Bob <%s>" % TO,
        "Subject: %s" % subject,
        "Date: Mon, 01 Jan 2024 12:00:00 +0000",
        "Message-ID: <%s@client.example.net>" % subject.lower().replace(" ", "-"),
        "",
    ]
    return ("\r\n".join(head + body_lines) + "\r\n").encode("ascii")


def exchange_verbs(d):
    d.reply()
    _, keywords = d.ehlo()
    # Exchange 2003 offers its own Kerberos exchange right after EHLO; Postfix does not know the verb.
    d.command("X-EXPS GSSAPI")
    d.command("MAIL FROM:<%s>" % FROM)
    d.command("RCPT TO:<%s>" % TO)
    # Exchange 2003 then offers its 1124-byte MDB blob; a non-Exchange server refuses the verb.
    d.command("XEXCH50 1124 2")
    body = message(
        "lab chunked",
        ["Hello Bob,", "", "this message travels in two BDAT chunks.", "", "Alice"],
    )
    if b"CHUNKING" in keywords:
        first, second = body[:150], body[150:]
        d.send(b"BDAT %d\r\n" % len(first) + first)
        d.reply()
        d.send(b"BDAT %d LAST\r\n" % len(second) + second)
        d.reply()
    else:
        d.command("DATA")
        d.send(body + b".\r\n")
        d.reply()
    # Second message: a line that starts with a dot (sent dot-stuffed) and a line ending in a bare LF.
    d.command("MAIL FROM:<%s>" % FROM)
    d.command("RCPT TO:<%s>" % TO)
    d.command("DATA")
    body = message(
        "lab dots",
        ["Hello Bob,", "", "..a line that starts with one dot (stuffed on the wire),"],
    ) + b"a line that ends in a bare LF\nand the last line.\r\n"
    d.send(body + b".\r\n")
    d.reply()
    d.quit()


def smuggling(d):
    d.reply()
    d.ehlo()
    d.command("MAIL FROM:<%s>" % FROM)
    d.command("RCPT TO:<%s>" % TO)
    d.command("DATA")
    # The last body line ends in a bare LF, so "<LF>.<CR><LF>" follows the text directly.
    body = message("lab smuggling", ["Hello Bob,", "", "the next line ends the data for lenient servers"])
    payload = (
        body[: -len(b"\r\n")]
        + b"\n.\r\n"
        + b"MAIL FROM:<spoof@example.com>\r\n"
        + b"RCPT TO:<%s>\r\n" % TO.encode("ascii")
        + b"DATA\r\n"
        + b"From: <spoof@example.com>\r\n"
        + b"To: <%s>\r\n" % TO.encode("ascii")
        + b"Subject: smuggled\r\n"
        + b"\r\n"
        + b"smuggled body"
        + b"\r\n.\r\n"
    )
    d.send(payload)
    # Depending on the server this gets one reply (one message), five (250, 250, 250, 354, 250: the
    # second transaction was honoured) or a refusal and a close. Read until it falls silent.
    d.sock.settimeout(SETTLE_TIMEOUT)
    replies = 0
    try:
        while replies < 5:
            d.reply()
            replies += 1
    except socket.timeout:
        pass
    except EOFError:
        sys.stderr.write("-- server closed the connection after %d replies\n" % replies)
        d.sock.close()
        return
    d.sock.settimeout(REPLY_TIMEOUT)
    d.quit()


def auth_refused(d):
    d.reply()
    d.ehlo()
    plain = base64.b64encode(b"\0lab-user@example.com\0not-a-real-password").decode("ascii")
    d.command("AUTH PLAIN " + plain)
    code, _ = d.command("AUTH LOGIN")
    if code == "334":  # a server with SASL would want the user name, then the password
        d.command(base64.b64encode(b"lab-user@example.com").decode("ascii"))
        d.command(base64.b64encode(b"not-a-real-password").decode("ascii"))
    d.quit()


SCENARIOS = {"exchange-verbs": exchange_verbs, "smuggling": smuggling, "auth-refused": auth_refused}


def main(argv):
    if len(argv) != 4 or argv[3] not in SCENARIOS:
        sys.stderr.write("usage: lab_client.py HOST PORT {%s}\n" % ",".join(SCENARIOS))
        return 2
    try:
        dialogue = Dialogue(argv[1], int(argv[2]))
        SCENARIOS[argv[3]](dialogue)
    except (OSError, EOFError) as err:
        sys.stderr.write("lab_client: %s: %s\n" % (argv[3], err))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
