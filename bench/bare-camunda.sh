#!/usr/bin/env bash
# B2 reference: CareLoop's BPMN on a bare Camunda engine with no-op delegates (history full, job executor on).
# Usage: bench/bare-camunda.sh [N] [jdbc-url user password]   (after ./mvnw -B -DskipTests install)
# Default database: in-memory H2 (the embedded stack keeps its files on disk: give a jdbc:h2:file: URL to compare with
# it); give a PostgreSQL URL to compare with --postgres runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl engine test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/engine/target/bench.classpath"
java -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)" \
  org.careloop.engine.bench.BareCamundaLoop "$@"
