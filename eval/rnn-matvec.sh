#!/usr/bin/env bash
# Matrix-vector product timings behind the RNN's choice of plain float loops over EJML
# (MatVecBenchmark: row dot products, axpy over a transposed copy, EJML CommonOps_FDRM.mult).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/target/lmrescore.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
java -cp "$root/target/lmrescore.jar" org.openjdk.jmh.Main MatVecBenchmark -f 1 -wi 3 -i 3 2>&1 | grep -E '^(Benchmark|MatVec)'
