#!/usr/bin/env bash
# RNN LM training speed on brown-asr (741,610 tokens with </s>), sigmoid H=200, side by side in
# one run, alternating, REPS rounds (default 3), then medians and ratios:
#   peer-hs-tN    faster-rnnlm, hierarchical softmax, N threads (its words/s as printed), if built
#   hs-tN         our --output hs, N threads
#   class-t2      our --output class --class 100, 2 threads
#   before-class-t2  the same command with the program as it was at BEFORE_REV (default 097fca6,
#                 before the Vector API kernels and the output layers), built from git here
# N is 1 and 2. Ours runs two epochs: epoch 0 includes the JIT's warm-up, epoch 1 is the steady
# state; the peer's one epoch has no warm-up. bptt 4, block 10 (our defaults, rnnlm's) against
# faster-rnnlm's defaults (bptt 5, period 6). Validation: the first 300 lines of valid.txt.
#
# The peer: build faster-rnnlm from its public source outside this repository as
# ../shared/reference/peers.md describes (libeigen3-dev; make NVCC_TEST=none; with gcc >= 10
# make its Makefile's -Ofast check numeric) and point FASTER_RNNLM at the binary.
# Usage: FASTER_RNNLM=/path/to/rnnlm eval/rnn-speed.sh [data dir]   (env REPS, BEFORE_REV)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
reps="${REPS:-3}"
before_rev="${BEFORE_REV:-097fca6}"
peer="${FASTER_RNNLM:-}"
out="$root/eval/out/rnn-speed"
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
before_jar=$("$root/eval/jar-at-rev.sh" "$before_rev")
head -n 300 "$data/valid.txt" > "$out/valid300.txt"
ours() {  # NAME THREADS EPOCHS OUTPUT-ARGS... -> epoch lines
  local name=$1 threads=$2 epochs=$3; shift 3
  rm -f "$out/$name.bin" "$out/$name.bin.checkpoint"
  "$root/bin/train-rnn" --train "$data/train.txt" --valid "$out/valid300.txt" --hidden 200 --bptt 4 --bptt-block 10 \
    --max-epochs "$epochs" --threads "$threads" "$@" --model "$out/$name.bin" 2>/dev/null | grep '^epoch'
}
before() {
  rm -f "$out/before.bin" "$out/before.bin.checkpoint"
  java -Xmx4g -XX:+UseParallelGC -jar "$before_jar" train-rnn --train "$data/train.txt" --valid "$out/valid300.txt" \
    --hidden 200 --class 100 --bptt 4 --bptt-block 10 --max-epochs 1 --threads 2 --model "$out/before.bin" 2>/dev/null | grep '^epoch'
}
peer_run() {  # THREADS -> words/s; -retry 0 -stop 100 end it after one epoch
  rm -f "$out/frnn" "$out/frnn.nnet"
  "$peer" -rnnlm "$out/frnn" -train "$data/train.txt" -valid "$out/valid300.txt" -hidden 200 -hidden-type sigmoid \
    -threads "$1" -seed 1 -retry 0 -stop 100 -reject-threshold 100 2>&1 | tr '\r' '\n' \
    | sed -nE 's/.* ([0-9.]+) Kwords\/sec.*/\1/p' | tail -n 1 | awk '{ printf "%.0f\n", $1 * 1000 }'
}
speed() { sed -E 's/.* ([0-9,]+) words\/s.*/\1/; s/,//g'; }
record() {  # NAME VALUE
  echo "$2" >> "$out/$1.txt"; printf '  %-22s %9s words/s\n' "$1" "$2"
}
median() { sort -n "$out/$1.txt" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
names="hs-t1-epoch0 hs-t1-epoch1 hs-t2-epoch0 hs-t2-epoch1 class-t2-epoch0 class-t2-epoch1 before-class-t2"
[ -n "$peer" ] && names="peer-hs-t1 peer-hs-t2 $names"
for n in $names; do : > "$out/$n.txt"; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$reps"); do
  echo "round $r"
  if [ -n "$peer" ]; then
    record peer-hs-t1 "$(peer_run 1)"
    record peer-hs-t2 "$(peer_run 2)"
  fi
  for t in 1 2; do
    lines=$(ours "hs-t$t" "$t" 2 --output hs)
    record "hs-t$t-epoch0" "$(echo "$lines" | sed -n 1p | speed)"
    record "hs-t$t-epoch1" "$(echo "$lines" | sed -n 2p | speed)"
  done
  lines=$(ours class-t2 2 2 --output class --class 100)
  record class-t2-epoch0 "$(echo "$lines" | sed -n 1p | speed)"
  record class-t2-epoch1 "$(echo "$lines" | sed -n 2p | speed)"
  record before-class-t2 "$(before | speed)"
done
echo "medians of $reps rounds (words/s):"
for n in $names; do printf '  %-22s %9s\n' "$n" "$(median "$n")"; done
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN { printf "%.2f", a / b }'; }
echo "ratios of medians:"
echo "  class-t2 / before-class-t2:  epoch 0 $(ratio class-t2-epoch0 before-class-t2), epoch 1 $(ratio class-t2-epoch1 before-class-t2)"
echo "  hs-t2 / hs-t1 (two threads): epoch 0 $(ratio hs-t2-epoch0 hs-t1-epoch0), epoch 1 $(ratio hs-t2-epoch1 hs-t1-epoch1)"
if [ -n "$peer" ]; then
  echo "  hs-t2 / peer-hs-t2:          epoch 0 $(ratio hs-t2-epoch0 peer-hs-t2), epoch 1 $(ratio hs-t2-epoch1 peer-hs-t2)"
  echo "  hs-t1 / peer-hs-t1:          epoch 0 $(ratio hs-t1-epoch0 peer-hs-t1), epoch 1 $(ratio hs-t1-epoch1 peer-hs-t1)"
  echo "  peer-hs-t2 / peer-hs-t1:     $(ratio peer-hs-t2 peer-hs-t1)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
