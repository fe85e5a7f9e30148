#!/usr/bin/env bash
# Stream scoring (`rnn --text`, the validation pass's path; with DYNAMIC=RATE dynamic evaluation,
# `--dynamic RATE`) of this checkout against the program at another git revision, side by side:
# alternating, REPS rounds (default 3), wall seconds with the JVM start, medians and the ratio
# (eval/time-revs.sh).
# Usage: [DYNAMIC=RATE] eval/rnn-score-speed-revs.sh REV MODEL.bin TEXT
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:?usage: eval/rnn-score-speed-revs.sh REV MODEL.bin TEXT}"
model="${2:?model}"
text="${3:?text}"
reps="${REPS:-3}"
dynamic=()
[ -n "${DYNAMIC:-}" ] && dynamic=(--dynamic "$DYNAMIC")
out="$root/eval/out/rnn-score-speed-revs"
# shellcheck source=time-revs.sh
. "$root/eval/time-revs.sh"
measure() {  # JAR -> wall seconds, ppl
  local start ppl
  start=$(date +%s.%N)
  ppl=$(java -Xmx6g -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$1" rnn --model "$model" --text "$text" "${dynamic[@]}" \
    2>/dev/null | sed -nE 's/.* ppl= ([0-9.]+).*/\1/p')
  echo "$(echo "$(date +%s.%N) - $start" | bc) s, ppl $ppl"
}
time_revs "$rev" "$model on $text ($(wc -l < "$text") lines)${DYNAMIC:+, dynamic rate $DYNAMIC}"
