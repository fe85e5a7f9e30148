#!/usr/bin/env bash
# Benchmark of rescoring (issue: no AMI lattice over 10 s or 2 GB; the 539 dev lattices with three
# RNNs and a KN5 under a minute on 2 cores; 100-best rescoring with and without prefix sharing).
#
#   eval/bench-rescore.sh [MODEL_OPTIONS...]     default: --kn eval/out/rescore/kn5.bin
#
# Without model options it trains a KN 5-gram on ../shared/data/gutenberg/train.txt once
# (eval/out/rescore/kn5.bin). Prints, per AMI lattice, read / expansion / 100-best times and sizes,
# the N-best prefix-sharing speed-up (one run, both ways), peak heap and RSS, then the wall time of
# `rescore` over the 539 Sphinx dev lattices on 2 threads, with its WER summary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
out="$root/eval/out/rescore"
mkdir -p "$out"
jar="$root/target/lmrescore-all.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -o -DskipTests package)
java=(java ${LMRESCORE_JAVA_OPTS:--Xmx4g} -XX:+UseParallelGC --add-modules jdk.incubator.vector)
bench_cp=$("$root/eval/test-classpath.sh")  # the benchmark command lives with the tests

if [ "$#" -eq 0 ]; then
  if [ ! -f "$out/kn5.bin" ]; then
    echo "== training KN5 on gutenberg/train.txt (once)"
    "${java[@]}" -jar "$jar" train-kn --order 5 --text "$shared/data/gutenberg/train.txt" --binary "$out/kn5.bin"
  fi
  set -- --kn "$out/kn5.bin"
fi

echo "== AMI lattices (lmscale 14, words looked up in lower case) and Sphinx dev 100-best lists"
/usr/bin/time -f "%e %M" -o "$out/time-bench.txt" \
  "${java[@]}" -cp "$bench_cp" org.lmrescore.cli.BenchRescoreCommand "$@" --lattices "$shared/lattices/ami" --lmscale 14 --lowercase \
  --nbest-lists "$shared/speech/dev/sphinx/nbest" --repeat 10 | tee "$out/bench.txt"
read -r wall rss < "$out/time-bench.txt"
printf 'benchmark process: wall %.1f s, peak RSS %.0f MB\n' "$wall" "$(echo "$rss / 1024" | bc)"

echo "== rescore: 539 Sphinx dev lattices, 2 threads (model loading included)"
/usr/bin/time -f "%e %M" -o "$out/time-dev.txt" \
  "${java[@]}" -jar "$jar" rescore "$@" --in "$shared/speech/dev/sphinx/lat" --out "$out/dev" --threads 2 \
  --ref "$shared/speech/dev/ref.trn" --baseline "$shared/speech/dev/sphinx/hyp.trn" --json | tail -1 | tee "$out/dev.json"
read -r wall rss < "$out/time-dev.txt"
printf 'rescore dev set: wall %.1f s, peak RSS %.0f MB\n' "$wall" "$(echo "$rss / 1024" | bc)"

# Speed only: an RNN of the paper's size trained for one epoch on a 116k-word slice of the
# gutenberg text, used three times (rescoring cost depends on the model sizes, not on their training).
rnn="$out/rnn-speed-h200.bin"
if [ ! -f "$rnn" ]; then
  head -c 600000 "$shared/data/gutenberg/train.txt" | head -n -1 > "$out/rnn-train-slice.txt"
  head -n 200 "$shared/data/gutenberg/valid.txt" > "$out/rnn-valid-slice.txt"
  "${java[@]}" -jar "$jar" train-rnn --train "$out/rnn-train-slice.txt" --valid "$out/rnn-valid-slice.txt" \
    --hidden 200 --class 100 --max-epochs 1 --model "$rnn" > /dev/null
fi
echo "== AMI lattices and dev 100-best lists with three RNNs (H=200, C=100) + KN5"
"${java[@]}" -cp "$bench_cp" org.lmrescore.cli.BenchRescoreCommand --rnn "$rnn,$rnn,$rnn" \
  --kn "$out/kn5.bin" --lattices "$shared/lattices/ami" --lmscale 14 --lowercase \
  --nbest-lists "$shared/speech/dev/sphinx/nbest" --repeat 2 | tee "$out/bench-rnn.txt"


echo "== rescore speed with three RNNs (H=200, C=100) + KN5 on the 539 dev lattices, 2 threads"
/usr/bin/time -f "%e %M" -o "$out/time-rnn.txt" \
  "${java[@]}" -jar "$jar" rescore --rnn "$rnn,$rnn,$rnn" --kn "$out/kn5.bin" --in "$shared/speech/dev/sphinx/lat" \
  --out "$out/dev-rnn" --threads 2 --no-lattices --json | tail -1 > "$out/dev-rnn.json"
read -r wall rss < "$out/time-rnn.txt"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print("rescoring %.1f s for %d utterances" % (j["seconds"], j["utterances"]))' "$out/dev-rnn.json"
printf 'rescore 3 RNN + KN5: wall %.1f s (model loading included), peak RSS %.0f MB\n' "$wall" "$(echo "$rss / 1024" | bc)"
