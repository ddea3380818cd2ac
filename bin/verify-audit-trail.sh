#!/usr/bin/env bash
# Checks CareLoop's audit trail: recomputes its hash chain and names every record changed, deleted or left out of it.
# Exit 0 when intact, 1 when broken, 2 when the check could not run.
#
#   CARELOOP_URL=https://careloop.example.org CARELOOP_AUDITOR=auditor CARELOOP_PASSWORD=... bin/verify-audit-trail.sh
#
# (a user of the auditor role; on the demo stack: auditor / demo at http://localhost:8080)
set -uo pipefail
url="${CARELOOP_URL:-http://localhost:8080}"
user="${CARELOOP_AUDITOR:-auditor}"
password="${CARELOOP_PASSWORD:-demo}"
body=$(mktemp)
trap 'rm -f "$body"' EXIT
status=$(curl -sS -o "$body" -w '%{http_code}' -u "$user:$password" -X POST "$url/api/audit/verify") || {
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
