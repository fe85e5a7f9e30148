#!/usr/bin/env bash
# The Spark rescoring job against bin/rescore on the 539 shared dev lattices (Sphinx SLF), side by
# side: each round runs `rescore --threads 1`, Spark local[1], `rescore --threads 2` and Spark
# local[2] (REPS rounds, default 3, alternating), each a fresh JVM with its model loading. Prints
# the median wall times, Spark's scaling from 1 to 2 workers, and its overhead per lattice
# against the command at the same parallelism; checks that both write the same best.trn.
# Models: MODEL_OPTIONS (default the bundled sample models with their tuned weights).
# Usage: [REPS=3] [MODEL_OPTIONS="--kn kn5.bin ..."] eval/bench-spark.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
dev="$shared/speech/dev"
out="$root/eval/out/bench-spark"
reps="${REPS:-3}"
models=(${MODEL_OPTIONS:-@$root/lattices/sample/tuned.args --rnn $root/models/rnn-small.bin --kn $root/models/kn5-small.arpa.gz})
rm -rf "$out" && mkdir -p "$out"
(cd "$root" && mvn -q -B -o -DskipTests package)
"$root/eval/test-classpath.sh" > /dev/null  # compiled once, before the clock
common=("${models[@]}" --in "$dev/sphinx/slf" --ref "$dev/ref.trn" --no-lattices)
run() {  # NAME COMMAND...: wall seconds of one run into $out/NAME.times
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" --out "$out/$name.$round" > "$out/$name.$round.log" 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc >> "$out/$name.times"
}
for round in $(seq 1 "$reps"); do
  echo "== round $round of $reps"
  run rescore-1 "$root/bin/rescore" "${common[@]}" --threads 1
  run spark-1 "$root/eval/spark-local.sh" 1 org.lmrescore.spark.SparkRescore "${common[@]}"
  run rescore-2 "$root/bin/rescore" "${common[@]}" --threads 2
  run spark-2 "$root/eval/spark-local.sh" 2 org.lmrescore.spark.SparkRescore "${common[@]}"
done
for name in rescore-2 spark-1 spark-2; do
  cmp "$out/rescore-1.1/best.trn" "$out/$name.1/best.trn" || { echo "best.trn differs: $name" >&2; exit 1; }
done
median() { sort -n "$out/$1.times" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
r1=$(median rescore-1); s1=$(median spark-1); r2=$(median rescore-2); s2=$(median spark-2)
lattices=$(ls "$dev/sphinx/slf" | wc -l)
grep -h "WER before" "$out/spark-2.1.log"
printf 'median wall over %d rounds (s): rescore --threads 1 %.2f, spark local[1] %.2f, rescore --threads 2 %.2f, spark local[2] %.2f\n' \
  "$reps" "$r1" "$s1" "$r2" "$s2"
printf 'spark scaling local[1] / local[2]: %.2fx (rescore 1 -> 2 threads: %.2fx)\n' "$(echo "$s1 / $s2" | bc -l)" "$(echo "$r1 / $r2" | bc -l)"
printf 'spark overhead per lattice against rescore: %.1f ms at 1 worker, %.1f ms at 2 (%d lattices; Spark start-up included)\n' \
  "$(echo "($s1 - $r1) * 1000 / $lattices" | bc -l)" "$(echo "($s2 - $r2) * 1000 / $lattices" | bc -l)" "$lattices"
echo "best.trn: identical in all four"
