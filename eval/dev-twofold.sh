#!/usr/bin/env bash
# Two-fold WER on the shared dev speech (Sphinx lattices, 539 utterances, 4,765 reference words):
# each system is tuned (`tune`: lmscale, word insertion penalty, first-pass weight and, for mixes,
# the RNN weight) on the even utterances and rescores the odd ones (100-best), then tuned on the
# odd ones and rescores the even ones; the two held-out halves together cover every word once.
# Pooled WER of each system, and MAPSSWE (sclite's segments) of 3xRNN + KN5 against KN5 alone
# and against Sphinx's own 1-best, on the pooled hypotheses. The dynamic system (the paper's
# dynamic rows) rescores each held-out half in order with rnns+kn5's tuned weights while the RNNs
# keep learning from each rescored 1-best (rate $DYNAMIC, default 0.1); the consensus system
# decodes the rescored 100-best by consensus (`tune --decode consensus` also picks its posterior
# scale on the tuning half) instead of Viterbi; the lattice system rescores the held-out lattices
# themselves (history expansion, default settings) with rnns+kn5's weights, and the lattice-mbr
# system decodes those rescored lattices by minimum Bayes risk (`--decode mbr`: the consensus of
# each lattice's confusion network) at the same weights, lattice-mbr-tuned the same at the
# consensus system's weights and posterior scale. The lattice system's best.ctm carries
# the words' confidences (their posteriors through the --confidence-map tune fitted on the tuning
# half); their NCE is printed. DYNAMIC=none leaves the dynamic system out (with NCE models it is
# the slowest by far).
# Models: eval/gutenberg-models.sh (KN5 and the RNNs listed in its rnns.list), or with
# MODELS=eval/out/gutenberg-full those of eval/gutenberg-full-models.sh.
# Usage: [MODELS=DIR] eval/dev-twofold.sh   (results: eval/out/dev-twofold/NAME-OF-DIR/, summary printed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
dev="$shared/speech/dev"
models="${MODELS:-$root/eval/out/gutenberg}"
dynamic="${DYNAMIC:-0.1}"
out="$root/eval/out/dev-twofold/$(basename "$models")"
mkdir -p "$out"
if [ -z "${MODELS:-}" ]; then
  "$root/eval/gutenberg-models.sh" "$models"
fi
kn="$models/kn5.bin"
rnns=$(sed "s|^|$models/|; s|\$|.bin|" "$models/rnns.list" | paste -sd, -)
lmr=("$root/bin/lmrescore")
declare -A spec=([kn5]="--kn $kn" [rnns]="--rnn $rnns" [rnns+kn5]="--rnn $rnns --kn $kn")
# Both run inside the fold loop ($fold: the tuning half, $held: the other one).
tune_half() {  # NAME SYSTEM [TUNE-OPTIONS...]: tune SYSTEM on $fold, its options into $out/$held/NAME.args
  local name=$1 sys=$2
  shift 2
  # shellcheck disable=SC2086 # the option strings split into words on purpose
  "${lmr[@]}" tune ${spec[$sys]} "$@" --in "$dev/sphinx/lat" --ref "$dev/ref.trn" --split "$fold" --threads 2 \
    --params "$out/$held/$name.args" --json 2>/dev/null | tail -1 > "$out/$held/$name.tune.json"
}
rescore_half() {  # NAME ARGS SYSTEM [RESCORE-OPTIONS...]: rescore $held with $out/$held/ARGS.args into $out/$held/NAME
  local name=$1 args=$2 sys=$3
  shift 3
  # shellcheck disable=SC2086
  "${lmr[@]}" rescore @"$out/$held/$args.args" ${spec[$sys]} "$@" --in "$out/$held/held-out.list" --out "$out/$held/$name" \
    --threads 2 --no-lattices --ref "$out/$held/held-out.ref.trn" --baseline "$out/$held/held-out.first-pass.trn" \
    --json 2>/dev/null | tail -1 > "$out/$held/$name.json"
}
for fold in even odd; do
  held=$([ "$fold" = even ] && echo odd || echo even)
  "$root/eval/held-out-split.sh" "$dev/sphinx/lat" .lat "$dev/ref.trn" "$dev/sphinx/hyp.trn" "$out/$held" "$held"
  for sys in kn5 rnns rnns+kn5; do
    [ -f "$out/$held/$sys/best.trn" ] && continue
    echo "== $sys: tune on the $fold utterances, rescore the $held ones"
    tune_half "$sys" "$sys"
    rescore_half "$sys" "$sys" "$sys" --mode nbest --nbest 100
  done
  if [ ! -f "$out/$held/rnns+kn5-consensus/best.trn" ]; then
    echo "== rnns+kn5, consensus decoding of the 100-best: tune (weights, then posterior scale) on the $fold utterances, rescore the $held ones"
    tune_half rnns+kn5-consensus rnns+kn5 --decode consensus
    rescore_half rnns+kn5-consensus rnns+kn5-consensus rnns+kn5 --mode nbest --nbest 100
  fi
  if [ ! -f "$out/$held/rnns+kn5-lattice/best.trn" ]; then
    echo "== rnns+kn5, the lattices rescored (expansion, not their 100-best) with rnns+kn5's weights: the $held utterances"
    rescore_half rnns+kn5-lattice rnns+kn5 rnns+kn5
  fi
  if [ ! -f "$out/$held/rnns+kn5-lattice-mbr/best.trn" ]; then
    echo "== rnns+kn5, the lattices rescored and decoded by minimum Bayes risk (their confusion networks): the $held utterances"
    rescore_half rnns+kn5-lattice-mbr rnns+kn5 rnns+kn5 --decode mbr
  fi
  if [ ! -f "$out/$held/rnns+kn5-lattice-mbr-tuned/best.trn" ]; then
    echo "== rnns+kn5, the lattices decoded by minimum Bayes risk at the consensus system's tuned posterior scale: the $held utterances"
    rescore_half rnns+kn5-lattice-mbr-tuned rnns+kn5-consensus rnns+kn5
  fi
  if [ "$dynamic" != none ] && [ ! -f "$out/$held/rnns+kn5-dynamic/best.trn" ]; then
    echo "== rnns+kn5, dynamic (rate $dynamic, the weights tuned for rnns+kn5): rescore the $held utterances in order"
    rescore_half rnns+kn5-dynamic rnns+kn5 rnns+kn5 --dynamic "$dynamic" --mode nbest --nbest 100
  fi
