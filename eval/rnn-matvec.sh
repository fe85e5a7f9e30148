#!/usr/bin/env bash
# JMH timings of the RNN's vector kernels, Vector API against the plain loops, one JVM fork each
# (alternating, REPS rounds, default 3): KernelBenchmark (the Elman layer's forward W h, backward
# W^T e, rank-13 block update and sigmoid at H=200) with -Dlmrescore.kernels=vector and =scalar;
# then medians and the scalar/vector ratio. MatVecBenchmark (plain loops against EJML) last.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
reps="${REPS:-3}"
out="$root/eval/out/rnn-matvec"
mkdir -p "$out"
cp="$("$root/eval/test-classpath.sh")"
: > "$out/runs.txt"
for r in $(seq "$reps"); do
  for k in vector scalar; do
    java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main KernelBenchmark \
      -f 1 -wi 3 -i 3 -w 1 -r 1 -jvmArgsAppend "-Dlmrescore.kernels=$k" 2>/dev/null \
      | awk -v k="$k" '/^KernelBenchmark/ { print k, $1, $(NF-2) }' >> "$out/runs.txt"
  done
done
echo "median ns per call over $reps rounds (H=200):"
awk '{ v[$1 " " $2] = v[$1 " " $2] " " $3 } END { for (key in v) print key, v[key] }' "$out/runs.txt" | sort -k2 \
  | while read -r kind bench values; do
      m=$(echo "$values" | tr ' ' '\n' | awk 'NF' | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
      echo "$bench $kind $m"
    done | sort | awk '{ name = $1; sub(/KernelBenchmark\./, "", name); t[name, $2] = $3; names[name] = 1 }
      END { printf "  %-26s %12s %12s %8s\n", "kernel", "vector", "scalar", "ratio"
            for (n in names) printf "  %-26s %12.0f %12.0f %7.2fx\n", n, t[n, "vector"], t[n, "scalar"], t[n, "scalar"] / t[n, "vector"] }'
java -cp "$cp" org.openjdk.jmh.Main MatVecBenchmark -f 1 -wi 3 -i 3 2>&1 | grep -E '^(Benchmark|MatVec)'
