#!/usr/bin/env bash
# Full RNN LM training on brown-asr with the rnnlm toolkit's recipe of ../shared/reference/peers.md
# (-hidden 200 -class 100 -bptt 4 -bptt-block 10 -rand-seed 1; rnnlm 0.2a: test PPL 469.93),
# then test perplexity the toolkit's way (text read as one stream, OOVs skipped, </s> counted),
# static and dynamic; per-sentence (as rescoring sees it) alone and mixed with our KN5 at
# 0.75/0.25 and 0.5/0.5 (peers: rnnlm + KenLM 5-gram at 0.5/0.5 gives 403.05). Rerunning after an interruption resumes training from its checkpoint.
# Usage: eval/rnn-brown.sh [threads]   (log: eval/out/brown-h200-c100.train.log)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/brown-asr"
out="$root/eval/out"
threads="${1:-1}"
model="$out/brown-h200-c100-t$threads.bin"
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
if [ ! -f "$model" ]; then
  "$root/bin/train-rnn" --train "$data/train.txt" --valid "$data/valid.txt" --hidden 200 --class 100 \
      --bptt 4 --bptt-block 10 --seed 1 --threads "$threads" --model "$model" | tee "$out/brown-h200-c100-t$threads.train.log"
fi
for part in valid test; do
  echo "$part (stream, static):  $("$root/bin/rnn" --model "$model" --text "$data/$part.txt" --json)"
done
echo "test (stream, dynamic 0.1): $("$root/bin/rnn" --model "$model" --text "$data/test.txt" --dynamic 0.1 --json)"
kn="$out/brown-kn5.bin"
[ -f "$kn" ] || "$root/bin/train-kn" --order 5 --text "$data/train.txt" --binary "$kn"
echo "test (per sentence, RNN alone): $("$root/bin/ppl" --rnn "$model" --text "$data/test.txt" --json)"
echo "test (per sentence, KN5 alone): $("$root/bin/ppl" --kn "$kn" --text "$data/test.txt" --json)"
echo "test (per sentence, RNN 0.75 + KN5 0.25): $("$root/bin/ppl" --rnn "$model" --kn "$kn" --text "$data/test.txt" --json)"
echo "test (per sentence, RNN 0.5 + KN5 0.5): $("$root/bin/ppl" --rnn "$model" --kn "$kn" --lambda 0.5 --text "$data/test.txt" --json)"
