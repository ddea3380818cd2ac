#!/usr/bin/env bash
# Takes the README's pictures of editing a program (docs/modeler-program.png, docs/modeler-timer.png): the modeling
# canvas and properties panel Camunda Modeler is built from (bpmn-js, from npm), in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd docs/modeler && npm install --no-audit --no-fund --silent && npm run --silent build)
./mvnw -B -q -ntp -pl engine test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/engine/target/bench.classpath"
java -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)" \
  org.careloop.engine.ModelerScreenshots docs/modeler processes/src/main/resources/bpmn/program-post-discharge.bpmn docs
echo "written: docs/modeler-program.png docs/modeler-timer.png"
