#!/usr/bin/env bash
# Benchmark of the Kneser-Ney n-gram tools on the Brown corpus (ASR form), against KenLM's figures
# in ../shared/reference/peers.md: lmplz -o 5 4.6 s wall / 0.4 GB peak; trie binary 24.3 MB.
# Prints training time and peak memory (train-kn), binary size, load time and queries per second.
#
#   eval/bench-kn.sh [DATA_DIR] [ORDER]     (default ../shared/data/brown-asr, 5)
#
# Outputs go to eval/out/kn/. The machine may be shared: wall times are upper bounds, user CPU
# seconds are the steadier figure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/brown-asr}"
order="${2:-5}"
out="$root/eval/out/kn"
name="bench.$(basename "$data").o$order"
mkdir -p "$out"
jar="$root/target/lmrescore-all.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -o -DskipTests package)
java=(java ${LMRESCORE_JAVA_OPTS:--Xmx4g} -XX:+UseParallelGC)

measure() { # label, command...: runs under /usr/bin/time, prints wall / CPU / peak RSS
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" > "$out/$label.stdout" 2> "$out/$label.stderr"
  read -r wall user sys rss < "$out/time.txt"
  printf '%-24s wall %6.2f s   user+sys %6.2f s   peak RSS %5.0f MB\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)"
}

echo "== train-kn --order $order on $data/train.txt (writes ARPA, as lmplz does)"
measure train-kn "${java[@]}" -jar "$jar" train-kn --order "$order" --text "$data/train.txt" \
  --arpa "$out/$name.arpa" --verbose
grep -E 'n-grams|estimated' "$out/train-kn.stderr" | tail -2

echo "== build-binary"
measure build-binary "${java[@]}" -jar "$jar" build-binary "$out/$name.arpa" "$out/$name.bin"
printf '%-24s %.1f MB (ARPA %.1f MB; KenLM trie 24.3 MB, probing 50.0 MB for the 5-gram)\n' "binary size" \
  "$(echo "$(stat -c %s "$out/$name.bin") / 1000000" | bc -l)" \
  "$(echo "$(stat -c %s "$out/$name.arpa") / 1000000" | bc -l)"

echo "== load and query (single thread, test.txt)"
"${java[@]}" -cp "$("$root/eval/test-classpath.sh")" org.lmrescore.lm.ngram.QueryBenchmark "$out/$name.bin" "$data/test.txt" 5

echo "== ppl from the binary, whole command (JVM start included)"
measure ppl "${java[@]}" -jar "$jar" ppl --kn "$out/$name.bin" --text "$data/test.txt" --json
cat "$out/ppl.stdout"
echo
echo "targets: train wall <= 9.2 s and peak <= 0.8 GB (2x lmplz -S 2G), binary <= 36 MB (1.5x trie),"
echo "         load < 1 s, >= 2,000,000 n-gram lookups/s"
