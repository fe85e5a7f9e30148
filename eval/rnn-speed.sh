#!/usr/bin/env bash
# Training speed of the RNN LM on brown-asr, the configuration of the rnnlm toolkit figures in
# ../shared/reference/peers.md: H=200, C=100, bptt 4, block 10. One epoch over the whole training
# text (741,610 tokens with </s>) with one thread and with --threads 2, alternately, REPS times
# each (default 3), then medians and their ratio; and, as the ceiling two cores allow, two
# independent single-threaded trainings at once (two jobs that share nothing). Prints words per
# second (wall clock) and words per CPU-second (the figure rnnlm 0.4b prints).
# Usage: eval/rnn-speed.sh [data dir]   (default ../shared/data/brown-asr; env REPS=N)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
reps="${REPS:-3}"
out="$root/eval/out/rnn-speed"
mkdir -p "$out"
[ -f "$root/target/lmrescore.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
head -n 300 "$data/valid.txt" > "$out/valid300.txt"   # a short validation pass: we time training
train() {  # NAME THREADS -> the epoch line
  rm -f "$out/$1.bin" "$out/$1.bin.checkpoint"
  "$root/bin/train-rnn" --train "$data/train.txt" --valid "$out/valid300.txt" \
    --hidden 200 --class 100 --bptt 4 --bptt-block 10 --max-epochs 1 --threads "$2" --model "$out/$1.bin" | grep '^epoch'
}
speed() { sed -E 's/.* ([0-9,]+) words\/s.*/\1/; s/,//g'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$out/t1.txt"; : > "$out/t2.txt"
for r in $(seq "$reps"); do
  line=$(train speed-t1 1); echo "run $r, 1 thread:  $line"; echo "$line" | speed >> "$out/t1.txt"
  line=$(train speed-t2 2); echo "run $r, 2 threads: $line"; echo "$line" | speed >> "$out/t2.txt"
done
t1=$(median < "$out/t1.txt"); t2=$(median < "$out/t2.txt")
echo "median words/s: 1 thread $t1, 2 threads $t2, ratio $(awk -v a="$t2" -v b="$t1" 'BEGIN { printf "%.2f", a / b }')"
train speed-a 1 > "$out/a.txt" &
train speed-b 1 > "$out/b.txt"
wait
echo "two 1-thread trainings at once: $(cat "$out/a.txt")"
echo "                                $(cat "$out/b.txt")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
