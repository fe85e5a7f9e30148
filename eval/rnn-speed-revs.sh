#!/usr/bin/env bash
# Training words/s of this checkout against the program at another git revision, side by side:
# alternating, REPS rounds (default 3), medians and the ratio. Each run is `train-rnn` on
# brown-asr, sigmoid H=200, bptt 4 / block 10, 2 epochs (epoch 0 includes the JIT's warm-up,
# epoch 1 is the steady state), validation on the first 300 lines of valid.txt.
# Usage: eval/rnn-speed-revs.sh REV [THREADS] [OUTPUT-ARGS...]
#        e.g. eval/rnn-speed-revs.sh HEAD~3 2 --output hs        (env REPS, LMRESCORE_SHARED)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${LMRESCORE_SHARED:-$root/../shared}/data/brown-asr"
rev="${1:?usage: eval/rnn-speed-revs.sh REV [THREADS] [OUTPUT-ARGS...]}"
threads="${2:-2}"
shift $(( $# >= 2 ? 2 : 1 ))
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--output hs)
reps="${REPS:-3}"
out="$root/eval/out/rnn-speed-revs"
hash=$(git -C "$root" rev-parse --short "$rev")
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
other=$("$root/eval/jar-at-rev.sh" "$hash")
head -n 300 "$data/valid.txt" > "$out/valid300.txt"
run() {  # JAR -> two epoch lines
  rm -f "$out/m.bin" "$out/m.bin.checkpoint"
  java -Xmx4g -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$1" train-rnn --train "$data/train.txt" \
    --valid "$out/valid300.txt" --hidden 200 --bptt 4 --bptt-block 10 --max-epochs 2 --threads "$threads" "${args[@]}" \
    --model "$out/m.bin" 2>/dev/null | grep '^epoch'
}
speed() { sed -E 's/.* ([0-9,]+) words\/s.*/\1/; s/,//g'; }
names="this-epoch0 this-epoch1 rev-epoch0 rev-epoch1"
for n in $names; do : > "$out/$n.txt"; done
echo "this checkout ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ', modified')) against $hash;" \
  "$threads thread(s), ${args[*]}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$reps"); do
  for who in this rev; do
    jar=$([ "$who" = this ] && echo "$root/target/lmrescore-all.jar" || echo "$other")
    lines=$(run "$jar")
    for e in 0 1; do
      v=$(echo "$lines" | sed -n "$((e + 1))p" | speed)
      echo "$v" >> "$out/$who-epoch$e.txt"
      printf '  round %d %-12s %9s words/s\n' "$r" "$who-epoch$e" "$v"
    done
  done
done
median() { sort -n "$out/$1.txt" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN { printf "%.2f", a / b }'; }
echo "medians of $reps rounds: this $(median this-epoch0) / $(median this-epoch1), $hash $(median rev-epoch0) / $(median rev-epoch1) words/s (epoch 0 / 1)"
echo "ratio this / $hash: epoch 0 $(ratio this-epoch0 rev-epoch0), epoch 1 $(ratio this-epoch1 rev-epoch1)"
