#!/usr/bin/env bash
# Prints the path of this program's jar as it was at a git revision, building it once (from
# `git archive`, so the working tree is not touched) into eval/out/revs/HASH. The side-by-side
# benchmarks use it to run "our previous version".
# Usage: eval/jar-at-rev.sh REV
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
hash=$(git -C "$root" rev-parse --short "${1:?usage: eval/jar-at-rev.sh REV}")
dir="$root/eval/out/revs/$hash"
if [ ! -f "$dir/target/lmrescore.jar" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  git -C "$root" archive "$hash" | tar -x -C "$dir"
  (cd "$dir" && mvn -B -q -DskipTests package) >&2
fi
echo "$dir/target/lmrescore.jar"
