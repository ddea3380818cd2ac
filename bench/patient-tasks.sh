#!/usr/bin/env bash
# One patient's open tasks among N open tasks of others: the task query by process variable against the lookup by
# the indexed patientId variable (V44__patient_variable_index), on a bare Camunda engine with CareLoop's handoff BPMN.
# Usage: bench/patient-tasks.sh [N] [jdbc-url user password]   (after ./mvnw -B -DskipTests install)
# Default database: in-memory H2; give a jdbc:h2:file: URL for the embedded stack's kind, or a PostgreSQL URL for the
# postgres profile's database.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl engine test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/engine/target/bench.classpath"
java -Xmx1g -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)" \
  ${BENCH_JAVA_OPTS:-} org.careloop.engine.bench.PatientTaskLookup "$@"
