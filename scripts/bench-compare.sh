#!/usr/bin/env bash
# The benchmark of a baseline commit and of this tree, side by side in one run:
#   scripts/bench-compare.sh BASELINE_REF [bench options...]     e.g. scripts/bench-compare.sh acb450c --orders 300
# Builds BASELINE_REF in a temporary git worktree (removed afterwards, also on failure or Ctrl-C) and this tree as it
# is, then runs `bench` with the same options on each, alternating, baseline first (ROUNDS=N pairs, default 1; each
# run on new tables, deleted after it), through each tree's own benchmark (its own project, or the local host in a tree
# older than that), on one Azurite. Prints both outputs, then the key figures with the ratio current/baseline: read
# from the benchmark's `summary:` line, or from its printed lines for a baseline older than that line; a figure found
# in one output only is named as not compared.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 || $1 == -h || $1 == --help ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
baseline_commit="$(git rev-parse --verify --quiet "$1^{commit}")" || { echo "'$1' names no commit" >&2; exit 2; }
shift
rounds="${ROUNDS:-1}"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS takes a whole number of at least 1, not '$rounds'" >&2; exit 2; }
current="$PWD"
work="$(mktemp -d "${TMPDIR:-/tmp}/bench-compare.XXXXXX")"
baseline="$work/baseline"

cleanup() {
  if [[ -n ${AZURITE_PID:-} ]]; then stop_azurite; fi
  git -C "$current" worktree remove --force "$baseline" 2>/dev/null || true
  git -C "$current" worktree prune
  rm -rf "$work"
}
trap cleanup EXIT
# The EXIT trap cleans up; exiting is all an interrupt needs to do.
trap 'exit 130' INT TERM

echo "== baseline: $(git log -1 --format='%h %s' "$baseline_commit" | cut -c1-100)"
git worktree add --quiet --detach "$baseline" "$baseline_commit"
echo "== current: $(git log -1 --format='%h' HEAD)$(git diff --quiet HEAD || echo ' with uncommitted changes')"
# The project that runs `bench` in a tree: its own since issue 24, the local host's before (a baseline may be older).
bench_project() {
  if [[ -d $1/functions/EventFunctions.Benchmark ]]; then echo functions/EventFunctions.Benchmark; else echo functions/EventFunctions.LocalHost; fi
}

for tree in "$baseline" "$current"; do
  echo "building $tree"
  dotnet build "$tree/$(bench_project "$tree")" -c Release -nologo -v quiet
done

# One Azurite for every run; start_azurite sets its own EXIT trap, which cleanup replaces.
source scripts/azurite.sh
start_azurite
trap cleanup EXIT

# Runs the benchmark of one tree; its output goes to the terminal and to $work/<name>-<round>.out.
bench() {
  local name=$1 tree=$2 round=$3 status=0
  echo
  echo "== $name, round $round of $rounds: bench ${*:4}"
  (cd "$tree" && dotnet run --no-build --project "$(bench_project "$tree")" -c Release -- bench "${@:4}") 2>&1 \
    | tee "$work/$name-$round.out" || status=$?
  [[ $status -eq 0 ]] || echo "($name, round $round: the benchmark exited with $status)"
}

for round in $(seq 1 "$rounds"); do
  bench baseline "$baseline" "$round" "$@"
  bench current "$current" "$round" "$@"
done

# The key figures of one output, one "key value" a line: the summary line when there is one, else the printed lines.
figures() {
  local summary
  summary="$(grep '^summary: ' "$1" | tail -n 1 || true)"
  if [[ -n $summary ]]; then
    tr ' ' '\n' <<<"${summary#summary: }" | sed -n 's/^\([a-z0-9_]*\)=\(.*\)$/\1 \2/p'
    return
  fi
  sed -n \
    -e 's/^placed → final: *p50 \([0-9.]*\) ms, p90 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*/p50_ms \1\np90_ms \2\np99_ms \3/p' \
    -e 's/^achieved rate: *\([0-9.]*\) orders\/s accepted.*, \([0-9.]*\) orders\/s final.*/accepted_per_s \1\nfinal_per_s \2/p' \
    -e 's/^CPU per order:.*(together \([0-9.]*\) ms.*/cpu_ms_per_order \1/p' \
    -e 's/^Table Storage per order by the functions: \([0-9.]*\) round trips.*, \([0-9.]*\) entities, .*/table_requests_per_order \1\nentity_writes_per_order \2/p' \
    "$1"
}

# The median of one figure over the rounds of one side; empty when no round printed it.
median() {
  local side=$1 key=$2 round
  for round in $(seq 1 "$rounds"); do figures "$work/$side-$round.out"; done \
    | awk -v key="$key" '$1 == key { print $2 }' | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "== current against baseline ($(git log -1 --format=%h "$baseline_commit")), bench $*$([[ $rounds -gt 1 ]] && echo ", medians of $rounds rounds")"
printf '%-40s %12s %12s %18s\n' figure baseline current current/baseline
missing=()
while IFS='|' read -r key label; do
  before="$(median baseline "$key")"
  after="$(median current "$key")"
  if [[ -z $before || -z $after ]]; then
    missing+=("$label (not in the $([[ -z $before ]] && echo baseline || echo current)'s output)")
    printf '%-40s %12s %12s %18s\n' "$label" "${before:--}" "${after:--}" -
    continue
  fi
  printf '%-40s %12s %12s %18s\n' "$label" "$before" "$after" "$(awk -v a="$after" -v b="$before" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }')"
done <<'FIGURES'
p50_ms|placed→final p50 (ms)
p99_ms|placed→final p99 (ms)
accepted_per_s|achieved rate, accepted (orders/s)
final_per_s|achieved rate, final (orders/s)
table_requests_per_order|Table requests/order (functions)
entity_writes_per_order|entity writes/order (functions)
cpu_ms_per_order|CPU/order, host + Azurite (ms)
entities_touched_per_order|entities read+written/order (all)
account_orders_per_s|one storage account (orders/s)
hottest_partition_orders_per_s|hottest partition (orders/s)
FIGURES
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "not compared:"
  printf '  %s\n' "${missing[@]}"
fi
