#!/usr/bin/env bash
# The rescoring models of the speech experiments, trained on ../shared/data/gutenberg/train.txt
# (the text the dev prompts' books were removed from), into DIR (default eval/out/gutenberg):
#   kn5.bin        KN 5-gram, all of train.txt (train-kn, ~35 s, 1.3 GB)
#   rnn-h150.bin   sigmoid RNN H=150 C=100 bptt 4/10, sentences 1-60,000     (1.0 M tokens, seed 1, <= 5 epochs)
#   rnn2-h150.bin  the same on sentences 60,001-120,000                      (0.98 M tokens, seed 2, <= 4 epochs)
#   rnn3-h150.bin  the same on sentences 120,001-240,000                     (2.1 M tokens, seed 3, <= 4 epochs)
# RNNs validate on the first 1,500 sentences of valid.txt (rnn-valid.txt) and train with 2 threads;
# about 2.5, 2 and 5 minutes on an idle 2-core machine (3-5x longer when other jobs share it). Finished models are kept; an interrupted one resumes from its
# checkpoint. Each RNN's per-epoch log (the training curve) is NAME.log; rnns.list names the RNNs.
# eval/gutenberg-full-models.sh makes RNNs on all of the text instead.
# Usage: eval/gutenberg-models.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
text="$shared/data/gutenberg"
out="${1:-$root/eval/out/gutenberg}"
mkdir -p "$out"
jar="$root/target/lmrescore-all.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
java=(nice -n 5 java ${LMRESCORE_JAVA_OPTS:--Xmx4g} -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$jar")

if [ ! -f "$out/kn5.bin" ]; then
  echo "== training KN5 on gutenberg/train.txt"
  "${java[@]}" train-kn --order 5 --text "$text/train.txt" --binary "$out/kn5.bin" | tee "$out/kn5.log"
fi
[ -f "$out/rnn-valid.txt" ] || head -n 1500 "$text/valid.txt" > "$out/rnn-valid.txt"
train_rnn() {  # NAME FIRST_LINE LAST_LINE SEED MAX_EPOCHS
  [ -f "$out/$1.bin" ] && return
  echo "== training $1 on lines $2-$3 of gutenberg/train.txt (log: $out/$1.log)"
  sed -n "$2,$3p" "$text/train.txt" > "$out/$1-train.txt"
  "${java[@]}" train-rnn --train "$out/$1-train.txt" --valid "$out/rnn-valid.txt" --hidden 150 --class 100 \
    --bptt 4 --bptt-block 10 --max-epochs "$5" --threads 2 --seed "$4" --model "$out/$1.bin" > "$out/$1.log"
}
train_rnn rnn-h150 1 60000 1 5
train_rnn rnn2-h150 60001 120000 2 4
train_rnn rnn3-h150 120001 240000 3 4
printf 'rnn-h150\nrnn2-h150\nrnn3-h150\n' > "$out/rnns.list"
