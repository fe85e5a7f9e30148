#!/usr/bin/env bash
# Dev-set experiment: tune on the even-numbered dev utterances, report on the odd-numbered ones.
#
#   eval/dev-experiment.sh            (everything; models are trained once, see below)
#
# 1-2. KN5 and three H=150 RNNs on ../shared/data/gutenberg/train.txt, by eval/gutenberg-models.sh
#    into eval/out/gutenberg/ (about 10 minutes once, on an idle machine); the RNNs share the RNN weight lambda equally.
# 3. For each system, `tune` on the even utterances (sorted ids, 0-based positions 0, 2, ...)
#    over the 100 best distinct word strings of each Sphinx lattice, then `rescore` the odd ones
#    with the chosen options (@file), as 100-best lists (--mode nbest, what tune optimised) and by
#    lattice expansion (--mode lattice). WER before = Sphinx's own 1-best (hyp.trn), MAPSSWE vs it.
# Results: eval/out/dev/results.tsv (one row per system and mode) and the table printed at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
dev="$shared/speech/dev"
out="$root/eval/out/dev"
mkdir -p "$out"
jar="$root/target/lmrescore-all.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -o -DskipTests package)
java=(nice -n 5 java ${LMRESCORE_JAVA_OPTS:--Xmx4g} -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$jar")

# -- models (shared with paper-experiment.sh)
models="$root/eval/out/gutenberg"
"$root/eval/gutenberg-models.sh" "$models"
kn="$models/kn5.bin"
rnn="$models/rnn-h150.bin,$models/rnn2-h150.bin,$models/rnn3-h150.bin"

# -- the split: odd positions of the sorted ids are held out
"$root/eval/held-out-split.sh" "$dev/sphinx/lat" .lat "$dev/ref.trn" "$dev/sphinx/hyp.trn" "$out"
echo "held out: $(wc -l < "$out/held-out.ids") utterances, $(awk '{ n += NF - 1 } END { print n }' "$out/held-out.ref.trn") reference words"

printf 'system\tmode\toptions\twer_before\twer_after\toracle_wer\tp_mapsswe\n' > "$out/results.tsv"

# system NAME MODEL_OPTIONS... -- TUNE_OPTIONS...
system() {
  local name="$1"; shift
  local models=() extra=()
  while [ "$1" != "--" ]; do models+=("$1"); shift; done; shift
  extra=("$@")
  echo "== $name: tune on the even utterances"
  if [ "${extra[0]:-}" = "untuned" ]; then
    printf -- '--lmscale 8\n--wip 0\n' > "$out/$name.args"
  else
    "${java[@]}" tune "${models[@]}" --in "$dev/sphinx/lat" --ref "$dev/ref.trn" --split even --threads 2 \
      --params "$out/$name.args" "${extra[@]}" | tee "$out/$name.tune.txt"
  fi
  for mode in nbest lattice; do
    "${java[@]}" rescore @"$out/$name.args" "${models[@]}" --in "$out/held-out.list" --out "$out/$name-$mode" \
      --mode "$mode" --nbest 100 --threads 2 --no-lattices --ref "$out/held-out.ref.trn" \
      --baseline "$out/held-out.first-pass.trn" --json | tail -1 > "$out/$name-$mode.json"
    python3 - "$name" "$mode" "$out/$name.args" "$out/$name-$mode.json" >> "$out/results.tsv" <<'PY'
import json, sys
name, mode, args, path = sys.argv[1:]
j = json.load(open(path))
opts = " ".join(l.strip() for l in open(args) if l.strip())
p = j["significance"].get("mapsswe", {}).get("p", j["significance"].get("p_mapsswe", ""))
print("\t".join([name, mode, opts, str(j["wer_before"]), str(j["wer_after"]), str(j["oracle_wer"]), str(p)]))
PY
    tail -1 "$out/results.tsv"
  done
}

system kn5-untuned --kn "$kn" -- untuned
system kn5 --kn "$kn" --
system kn5-no-first-pass --kn "$kn" -- --first-pass-weight-range 0
system rnn --rnn "$rnn" --
system mix-0.75 --kn "$kn" --rnn "$rnn" -- --lambda-range 0.75
system mix-tuned --kn "$kn" --rnn "$rnn" --
system mix-tuned-no-first-pass --kn "$kn" --rnn "$rnn" -- --first-pass-weight-range 0

echo "== KN5 vs RNN+KN5 (tuned), held-out 100-best: MAPSSWE"
"${java[@]}" wer --ref "$out/held-out.ref.trn" --hyp "$out/kn5-nbest/best.trn" --hyp2 "$out/mix-tuned-nbest/best.trn" \
  | tee "$out/kn5-vs-mix.txt" | tail -8
echo "== results (held-out half; before = Sphinx 1-best)"
column -t -s $'\t' "$out/results.tsv"
