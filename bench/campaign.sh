#!/usr/bin/env bash
# B2 campaign, B3 replies under load, B4 footprint and B5 two nodes, driven from outside as an EHR and patients would.
#
#   bench/campaign.sh [--postgres] [--nodes 2] [--replies 20 [--responders K]] [--clients 4] [--heap 1g] [--jvm "options"] [--app "--setting=value …"] N
#   bench/campaign.sh [--postgres] [--clients 4] [--heap 1g] --bare-hapi [--records] N
#   bench/campaign.sh --postgres --kill-every 20 [--kills 6] [--rate-per-sender 10] [--provider-delay 300] N
#   bench/campaign.sh --postgres --statements [other options] N
#   bench/campaign.sh --warm W [other options] N
#
# --bare-hapi is the reference run: the same discharges written by the same clients to a bare HAPI FHIR JPA server
# (same HAPI version, JPA settings and database; no CareLoop), with its start and memory measured as for B4. With
# --records, each patient's transaction also holds what CareLoop writes to FHIR for a patient of the campaign (its
# CarePlan, the check-in's Communication, the two AuditEvents of the EHR's write): the FHIR server's own ceiling for B2
# on this machine, with no engine, rules, queue or provider.
#
# Starts a provider simulator process (Twilio's Messages API and signed status callbacks), then N CareLoop nodes
# (default embedded stack; --postgres: a throw-away PostgreSQL 15 cluster from the Debian binaries, with pgbench's
# commit rate measured first as the reference), writes N discharges to /fhir and waits until the provider has
# accepted every first message. The engine's rate is measured at any hour: quiet hours are off for the run (the
# frequency caps stay on). The demo's care-gap sweep a minute after start is put off by a day, so the run's patients
# get only what the run measures. Build first: ./mvnw -B -DskipTests package
#
# --responders K (with --replies R) drives B3 at a steady rate: K patients are discharged first and hold their check-in
# when the campaign starts; during it they reply, one each, R a second (K / R seconds of replies). Their
# acknowledgements are timed by the provider simulator's clock and their nurse tasks by Camunda's, read afterwards, so
# the driver polls nothing while the replies run. Without it, replies come from the campaign's own patients as their
# check-ins arrive (at most the campaign's own message rate), each timed by polling.
#
# --kill-every S is the crash test: once the discharges are written, node 0 is killed with kill -9 every S seconds
# (--kills times, 6 by default) and started again; the run waits until every enrolled patient's first check-in has
# reached the provider (15 minutes at most), then the provider counts duplicates (the same message twice to one
# number) and the database the patients whose first check-in never reached it or was recorded twice. A rate per sender
# (--rate-per-sender, messages/s for the one sender number; 0, no limit, by default) keeps the sends going long
# enough for the kills to land in the middle of them, and a provider that takes --provider-delay ms to answer each
# message makes a kill land while a send waits for its answer (the case CareLoop settles by asking the provider).
#
# --statements (with --postgres) is the database's side of a run: PostgreSQL counts every statement
# (pg_stat_statements) from the moment the campaign starts (with --responders, once they hold their check-in), and the
# run ends with the statements that took the database longest and the rows written to each table meanwhile.
#
# --warm W first runs the same driver once on W discharges (and, with --replies, as many responders replying at the
# same rate) on numbers of their own, and then the measured run: the node has then read replies and run a campaign
# before, as a node does that has been up for a while, rather than compiling both paths while it is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
records=false; postgres=false; nodes=1; replies=0; responders=0; clients=4; heap=1g; jvm=""; app=""; bare=false; kill_every=0; rate=0; max_kills=6; provider_delay=0; statements=false; warm=0
while [[ $# -gt 1 ]]; do
  case $1 in
    --postgres) postgres=true; shift ;;
    --nodes) nodes=$2; shift 2 ;;
    --replies) replies=$2; shift 2 ;;
    --responders) responders=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --jvm) jvm=$2; shift 2 ;;
    --app) app=$2; shift 2 ;;
    --bare-hapi) bare=true; shift ;;
    --records) records=true; shift ;;
    --kill-every) kill_every=$2; shift 2 ;;
    --rate-per-sender) rate=$2; shift 2 ;;
    --kills) max_kills=$2; shift 2 ;;
    --provider-delay) provider_delay=$2; shift 2 ;;
    --statements) statements=true; shift ;;
    --warm) warm=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
