#!/usr/bin/env bash
# The experiment of Mikolov et al. 2010 (its WSJ tables) on the shared data, in one command:
#
#   eval/paper-experiment.sh
#
# 1. Models, trained once: KN5 and three RNNs on all of ../shared/data/gutenberg/train.txt
#    (eval/gutenberg-full-models.sh: sigmoid H=200, 200, 250 with NCE output, about an hour;
#    MODELS=slices takes eval/gutenberg-models.sh's quick set instead, three H=150 class-output
#    RNNs on 1-2 M-word slices, about 10 minutes, which do not beat KN5); and the first-pass LM
#    of setting (b): a KN trigram on the same text, pruned by count cutoffs 1,2,3 to the 32k words
#    seen twice that Sphinx's dictionary can pronounce (train-kn --cutoffs --vocab).
# 2. Perplexity on gutenberg/test.txt and on the dev references: KN5, each RNN alone and with KN5
#    (0.75/0.25), 3xRNN+KN5 with the paper's weights and with weights tuned by EM on the RNNs'
#    validation text; static and dynamic (the RNNs keep learning as they read, rate $DYNAMIC).
# 3. WER on the dev speech, two first passes:
#    (a) the shared Sphinx4 lattices (generic en-us.lm.bin), ../shared/speech/dev/sphinx/lat;
#    (b) our own `decode` of ../shared/speech/dev/wav with the pruned trigram (about 10 minutes).
#    Per system, `tune` picks lmscale, word insertion penalty and first-pass weight on the even dev
#    utterances (sorted ids); `rescore` then rescores the 100-best of the odd ones; WER, oracle and
#    MAPSSWE/McNemar against the first pass's own 1-best. Dynamic: the static system's options
#    plus `rescore --dynamic`. WER against the RNN weight lambda: the lambda-tuned system's `tune`
#    also tunes the other weights at fixed lambdas (--lambda-sweep).
# 4. Tables and plots (eval/paper_report.py, bin/plot) into eval/paper/ (paper-slices/): report.md, ppl.csv,
#    wer.csv, wer-vs-lambda.csv, training-curves.csv, training-curves.png, wer-vs-lambda.png.
#
# Bulky outputs go to eval/out/paper-full/ (paper-slices/). Everything finished is kept on a rerun (delete a file to
# redo its step). With the full models about an hour for them and 84 minutes for the rest on the
# 2-core machine; with MODELS=slices about 20 minutes from a fresh clone, models included.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
dev="$shared/speech/dev"
gut="$shared/data/gutenberg"
model_set="${MODELS:-full}"
case "$model_set" in
  full) models="$root/eval/out/gutenberg-full"; out="$root/eval/out/paper-full"; report="$root/eval/paper"
        rnns=(rnn1 rnn2 rnn3)
        describe="KN5 and three sigmoid RNNs with noise-contrastive estimation output, rnn1 (H=200), rnn2 (H=200) and rnn3 (H=250), all on all of \`gutenberg/train.txt\` (7.6 M words, its whole vocabulary; see \`eval/gutenberg-full-models.sh\`)." ;;
  slices) models="$root/eval/out/gutenberg"; out="$root/eval/out/paper-slices"; report="$root/eval/paper-slices"
        rnns=(rnn-h150 rnn2-h150 rnn3-h150)
        describe="KN5 on all of \`gutenberg/train.txt\` (7.6 M words); three sigmoid RNNs rnn-h150, rnn2-h150, rnn3-h150 (H=150, C=100, bptt 4/10) on 1.0 M, 0.98 M and 2.1 M-token slices of it (see \`eval/gutenberg-models.sh\`)." ;;
  *) echo "paper-experiment: MODELS is full or slices, not $model_set" >&2; exit 1 ;;
