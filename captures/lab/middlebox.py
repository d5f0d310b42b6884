#!/usr/bin/env python3
"""A rewriting SMTP proxy imitating the middleboxes of smtpscope's design notes (PROTOCOL.md section 5).

  middlebox.py MODE LISTEN_ADDR LISTEN_PORT SERVER_ADDR SERVER_PORT [CERT KEY KEYLOG]

Accepts ONE client connection, opens its own connection to the server (so the two sides have
different 4-tuples, as through a PIX/ASA proxy or any SMTP filter), relays the dialogue in lock step
(one command, one complete reply) and exits. Every relayed line is held 20 ms (a reply of n lines
n x 20 ms, each chunk of an XEXCH50 blob or DATA body 20 ms), so the time the middlebox adds shows
in the captures. After a 354 to XEXCH50 the announced number of bytes is relayed raw; after a 354
to DATA the body is relayed raw up to CRLF.CRLF; neither is ever rewritten. MODE:

  clean         relays every byte unchanged (the control pair)
  pix           Cisco PIX 5.x/6.x `fixup protocol smtp` (Mailguard): the banner towards the client is
                masked (after "220 " every byte but '2', '0', CR, LF becomes '*'); a command whose verb
                is not one of the RFC 821 minimum set (HELO MAIL RCPT DATA RSET NOOP QUIT) reaches the
                server as NOOP, in place: the verb is overwritten by "NOOP" padded with spaces to the
                verb's length, the arguments are kept (EHLO x -> NOOP x, XEXCH50 2336 3 ->
                "NOOP    2336 3"); the server's reply goes back unchanged
  asa           Cisco ASA `inspect esmtp` with the default map: banner masked as for pix; a verb not in
                the 15 ESMTP-inspection verbs (the 7 above + AUTH EHLO ETRN HELP SAML SEND SOML VRFY) is
                overwritten in place by as many 'X' (XEXCH50 2336 3 -> XXXXXXX 2336 3); in the server's
                EHLO reply the keywords STARTTLS and CHUNKING become X's of the same length ending in
                A, B, ... in their order in the reply (an Exchange 2003 list: CHUNKING -> XXXXXXXA,
                STARTTLS -> XXXXXXXB)
  drop-xexch50  an SMTP filter that blocks XEXCH50: the command never reaches the server, the
                filter itself answers "500 5.3.3 Unrecognized command" to the client
  tls-proxy     an SMTP gateway that terminates TLS: it relays STARTTLS to the server and the 220
                back, then does TLS with each side itself, showing the client its own certificate
                (CERT, KEY) over TLS 1.2 ECDHE-RSA-AES256-GCM-SHA384 while it talks to the server over
                what the two agree (TLS 1.3); both sessions' secrets go to KEYLOG; the dialogue
                inside is relayed unchanged

It logs every rewrite to stderr. Timeouts on every socket operation; any failure exits non-zero.
"""

import os
import socket
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the captures
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exchange_peers import TIMEOUT, UNRECOGNIZED, Conn  # noqa: E402

MODES = ("clean", "pix", "asa", "drop-xexch50", "tls-proxy")
LINE_DELAY = 0.020
RFC821_MINIMUM = {"HELO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT"}
ASA_ALLOWED = RFC821_MINIMUM | {"AUTH", "EHLO", "ETRN", "HELP", "SAML", "SEND", "SOML", "VRFY"}
ASA_MASKED_KEYWORDS = ("STARTTLS", "CHUNKING")


def note(text):
    print("middlebox: %s" % text, file=sys.stderr, flush=True)


def mask_banner(reply):
    """The PIX/ASA banner mask: keep the code and its separator, then only '2', '0', CR and LF."""
    return [line[:4] + bytes(b if b in b"20\r\n" else ord("*") for b in line[4:]) for line in reply]


def split_verb(line):
    verb = line.split(b" ", 1)[0].rstrip(b"\r\n")
    return verb, line[len(verb):]


def rewrite_command(mode, line):
    """The command line the server receives, or None when the middlebox answers it itself."""
    verb, rest = split_verb(line)
    upper = verb.decode("latin-1").upper()
    if mode == "pix" and upper not in RFC821_MINIMUM:
        return b"NOOP".ljust(len(verb), b" ") + rest
    if mode == "asa" and upper not in ASA_ALLOWED:
        return b"X" * len(verb) + rest
    if mode == "drop-xexch50" and upper == "XEXCH50":
        return None
    return line


def mask_ehlo_reply(reply):
    """ASA `mask` of EHLO reply parameters: the listed keywords become X's ending in A, B, ..."""
    out = []
    letter = ord("A")
    for line in reply:
        keyword = line[4:].rstrip(b"\r\n")
        if keyword.decode("latin-1").upper() in ASA_MASKED_KEYWORDS:
            masked = b"X" * (len(keyword) - 1) + bytes([letter])
            letter += 1
            line = line[:4] + masked + b"\r\n"
        out.append(line)
    return out