n=${1:?number of discharges}
if [[ $warm -gt 10000 ]]; then echo "--warm takes at most 10000 discharges" >&2; exit 2; fi
if $records && ! $bare; then echo "--records goes with --bare-hapi" >&2; exit 2; fi
if $statements && ! $postgres; then echo "--statements needs --postgres" >&2; exit 2; fi
if [[ $kill_every != 0 ]] && { ! $postgres || [[ $nodes != 1 ]]; }; then
  echo "--kill-every needs --postgres (an embedded database dies with the node) and one node" >&2; exit 2
fi
jar=engine/target/careloop.jar
$bare || [[ -f $jar ]] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
if ! $bare; then
  # the nodes run from a copy: a build during the run must not change the classes under them
  cp "$jar" "$work/careloop.jar"
  jar=$work/careloop.jar
fi
logs=bench/target/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$logs"
pids=()
cleanup() {
  for f in "$work"/node*.pid; do [[ -f $f ]] && pids+=("$(cat "$f")"); done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # a node started again by the crash test is not this shell's child: give it 20 s to stop, then kill it
  for pid in "${pids[@]}"; do
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ -d $work/pg ]]; then
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
    else /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; fi
  fi
  rm -rf "$work"
}
trap cleanup EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%FT%TZ); N=$n nodes=$nodes postgres=$postgres replies/s=$replies clients=$clients heap=$heap"

