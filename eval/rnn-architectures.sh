#!/usr/bin/env bash
# Training speed of every hidden-layer type on the same slice of brown-asr: the first sentences
# of train.txt up to about 100k words, H=200, C=100, bptt 4, block 10, one epoch, one thread.
# Prints the trainer's epoch line per type: words per second (wall clock) and per CPU-second
# (the figure that does not depend on what else the machine runs).
# Usage: eval/rnn-architectures.sh [words] [hidden] [types...]   (default 100000 200 sigmoid tanh relu gru lstm)
#        env LAYERS=N stacks N layers of each type (default 1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/../shared/data/brown-asr"
out="$root/eval/out/rnn-architectures"
words="${1:-100000}"
hidden="${2:-200}"
shift 2 2>/dev/null || shift $#
types=("$@")
[ ${#types[@]} -gt 0 ] || types=(sigmoid tanh relu gru lstm)
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
awk -v n="$words" '{ w += NF + 1; print; if (w >= n) exit }' "$data/train.txt" > "$out/train.txt"
head -n 300 "$data/valid.txt" > "$out/valid300.txt"   # a short validation pass: we time training
echo "training slice: $(wc -l < "$out/train.txt") sentences, $(awk '{ w += NF + 1 } END { print w }' "$out/train.txt") tokens with </s>; H=$hidden, ${LAYERS:-1} layer(s)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for type in "${types[@]}"; do
  rm -f "$out/$type.bin" "$out/$type.bin.checkpoint"
  line=$("$root/bin/train-rnn" --train "$out/train.txt" --valid "$out/valid300.txt" --hidden "$hidden" --class 100 \
      --bptt 4 --bptt-block 10 --max-epochs 1 --hidden-type "$type" --layers "${LAYERS:-1}" --model "$out/$type.bin" | grep '^epoch')
  printf '%-8s %s\n' "$type" "$line"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
