#!/bin/bash
# Two builds taking turns on "full check, one file edited" (bench/run.mjs's edit: svc0's r1.py, dated
# an hour back so no cache takes it for racily fresh), in a repository bench/generate.mjs made. Each
# build has its own cache folder; the first run of each fills it. CPU and peak memory by GNU time.
#   bench/ab-edit.sh OLD_CHECKOUT NEW_CHECKOUT REPO ROUNDS   (each checkout built: bin/ and dist/)
set -u
old=$1; new=$2; repo=$3; rounds=$4
router=$repo/services/svc0/src/api/v1/r1.py
work=$(mktemp -d)
i=0
one() {
  i=$((i + 1))
  echo "# edit $i" >> "$router"
  touch -d "@$(( $(date +%s) - 3600 + i ))" "$router"
  /usr/bin/time -f "$1 %e s wall, %U user + %S sys CPU, %M KiB" env PARITY_CHECK_CACHE_DIR="$work/cache-$1" \
    node "$2/bin/parity-check.cjs" "$repo" --format json > "$work/out-$1.json" 2> "$work/err-$1.txt"
  tail -1 "$work/err-$1.txt"
}
echo "warm-up (fills each build's caches)"
one old "$old"; one new "$new"
for _ in $(seq 1 "$rounds"); do one old "$old"; one new "$new"; done
cmp -s "$work/out-old.json" "$work/out-new.json" && echo "same stdout" || echo "stdout DIFFERS"
git -C "$repo" checkout -q HEAD -- services/svc0/src/api/v1/r1.py
rm -rf "$work"