esac
dynamic="${DYNAMIC:-0.1}"
[ -d "$dev/sphinx/lat" ] && [ -f "$gut/train.txt" ] || { echo "paper-experiment: shared data not found under $shared (set LMRESCORE_SHARED)" >&2; exit 1; }
mkdir -p "$out/ppl" "$report"
jar="$root/target/lmrescore-all.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
java=(nice -n 5 java ${LMRESCORE_JAVA_OPTS:--Xmx6g} -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$jar")
step() { echo "== $(date +%T) $*"; }

# -- 1. models
if [ "$model_set" = full ]; then "$root/eval/gutenberg-full-models.sh" "$models"; else "$root/eval/gutenberg-models.sh" "$models"; fi
kn5="$models/kn5.bin"
all_rnns="$models/${rnns[0]}.bin,$models/${rnns[1]}.bin,$models/${rnns[2]}.bin"
kn3="$models/kn3-pruned.lm"
if [ ! -f "$kn3" ]; then
  step "first-pass trigram: words seen twice in train.txt that cmudict-en-us.dict pronounces"
  unzip -p "$jar" edu/cmu/sphinx/models/en-us/cmudict-en-us.dict | awk '{ sub(/\(.*/, "", $1); print $1 }' \
    | LC_ALL=C sort -u > "$models/cmudict.words"
  tr -s ' \t' '\n\n' < "$gut/train.txt" | awk 'NF' | LC_ALL=C sort | uniq -c | awk '$1 >= 2 { print $2 }' \
    | LC_ALL=C join - "$models/cmudict.words" > "$models/first-pass.vocab"
  "${java[@]}" train-kn --order 3 --cutoffs 1,2,3 --vocab "$models/first-pass.vocab" --text "$gut/train.txt" \
    --arpa "$kn3" | tee "$models/kn3-pruned.log"
fi

# -- 2. perplexity: per-word log10 probabilities of every model on every text
awk '{ $NF = ""; sub(/ +$/, ""); print }' "$dev/ref.trn" > "$out/dev-ref.txt"
declare -A texts=([test]="$gut/test.txt" [dev]="$out/dev-ref.txt" [valid]="$models/rnn-valid.txt")
for part in test dev valid; do
  text="${texts[$part]}"
  [ -f "$out/ppl/kn5.$part.words" ] || { step "ppl KN5 on $part"; "${java[@]}" ppl --kn "$kn5" --text "$text" --debug "$out/ppl/kn5.$part.words" > /dev/null; }
  [ -f "$out/ppl/kn3-pruned.$part.json" ] || "${java[@]}" ppl --kn "$kn3" --text "$text" --json > "$out/ppl/kn3-pruned.$part.json"
  [ -f "$out/ppl/en-us.$part.json" ] || "${java[@]}" ppl --kn classpath:/edu/cmu/sphinx/models/en-us/en-us.lm.bin \
      --text "$text" --json > "$out/ppl/en-us.$part.json"
  for r in "${rnns[@]}"; do
    [ -f "$out/ppl/$r.$part.static.words" ] || { step "ppl $r on $part"; "${java[@]}" rnn --model "$models/$r.bin" --text "$text" --debug "$out/ppl/$r.$part.static.words" > /dev/null; }
    [ -f "$out/ppl/$r.$part.dynamic.words" ] || { step "ppl $r on $part, dynamic"; "${java[@]}" rnn --model "$models/$r.bin" --text "$text" \
        --dynamic "$dynamic" --debug "$out/ppl/$r.$part.dynamic.words" > /dev/null; }
  done
done

# -- 3. first passes
if [ ! -f "$out/decode-kn3/summary.json" ]; then
  step "decoding the dev speech with the pruned trigram (setting b)"
  "${java[@]}" decode --in "$dev/list.tsv" --out "$out/decode-kn3" --lm "$kn3" --beam 5000 --threads 2 --gzip --json \
    > "$out/decode-kn3.json"
fi

# rescoring systems: NAME MODEL_OPTIONS... [-- TUNE_OPTIONS...]
lambdas=0.05,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.75,0.8,0.9,0.95
systems=("kn5|--kn $kn5|")
for r in "${rnns[@]}"; do systems+=("$r|--rnn $models/$r.bin|"); done
systems+=("3rnn|--rnn $all_rnns|")
for r in "${rnns[@]}"; do systems+=("$r+kn5|--rnn $models/$r.bin --kn $kn5|--lambda-range 0.75"); done
systems+=(
  "3rnn+kn5|--rnn $all_rnns --kn $kn5|--lambda-range 0.75"
  "3rnn+kn5-tuned-lambda|--rnn $all_rnns --kn $kn5|--lambda-sweep $lambdas"
)

setting() {  # NAME LATTICE_DIR FIRST_PASS_TRN LATTICE_SUFFIX
  local name="$1" in="$2" first="$3" suffix="$4" dir="$out/$1"
  "$root/eval/held-out-split.sh" "$in" "$suffix" "$dev/ref.trn" "$first" "$dir"
  for spec in "${systems[@]}"; do
    IFS='|' read -r sys model tuneopts <<< "$spec"
    # shellcheck disable=SC2086 # the option strings split into words on purpose
    if [ ! -f "$dir/$sys.json" ]; then
      step "($name) $sys: tune on the even utterances, rescore the odd ones"
      "${java[@]}" tune $model $tuneopts --in "$in" --ref "$dev/ref.trn" --split even --threads 2 \
        --params "$dir/$sys.args" --json | tail -1 > "$dir/$sys.tune.json"
      "${java[@]}" rescore @"$dir/$sys.args" $model --in "$dir/held-out.list" --out "$dir/$sys" --mode nbest --nbest 100 \
        --threads 2 --no-lattices --ref "$dir/held-out.ref.trn" --baseline "$dir/held-out.first-pass.trn" --json \
        | tail -1 > "$dir/$sys.json"
    fi
  done
  if [ ! -f "$dir/3rnn+kn5-dynamic.json" ]; then
    step "($name) 3rnn+kn5, dynamic (rate $dynamic)"
    # shellcheck disable=SC2086
    "${java[@]}" rescore @"$dir/3rnn+kn5.args" --rnn "$all_rnns" --kn "$kn5" --dynamic "$dynamic" --in "$dir/held-out.list" \
      --out "$dir/3rnn+kn5-dynamic" --mode nbest --nbest 100 --no-lattices --ref "$dir/held-out.ref.trn" \
      --baseline "$dir/held-out.first-pass.trn" --json | tail -1 > "$dir/3rnn+kn5-dynamic.json"
  fi
}
setting a "$dev/sphinx/lat" "$dev/sphinx/hyp.trn" .lat
setting b "$out/decode-kn3" "$out/decode-kn3/hyp.trn" .slf.gz

# -- 4. tables and plots
step "report"
python3 "$root/eval/paper_report.py" --out "$out" --models "$models" --report "$report" --dynamic "$dynamic" \
  --describe "$describe" "${rnns[@]}"
"${java[@]}" plot --csv "$report/training-curves.csv" --series model --x epoch --y valid_ppl \
  --title "RNN training: validation perplexity per epoch" --y-label "validation PPL" --out "$report/training-curves.png"
"${java[@]}" plot --csv "$report/wer-vs-lambda.csv" --series setting --x lambda --y wer \
  --title "3xRNN + KN5: held-out WER against the RNN weight" --x-label "lambda (RNN weight; KN5 gets 1 - lambda)" \
  --y-label "WER %" --out "$report/wer-vs-lambda.png"
echo "report: $report/report.md"
