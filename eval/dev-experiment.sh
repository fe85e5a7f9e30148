#!/usr/bin/env bash
# Dev-set experiment: tune on the even-numbered dev utterances, report on the odd-numbered ones.
#
#   eval/dev-experiment.sh            (everything; models are trained once into eval/out/dev/)
#
# 1. KN5 on ../shared/data/gutenberg/train.txt (train-kn, ~35 s, 1.3 GB).
# 2. Three RNNs (H=150, C=100, bptt 4/10, 2 threads, at most 5/4/4 epochs, ~12, ~6 and ~12 min
#    here) on sentences 1-60,000, 60,001-120,000 and 120,001-240,000 (1.0 M, 0.98 M and 2.1 M
#    tokens) of the same text, validated on the first 1,500 sentences of valid.txt; they share the
#    RNN weight lambda equally.
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
jar="$root/target/lmrescore.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -o -DskipTests package)
java=(nice -n 5 java ${LMRESCORE_JAVA_OPTS:--Xmx4g} -XX:+UseParallelGC -jar "$jar")

# -- models
if [ ! -f "$out/kn5.bin" ]; then
  echo "== training KN5 on gutenberg/train.txt"
  "${java[@]}" train-kn --order 5 --text "$shared/data/gutenberg/train.txt" --binary "$out/kn5.bin"
fi
# two RNNs on different 1 M-token slices of the training text (different seeds)
train_rnn() {  # NAME FIRST_LINE LAST_LINE SEED MAX_EPOCHS
  [ -f "$out/$1.bin" ] && return
  echo "== training $1 on lines $2-$3 of gutenberg/train.txt (log: $out/$1.log)"
  sed -n "$2,$3p" "$shared/data/gutenberg/train.txt" > "$out/$1-train.txt"
  "${java[@]}" train-rnn --train "$out/$1-train.txt" --valid "$out/rnn-valid.txt" --hidden 150 --class 100 \
    --bptt 4 --bptt-block 10 --max-epochs "$5" --threads 2 --seed "$4" --verbose --model "$out/$1.bin" > "$out/$1.log" 2>&1
}
[ -f "$out/rnn-valid.txt" ] || head -n 1500 "$shared/data/gutenberg/valid.txt" > "$out/rnn-valid.txt"
train_rnn rnn-h150 1 60000 1 5
train_rnn rnn2-h150 60001 120000 2 4
train_rnn rnn3-h150 120001 240000 3 4
kn="$out/kn5.bin"
rnn="$out/rnn-h150.bin,$out/rnn2-h150.bin,$out/rnn3-h150.bin"

# -- the split: odd positions of the sorted ids are held out
ls "$dev/sphinx/lat" | sed 's/\.lat$//' | LC_ALL=C sort > "$out/ids.txt"
awk 'NR % 2 == 0' "$out/ids.txt" > "$out/held-out.ids"
sed "s|^\(.*\)$|$dev/sphinx/lat/\1.lat|" "$out/held-out.ids" > "$out/held-out.list"
keep() { awk 'NR == FNR { want["(" $1 ")"] = 1; next } ($NF in want)' "$out/held-out.ids" "$1"; }
keep "$dev/ref.trn" > "$out/held-out.ref.trn"
keep "$dev/sphinx/hyp.trn" > "$out/held-out.sphinx.trn"
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
      --baseline "$out/held-out.sphinx.trn" --json | tail -1 > "$out/$name-$mode.json"
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
