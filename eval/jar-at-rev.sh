#!/usr/bin/env bash
# Prints the path of this program's jar as it was at a git revision, building it once (from
# `git archive`, so the working tree is not touched) into eval/out/revs/HASH. The side-by-side
# benchmarks use it to run "our previous version".
# Usage: eval/jar-at-rev.sh REV
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
hash=$(git -C "$root" rev-parse --short "${1:?usage: eval/jar-at-rev.sh REV}")
dir="$root/eval/out/revs/$hash"
# The runnable jar is target/lmrescore-all.jar since the library jar became the main artifact,
# target/lmrescore.jar before.
runnable() {
  for j in "$dir/target/lmrescore-all.jar" "$dir/target/lmrescore.jar"; do
    [ -f "$j" ] && { echo "$j"; return 0; }
  done
  return 1
}
if ! runnable > /dev/null; then
  rm -rf "$dir" && mkdir -p "$dir"
  git -C "$root" archive "$hash" | tar -x -C "$dir"
  (cd "$dir" && mvn -B -q -DskipTests package) >&2
fi
runnable
