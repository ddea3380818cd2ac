#!/usr/bin/env bash
# B1: 50,000 discharges through CareLoop's eligibility API beside a bare kie-dmn loop on the same DMN, one thread.
# Usage: bench/eligibility.sh [patients] [rounds]   (after ./mvnw -B -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl rules test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/rules/target/bench.classpath"
java -cp "rules/target/test-classes:rules/target/classes:$(cat rules/target/bench.classpath)" \
  org.careloop.rules.bench.EligibilityThroughput "${1:-50000}" "${2:-5}"
