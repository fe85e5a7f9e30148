#!/usr/bin/env bash
# Rescoring speed of this checkout against the program at another git revision, side by side:
# alternating, REPS rounds (default 3), medians and the ratio (eval/time-revs.sh). Each run
# rescores the first LISTS (default 60) Sphinx dev 100-best lists of ../shared with the given
# models, 2 threads, no lattices written; the figure is the run's own rescoring time
# (summary.json "seconds", model loading excluded).
# Usage: eval/rescore-speed-revs.sh REV MODEL-ARGS...
#        e.g. eval/rescore-speed-revs.sh 8a345a3 --rnn eval/out/gutenberg-full/rnn2.bin
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
rev="${1:?usage: eval/rescore-speed-revs.sh REV MODEL-ARGS...}"
shift
models=("$@")
reps="${REPS:-3}"
lists="${LISTS:-60}"
out="$root/eval/out/rescore-speed-revs"
# shellcheck source=time-revs.sh
. "$root/eval/time-revs.sh"
mkdir -p "$out"
ls "$shared/speech/dev/sphinx/nbest/"*.nbest | sed -n "1,${lists}p" > "$out/in.list"
measure() {  # JAR -> rescoring seconds
  rm -rf "$out/run"
  java -Xmx6g -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$1" rescore "${models[@]}" --in "$out/in.list" \
    --out "$out/run" --threads 2 --no-lattices --json 2>/dev/null | tail -1 \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"], "s")'
}
time_revs "$rev" "$lists lists, ${models[*]}"
