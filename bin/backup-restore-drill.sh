#!/usr/bin/env bash
# Backup and restore drill on PostgreSQL: CareLoop runs on a throw-away PostgreSQL cluster, a patient is discharged and
# texted; the database is dumped (pg_dump -Fc) while CareLoop runs; CareLoop stops; the dump is restored into a fresh
# database and CareLoop starts on it with the same key-encryption key. Then the flow goes on as if nothing happened:
# the patient's reply (sealed at rest, so readable only with the restored keys) reaches a nurse, FHIR holds it, and
# the audit trail's hash chain is intact.
#
#   bin/backup-restore-drill.sh            (needs the Debian PostgreSQL server and client: apt-get install postgresql)
#
# Exit 0 when every check passed. Nothing is left behind: the cluster, the dump and the key live in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x $pgbin/initdb ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 2; }
jar=engine/target/careloop.jar
[[ -f $jar ]] || ./mvnw -B -ntp -q -DskipTests package
work=$(mktemp -d /tmp/careloop-drill.XXXXXX)
chmod 755 "$work"
pg_port=55433
app_port=18089
base=http://127.0.0.1:$app_port
token=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
app_pid=""
as_pg=(); if [[ $(id -u) == 0 ]]; then as_pg=(runuser -u postgres --); fi

stop_app() {
  if [[ -n $app_pid ]]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; fi
}
cleanup() {
  stop_app
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "[$(date -u +%T)] $*"; }
fail() { echo "DRILL FAILED: $*" >&2; echo "--- last lines of the application log:" >&2; tail -20 "$work/app.log" >&2; exit 1; }

step "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') cluster in $work/pg, port $pg_port"
mkdir -p "$work/pg"; [[ ${#as_pg[@]} == 0 ]] || chown postgres "$work/pg"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U careloop --auth=trust >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
  -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
psql=(psql -h 127.0.0.1 -p $pg_port -U careloop -v ON_ERROR_STOP=1 -qtA)
"${psql[@]}" -d postgres -c "create database careloop"

# the key-encryption key, backed up apart from the database
bin/make-kek.sh "$work/kek.json"

start_app() { # database name
  java -Xmx1g -jar "$jar" --server.address=127.0.0.1 --server.port=$app_port \
    --spring.profiles.active=demo,postgres \
    --careloop.db.url="jdbc:postgresql://127.0.0.1:$pg_port/$1" --careloop.db.username=careloop --careloop.db.password= \
    --careloop.crypto.kek-file="$work/kek.json" --careloop.sms.twilio.auth-token="$token" \
    --careloop.public-base-url=$base --careloop.chat.link-secret=drill-link-secret-of-at-least-32-chars \
    >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 180); do
    curl -fsS "$base/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$app_pid" 2>/dev/null || fail "CareLoop stopped while starting on $1"
    sleep 1
  done
  fail "CareLoop did not become healthy on $1"
}
fhir() { curl -sS -u ehr:demo -H 'Content-Type: application/fhir+json' "$@"; }
wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do "$@" && return 0; sleep 1; done
  fail "$what"
}
audit_intact() { [[ $(curl -sS -o /dev/null -w '%{http_code}' -u auditor:demo -X POST "$base/api/audit/verify") == 200 ]]; }

step "CareLoop on database careloop"
started=$(date +%s); start_app careloop; step "healthy after $(( $(date +%s) - started )) s"
mobile="+1617555$(( 1000 + RANDOM % 8999 ))"
patient=$(fhir -X POST "$base/fhir/Patient" -d "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Drill\",\"given\":[\"Dana\"]}],\"birthDate\":\"1961-03-04\",\"telecom\":[{\"system\":\"phone\",\"use\":\"mobile\",\"value\":\"$mobile\"}],\"communication\":[{\"language\":{\"coding\":[{\"system\":\"urn:ietf:bcp:47\",\"code\":\"en\"}]},\"preferred\":true}]}" \
  | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
[[ -n $patient ]] || fail "the patient could not be written"
# discharged a day and five minutes ago: the first check-in (a day after discharge) is due at once
end=$(date -u -d '-1445 minutes' +%FT%TZ); start=$(date -u -d '-4 days' +%FT%TZ)
fhir -X POST "$base/fhir/Encounter" -o /dev/null -d "{\"resourceType\":\"Encounter\",\"status\":\"finished\",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"IMP\"},\"subject\":{\"reference\":\"Patient/$patient\"},\"period\":{\"start\":\"$start\",\"end\":\"$end\"}}"
sent() { [[ $("${psql[@]}" -d "$1" -c "select count(*) from outbound_message where patient_id = '$patient' and status in ('SENT','DELIVERED')") -ge 1 ]]; }
wait_for "the first check-in was not sent" 120 sent careloop
step "patient $patient discharged and texted the first check-in"
audit_intact || fail "the audit trail was not intact before the backup"

step "backup: pg_dump -Fc while CareLoop runs"
pg_dump -h 127.0.0.1 -p $pg_port -U careloop -Fc -f "$work/careloop.dump" careloop
step "dump of $(du -h "$work/careloop.dump" | cut -f1); CareLoop stops"
stop_app

step "restore into a fresh database careloop_restored"
"${psql[@]}" -d postgres -c "create database careloop_restored"
pg_restore -h 127.0.0.1 -p $pg_port -U careloop --no-owner -d careloop_restored "$work/careloop.dump"
started=$(date +%s); start_app careloop_restored; step "CareLoop healthy on the restored database after $(( $(date +%s) - started )) s"
sent careloop_restored || fail "the check-in is missing from the restored database"
audit_intact || fail "the audit trail was not intact after the restore"

step "the patient answers; the flow goes on"
sid="SM$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
body="I have chest pain"
url="$base/webhooks/twilio/sms"
signature=$(printf '%s' "${url}Body${body}From${mobile}MessageSid${sid}To+16175550100" \
  | openssl dgst -sha1 -hmac "$token" -binary | base64)
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$url" -H "X-Twilio-Signature: $signature" \
  --data-urlencode "Body=$body" --data-urlencode "From=$mobile" --data-urlencode "MessageSid=$sid" --data-urlencode "To=+16175550100")
[[ $status == 200 ]] || fail "the reply webhook answered $status"
nurse_task() {
  [[ $(curl -sS -u admin:demo "$base/engine-rest/task/count?candidateGroup=nurse&processVariables=patientId_eq_$patient" \
    | sed -n 's/.*"count":\([0-9]*\).*/\1/p') -ge 1 ]]
}
wait_for "the reply did not reach a nurse" 60 nurse_task
step "the reply reached a nurse"
task=$(curl -sS -u admin:demo "$base/engine-rest/task?candidateGroup=nurse&processVariables=patientId_eq_$patient" \
  | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
# the task page shows the conversation: the check-in sealed before the backup opens with the restored keys
curl -sS -u nurse:demo "$base/tasks/$task" | grep -q "How are you feeling" \
  || fail "the check-in sealed before the backup does not read on the task page"
step "the nurse's task page shows the check-in sealed before the backup"
in_fhir() { fhir "$base/fhir/Communication?subject=Patient/$patient" | grep -q "chest pain"; }
wait_for "the reply is not in FHIR" 60 in_fhir
[[ $("${psql[@]}" -d careloop_restored -c "select count(*) from inbound_message where patient_id = '$patient' and body like 'enc1:%'") -ge 1 ]] \
  || fail "the reply is not sealed at rest"
audit_intact || fail "the audit trail was not intact at the end"
step "the reply is sealed at rest, readable in FHIR, and the audit trail is intact"
echo "Backup and restore drill passed."
