# Sourced by the timing benchmarks that run this checkout against the program at another git
# revision: the alternating rounds and the medians, in one place. The caller sets root, out
# (a folder) and reps, and defines measure JAR, which runs one timed job with that jar and
# prints "SECONDS [NOTE]" (NOTE: anything to show beside the time, such as the PPL reached).
#   time_revs REV DESCRIPTION   builds the other jar, runs REPS rounds alternating, prints medians and ratio

time_revs() {
  local hash other jar who r line
  hash=$(git -C "$root" rev-parse --short "$1")
  mkdir -p "$out"
  [ -f "$root/target/lmrescore-all.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
  other=$("$root/eval/jar-at-rev.sh" "$hash")
  : > "$out/this.txt"
  : > "$out/rev.txt"
  echo "this checkout ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ', modified')) against" \
    "$hash; $2; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for r in $(seq "$reps"); do
    for who in this rev; do
      jar=$([ "$who" = this ] && echo "$root/target/lmrescore-all.jar" || echo "$other")
      line=$(measure "$jar")
      echo "${line%% *}" >> "$out/$who.txt"
      echo "round $r $who: $line"
    done
  done
  python3 - "$out" <<'PY'
import statistics, sys
d = sys.argv[1]
t = statistics.median(float(x) for x in open(d + '/this.txt'))
r = statistics.median(float(x) for x in open(d + '/rev.txt'))
print('median: this %.2f s, rev %.2f s; speed ratio this/rev %.2f' % (t, r, r / t))
PY
}
