#!/usr/bin/env bash
# Training speed of the RNN LM on brown-asr, the configuration of the rnnlm toolkit figures in
# ../shared/reference/peers.md: H=200, C=100, bptt 4, block 10. One epoch over the whole training
# text (741,610 tokens with </s>): single-threaded, with --threads 2, and, as the ceiling two cores
# allow, two independent single-threaded trainings at once (what the machine gives two jobs that
# share nothing). Prints words per second (wall clock) and words per CPU-second (the figure rnnlm
# 0.4b prints).
# Usage: eval/rnn-speed.sh [data dir]   (default ../shared/data/brown-asr)
#        env FLUSH="1 4 8": also time --threads 2 with deferred updates flushed every N BPTT blocks
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
out="$root/eval/out/rnn-speed"
mkdir -p "$out"
[ -f "$root/target/lmrescore.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
head -n 300 "$data/valid.txt" > "$out/valid300.txt"   # a short validation pass: we time training
train() {  # NAME THREADS [JAVA_OPTS]
  rm -f "$out/$1.bin" "$out/$1.bin.checkpoint"
  LMRESCORE_JAVA_OPTS="-Xmx4g ${3:-}" "$root/bin/train-rnn" --train "$data/train.txt" --valid "$out/valid300.txt" \
    --hidden 200 --class 100 --bptt 4 --bptt-block 10 --max-epochs 1 --threads "$2" --model "$out/$1.bin" | grep '^epoch'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "threads 1: $(train speed-t1 1)"
echo "threads 2: $(train speed-t2 2)"
for n in ${FLUSH:-}; do
  echo "threads 2, flush every $n blocks: $(train speed-t2-f$n 2 -Dlmrescore.flushBlocks=$n)"
done
train speed-a 1 > "$out/a.txt" &
train speed-b 1 > "$out/b.txt"
wait
echo "two 1-thread trainings at once: $(cat "$out/a.txt")"
echo "                                $(cat "$out/b.txt")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
