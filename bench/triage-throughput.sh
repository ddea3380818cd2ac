#!/usr/bin/env bash
# Replies per second through the reply interpreter and the Drools triage rules alone (one thread).
# Usage: bench/triage-throughput.sh [seconds]   (after ./mvnw -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl rules test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/rules/target/bench.classpath"
java -cp "rules/target/test-classes:rules/target/classes:$(cat rules/target/bench.classpath)" \
  org.careloop.rules.bench.TriageThroughput "${1:-20}"
