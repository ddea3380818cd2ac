#!/usr/bin/env bash
# A nurse's task list of 200 rows among N open handoffs (default 300): as the board reads it, against the same rows
# read task by task. Runs in the test stack (embedded H2, or PostgreSQL from a Maven artifact with --postgres).
# Usage: bench/worklist.sh [--postgres] [N]   (after ./mvnw -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
execution=stack-on-h2; bench=WorklistBenchH2
if [[ ${1:-} == --postgres ]]; then execution=stack-on-postgres; bench=WorklistBenchPostgres; shift; fi
n=${1:-300}
./mvnw -B -q -ntp -pl engine test-compile
cd engine
../mvnw -B -q -ntp -o failsafe:integration-test@$execution -Dit.test=$bench -DargLine="-Dworklist.tasks=$n" \
  -Dfailsafe.failIfNoSpecifiedTests=false > target/worklist-bench.log 2>&1 || { tail -40 target/worklist-bench.log; exit 1; }
grep '^WORKLIST' target/worklist-bench.log
