#!/usr/bin/env bash
# Stronger rescoring models than eval/gutenberg-models.sh's: RNNs on all of
# ../shared/data/gutenberg/train.txt (7.6 M words; the text the dev prompts' books were removed
# from), into DIR (default eval/out/gutenberg-full); `MODELS=DIR eval/dev-twofold.sh` uses them:
#   kn5.bin        KN 5-gram (train-kn, ~35 s, 1.3 GB)
#   rnn1.bin       sigmoid H=200, noise-contrastive estimation (20 samples), --shuffle, seed 1
#   rnn2.bin       sigmoid H=200, noise-contrastive estimation, --shuffle, seed 2
#   rnn3.bin       sigmoid H=250, noise-contrastive estimation, --shuffle, seed 3
# All three were hierarchical-softmax models first (validation PPL 165.8, 171.8 with H=150, and
# 163.4); with NCE they reach 143.7, 148.0 and 139.4 in about the same time (eval/rnn-speed.md).
# Direct connections (RNNME, 100 M hashed weights, 3-gram features) with the hierarchical softmax
# overfit here: validation PPL 276 after one epoch, 292 after two while the training PPL fell
# from 250 to 175; best 229 against 166 without them (eval/rnn-speed.md), so none of the three
# uses them.
# Every RNN keeps the whole vocabulary (no rare-word threshold; RARE=T sets one), uses bptt 4 /
# block 10 and the rnnlm schedule (at most MAX_EPOCHS, default 10), validates on the first 1,500
# sentences of valid.txt (rnn-valid.txt) and trains with 2 threads. rnns.list names the RNNs (the
# experiments read it). The script prints each model's and the total training time. Finished
# models are kept; an interrupted one resumes from its checkpoint. Each RNN's per-epoch log (the
# training curve) is NAME.log.
# Usage: eval/gutenberg-models.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
text="$shared/data/gutenberg"
out="${1:-$root/eval/out/gutenberg-full}"
rare="${RARE:-0}"
epochs="${MAX_EPOCHS:-10}"
mkdir -p "$out"
jar="$root/target/lmrescore-all.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
java=(nice -n 5 java ${LMRESCORE_JAVA_OPTS:--Xmx6g} -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$jar")

if [ ! -f "$out/kn5.bin" ]; then
  echo "== training KN5 on gutenberg/train.txt"
  "${java[@]}" train-kn --order 5 --text "$text/train.txt" --binary "$out/kn5.bin" | tee "$out/kn5.log"
fi
[ -f "$out/rnn-valid.txt" ] || head -n 1500 "$text/valid.txt" > "$out/rnn-valid.txt"
total=0
train_rnn() {  # NAME OPTIONS...
  local name=$1; shift
  [ -f "$out/$name.bin" ] && return
  echo "== $(date +%T) training $name: $* (log: $out/$name.log)"
  local start=$SECONDS
  "${java[@]}" train-rnn --train "$text/train.txt" --valid "$out/rnn-valid.txt" --rare "$rare" --bptt 4 --bptt-block 10 \
    --max-epochs "$epochs" --threads 2 "$@" --model "$out/$name.bin" > "$out/$name.log"
  echo "   $name: $((SECONDS - start)) s; $(grep '^epoch' "$out/$name.log" | tail -1 | sed -E 's/.*valid entropy [0-9.]+ ppl +([0-9.]+).*/last validation PPL \1/')"
  total=$((total + SECONDS - start))
}
train_rnn rnn1 --hidden 200 --output nce --shuffle --seed 1
train_rnn rnn2 --hidden 200 --output nce --shuffle --seed 2
train_rnn rnn3 --hidden 250 --output nce --shuffle --seed 3
printf 'rnn1\nrnn2\nrnn3\n' > "$out/rnns.list"
[ "$total" -gt 0 ] && echo "RNN training time in this run: $total s ($((total / 60)) min)"
true
