#!/usr/bin/env bash
# Training speed of the RNN LM on brown-asr, the configuration of the rnnlm toolkit figures in
# ../shared/reference/peers.md: H=200, C=100, bptt 4, block 10. One epoch over the whole training
# text (741,610 tokens with </s>), single-threaded and with --threads 2. Prints words per second
# (wall clock) and words per CPU-second (the figure rnnlm 0.4b prints).
# Usage: eval/rnn-speed.sh [data dir]   (default ../shared/data/brown-asr)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
out="$root/eval/out/rnn-speed"
mkdir -p "$out"
[ -f "$root/target/lmrescore.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
head -n 300 "$data/valid.txt" > "$out/valid300.txt"   # a short validation pass: we time training
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for threads in 1 2; do
  rm -f "$out/speed-t$threads.bin" "$out/speed-t$threads.bin.checkpoint"
  line=$("$root/bin/train-rnn" --train "$data/train.txt" --valid "$out/valid300.txt" --hidden 200 --class 100 \
      --bptt 4 --bptt-block 10 --max-epochs 1 --threads "$threads" --model "$out/speed-t$threads.bin" | grep '^epoch')
  echo "threads $threads: $line"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
