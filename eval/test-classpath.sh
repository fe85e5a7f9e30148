#!/usr/bin/env bash
# Prints the class path of the benchmarks (JMH's KernelBenchmark and MatVecBenchmark, the n-gram
# QueryBenchmark), which live with the tests so that the library jar carries none of them:
# the compiled main and test classes and every dependency of test scope. Compiles them first.
# Usage: java -cp "$(eval/test-classpath.sh)" org.openjdk.jmh.Main KernelBenchmark ...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cp_file="$root/target/test.classpath"
(cd "$root" && mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file") >&2
echo "$root/target/test-classes:$root/target/classes:$(cat "$cp_file")"
