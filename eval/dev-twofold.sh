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
# themselves (history expansion, default settings) with rnns+kn5's weights.
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
for fold in even odd; do
  held=$([ "$fold" = even ] && echo odd || echo even)
  "$root/eval/held-out-split.sh" "$dev/sphinx/lat" .lat "$dev/ref.trn" "$dev/sphinx/hyp.trn" "$out/$held" "$held"
  for sys in kn5 rnns rnns+kn5; do
    [ -f "$out/$held/$sys/best.trn" ] && continue
    echo "== $sys: tune on the $fold utterances, rescore the $held ones"
    # shellcheck disable=SC2086 # the option strings split into words on purpose
    "${lmr[@]}" tune ${spec[$sys]} --in "$dev/sphinx/lat" --ref "$dev/ref.trn" --split "$fold" --threads 2 \
      --params "$out/$held/$sys.args" --json 2>/dev/null | tail -1 > "$out/$held/$sys.tune.json"
    # shellcheck disable=SC2086
    "${lmr[@]}" rescore @"$out/$held/$sys.args" ${spec[$sys]} --in "$out/$held/held-out.list" --out "$out/$held/$sys" \
      --mode nbest --nbest 100 --threads 2 --no-lattices --ref "$out/$held/held-out.ref.trn" \
      --baseline "$out/$held/held-out.first-pass.trn" --json 2>/dev/null | tail -1 > "$out/$held/$sys.json"
  done
  if [ ! -f "$out/$held/rnns+kn5-consensus/best.trn" ]; then
    echo "== rnns+kn5, consensus decoding of the 100-best: tune (weights, then posterior scale) on the $fold utterances, rescore the $held ones"
    # shellcheck disable=SC2086
    "${lmr[@]}" tune ${spec[rnns+kn5]} --decode consensus --in "$dev/sphinx/lat" --ref "$dev/ref.trn" --split "$fold" --threads 2 \
      --params "$out/$held/rnns+kn5-consensus.args" --json 2>/dev/null | tail -1 > "$out/$held/rnns+kn5-consensus.tune.json"
    # shellcheck disable=SC2086
    "${lmr[@]}" rescore @"$out/$held/rnns+kn5-consensus.args" ${spec[rnns+kn5]} --in "$out/$held/held-out.list" \
      --out "$out/$held/rnns+kn5-consensus" --mode nbest --nbest 100 --threads 2 --no-lattices --ref "$out/$held/held-out.ref.trn" \
      --baseline "$out/$held/held-out.first-pass.trn" --json 2>/dev/null | tail -1 > "$out/$held/rnns+kn5-consensus.json"
  fi
  if [ ! -f "$out/$held/rnns+kn5-lattice/best.trn" ]; then
    echo "== rnns+kn5, the lattices rescored (expansion, not their 100-best) with rnns+kn5's weights: the $held utterances"
    "${lmr[@]}" rescore @"$out/$held/rnns+kn5.args" ${spec[rnns+kn5]} --in "$out/$held/held-out.list" \
      --out "$out/$held/rnns+kn5-lattice" --threads 2 --no-lattices --ref "$out/$held/held-out.ref.trn" \
      --baseline "$out/$held/held-out.first-pass.trn" --json 2>/dev/null | tail -1 > "$out/$held/rnns+kn5-lattice.json"
  fi
  if [ ! -f "$out/$held/rnns+kn5-dynamic/best.trn" ]; then
    echo "== rnns+kn5, dynamic (rate $dynamic, the weights tuned for rnns+kn5): rescore the $held utterances in order"
    "${lmr[@]}" rescore @"$out/$held/rnns+kn5.args" ${spec[rnns+kn5]} --dynamic "$dynamic" --in "$out/$held/held-out.list" \
      --out "$out/$held/rnns+kn5-dynamic" --mode nbest --nbest 100 --threads 2 --no-lattices --ref "$out/$held/held-out.ref.trn" \
      --baseline "$out/$held/held-out.first-pass.trn" --json 2>/dev/null | tail -1 > "$out/$held/rnns+kn5-dynamic.json"
  fi
done
for sys in kn5 rnns rnns+kn5 rnns+kn5-consensus rnns+kn5-lattice rnns+kn5-dynamic; do
  cat "$out/odd/$sys/best.trn" "$out/even/$sys/best.trn" > "$out/$sys.pooled.trn"
done
echo "== pooled over both held-out halves (every dev word once)"
for sys in kn5 rnns rnns+kn5; do
  printf '%-10s %s   (weights: even-half tuning %s | odd-half tuning %s)\n' "$sys" \
    "$("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/$sys.pooled.trn" --json 2>/dev/null)" \
    "$(paste -sd' ' "$out/odd/$sys.args")" "$(paste -sd' ' "$out/even/$sys.args")"
done
echo "consensus  $("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-consensus.pooled.trn" --json 2>/dev/null)"
echo "lattice    $("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-lattice.pooled.trn" --json 2>/dev/null)"
echo "dynamic    $("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-dynamic.pooled.trn" --json 2>/dev/null)"
echo "sphinx     $("${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$dev/sphinx/hyp.trn" --json 2>/dev/null)"
echo "== RNNs + KN5 against KN5 alone"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5.pooled.trn" --hyp2 "$out/kn5.pooled.trn" 2>/dev/null | tail -8
echo "== RNNs + KN5 consensus against RNNs + KN5 Viterbi"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-consensus.pooled.trn" --hyp2 "$out/rnns+kn5.pooled.trn" 2>/dev/null | tail -8
echo "== RNNs + KN5 consensus against KN5 alone"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-consensus.pooled.trn" --hyp2 "$out/kn5.pooled.trn" 2>/dev/null | tail -8
echo "== RNNs + KN5, lattices rescored, against KN5 alone"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-lattice.pooled.trn" --hyp2 "$out/kn5.pooled.trn" 2>/dev/null | tail -8
echo "== RNNs + KN5, lattices rescored, against Sphinx's 1-best"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-lattice.pooled.trn" --hyp2 "$dev/sphinx/hyp.trn" 2>/dev/null | tail -8
echo "== RNNs + KN5 dynamic against KN5 alone"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5-dynamic.pooled.trn" --hyp2 "$out/kn5.pooled.trn" 2>/dev/null | tail -8
echo "== RNNs + KN5 against Sphinx's 1-best"
"${lmr[@]}" wer --ref "$dev/ref.trn" --hyp "$out/rnns+kn5.pooled.trn" --hyp2 "$dev/sphinx/hyp.trn" 2>/dev/null | tail -8
