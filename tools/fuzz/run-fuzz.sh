#!/usr/bin/env bash
# Fuzzes every Jazzer target of tools/fuzz/targets.txt for FUZZ_SECONDS each (default 30), one JVM
# a target, and fails if any target found something. Jazzer leaves each finding as crash-<sha1> in
# the target's src/test/resources/<package>/<TestClass>Inputs/<method>/ folder, where every plain
# `mvn test` replays it from then on: fix the cause, keep the file. The corpus Jazzer grows lives in
# <module>/.cifuzz-corpus/ and is reused by the next run; KEEP_CORPUS=1 copies it into the inputs
# folders as corpus-<sha1> (replacing the previous copy) so that the build replays it too.
#   FUZZ_SECONDS=30 MVN_ARGS="-o" tools/fuzz/run-fuzz.sh [filter]     (filter: a grep on the target)
#
# Maven runs once, to compile the modules and write each one's test class path; every target then
# runs in a JVM of its own under JUnit's console launcher (Jazzer fuzzes one @FuzzTest per JVM).
# A Maven test run per target cost ~10 s of Maven around each target's fuzzing (docs/fuzzing.md).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-30}
filter=${1:-.}
read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn=(mvn -B -f "$root/pom.xml" "${mvn_args[@]}")

mapfile -t targets < <(grep -v '^#' "$root/tools/fuzz/targets.txt" | grep -E "$filter" | grep .)
modules=$(printf '%s\n' "${targets[@]}" | awk '{print $1}' | sort -u | paste -sd,)
echo "fuzz: compiling $modules"
# the reactor's own modules come from their target/ folders: nothing is installed
"${mvn[@]}" -q test-compile dependency:build-classpath -pl "$modules" -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt || exit 1
# JUnit's console launcher of the platform the build uses (junit-bom in the root pom)
platform=$(sed -n 's:.*<junit.version>5\(.*\)</junit.version>.*:1\1:p' "$root/pom.xml")
launcher_dir="$root/target/fuzz-launcher"
"${mvn[@]}" -q -N dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform" \
  -DoutputDirectory="$launcher_dir" || exit 1
launcher="$launcher_dir/junit-platform-console-standalone-$platform.jar"

inputs_of() { # module, Class#method -> the target's Inputs folder
  local class=${2%#*}
  echo "$root/$1/src/test/resources/$(dirname "${class//.//}")/${class##*.}Inputs/${2#*#}"
}

failed=()
for target in "${targets[@]}"; do
  read -r module test parameter <<<"$target"
  echo "fuzz: $test for ${seconds}s"
  log="$root/$module/target/fuzz-${test##*.}.log"
  # a small heap turns an allocation sized from hostile input into an OutOfMemoryError, a finding;
  # JUnit's own timeout would apply to the whole run, so only libFuzzer's per-input one is left.
  # The module's folder is the working directory: Jazzer finds the inputs folder and writes
  # .cifuzz-corpus relative to it, as under Maven.
  if (cd "$root/$module" && JAZZER_FUZZ=1 java -Xmx768m -Djazzer.max_duration="${seconds}s" \
      -Djunit.jupiter.execution.timeout.mode=disabled \
      -cp "$launcher:target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" \
      org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=summary \
      --fail-if-no-tests --select-method "$test($parameter)") >"$log" 2>&1; then
    grep -E '^Done [0-9]+ runs' "$log" | tail -1
  else
    failed+=("$test")
    echo "fuzz: FINDING or failure in $test, see $log and $(inputs_of "$module" "$test")/crash-*"
    grep -E '^== Java Exception|^Caused by|^\s+at net\.homeagent' "$log" | head -8
  fi
  corpus="$root/$module/.cifuzz-corpus/${test%#*}/${test#*#}"
  if [[ ${KEEP_CORPUS:-0} == 1 && -d $corpus ]]; then
    inputs=$(inputs_of "$module" "$test")
    rm -f "$inputs"/corpus-*
    for file in "$corpus"/*; do cp "$file" "$inputs/corpus-$(basename "$file")"; done
    echo "fuzz: corpus of $(ls "$corpus" | wc -l) inputs kept in $inputs"
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no finding"
