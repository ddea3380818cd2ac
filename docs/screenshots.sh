#!/usr/bin/env bash
# Takes the README's screenshots (docs/worklist.png, docs/task-page.png, docs/programs-page.png) from a demo started here on port 18095,
# through Debian's Chromium. Build first: ./mvnw -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl engine test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/engine/target/bench.classpath"
java -jar engine/target/careloop.jar --spring.profiles.active=demo --server.port=18095 \
  --careloop.public-base-url=http://localhost:18095 >engine/target/screenshots-demo.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs http://127.0.0.1:18095/actuator/health 2>/dev/null | grep -q UP; do
  kill -0 $pid 2>/dev/null || { tail -40 engine/target/screenshots-demo.log >&2; exit 1; }
  sleep 1
done
java -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)" \
  org.careloop.engine.ReadmeScreenshots http://localhost:18095 docs
echo "written: docs/worklist.png docs/task-page.png docs/programs-page.png"
