#!/usr/bin/env bash
# Fuzzes every Jazzer target of tools/fuzz/targets.txt for FUZZ_SECONDS each (default 30), one JVM
# a target, and fails if any target found something. Jazzer leaves each finding as crash-<sha1> in
# the target's src/test/resources/<package>/<TestClass>Inputs/<method>/ folder, where every plain
# `mvn test` replays it from then on: fix the cause, keep the file. The corpus Jazzer grows lives in
# <module>/.cifuzz-corpus/ and is reused by the next run; KEEP_CORPUS=1 copies it into the Inputs
# folders as corpus-<sha1> (replacing the previous copy) so that the build replays it too.
#   FUZZ_SECONDS=30 MVN_ARGS="-o" tools/fuzz/run-fuzz.sh [filter]     (filter: a grep on the target)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-30}
filter=${1:-.}
read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn=(mvn -B -f "$root/pom.xml" "${mvn_args[@]}")

mapfile -t targets < <(grep -v '^#' "$root/tools/fuzz/targets.txt" | grep -E "$filter" | grep .)
modules=$(printf '%s\n' "${targets[@]}" | awk '{print $1}' | sort -u | paste -sd,)
echo "fuzz: building $modules"
"${mvn[@]}" -q install -DskipTests -pl "$modules" -am || exit 1

inputs_of() { # module, Class#method -> the target's Inputs folder
  local class=${2%#*}
  echo "$root/$1/src/test/resources/$(dirname "${class//.//}")/${class##*.}Inputs/${2#*#}"
}

failed=()
for target in "${targets[@]}"; do
  read -r module test <<<"$target"
  echo "fuzz: $test for ${seconds}s"
  log="$root/$module/target/fuzz-${test##*.}.log"
  mkdir -p "$root/$module/target"
  # a small heap turns an allocation sized from hostile input into an OutOfMemoryError, a finding;
  # JUnit's own timeout would apply to the whole run, so only libFuzzer's per-input one is left
  if JAZZER_FUZZ=1 "${mvn[@]}" -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${seconds}s" -DargLine=-Xmx768m \
      -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1; then
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
