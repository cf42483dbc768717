#!/usr/bin/env bash
# The microbenchmark figures of docs/PERFORMANCE.md, briefly (one fork, few iterations), plus the
# heap-per-binding and expiry-stall measurements. Build first: mvn -B -DskipTests install
set -euo pipefail
JAR="$(cd "$(dirname "$0")" && pwd)/target/benchmarks.jar"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$JAR" -f 1 -wi 2 -i 3 -prof gc 'CodecBenchmark|AuthenticationBenchmark' | sed -n '/^Benchmark/,$p'
java -jar "$JAR" -f 1 -wi 3 -i 3 -prof gc 'RegistrationPathBenchmark' | sed -n '/^Benchmark/,$p'
java -jar "$JAR" -f 1 -wi 2 -i 3 'ExpiryBenchmark' | sed -n '/^Benchmark/,$p'
java -Xms3g -Xmx3g -cp "$JAR" net.homeagent.benchmarks.ExpiryStallProbe 1000000
java -Xms4g -Xmx4g -XX:+UseParallelGC -cp "$JAR" net.homeagent.benchmarks.HeapPerBinding 1000000
java -Xms4g -Xmx4g -XX:+UseParallelGC -cp "$JAR" net.homeagent.benchmarks.HeapPerBinding 1000000 store
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
