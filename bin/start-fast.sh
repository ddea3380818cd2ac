#!/usr/bin/env bash
# Starts CareLoop from an extracted jar with a class-data-sharing (CDS) archive of its classes: the JVM maps the
# classes it would otherwise read, verify and parse from ~300 jars at every start. On the standard machine this
# takes start to healthy from about 26 s to about 18 s (BENCHMARKS.md, B4).
#
# Usage: bin/start-fast.sh [JVM options...] [-- application arguments...]
#   e.g. bin/start-fast.sh -Xmx512m -XX:+UseSerialGC -- --spring.profiles.active=demo
#        bin/start-fast.sh --prepare    (prepares the archive and exits)
#
# The first run after a build prepares engine/target/cds/ (about a minute): Spring Boot's jar extraction
# (`-Djarmode=tools extract`), one training start that stops when the application context is ready
# (`-Dspring.context.exit=onRefresh`, demo profile, embedded databases, port chosen by the system, nothing kept),
# and a static archive of the classes that start loaded. A rebuilt jar prepares it again. The archive belongs to
# this JVM and this directory: another JDK or a moved checkout prepares again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/engine/target/careloop.jar
dir=$root/engine/target/cds
[[ -f $jar ]] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }

prepare_only=false
[[ ${1:-} == --prepare ]] && { prepare_only=true; shift; }
jvm=()
app=()
while (($#)); do
  if [[ $1 == -- ]]; then shift; app=("$@"); break; fi
  jvm+=("$1"); shift
done

stamp="$(sha256sum "$jar" | cut -c1-64) $(java -version 2>&1 | head -2 | tr '\n' ' ') $dir"
if [[ ! -f $dir/careloop.jsa || "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "preparing the class-data-sharing archive in $dir (once per build)..." >&2
  rm -rf "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >&2
  java -XX:DumpLoadedClassList="$dir/classes.lst" -Dspring.context.exit=onRefresh -jar "$dir/careloop.jar" \
    --spring.profiles.active=demo --server.port=0 >"$dir/training.log" 2>&1
  # OpenJDK 17 crashes while archiving lambda proxy classes of this class list (in
  # SystemDictionaryShared::adjust_lambda_proxy_class_dictionary); the classes themselves are archived.
  grep -v '^@lambda-proxy' "$dir/classes.lst" >"$dir/classes-archived.lst"
  java -Xshare:dump -XX:SharedClassListFile="$dir/classes-archived.lst" -XX:SharedArchiveFile="$dir/careloop.jsa" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$dir/careloop.jar" >"$dir/dump.log" 2>&1
  echo "$stamp" >"$dir/stamp"
fi
$prepare_only && exit 0
exec java -XX:SharedArchiveFile="$dir/careloop.jsa" -Xlog:cds=off "${jvm[@]}" -jar "$dir/careloop.jar" "${app[@]}"
