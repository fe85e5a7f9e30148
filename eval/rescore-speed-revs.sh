#!/usr/bin/env bash
# Rescoring speed of this checkout against the program at another git revision, side by side:
# alternating, REPS rounds (default 3), medians and the ratio. Each run rescores the first
# LISTS (default 60) Sphinx dev 100-best lists of ../shared with the given models, 2 threads,
# no lattices written; the figure is the run's own rescoring time (summary.json "seconds",
# model loading excluded).
# Usage: eval/rescore-speed-revs.sh REV MODEL-ARGS...
#        e.g. eval/rescore-speed-revs.sh 8a345a3 --rnn eval/out/gutenberg-full/rnn2.bin
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
rev="${1:?usage: eval/rescore-speed-revs.sh REV MODEL-ARGS...}"
shift
reps="${REPS:-3}"
lists="${LISTS:-60}"
out="$root/eval/out/rescore-speed-revs"
hash=$(git -C "$root" rev-parse --short "$rev")
mkdir -p "$out"
[ -f "$root/target/lmrescore.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
other=$("$root/eval/jar-at-rev.sh" "$hash")
ls "$shared/speech/dev/sphinx/nbest/"*.nbest | sed -n "1,${lists}p" > "$out/in.list"
run() {  # JAR MODEL-ARGS... -> seconds
  local jar=$1
  shift
  rm -rf "$out/run"
  java -Xmx6g -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$jar" rescore "$@" --in "$out/in.list" \
    --out "$out/run" --threads 2 --no-lattices --json 2>/dev/null | tail -1 \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])'
}
: > "$out/this.txt"
: > "$out/rev.txt"
echo "this checkout ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ', modified')) against $hash;" \
  "$lists lists, $*; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$reps"); do
  for who in this rev; do
    jar=$([ "$who" = this ] && echo "$root/target/lmrescore.jar" || echo "$other")
    s=$(run "$jar" "$@")
    echo "$s" >> "$out/$who.txt"
    echo "round $r $who: $s s"
  done
done
python3 - "$out" <<'PY'
import statistics, sys
d = sys.argv[1]
t = [float(x) for x in open(d + '/this.txt')]
r = [float(x) for x in open(d + '/rev.txt')]
print('median rescoring time: this %.2f s, rev %.2f s; speed ratio this/rev %.2f' % (
    statistics.median(t), statistics.median(r), statistics.median(r) / statistics.median(t)))
PY
