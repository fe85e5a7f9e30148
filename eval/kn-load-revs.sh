#!/usr/bin/env bash
# Loading an ARPA file against the program at another git revision, side by side: alternating,
# REPS rounds (default 3), medians and the ratio (eval/time-revs.sh), wall and peak RSS. STEP is
#   probing | trie     build-binary --layout STEP ARPA (then the two binaries' ppl on TEXT must agree)
#   ppl                ppl --kn ARPA --text TEXT (the ARPA file loaded for queries)
# with the JVM options bin/ gives these commands (-Xmx4g, the parallel collector, young generation
# capped at 256m).
# Usage: eval/kn-load-revs.sh REV STEP ARPA TEXT
#        e.g. eval/kn-load-revs.sh 5afbcc0 probing eval/out/kn/gutenberg.kenlm.arpa ../shared/data/gutenberg/test.txt
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:?usage: eval/kn-load-revs.sh REV STEP ARPA TEXT}"
step="${2:?probing, trie or ppl}"
arpa="${3:?ARPA file}"
text="${4:?text}"
reps="${REPS:-3}"
out="$root/eval/out/kn-load-revs"
# shellcheck source=time-revs.sh
. "$root/eval/time-revs.sh"
mkdir -p "$out"
java_opts=(-Xmx4g -XX:+UseParallelGC -XX:MaxNewSize=256m --add-modules jdk.incubator.vector)
measure() {  # JAR -> "SECONDS peak-RSS-MB [ppl]"
  local name; name=$(echo "$1" | md5sum | cut -c1-8)
  case "$step" in
    probing|trie)
      rm -f "$out/$name.bin"
      /usr/bin/time -f "%e %M" -o "$out/time.txt" java "${java_opts[@]}" -jar "$1" build-binary --layout "$step" \
        "$arpa" "$out/$name.bin" > /dev/null 2>&1
      java "${java_opts[@]}" -jar "$1" ppl --kn "$out/$name.bin" --text "$text" > "$out/$name.ppl" 2> /dev/null ;;
    ppl)
      /usr/bin/time -f "%e %M" -o "$out/time.txt" java "${java_opts[@]}" -jar "$1" ppl --kn "$arpa" --text "$text" \
        > "$out/$name.ppl" 2> /dev/null ;;
    *) echo "STEP is probing, trie or ppl" >&2; exit 2 ;;
  esac
  read -r wall rss < "$out/time.txt"
  echo "$wall $((rss / 1024))MB $(grep -o 'ppl= [0-9.]*' "$out/$name.ppl" | head -1)"
}
rm -f "$out"/*.ppl
time_revs "$rev" "$step of $(basename "$arpa") ($(wc -c < "$arpa") bytes)"
# both programs' models give the same perplexity line
cmp -s $(ls "$out"/*.ppl) && echo "ppl output identical" || { echo "PPL OUTPUT DIFFERS"; head "$out"/*.ppl; exit 1; }
