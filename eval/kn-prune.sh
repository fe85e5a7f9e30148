#!/usr/bin/env bash
# Relative-entropy pruning (train-kn --entropy-prune) of a KN trigram of ../shared/data/gutenberg/train.txt
# at several thresholds: n-grams per order, ARPA size and test PPL (gutenberg/test.txt, ppl --kn) of each,
# against the unpruned trigram. Models go to eval/out/kn-prune/; the table to stdout.
# Usage: [THRESHOLDS="1e-8 1e-7 1e-6"] eval/kn-prune.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
gut="$shared/data/gutenberg"
out="$root/eval/out/kn-prune"
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
java=(java ${LMRESCORE_JAVA_OPTS:--Xmx6g} -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$root/target/lmrescore-all.jar")
printf '%-10s %-26s %10s %10s %8s\n' threshold "n-grams (1/2/3)" "ARPA MB" "test PPL" "train s"
for th in none ${THRESHOLDS:-1e-8 1e-7 1e-6}; do
  arpa="$out/kn3-$th.arpa"
  opt=()
  [ "$th" = none ] || opt=(--entropy-prune "$th")
  start=$SECONDS
  line=$("${java[@]}" train-kn --order 3 --text "$gut/train.txt" --arpa "$arpa" "${opt[@]}" 2>&1 | grep '^train-kn:')
  secs=$((SECONDS - start))
  grams=$(echo "$line" | sed -E 's/.*n-grams ([0-9/]+).*/\1/')
  ppl=$("${java[@]}" ppl --kn "$arpa" --text "$gut/test.txt" 2>/dev/null | sed -nE 's/.* ppl= ([0-9.]+).*/\1/p')
  printf '%-10s %-26s %10.1f %10s %8d\n' "$th" "$grams" "$(echo "$(stat -c %s "$arpa") / 1048576" | bc -l)" "$ppl" "$secs"
done
