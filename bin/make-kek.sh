#!/usr/bin/env bash
# Writes a new key-encryption key for careloop.crypto.kek-file: a Tink AEAD keyset (AES-256-GCM) in Tink's JSON
# format, as `tinkey create-keyset --key-template AES256_GCM` writes one, readable by its owner only.
#
#   bin/make-kek.sh /run/secrets/careloop-kek.json
set -euo pipefail
file=${1:?usage: bin/make-kek.sh <file>}
[[ ! -e $file ]] || { echo "$file exists: a key-encryption key is never overwritten" >&2; exit 1; }
key_id=$(( (RANDOM << 16 | RANDOM) + 1 ))
# the AesGcmKey message: field 3 (key_value), 32 bytes
key_value=$( (printf '\x1a\x20'; head -c 32 /dev/urandom) | base64 -w0)
umask 077
cat > "$file" <<JSON
{"primaryKeyId":$key_id,"key":[{"keyData":{"typeUrl":"type.googleapis.com/google.crypto.tink.AesGcmKey","value":"$key_value","keyMaterialType":"SYMMETRIC"},"status":"ENABLED","keyId":$key_id,"outputPrefixType":"TINK"}]}
JSON
