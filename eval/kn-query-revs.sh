#!/usr/bin/env bash
# Query speed of the n-gram model against the program at another git revision, side by side:
# alternating, REPS rounds (default 3), medians and the ratio (eval/time-revs.sh). Each run is
# `ppl --kn BINARY --text TEXT --threads THREADS` (default 1), the whole command timed, so load
# and JVM start are in the figure; use a long text (tens of MB) to see the scoring itself.
# Usage: eval/kn-query-revs.sh REV BINARY TEXT
#        e.g. eval/kn-query-revs.sh d30ea95 eval/out/kn/g5.probing.ours /tmp/g20m.txt
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:?usage: eval/kn-query-revs.sh REV BINARY TEXT}"
binary="${2:?binary model}"
text="${3:?text}"
reps="${REPS:-3}"
threads="${THREADS:-1}"
out="$root/eval/out/kn-query-revs"
# shellcheck source=time-revs.sh
. "$root/eval/time-revs.sh"
mkdir -p "$out"
measure() {  # JAR -> wall seconds, then the perplexity
  /usr/bin/time -f %e -o "$out/time.txt" java -XX:+UseSerialGC --add-modules jdk.incubator.vector -jar "$1" \
    ppl --kn "$binary" --text "$text" --threads "$threads" > "$out/ppl.txt" 2> /dev/null
  echo "$(cat "$out/time.txt") s, $(grep -o 'ppl= [0-9.]*' "$out/ppl.txt" | head -1)"
}
time_revs "$rev" "ppl --kn $binary --text $text ($(wc -c < "$text") bytes), $threads thread(s)"