done
systems=(consensus lattice lattice-mbr lattice-mbr-tuned)
[ "$dynamic" != none ] && systems+=(dynamic)
for sys in kn5 rnns rnns+kn5 "${systems[@]/#/rnns+kn5-}"; do
  cat "$out/odd/$sys/best.trn" "$out/even/$sys/best.trn" > "$out/$sys.pooled.trn"
done
cat "$out/odd/rnns+kn5-lattice/best.ctm" "$out/even/rnns+kn5-lattice/best.ctm" > "$out/rnns+kn5-lattice.pooled.ctm"
# the Viterbi 1-best of the same runs as the MBR systems (same weights, same lattices): MBR's own baseline
for sys in lattice-mbr lattice-mbr-tuned; do
  cat "$out/odd/rnns+kn5-$sys/viterbi.trn" "$out/even/rnns+kn5-$sys/viterbi.trn" > "$out/rnns+kn5-$sys.viterbi.pooled.trn"
done

echo "== pooled over both held-out halves (every dev word once)"
for sys in kn5 rnns rnns+kn5; do
  printf '%-10s %s   (weights: even-half tuning %s | odd-half tuning %s)\n' "$sys" \
    "$("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/$sys.pooled.trn" --json 2>/dev/null)" \
    "$(paste -sd' ' "$out/odd/$sys.args")" "$(paste -sd' ' "$out/even/$sys.args")"
done
for sys in "${systems[@]}"; do
  printf '%-10s %s\n' "$sys" "$("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-$sys.pooled.trn" --json 2>/dev/null)"
done
echo "sphinx     $("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$dev/sphinx/hyp.trn" --json 2>/dev/null)"
compare() {  # TITLE HYP HYP2: MAPSSWE and McNemar of two pooled systems
  echo "== $1"
  "${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$2" --hyp2 "$3" 2>/dev/null | tail -8
}
compare "RNNs + KN5 against KN5 alone" "$out/rnns+kn5.pooled.trn" "$out/kn5.pooled.trn"
compare "RNNs + KN5 consensus against RNNs + KN5 Viterbi" "$out/rnns+kn5-consensus.pooled.trn" "$out/rnns+kn5.pooled.trn"
compare "RNNs + KN5 consensus against KN5 alone" "$out/rnns+kn5-consensus.pooled.trn" "$out/kn5.pooled.trn"
compare "RNNs + KN5, lattices rescored, against KN5 alone" "$out/rnns+kn5-lattice.pooled.trn" "$out/kn5.pooled.trn"
compare "RNNs + KN5, lattices rescored, against Sphinx's 1-best" "$out/rnns+kn5-lattice.pooled.trn" "$dev/sphinx/hyp.trn"
compare "RNNs + KN5, lattices rescored, MBR against Viterbi" "$out/rnns+kn5-lattice-mbr.pooled.trn" "$out/rnns+kn5-lattice.pooled.trn"
compare "RNNs + KN5, lattices rescored, MBR at the tuned scale against Viterbi" "$out/rnns+kn5-lattice-mbr-tuned.pooled.trn" "$out/rnns+kn5-lattice.pooled.trn"
compare "RNNs + KN5, lattices rescored, MBR against the Viterbi 1-best of the same run (default scale)" \
  "$out/rnns+kn5-lattice-mbr.pooled.trn" "$out/rnns+kn5-lattice-mbr.viterbi.pooled.trn"
compare "RNNs + KN5, lattices rescored, MBR against the Viterbi 1-best of the same run (tuned weights and scale)" \
  "$out/rnns+kn5-lattice-mbr-tuned.pooled.trn" "$out/rnns+kn5-lattice-mbr-tuned.viterbi.pooled.trn"
compare "RNNs + KN5, lattices rescored, MBR against Sphinx's 1-best" "$out/rnns+kn5-lattice-mbr.pooled.trn" "$dev/sphinx/hyp.trn"
if [ "$dynamic" != none ]; then
  compare "RNNs + KN5 dynamic against KN5 alone" "$out/rnns+kn5-dynamic.pooled.trn" "$out/kn5.pooled.trn"
fi
echo "== confidences of the lattice system's 1-best (best.ctm, calibrated on each tuning half): NCE"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-lattice.pooled.ctm" 2>/dev/null | grep -E '^(WER|Confidences)'
compare "RNNs + KN5 against Sphinx's 1-best" "$out/rnns+kn5.pooled.trn" "$dev/sphinx/hyp.trn"
