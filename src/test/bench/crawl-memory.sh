#!/usr/bin/env bash
# Peak memory of a crawl as the site grows: `hoard get -r` on a synthetic site of SMALL pages, then of LARGE pages
# (numbered_site.py: each page links ten others by number), each under /usr/bin/time. Prints pages saved, seconds
# and peak RSS for both, and their ratio: a crawl's memory must stay flat, so the ratio stays near 1.
#
# usage (from the repository root): src/test/bench/crawl-memory.sh [SMALL [LARGE]]    defaults: 1000 100000
# Runs the ./hoard launcher (what users run, with its JVM flags); JAVA_OPTS, when set, runs the jar with those flags.
set -euo pipefail
small=${1:-1000}
large=${2:-100000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
java_opts=${JAVA_OPTS:-}
[ -x /usr/bin/time ] || { echo "crawl-memory: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 3; }
"$repo/hoard" --version >/dev/null
work="$(mktemp -d)"
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# a copy: a rebuild of target/ while this runs must not pull the jar from under the JVM
cp "$repo/target/hoard.jar" "$work/hoard.jar"

crawl() {
  local pages=$1
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 "$here/numbered_site.py" "$pages" "$port" 2>/dev/null &
  server=$!
  for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/p/0.html" && break
    sleep 0.1
  done
  local hoard=("$repo/hoard")
  # shellcheck disable=SC2206
  if [ -n "$java_opts" ]; then hoard=(java $java_opts -jar "$work/hoard.jar"); fi
  /usr/bin/time -f "%M %e" -o "$work/time-$pages" "${hoard[@]}" get -r -l inf --no-robots \
    --max-pages $((pages * 2)) -q -d "$work/out-$pages" "http://127.0.0.1:$port/p/0.html"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
  local saved
  saved=$(find "$work/out-$pages" -type f | wc -l)
  read -r rss secs < "$work/time-$pages"
  printf '%8d pages: %8d saved in %7.1f s, peak RSS %7d KiB\n' "$pages" "$saved" "$secs" "$rss"
  rm -rf "$work/out-$pages"
  eval "rss_$pages=$rss"
}

crawl "$small"
crawl "$large"
eval "a=\$rss_$small; b=\$rss_$large"
awk -v a="$a" -v b="$b" 'BEGIN { printf "peak RSS ratio %d/%d pages: %.2f\n", '"$large"', '"$small"', b / a }'
