#!/usr/bin/env bash
# Table 2 of Mikolov et al. 2010 on brown-asr: several RNN LMs of different architectures and
# sizes, alone, each with KN5, and combined (static weights, and weights tuned by EM on the
# validation text), static and dynamic. Models, in the spirit of the paper's RNN 90/10 and
# 250/5 (hidden size / rare-word threshold), plus a GRU and an LSTM:
#   sig90-10 (sigmoid, H=90, rare 10), sig250-5 (sigmoid, H=250, rare 5),
#   gru200-5 (GRU, H=200, rare 5), lstm200-5 (LSTM, H=200, rare 5); all C=100, bptt 4, block 10.
# The sigmoid models train with $THREADS threads; the gated ones with one thread and at most 10
# epochs, as rnn-table2.md was measured (then two Hogwild threads made the GRU diverge, fixed
# since: eval/rnn-gru-threads.sh); one thread costs them 2-3x the time of a sigmoid model.
# RNN perplexities are the rnnlm toolkit's protocol (the text read as one stream, the state
# carried from sentence to sentence); the table combines per-word probabilities
# (eval/perword_mix.py). The last lines are the per-sentence figures rescoring sees, through
# the product's own commands: `mix` (EM on valid) writes a mix file that `ppl --mix` reads.
#
# Long: each full-size model is 15-40 CPU-minutes. Reruns skip finished models and resume
# interrupted ones from their checkpoints.
# Usage: eval/rnn-table2.sh [--tiny]    (--tiny: 2,000 training sentences, 300 valid/test, 1 epoch;
#        env THREADS=2 trains with two threads, DYNAMIC=rate sets dynamic evaluation's rate, default 0.1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/brown-asr"
threads="${THREADS:-1}"
dynamic="${DYNAMIC:-0.1}"
out="$root/eval/out/table2"
epochs=100
if [ "${1:-}" = "--tiny" ]; then
  out="$root/eval/out/table2-tiny"
  epochs=1
fi
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
bin="$root/bin"
if [ "$epochs" = 1 ]; then
  head -n 2000 "$data/train.txt" > "$out/train.txt"
  head -n 300 "$data/valid.txt" > "$out/valid.txt"
  head -n 300 "$data/test.txt" > "$out/test.txt"
  text="$out"
else
  text="$data"
fi

# name:type:hidden:rare:threads:max-epochs
models=(sig90-10:sigmoid:90:10:$threads:$epochs sig250-5:sigmoid:250:5:$threads:$epochs
        gru200-5:gru:200:5:1:$((epochs < 10 ? epochs : 10)) lstm200-5:lstm:200:5:1:$((epochs < 10 ? epochs : 10)))
names=()
[ -f "$out/kn5.bin" ] || "$bin/train-kn" --order 5 --text "$text/train.txt" --binary "$out/kn5.bin"
for part in valid test; do
  "$bin/ppl" --kn "$out/kn5.bin" --text "$text/$part.txt" --debug "$out/kn5.$part.words" > /dev/null
done
for spec in "${models[@]}"; do
  IFS=: read -r name type hidden rare model_threads max_epochs <<< "$spec"
  names+=("$name")
  model="$out/$name.bin"
  if [ ! -f "$model" ]; then
    "$bin/train-rnn" --train "$text/train.txt" --valid "$text/valid.txt" --hidden-type "$type" --hidden "$hidden" \
        --rare "$rare" --class 100 --bptt 4 --bptt-block 10 --seed 1 --threads "$model_threads" --max-epochs "$max_epochs" \
        --model "$model" | tee "$out/$name.train.log"
  fi
  for part in valid test; do
    "$bin/rnn" --model "$model" --text "$text/$part.txt" --debug "$out/$name.$part.static.words" > /dev/null
    "$bin/rnn" --model "$model" --text "$text/$part.txt" --dynamic "$dynamic" \
        --debug "$out/$name.$part.dynamic.words" > /dev/null
  done
done
echo
echo "== Table 2 (test perplexity, RNNs read the text as one stream; dynamic rate $dynamic)"
python3 "$root/eval/perword_mix.py" "$out" kn5 "${names[@]}" | tee "$out/table2.txt"

echo
echo "== per sentence, as rescoring sees it (state reset at each sentence start)"
rnns=$(printf "$out/%s.bin," "${names[@]}")
rnns="${rnns%,}"
echo "KN5 alone:                $("$bin/ppl" --kn "$out/kn5.bin" --text "$text/test.txt" --json)"
echo "RNNs 0.75 shared + KN5 0.25: $("$bin/ppl" --rnn "$rnns" --kn "$out/kn5.bin" --text "$text/test.txt" --json)"
"$bin/mix" --rnn "$rnns" --kn "$out/kn5.bin" --text "$text/valid.txt" --out "$out/table2.mix"
echo "EM-tuned mix (table2.mix): $("$bin/ppl" --mix "$out/table2.mix" --text "$text/test.txt" --json)"
