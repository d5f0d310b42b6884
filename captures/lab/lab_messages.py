#!/usr/bin/env python3
"""Sends real MIME messages, built with Python's email package, to a lab SMTP server, for
recording captures with captures/lab/record-postfix.sh (the `messages` set).

Usage: python3 lab_messages.py HOST PORT SCENARIO
  messages            one session, four messages: multipart/mixed with alternative text (quoted-
                      printable UTF-8 and HTML), a base64 PDF and a forwarded message/rfc822 that
                      carries its own attachment; an ISO-2022-JP message with an RFC 2047 subject;
                      an Outlook-style message with a TNEF winmail.dat; one with a 20-hop Received
                      chain (dates a few seconds apart, ending now)
  exchange-anonymous  an Exchange 2003-like sender: X-EXPS GSSAPI (refused by a non-Exchange
                      server), then two messages whose organisation headers say AuthAs Anonymous
                      and AuthAs Internal
  mail-loop           a message whose Received chain passes the same two hosts back and forth
  received-delay      a message that waited 25 minutes at one hop of its Received chain
  from-mismatch       a newsletter: envelope sender at one domain, header From at another
  big                 one message of about 170 KB (three base64 attachments) sent in 4 KB
                      writes, so that one segment can be cut out of it to make a gap

Every Received date is computed from the current time, so the last hop is seconds before the
capture. The dialogue is printed to stderr. Exits 1 if the server stops answering.
"""
import email.utils
import sys
import time
from email import charset
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP

from lab_client import Dialogue

FROM = "alice@example.net"
TO = "bob@example.com"


def pseudo_random(n, seed):
    """n deterministic bytes (a linear congruential generator: the captures are reproducible)."""
    out = bytearray()
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(x >> 16 & 0xFF)
    return bytes(out)


def pdf_bytes(n, seed=1):
    body = b"%PDF-1.4\n" + pseudo_random(n, seed) + b"\n%%EOF\n"
    return body


def received_chain(hosts, gaps, now):
    """Received fields, newest first, for a path through `hosts` (oldest first) with `gaps`
    seconds waited before each hop after the first; the newest hop is `now`."""
    total = sum(gaps)
    t = now - total
    fields = []
    for i, host in enumerate(hosts):
        if i > 0:
            t += gaps[i - 1]
        sender = hosts[i - 1] if i > 0 else "workstation.example.net"
        fields.append(
            "from %s (%s [192.0.2.%d]) by %s with ESMTP id L%04d; %s"
            % (sender, sender, 10 + i, host, i, email.utils.formatdate(t, localtime=False))
        )
    return list(reversed(fields))


def base(msg, subject, message_id, sender=FROM, received=()):
    for field in received:
        msg["Received"] = field
    msg["From"] = "Alice <%s>" % sender if "<" not in sender else sender
    msg["To"] = "Bob <%s>" % TO
    msg["Subject"] = subject
    msg["Date"] = email.utils.formatdate(time.time(), localtime=False)
    msg["Message-ID"] = "<%s@client.example.net>" % message_id
    return msg


def multipart_message():
    outer = MIMEMultipart("mixed")
    base(outer, Header("Quarterly résultats ✓", "utf-8").encode(), "lab-multipart")
    alternative = MIMEMultipart("alternative")
    qp = charset.Charset("utf-8")  # quoted-printable for the text part, base64 for the HTML
    qp.body_encoding = charset.QP
    text = MIMEText("Café au lait for everyone: the report is attached.\n" * 3, "plain", qp)
    html = MIMEText("<p>Café au lait for <b>everyone</b>.</p>\n", "html", "utf-8")
    alternative.attach(text)
    alternative.attach(html)
    outer.attach(alternative)
    pdf = MIMEApplication(pdf_bytes(24000, 7), "pdf")
    pdf.add_header("Content-Disposition", "attachment", filename="Q3 report.pdf")
    outer.attach(pdf)
    inner = MIMEMultipart("mixed")
    inner["From"] = "Carol <carol@example.org>"
    inner["To"] = "Alice <%s>" % FROM
    inner["Subject"] = "Figures for Q3"
    inner["Date"] = "Fri, 29 Sep 2023 09:15:00 +0200"
    inner["Message-ID"] = "<figures@example.org>"
    inner.attach(MIMEText("The figures, as promised.\n", "plain", "us-ascii"))
    csv = MIMEApplication(b"region,revenue\r\nnorth,100\r\nsouth,200\r\n", "octet-stream")
    csv.add_header("Content-Disposition", "attachment", filename="figures.csv")
    inner.attach(csv)
    forwarded = MIMEMessage(inner)
    forwarded.add_header("Content-Disposition", "attachment", filename="Figures for Q3.eml")
    outer.attach(forwarded)
    return outer


def japanese_message():
    msg = MIMEText("こんにちは、ボブさん。\n報告書を送ります。\n", "plain", "iso-2022-jp")
    base(msg, Header("報告書のお知らせ", "iso-2022-jp").encode(), "lab-iso-2022-jp")
    return msg


def tnef_blob():
    """A minimal TNEF stream: signature, key, and one attribute (attMessageClass, IPM.Microsoft Mail.Note)."""
    value = b"IPM.Microsoft Mail.Note\0"
    attr = b"\x01" + (0x00078008).to_bytes(4, "little") + len(value).to_bytes(4, "little") + value
    checksum = (sum(value) & 0xFFFF).to_bytes(2, "little")
    return b"\x78\x9f\x3e\x22" + (0x1234).to_bytes(2, "little") + attr + checksum


