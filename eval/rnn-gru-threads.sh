#!/usr/bin/env bash
# A GRU trained with one and with two threads (class output, H=200, rate 0.1, rare-word threshold
# 5) on the first 12,000 sentences of brown-asr, validated on the first 300 of valid.txt. Checks
# that the gated cells train with Hogwild threads: the output layer defers its class-row updates
# only for hidden layers that tolerate it (HiddenLayer.toleratesDeferredUpdates); with the
# deferral a 2-thread GRU diverged in its first epoch. Prints each run's epoch lines.
# Usage: eval/rnn-gru-threads.sh [EPOCHS]   (default 2; a few minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${LMRESCORE_SHARED:-$root/../shared}/data/brown-asr"
epochs="${1:-2}"
out="$root/eval/out/gru-threads"
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
head -n 12000 "$data/train.txt" > "$out/train.txt"
head -n 300 "$data/valid.txt" > "$out/valid.txt"
for threads in 1 2; do
  rm -f "$out/gru-t$threads.bin" "$out/gru-t$threads.bin.checkpoint"
  echo "== GRU H=200, $threads thread(s)"
  "$root/bin/train-rnn" --train "$out/train.txt" --valid "$out/valid.txt" --hidden 200 --hidden-type gru \
    --rare 5 --threads "$threads" --max-epochs "$epochs" --model "$out/gru-t$threads.bin" 2>/dev/null | grep '^epoch'
done