def relay_lines(dst, lines):
    for _ in lines:
        time.sleep(LINE_DELAY)
    dst.send(b"".join(lines))


def relay_exactly(src, dst, n):
    while n > 0:
        if not src.buf:
            src._fill()
        chunk, src.buf = src.buf[:n], src.buf[n:]
        n -= len(chunk)
        time.sleep(LINE_DELAY)
        dst.send(chunk)


def relay_data(src, dst):
    """Relay a DATA body up to and including CRLF.CRLF (the body starts at the start of a line)."""
    tail = b"\r\n"
    while True:
        if not src.buf:
            src._fill()
        chunk, src.buf = src.buf, b""
        window = tail + chunk
        end = window.find(b"\r\n.\r\n")
        if end >= 0:
            cut = end + 5 - len(tail)
            chunk, src.buf = chunk[:cut], chunk[cut:]
        time.sleep(LINE_DELAY)
        dst.send(chunk)
        if end >= 0:
            return
        tail = window[-4:]


def terminate_tls(client, upstream, tls):
    """After the relayed 220 to STARTTLS: TLS with the client (as a server), then with the server."""
    import ssl

    cert, key, keylog = tls
    inward = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    inward.load_cert_chain(cert, key)
    inward.maximum_version = ssl.TLSVersion.TLSv1_2
    inward.set_ciphers("ECDHE-RSA-AES256-GCM-SHA384")
    inward.keylog_filename = keylog
    outward = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    outward.check_hostname = False
    outward.verify_mode = ssl.CERT_NONE
    outward.keylog_filename = keylog
    client.secure(inward.wrap_socket(client.sock, server_side=True))
    upstream.secure(outward.wrap_socket(upstream.sock, server_hostname="ex2.contoso.com"))
    note("TLS terminated: client side %s %s, server side %s %s"
         % (client.sock.version(), client.sock.cipher()[0], upstream.sock.version(), upstream.sock.cipher()[0]))


def serve(mode, listen, server, tls=None):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(listen)
    listener.listen(1)
    listener.settimeout(30.0)
    note("%s mode, listening on %s:%d" % (mode, listen[0], listen[1]))
    client_sock, peer = listener.accept()
    listener.close()
    server_sock = socket.create_connection(server, timeout=TIMEOUT)
    note("client %s:%d, own connection %s:%d -> %s:%d"
         % (peer + server_sock.getsockname() + server_sock.getpeername()))
    client, upstream = Conn(client_sock), Conn(server_sock)

    banner = upstream.reply()
    if mode in ("pix", "asa"):
        banner = mask_banner(banner)
        note("banner masked: %r" % b"".join(banner))
    relay_lines(client, banner)
    while True:
        try:
            line = client.line()
        except EOFError:
            break
        verb = split_verb(line)[0].decode("latin-1").upper()
        sent = rewrite_command(mode, line)
        if sent is None:
            note("swallowed %r, answered %r" % (line, UNRECOGNIZED))
            relay_lines(client, [UNRECOGNIZED])
            continue
        if sent != line:
            note("command %r -> %r" % (line, sent))
        relay_lines(upstream, [sent])
        reply = upstream.reply()
        code = reply[0][:3]
        if mode == "asa" and verb == "EHLO" and code == b"250":
            masked = mask_ehlo_reply(reply)
            if masked != reply:
                note("EHLO reply masked: %r" % b"".join(masked))
            reply = masked
        relay_lines(client, reply)
        sent_verb = split_verb(sent)[0].decode("latin-1").upper()
        if code == b"354" and sent_verb == "XEXCH50":
            relay_exactly(client, upstream, int(sent.split()[1]))
            relay_lines(client, upstream.reply())
        elif code == b"354" and sent_verb == "DATA":
            relay_data(client, upstream)
            relay_lines(client, upstream.reply())
        elif sent_verb == "STARTTLS" and code == b"220" and mode == "tls-proxy":
            terminate_tls(client, upstream, tls)
        elif sent_verb == "QUIT" and code == b"221":
            break
    # Wait for the client to close its side after the 221 (bounded by the socket timeout).
    try:
        while client.sock.recv(4096):
            pass
    except OSError:
        pass
    client.sock.close()
    upstream.sock.close()
    note("done")


def main():
    if len(sys.argv) not in (6, 9) or sys.argv[1] not in MODES or (sys.argv[1] == "tls-proxy") != (len(sys.argv) == 9):
        raise SystemExit(__doc__)
    mode = sys.argv[1]
    tls = tuple(sys.argv[6:9]) if mode == "tls-proxy" else None
    serve(mode, (sys.argv[2], int(sys.argv[3])), (sys.argv[4], int(sys.argv[5])), tls)


if __name__ == "__main__":
    main()