db_args=()
if $postgres; then
  export PATH=/usr/lib/postgresql/15/bin:$PATH
  # PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres account
  as_pg=(); if [[ $(id -u) == 0 ]]; then as_pg=(runuser -u postgres --); fi
  mkdir -p "$work/pg" && chmod 755 "$work" && { [[ ${#as_pg[@]} == 0 ]] || chown postgres "$work/pg"; }
  "${as_pg[@]}" env PATH="$PATH" initdb -D "$work/pg" -U careloop --auth=trust >/dev/null
  "${as_pg[@]}" env PATH="$PATH" pg_ctl -D "$work/pg" -o "-p 55432 -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB$($statements && echo " -c shared_preload_libraries=pg_stat_statements")" \
    -l "$work/pg/server.log" start >/dev/null
  pg() { "${as_pg[@]}" env PATH="$PATH" "$@"; }
  pg createdb -h 127.0.0.1 -p 55432 -U careloop careloop
  pg createdb -h 127.0.0.1 -p 55432 -U careloop pgbench
  pg pgbench -h 127.0.0.1 -p 55432 -U careloop -i -s 10 -q pgbench >/dev/null 2>&1
  tpcb=$(pg pgbench -h 127.0.0.1 -p 55432 -U careloop -c 4 -j 2 -T 20 pgbench 2>/dev/null | awk '/^tps/ {print int($3)}')
  simple=$(pg pgbench -h 127.0.0.1 -p 55432 -U careloop -c 8 -j 2 -T 20 -N pgbench 2>/dev/null | awk '/^tps/ {print int($3)}')
  echo "reference: pgbench TPC-B $tpcb tps (4 clients); simple-update $simple tps (8 clients)"
  # every node (and every restart of one) unwraps the database's data keys with the same key-encryption key
  bin/make-kek.sh "$work/kek.json"
  db_args=(--spring.profiles.active=demo,postgres --careloop.db.url=jdbc:postgresql://127.0.0.1:55432/careloop
    --careloop.crypto.kek-file="$work/kek.json")
else
  db_args=(--spring.profiles.active=demo)
fi

if $bare; then
  ./mvnw -B -q -ntp -pl engine test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/engine/target/bench.classpath"
  javac -d "$work/classes" bench/src/ProviderSimulator.java bench/src/Campaign.java
  jdbc=(); if $postgres; then jdbc=(jdbc:postgresql://127.0.0.1:55432/careloop careloop ""); fi
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java -Xmx"$heap" $jvm -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)" \
    org.careloop.bench.BareHapiServer 18080 "${jdbc[@]}" >"$logs/bare-hapi.log" 2>&1 &
  pid=$!
  pids+=($pid)
  until curl -fs -o /dev/null "http://127.0.0.1:18080/fhir/metadata" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "bare HAPI stopped; log:" >&2; tail -40 "$logs/bare-hapi.log" >&2; exit 1; }
    sleep 0.5
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 3
  echo "B4 bare HAPI: answering /fhir/metadata in $((ready_ms / 1000)).$((ready_ms % 1000 / 100)) s; resident $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MiB idle"
  java -Dcampaign.records="$records" -cp "$work/classes" Campaign http://127.0.0.1:18080 - "$n" "$clients"
  echo "B4 bare HAPI: resident $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MiB after the writes"
  exit 0
fi

token=bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
account=ACdemo0000000000000000000000000000
javac -d "$work/classes" bench/src/ProviderSimulator.java bench/src/Campaign.java
java -cp "$work/classes" ProviderSimulator 18099 "$account" "$token" on "$provider_delay" >"$logs/simulator.log" 2>&1 &
pids+=($!)

# starts node $1 (its pid in $work/node$1.pid) and waits until it is healthy; $2: whether it loads the demo data
start_node() {
  local i=$1 port=$((18080 + $1)) start pid healthy_ms
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java -Xmx"$heap" $jvm -jar "$jar" "${db_args[@]}" --server.port=$port --server.address=127.0.0.1 \
    --careloop.public-base-url=http://127.0.0.1:$port --careloop.sms.provider=twilio \
    --careloop.sms.twilio.base-url=http://127.0.0.1:18099 --careloop.sms.twilio.auth-token="$token" \
    --careloop.lookup.base-url=http://127.0.0.1:18099 --spring.mail.port=$((3025 + $1)) --careloop.email.bounces.port=$((3143 + $1)) --careloop.email.replies.port=$((3143 + $1)) \
    --careloop.demo.load-data="$2" \
    --careloop.outreach.send-from=00:00 --careloop.outreach.send-until=24:00 --careloop.sms.rate-per-sender="$rate" \
    --careloop.care-gaps.first-sweep=P1D $app >>"$logs/node$i.log" 2>&1 &
  pid=$!
  echo $pid >"$work/node$i.pid"
  until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q UP; do
    kill -0 $pid 2>/dev/null || { echo "node $i stopped; log:" >&2; tail -40 "$logs/node$i.log" >&2; exit 1; }
    sleep 0.5
  done
  healthy_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "$healthy_ms"
}

urls=()
for ((i = 0; i < nodes; i++)); do
  healthy_ms=$(start_node "$i" "$([[ $i == 0 ]] && echo true || echo false)")
  sleep 3
  echo "B4 node $i: healthy in $((healthy_ms / 1000)).$((healthy_ms % 1000 / 100)) s; resident $(( $(awk '/VmRSS/ {print $2}' /proc/"$(cat "$work/node$i.pid")"/status) / 1024 )) MiB idle"
  urls+=("http://127.0.0.1:$((18080 + i))")
done

if [[ $kill_every != 0 ]]; then
  # the crash test: kill -9 node 0 every $kill_every s once the discharges are written, and start it again
  (
    until grep -q "^B2 wrote" "$logs/driver.out" 2>/dev/null; do sleep 1; done
    k=0
    while [[ ! -f $work/done && $k -lt $max_kills ]]; do
      sleep "$kill_every"
      [[ -f $work/done ]] && break
      kill -9 "$(cat "$work/node0.pid")" 2>/dev/null || true
      k=$((k + 1))
      echo "crash: kill -9 of node 0 (kill $k) at $(date -u +%T)" | tee -a "$logs/kills.log"
      start_node 0 false >/dev/null
      disown -a 2>/dev/null || true
    done
  ) &
  chaos=$!
fi

# keeps the database's counts as they are now, for the report at the end
snapshot_statements() {
  pg psql -h 127.0.0.1 -p 55432 -U careloop -q careloop -c "
    create table bench_statements as select * from pg_stat_statements
      where dbid = (select oid from pg_database where datname = 'careloop');
    create table bench_tables as select relname, n_tup_ins + n_tup_upd + n_tup_del n from pg_stat_user_tables" >/dev/null
}
if [[ $warm != 0 ]]; then
  warm_start=$(date +%s)
  java -Dcampaign.warmup=true -Dcampaign.stall=120 -Dcampaign.responders="$responders" -cp "$work/classes" Campaign \
    "$(IFS=,; echo "${urls[*]}")" http://127.0.0.1:18099 "$warm" "$clients" "$replies" "$token" demo >"$logs/warm-up.out"
  echo "warm-up: $warm discharges$([[ $responders != 0 ]] && echo " and $responders replies") in $(( $(date +%s) - warm_start )) s" \
    "(driver output in $logs/warm-up.out): $(grep -m1 '^B2 .* first messages' "$logs/warm-up.out" || true)"
fi
# the figures read inside CareLoop below are the measured run's replies only
since=-infinity
if $postgres && [[ $warm != 0 ]]; then
  since=$(pg psql -h 127.0.0.1 -p 55432 -U careloop -At careloop -c "select coalesce(max(received_at)::text, '-infinity') from inbound_message")
fi
if $statements; then
  pg psql -h 127.0.0.1 -p 55432 -U careloop -q careloop -c "create extension if not exists pg_stat_statements"
  # the driver prints these lines only when responders reply (--responders with --replies)
  steady=false; [[ $responders != 0 && $replies != 0 ]] && steady=true
  (
    # waits for the driver's line, or gives up when the run has ended without it
    driver_said() { until grep -q "$1" "$logs/driver.out" 2>/dev/null; do kill -0 $$ 2>/dev/null || exit 0; sleep 0.2; done; }
    if $steady; then driver_said "responders discharged"; fi
    pg psql -h 127.0.0.1 -p 55432 -U careloop -q -At careloop -c "select pg_stat_statements_reset(); select pg_stat_reset()" >/dev/null
    from=$(date -u +%T)
    if $steady; then
      # the count ends when the last acknowledgement is in, before the driver reads the nurse tasks
      driver_said "every acknowledgement read"
      snapshot_statements
    fi
    echo "statements: counted from $from$($steady && echo " to $(date -u +%T)" || echo " to the end of the run")"
  ) &
  counting=$!
fi
java -Dcampaign.pauseBeforeTasks=$($statements && echo 2 || echo 0) -Dcampaign.stall=$([[ $kill_every != 0 ]] && echo 400 || echo 120) -Dcampaign.responders="$responders" -cp "$work/classes" Campaign \
  "$(IFS=,; echo "${urls[*]}")" http://127.0.0.1:18099 "$n" "$clients" "$replies" "$token" demo | tee "$logs/driver.out"
if [[ $kill_every != 0 ]]; then
  # every enrolled patient's first check-in must reach the provider, however long the restarts took
  unsent() {
    pg psql -h 127.0.0.1 -p 55432 -U careloop -At careloop -c "
      select count(*) from enrolment e where e.program = 'post-discharge' and not exists (select 1 from outbound_message o
        where o.enrolment_id = e.id and o.template_id = 'post-discharge-checkin-1' and o.status in ('SENT', 'DELIVERED'))"
  }
  deadline=$(( $(date +%s) + 900 ))
  while [[ $(unsent) != 0 && $(date +%s) -lt $deadline ]]; do sleep 5; done
  touch "$work/done"
  wait "$chaos" 2>/dev/null || true
  sleep 5
  echo "crash: $(wc -l <"$logs/kills.log" 2>/dev/null || echo 0) kills of node 0 during the sends"
  echo "crash: the provider counted $(curl -fs http://127.0.0.1:18099/stats)"
  pg psql -h 127.0.0.1 -p 55432 -U careloop -At careloop -c "
    select 'crash: ' || count(*) || ' patients enrolled in post-discharge; first check-in at the provider for '
      || count(*) filter (where exists (select 1 from outbound_message o where o.enrolment_id = e.id
           and o.template_id = 'post-discharge-checkin-1' and o.status in ('SENT', 'DELIVERED')))
      || '; lost: ' || count(*) filter (where not exists (select 1 from outbound_message o
           where o.enrolment_id = e.id and o.template_id = 'post-discharge-checkin-1'
           and o.status in ('SENT', 'DELIVERED')))
      || '; sent twice (two first check-ins recorded): ' || count(*) filter (where (select count(*) from
           outbound_message o where o.enrolment_id = e.id and o.template_id = 'post-discharge-checkin-1'
           and o.status in ('SENT', 'DELIVERED')) > 1)
    from enrolment e where e.program = 'post-discharge';
    select 'crash: sends cut off by a kill and settled by asking the provider: '
      || count(*) filter (where status_detail like 'Confirmed by the provider%') || ' found there, '
      || count(*) filter (where status_detail like 'Not received by the provider%') || ' sent again'
    from outbound_message;
    select 'crash: outbound by status: ' || string_agg(status || ' ' || c, ', ') from
      (select status, count(*) c from outbound_message group by status order by status) t;"
fi
if $postgres && [[ $replies != 0 ]]; then
  # the same replies seen from inside: received by the webhook -> answer handed to the provider / nurse task created
  pg psql -h 127.0.0.1 -p 55432 -U careloop -At careloop -c "
    select 'B3 inside CareLoop, received -> answer handed to the provider: p50 ' || round(1000 * percentile_cont(0.5) within group (order by x))
      || ' ms, p95 ' || round(1000 * percentile_cont(0.95) within group (order by x)) || ' ms, p99 '
      || round(1000 * percentile_cont(0.99) within group (order by x)) || ' ms (n=' || count(*) || ')'
    from (select extract(epoch from o.sent_at - i.received_at) x from inbound_message i
          join outbound_message o on o.in_response_to = i.id where o.sent_at is not null and i.received_at > '$since') t;
    select 'B3 inside CareLoop, received -> answer queued (correlation, triage, the answer''s job): p50 '
      || round(1000 * percentile_cont(0.5) within group (order by x))
      || ' ms, p95 ' || round(1000 * percentile_cont(0.95) within group (order by x)) || ' ms, p99 '
      || round(1000 * percentile_cont(0.99) within group (order by x)) || ' ms (n=' || count(*) || ')'
    from (select extract(epoch from o.created_at - i.received_at) x from inbound_message i
          join outbound_message o on o.in_response_to = i.id where o.sent_at is not null and i.received_at > '$since') t;
    select 'B3 inside CareLoop, answer queued -> handed to the provider (the answers lane): p50 '
      || round(1000 * percentile_cont(0.5) within group (order by x))
      || ' ms, p95 ' || round(1000 * percentile_cont(0.95) within group (order by x)) || ' ms, p99 '
      || round(1000 * percentile_cont(0.99) within group (order by x)) || ' ms (n=' || count(*) || ')'
    from (select extract(epoch from o.sent_at - o.created_at) x from inbound_message i
          join outbound_message o on o.in_response_to = i.id where o.sent_at is not null and i.received_at > '$since') t;
    select 'B3 inside CareLoop, received -> nurse task created: p50 ' || round(1000 * percentile_cont(0.5) within group (order by x))
      || ' ms, p95 ' || round(1000 * percentile_cont(0.95) within group (order by x)) || ' ms, p99 '
      || round(1000 * percentile_cont(0.99) within group (order by x)) || ' ms (n=' || count(*) || ')'
    from (select extract(epoch from t.create_time_ - i.received_at) x from act_ru_task t
          join act_ru_variable v on v.proc_inst_id_ = t.proc_inst_id_ and v.name_ = 'replyMessageId'
          join inbound_message i on i.id = v.text_ where i.received_at > '$since') t;"
fi
if $statements; then
  wait "$counting" 2>/dev/null || true
  $steady || snapshot_statements
  pg psql -h 127.0.0.1 -p 55432 -U careloop -At -F ' | ' careloop -c "
    select 'statements: ' || sum(calls) || ' statements, ' || round(sum(total_exec_time)) || ' ms in the database'
    from bench_statements;
    select 'statement ' || row_number() over (order by total_exec_time desc), round(total_exec_time) || ' ms', calls || ' calls',
      round((total_exec_time / calls)::numeric, 2) || ' ms each', rows || ' rows', left(regexp_replace(query, '\s+', ' ', 'g'), 160)
    from bench_statements order by total_exec_time desc limit 25;
    select 'most called ' || row_number() over (order by calls desc), calls || ' calls', round(total_exec_time) || ' ms',
      rows || ' rows', left(regexp_replace(query, '\s+', ' ', 'g'), 160)
    from bench_statements order by calls desc limit 25;
    select 'rows written: ' || string_agg(relname || ' ' || n, ', ' order by n desc) from bench_tables where n > 0;
    select 'rows written to the history (act_hi_*): ' || coalesce(sum(n), 0) || '; to the runtime (act_ru_*): '
      || (select coalesce(sum(n), 0) from bench_tables where relname like 'act\_ru\_%')
    from bench_tables where relname like 'act\_hi\_%';"
fi
for ((i = 0; i < nodes; i++)); do
  pid=$(cat "$work/node$i.pid")
  echo "B4 node $i: resident $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MiB after the campaign"
  echo "node $i: $(grep -c " ERROR " "$logs/node$i.log" || true) ERROR and $(grep -c " WARN " "$logs/node$i.log" || true) WARN lines in $logs/node$i.log"
done
