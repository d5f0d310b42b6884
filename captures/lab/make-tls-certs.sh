#!/bin/sh
# Makes the lab's TLS keys and certificates with Debian's openssl, into captures/lab/tls/ (or DIR):
#   ca.pem ca.key           "Contoso Lab Root CA", the lab's own CA (RSA 2048, 20 years)
#   mail.key                RSA 2048: the key of the Postfix certificates below (and of --tls-key tests)
#   mail.pem                mail.example.net, issued by the lab CA, valid for 10 years from today
#   expired.pem             mail.example.net, issued by the lab CA, valid 2019-01-01 to 2020-01-01
#   future.pem              mail.example.net, issued by the lab CA, valid from 2099-01-01 (not yet)
#   wrongname.pem           other.example.org (CN and SAN), issued by the lab CA
#   selfsigned.pem          mail.example.net, self-signed
#   weak.key weak.pem       mail.example.net with a 1024-bit RSA key, issued by the lab CA
#   client.key client.pem   ex1.contoso.com, a client certificate (mutual TLS), issued by the lab CA
#   exchange.key exchange.pem  ex2.contoso.com, issued by the lab CA: the Exchange-like receiver's
#   proxy.key proxy.pem     smtp-gw.contoso.com, issued by the lab CA: the TLS-terminating gateway's
#                           (record-middlebox.sh tls-proxy)
# The keys are test keys, committed so that the captures can be decrypted (--tls-key); never use
# them for anything else. Files that exist are kept, so the captures stay decryptable when they are
# recorded again; delete the folder to start afresh.
# Usage: sh captures/lab/make-tls-certs.sh [DIR]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/tls}
mkdir -p "$dir"
cd "$dir"
command -v openssl >/dev/null 2>&1 || { echo "make-tls-certs: openssl not found" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key() { [ -f "$1" ] || openssl genrsa -out "$1" "$2" 2>/dev/null; }

key ca.key 2048
key mail.key 2048
key weak.key 1024
key client.key 2048
key exchange.key 2048
key proxy.key 2048
[ -f ca.pem ] || openssl req -x509 -new -key ca.key -sha256 -days 7300 -set_serial 1 \
    -subj "/O=Contoso Lab/CN=Contoso Lab Root CA" \
    -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out ca.pem

# openssl ca, for the start and end dates that openssl x509 cannot set in OpenSSL 3.0.
mkdir -p "$work/new"
: >"$work/index.txt"
cat >"$work/ca.cnf" <<EOF
[ca]
default_ca = lab
[lab]
database = $work/index.txt
new_certs_dir = $work/new
serial = $work/serial
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = no
[anything]
commonName = supplied
organizationName = optional
[server]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = \$ENV::SAN
[client]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = \$ENV::SAN
EOF

# issue OUT KEY CN SAN EXTENSIONS SERIAL START END
issue() {
    [ -f "$1" ] && return 0
    openssl req -new -key "$2" -subj "/O=Contoso Lab/CN=$3" -out "$work/req.csr"
    echo "$6" >"$work/serial"
    SAN=$4 openssl ca -batch -notext -config "$work/ca.cnf" -extensions "$5" -cert ca.pem -keyfile ca.key \
        -startdate "$7" -enddate "$8" -in "$work/req.csr" -out "$1" 2>"$work/ca.log" || {
        cat "$work/ca.log" >&2
        exit 1
    }
}

today=$(date -u +%Y%m%d000000Z)
later=$(date -u -d "+10 years" +%Y%m%d000000Z)
issue mail.pem mail.key mail.example.net DNS:mail.example.net server 10 "$today" "$later"
issue expired.pem mail.key mail.example.net DNS:mail.example.net server 11 20190101000000Z 20200101000000Z
issue future.pem mail.key mail.example.net DNS:mail.example.net server 12 20990101000000Z 21000101000000Z
issue wrongname.pem mail.key other.example.org DNS:other.example.org server 13 "$today" "$later"
issue weak.pem weak.key mail.example.net DNS:mail.example.net server 14 "$today" "$later"
issue client.pem client.key ex1.contoso.com DNS:ex1.contoso.com client 15 "$today" "$later"
issue exchange.pem exchange.key ex2.contoso.com DNS:ex2.contoso.com server 16 "$today" "$later"
issue proxy.pem proxy.key smtp-gw.contoso.com DNS:smtp-gw.contoso.com server 18 "$today" "$later"
[ -f selfsigned.pem ] || openssl req -x509 -new -key mail.key -sha256 -days 3650 -set_serial 17 \
    -subj "/O=Contoso Lab/CN=mail.example.net" -addext "subjectAltName=DNS:mail.example.net" \
    -out selfsigned.pem
for f in *.pem; do
    printf '%-16s %s\n' "$f" "$(openssl x509 -in "$f" -noout -subject -enddate | tr '\n' ' ')"
done