def tnef_message():
    outer = MIMEMultipart("mixed")
    base(outer, "Meeting notes (rich text)", "lab-tnef")
    outer["X-Mailer"] = "Microsoft Office Outlook 11"
    outer["X-MS-Has-Attach"] = "yes"
    outer["X-MS-TNEF-Correlator"] = "<lab-tnef-correlator@client.example.net>"
    outer.attach(MIMEText("The notes are in the attachment.\n", "plain", "us-ascii"))
    tnef = MIMEApplication(tnef_blob(), "ms-tnef")
    tnef.add_header("Content-Disposition", "attachment", filename="winmail.dat")
    outer.attach(tnef)
    return outer


def twenty_hops_message():
    hosts = ["relay%02d.example.net" % i for i in range(1, 21)]
    msg = MIMEText("This message crossed twenty relays, a few seconds apart.\n", "plain", "us-ascii")
    return base(msg, "twenty hops", "lab-twenty-hops", received=received_chain(hosts, [3] * 19, time.time()))


def exchange_message(auth_as, message_id):
    msg = MIMEText("Sent from inside the organisation.\n", "plain", "us-ascii")
    base(msg, "AuthAs %s" % auth_as, message_id)
    msg["X-MS-Exchange-Organization-AuthSource"] = "EX1.contoso.com"
    msg["X-MS-Exchange-Organization-AuthAs"] = auth_as
    msg["X-MS-Exchange-Organization-SCL"] = "-1"
    msg["X-MS-Exchange-Organization-Network-Message-Id"] = "1b2c3d4e-0000-4000-8000-%012d" % len(auth_as)
    return msg


def loop_message():
    hosts = ["mx1.example.com", "mx2.example.com"] * 4
    msg = MIMEText("Two servers hand this message back and forth.\n", "plain", "us-ascii")
    return base(msg, "looping", "lab-loop", received=received_chain(hosts, [1] * 7, time.time()))


def delay_message():
    hosts = ["gw.example.net", "queue.example.net", "mx.example.net"]
    msg = MIMEText("This message waited in a queue on the way.\n", "plain", "us-ascii")
    return base(msg, "delayed", "lab-delay", received=received_chain(hosts, [1500, 2], time.time()))


def newsletter_message():
    msg = MIMEText("This month's news.\n", "plain", "us-ascii")
    return base(msg, "News of the month", "lab-newsletter", sender="News <news@example.net>")


def big_message():
    outer = MIMEMultipart("mixed")
    base(outer, "three attachments", "lab-big")
    outer.attach(MIMEText("Three files attached.\n", "plain", "us-ascii"))
    for i in range(3):
        part = MIMEApplication(pseudo_random(40000, 11 + i), "octet-stream")
        part.add_header("Content-Disposition", "attachment", filename="part-%d.bin" % (i + 1))
        outer.attach(part)
    return outer


def wire(msg):
    """The message as it goes on the wire: CRLF line ends, dot-stuffed, with the terminator."""
    raw = msg.as_bytes(policy=SMTP)
    lines = raw.split(b"\r\n")
    stuffed = [b"." + line if line.startswith(b".") else line for line in lines]
    body = b"\r\n".join(stuffed)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def send(d, msg, mail_from=FROM, piece=None):
    d.command("MAIL FROM:<%s>" % mail_from)
    d.command("RCPT TO:<%s>" % TO)
    code, _ = d.command("DATA")
    if code != "354":
        raise EOFError("DATA refused with %s" % code)
    data = wire(msg)
    sys.stderr.write("C: [message, %d bytes on the wire]\n" % len(data))
    if piece is None:
        d.sock.sendall(data)
    else:
        # One segment per write: small writes with a pause, so no two coalesce.
        for at in range(0, len(data), piece):
            d.sock.sendall(data[at : at + piece])
            time.sleep(0.005)
    d.reply()


def session(d, messages, exchange=False, piece=None):
    d.reply()
    d.ehlo()
    if exchange:
        # Exchange 2003 offers its Kerberos exchange first; a non-Exchange server refuses the verb.
        d.command("X-EXPS GSSAPI")
    for msg, mail_from in messages:
        send(d, msg, mail_from, piece)
    d.quit()


SCENARIOS = {
    "messages": lambda d: session(
        d,
        [(multipart_message(), FROM), (japanese_message(), FROM), (tnef_message(), FROM),
         (twenty_hops_message(), FROM)],
    ),
    "exchange-anonymous": lambda d: session(
        d,
        [(exchange_message("Anonymous", "lab-authas-anonymous"), FROM),
         (exchange_message("Internal", "lab-authas-internal"), FROM)],
        exchange=True,
    ),
    "mail-loop": lambda d: session(d, [(loop_message(), FROM)]),
    "received-delay": lambda d: session(d, [(delay_message(), FROM)]),
    "from-mismatch": lambda d: session(d, [(newsletter_message(), "bounces+lab@mailer.example.org")]),
    "big": lambda d: session(d, [(big_message(), FROM)], piece=4096),
}


def main(argv):
    if len(argv) != 4 or argv[3] not in SCENARIOS:
        sys.stderr.write("usage: lab_messages.py HOST PORT {%s}\n" % ",".join(SCENARIOS))
        return 2
    try:
        SCENARIOS[argv[3]](Dialogue(argv[1], int(argv[2])))
    except (OSError, EOFError) as err:
        sys.stderr.write("lab_messages: %s: %s\n" % (argv[3], err))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
