#!/usr/bin/env bash
# Startup benchmark: starts the executable jar (demo profile, embedded H2), waits until
# /actuator/health is UP, prints seconds to healthy, Spring's own "Started in" figure and the resident
# memory of the process, then stops it. Usage: bench/startup.sh [--cds] [extra JVM options...]
# --cds starts it through bin/start-fast.sh (extracted jar and class-data-sharing archive, prepared first).
# Build first: ./mvnw -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
jar=engine/target/careloop.jar
[[ -f $jar ]] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
port=${PORT:-18080}
launch=(java "$@" -jar "$jar")
if [[ ${1:-} == --cds ]]; then
  shift
  bin/start-fast.sh --prepare
  launch=(bin/start-fast.sh "$@" --)
fi
log=$(mktemp)
start=$(date +%s%N)
"${launch[@]}" --spring.profiles.active=demo --server.port="$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q UP; do
  kill -0 $pid 2>/dev/null || { echo "the application stopped; log:" >&2; tail -40 "$log" >&2; exit 1; }
  sleep 0.5
done
healthy_ms=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 5  # let the demo data load settle
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
spring=$(grep -o 'Started CareLoopApplication in [0-9.]* seconds' "$log" | grep -o '[0-9.]*' | head -1)
printf 'jvm options: %s\n' "${*:-(defaults)}"
printf 'seconds to healthy: %d.%d\n' $((healthy_ms / 1000)) $((healthy_ms % 1000 / 100))
printf 'spring "Started in": %s s\n' "$spring"
printf 'resident memory after start: %d MiB\n' $((rss_kb / 1024))
