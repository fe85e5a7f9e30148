#!/usr/bin/env bash
# train-kn wall time of this checkout against the program at another git revision, side by side:
# REPS alternating rounds (default 3), medians and the ratio; the 5-gram of CORPUS (default
# gutenberg) to ARPA, and whether the two ARPA files are identical. Both run with the collector
# options bin/ gives train-kn (the serial collector, a small young generation) and the full JIT
# (bin/ runs texts under 16 MB on its first tier only; JIT="-XX:TieredStopAtLevel=1" does that here).
# Usage: eval/kn-train-revs.sh REV [CORPUS]        (env REPS, LMRESCORE_SHARED, JIT)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:?usage: eval/kn-train-revs.sh REV [CORPUS]}"
text="${LMRESCORE_SHARED:-$root/../shared}/data/${2:-gutenberg}/train.txt"
reps="${REPS:-3}"
out="$root/eval/out/kn-train-revs"
mkdir -p "$out"
rm -f "$out"/*.arpa  # the comparison at the end is between this run's two files only
measure() {  # JAR -> "SECONDS peak-RSS-MB"
  local name; name=$(echo "$1" | md5sum | cut -c1-8)
  /usr/bin/time -f "%e %M" -o "$out/time.txt" java -Xmx4g ${JIT:-} -XX:+UseSerialGC -XX:MaxNewSize=32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -jar "$1" train-kn --order 5 \
    --memory 1G --text "$text" --arpa "$out/$name.arpa" > /dev/null 2>&1
  read -r wall rss < "$out/time.txt"
  echo "$wall $((rss / 1024))MB"
}
. "$root/eval/time-revs.sh"
time_revs "$rev" "train-kn --order 5 on $(basename "$(dirname "$text")")"
cmp -s "$out"/*.arpa && echo "ARPA files identical" || ls -l "$out"/*.arpa
