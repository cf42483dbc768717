#!/usr/bin/env bash
# Writes the seed corpus of the Jazzer targets from the codecs' own encoders and the parsers'
# sample files into src/test/resources/<package>/<TestClass>Inputs/<method>/, where a plain
# `mvn test` replays them and fuzzing starts from them (docs/fuzzing.md). Run it again after a
# codec gains a message or extension; findings (crash-*) in the same folders are left alone.
#   MVN_REPO=/path/to/repository tools/fuzz/write-seeds.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mvn=(mvn -B -q ${MVN_REPO:+-Dmaven.repo.local=$MVN_REPO})

# module, generator class, inputs folder of the target it seeds
seed() {
  local module=$1 generator=$2 inputs=$3
  "${mvn[@]}" -f "$root/pom.xml" -pl "bundles/$module" -am test-compile -DskipTests
  local cp
  cp=$(mktemp)
  "${mvn[@]}" -f "$root/pom.xml" -pl "bundles/$module" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp"
  java -cp "$root/bundles/$module/target/test-classes:$root/bundles/$module/target/classes:$(cat "$cp")" \
    "$generator" "$root/bundles/$module/src/test/resources/$inputs"
  rm -f "$cp"
}

seed mip-codec net.homeagent.mip.codec.SeedDatagrams \
  net/homeagent/mip/codec/MipCodecFuzzTestInputs/decode
