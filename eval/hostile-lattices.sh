#!/usr/bin/env bash
# Memory bounds of `rescore` on hostile lattices among good ones, with default settings and the
# launcher's default heap: the first 40 Sphinx dev lattices of ../shared plus, generated here,
#   big-1m.slf.gz   a real-looking 1,000,000-link lattice (2,000 slots x 500 words of the KN
#                   vocabulary, random scores): its expansion exceeds the arc budget, so it falls
#                   back (harder pruning, then its N-best list) and the summary records which;
#   bomb.slf.gz     a gzip bomb: 5,000,001 links declaring no size (about 190 MB of text):
#                   refused at the reading limit with file:line, the other files still rescored.
# Prints the summary, the fallbacks recorded in summary.json, the exit status (1: a file was
# skipped) and the peak RSS of the whole run. Outputs in eval/out/hostile/.
# Usage: eval/hostile-lattices.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${LMRESCORE_SHARED:-$root/../shared}"
out="$root/eval/out/hostile"
mkdir -p "$out"
[ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
kn="$root/models/kn5-small.arpa.gz"
if [ ! -f "$out/big-1m.slf.gz" ]; then
  { zcat "$kn" || true; } | awk '/^\\1-grams:/ { on = 1; next } /^\\/ { on = 0 }
    on && NF >= 2 && $2 !~ /^</ { print $2; if (++n == 5000) exit }' > "$out/words.txt"
  python3 - "$out/words.txt" "$out/big-1m.slf.gz" <<'PY'
import gzip, random, sys
words = open(sys.argv[1]).read().split()
random.seed(1)
slots, alternatives = 2000, 500
with gzip.open(sys.argv[2], 'wt', compresslevel=1) as f:
    f.write('VERSION=1.0\nUTTERANCE=big-1m\nlmscale=8.0 wdpenalty=0.0\n')
    f.write('N=%d L=%d\n' % (slots + 1, slots * alternatives))
    for v in range(slots + 1):
        f.write('I=%d t=%.2f\n' % (v, v * 0.3))
    j = 0
    for s in range(slots):
        for a in range(alternatives):
            f.write('J=%d S=%d E=%d W=%s a=%.2f l=%.2f\n' % (j, s, s + 1, random.choice(words),
                                                          -300 - 40 * random.random(), -5 * random.random()))
            j += 1
PY
fi
if [ ! -f "$out/bomb.slf.gz" ]; then
  python3 - "$out/bomb.slf.gz" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], 'wt', compresslevel=9) as f:
    f.write('VERSION=1.0\nUTTERANCE=bomb\nI=0\nI=1\n')
    line = []
    for j in range(5_000_001):
        line.append('J=%d S=0 E=1 W=a a=-1 l=-1\n' % j)
        if len(line) == 100_000:
            f.write(''.join(line)); line = []
    f.write(''.join(line))
PY
fi
ls "$shared/speech/dev/sphinx/lat/"*.lat | sed -n 1,40p > "$out/in.list"
echo "$out/big-1m.slf.gz" >> "$out/in.list"
echo "$out/bomb.slf.gz" >> "$out/in.list"
ls -la "$out/big-1m.slf.gz" "$out/bomb.slf.gz" | awk '{ printf "%s: %.1f MB on disk\n", $NF, $5 / 1e6 }'
rm -rf "$out/rescored"
status=0
/usr/bin/time -f "%e %M" -o "$out/time.txt" "$root/bin/rescore" --kn "$kn" --in "$out/in.list" --out "$out/rescored" \
  --threads 2 --no-lattices 2> "$out/stderr.txt" || status=$?
grep -v '^WARNING: Using incubator' "$out/stderr.txt" | grep -E 'warning|error' | cut -c1-300 || true
read -r wall rss < <(tail -1 "$out/time.txt")
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print("summary.json: %d utterances rescored, %d failed files, fallbacks %s" % (j["utterances"], j["failed_files"], j["fallbacks"]))' "$out/rescored/summary.json"
printf 'exit status %d; wall %.1f s; peak RSS %.0f MB (heap limit: the launcher default, %s)\n' "$status" "$wall" \
  "$(echo "$rss / 1024" | bc)" "${LMRESCORE_JAVA_OPTS:--Xmx4g}"
