#!/usr/bin/env bash
# Static stream scoring (`rnn --text`, the validation pass's path) of this checkout against the
# program at another git revision, side by side: alternating, REPS rounds (default 3), wall
# seconds with the JVM start, medians and the ratio.
# Usage: eval/rnn-score-speed-revs.sh REV MODEL.bin TEXT
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:?usage: eval/rnn-score-speed-revs.sh REV MODEL.bin TEXT}"
model="${2:?model}"
text="${3:?text}"
reps="${REPS:-3}"
out="$root/eval/out/rnn-score-speed-revs"
mkdir -p "$out"
hash=$(git -C "$root" rev-parse --short "$rev")
[ -f "$root/target/lmrescore.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
other=$("$root/eval/jar-at-rev.sh" "$hash")
: > "$out/this.txt"
: > "$out/rev.txt"
echo "this checkout ($(git -C "$root" rev-parse --short HEAD)) against $hash; $model on $text ($(wc -l < "$text") lines);" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$reps"); do
  for who in this rev; do
    jar=$([ "$who" = this ] && echo "$root/target/lmrescore.jar" || echo "$other")
    start=$(date +%s.%N)
    ppl=$(java -Xmx6g -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$jar" rnn --model "$model" --text "$text" \
      2>/dev/null | sed -nE 's/.* ppl= ([0-9.]+).*/\1/p')
    s=$(echo "$(date +%s.%N) - $start" | bc)
    echo "$s" >> "$out/$who.txt"
    echo "round $r $who: $s s, ppl $ppl"
  done
done
python3 - "$out" <<'PY'
import statistics, sys
d = sys.argv[1]
t = [float(x) for x in open(d + '/this.txt')]
r = [float(x) for x in open(d + '/rev.txt')]
print('median: this %.2f s, rev %.2f s; speed ratio this/rev %.2f' % (
    statistics.median(t), statistics.median(r), statistics.median(r) / statistics.median(t)))
PY
