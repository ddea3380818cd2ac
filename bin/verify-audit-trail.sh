#!/usr/bin/env bash
# Checks CareLoop's audit trail: recomputes its hash chain and names every record changed, deleted or left out of it.
# Exit 0 when intact, 1 when broken, 2 when the check could not run.
#
#   CARELOOP_URL=https://careloop.example.org CARELOOP_TOKEN=eyJ... bin/verify-audit-trail.sh
#
# CARELOOP_TOKEN: a bearer token of an API client in the auditor group (careloop.security.tokens.clients.<id>.groups:
# [auditor]; POST /oauth2/token). On the demo stack, HTTP Basic as the auditor user instead: CARELOOP_AUDITOR
# (auditor) and CARELOOP_PASSWORD (demo), at http://localhost:8080.
set -uo pipefail
url="${CARELOOP_URL:-http://localhost:8080}"
user="${CARELOOP_AUDITOR:-auditor}"
password="${CARELOOP_PASSWORD:-demo}"
body=$(mktemp)
trap 'rm -f "$body"' EXIT
if [[ -n ${CARELOOP_TOKEN:-} ]]; then credentials=(-H "Authorization: Bearer $CARELOOP_TOKEN"); else credentials=(-u "$user:$password"); fi
status=$(curl -sS -o "$body" -w '%{http_code}' "${credentials[@]}" -X POST "$url/api/audit/verify") || {
    echo "Could not reach $url" >&2
    exit 2
}
cat "$body"
echo
case "$status" in
    200) echo "Audit trail intact."; exit 0 ;;
    409) echo "Audit trail BROKEN: see the problems above." >&2; exit 1 ;;
    *) echo "The check did not run (HTTP $status)." >&2; exit 2 ;;
esac
