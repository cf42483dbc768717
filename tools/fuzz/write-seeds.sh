#!/usr/bin/env bash
# Writes the seed datagrams of MipCodecFuzzTest, made by the codec's own encoders (SeedDatagrams),
# into its src/test/resources/.../MipCodecFuzzTestInputs/decode/, and the seed journal files and
# snapshots of BackupFormatsFuzzTest, made by the binding store's writers (SeedBackups), where a
# plain `mvn test` replays them and fuzzing starts from them (docs/fuzzing.md). Run it again after the codec gains a message
# or an extension; findings (crash-*) and kept corpus (corpus-*) there are left alone. The parser
# targets' seeds are hand-written files in their own Inputs folders.
#   MVN_ARGS="-o" tools/fuzz/write-seeds.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
read -r -a mvn_args <<<"${MVN_ARGS:-}"
mvn=(mvn -B -q "${mvn_args[@]}")

# module, generator class, inputs folder of the target it seeds
seed() {
  local module=$1 generator=$2 inputs=$3
  "${mvn[@]}" -f "$root/pom.xml" -pl "bundles/$module" -am test-compile -DskipTests
  local cp
  cp=$(mktemp)
  "${mvn[@]}" -f "$root/pom.xml" -pl "bundles/$module" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp"
  # the API modules as just compiled by -am, ahead of whatever the local repository holds of them
  local api="$root/bundles/mip-codec/target/classes:$root/bundles/mip-api/target/classes"
  api="$api:$root/bundles/mip-api/target/test-classes"
  java -cp "$root/bundles/$module/target/test-classes:$root/bundles/$module/target/classes:$api:$(cat "$cp")" \
    "$generator" "$root/bundles/$module/src/test/resources/$inputs"
  rm -f "$cp"
}

seed mip-codec net.homeagent.mip.codec.SeedDatagrams \
  net/homeagent/mip/codec/MipCodecFuzzTestInputs/decode
seed data-plane net.homeagent.dataplane.packet.TunnelledSeeds \
  net/homeagent/dataplane/packet/DecapsulatorFuzzTestInputs/decapsulate
seed binding-store net.homeagent.store.SeedBackups \
  net/homeagent/store/BackupFormatsFuzzTestInputs
