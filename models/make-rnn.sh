#!/usr/bin/env bash
# Makes models/rnn-small.bin, the small default RNN LM of the README's job: a sigmoid Elman
# network (H=50, 30 classes, words seen once share the rare-word unit) trained with our own
# train-rnn on the first 4,700 sentences (about 100k words) of the Brown ASR training text,
# validated on the first 1,000 sentences of its validation text.
# Usage: models/make-rnn.sh [brown-asr dir]   (default ../shared/data/brown-asr)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -n 4700 "$data/train.txt" > "$work/train.txt"
head -n 1000 "$data/valid.txt" > "$work/valid.txt"
"$root/bin/train-rnn" --train "$work/train.txt" --valid "$work/valid.txt" --hidden 50 --class 30 --rare 2 \
    --bptt 4 --bptt-block 10 --seed 1 --model "$root/models/rnn-small.bin"
ls -l "$root/models/rnn-small.bin"
