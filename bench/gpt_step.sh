#!/usr/bin/env bash
# gpt_step.sh: the time of one training step of the character-level GPT,
# luoxia against PyTorch, at each thread count, in one run.
#
# A shared machine's speed drifts from one minute to the next, so a single
# timing of each side says little. This writes the Go corpus once, then runs
# ROUNDS rounds; in each round, for every thread count, it trains the baby
# GPT for ITERS steps with `aigc train transformer -task gpt` and with
# `bench/gpt_train.py` in each of DTYPES, one run right after the other, and
# reads each run's mean time a step from its closing line. It prints every
# round, then for each side and thread count the median over the rounds and
# the ratio of the medians, luoxia / PyTorch (below 1: luoxia is faster).
#
# Usage: bench/gpt_step.sh                 (from anywhere; needs python3-torch, see README.md)
# Knobs (environment):
#   ROUNDS=3             rounds (each takes about two minutes with the defaults)
#   ITERS=150            training steps of every run
#   THREADS="1 2"        thread counts (GOMAXPROCS for luoxia, --threads for PyTorch)
#   DTYPES="float32"     PyTorch's float types, e.g. "float32 float64"
#   CORPUS=file          train on this text instead of the Go corpus
#   OUT=dir              keep the raw outputs there (default: a temporary folder)
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
ITERS=${ITERS:-150}
THREADS=${THREADS:-"1 2"}
DTYPES=${DTYPES:-float32}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/luoxia-gpt-step.XXXXXX")}
mkdir -p "$OUT"
PY=/usr/bin/python3

say() { printf 'gpt_step.sh: %s\n' "$*" >&2; }

if ! "$PY" -c 'import torch' 2>/dev/null; then
	say "$PY cannot import torch; as root: apt-get install -y --no-install-recommends python3-torch libopenblas0-pthread"
	exit 1
fi
[[ $ROUNDS =~ ^[1-9][0-9]*$ && $ITERS =~ ^[1-9][0-9]*$ ]] || { say "ROUNDS and ITERS must be whole numbers, at least 1"; exit 1; }
for t in $THREADS; do
	[[ $t =~ ^[1-9][0-9]*$ ]] || { say "THREADS: \"$t\" is not a thread count"; exit 1; }
done
for d in $DTYPES; do
	[[ $d == float32 || $d == float64 ]] || { say "DTYPES: \"$d\" is not float32 or float64"; exit 1; }
done

go build -o "$OUT/aigc" ./cmd/aigc
if [[ -z ${CORPUS:-} ]]; then
	CORPUS=$OUT/go-corpus.txt
	"$OUT/aigc" train transformer -write-corpus "$CORPUS" >&2
fi
[[ -r $CORPUS ]] || { say "CORPUS: cannot read $CORPUS"; exit 1; }

# msstep FILE prints the ms a step of the closing line both sides print:
#   GPT after N steps: val loss 1.2345, 760 s (380.1 ms a step)
msstep() {
	local v
	v=$(sed -n 's/^GPT after [0-9]* steps: val loss [0-9.]*, [0-9]* s (\([0-9.]*\) ms a step)$/\1/p' "$1")
	[[ -n $v ]] || { say "no closing line in $1"; exit 1; }
	echo "$v"
}

: >"$OUT/steps.txt" # one line a run: round, threads, side, ms a step
for r in $(seq "$ROUNDS"); do
	for t in $THREADS; do
		say "round $r, $t thread(s): luoxia"
		f=$OUT/luoxia-$r-$t.txt
		GOMAXPROCS=$t "$OUT/aigc" train transformer -task gpt -corpus "$CORPUS" -iters "$ITERS" \
			-out "$OUT/luoxia-$r-$t" >"$f" 2>/dev/null
		echo "$r $t luoxia $(msstep "$f")" >>"$OUT/steps.txt"
		for d in $DTYPES; do
			say "round $r, $t thread(s): PyTorch $d"
			f=$OUT/torch-$d-$r-$t.txt
			"$PY" bench/gpt_train.py --corpus "$CORPUS" --iters "$ITERS" --threads "$t" --dtype "$d" >"$f" 2>&1
			echo "$r $t PyTorch-$d $(msstep "$f")" >>"$OUT/steps.txt"
		done
	done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at the end" >"$OUT/load.txt"

awk -v iters="$ITERS" -v rounds="$ROUNDS" '
	function median(list, n,    a, i, j, x) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{
		printf "round %s, %s thread(s): %s %.1f ms a step\n", $1, $2, $3, $4
		key = $2 SUBSEP $3; runs[key] = runs[key] " " $4
		if (!($2 in seenT)) { seenT[$2] = 1; ts[++nt] = $2 }
		if (!($3 in seenS)) { seenS[$3] = 1; sides[++ns] = $3 }
	}
	END {
		printf "\nms a step over %d steps, median of %d round%s\n", iters, rounds, rounds == 1 ? "" : "s"
		printf "| threads |"; for (j = 1; j <= ns; j++) printf " %s |", sides[j]
		for (j = 2; j <= ns; j++) printf " luoxia / %s |", sides[j]
		printf "\n|---|"; for (j = 1; j < 2 * ns; j++) printf "---|"; printf "\n"
		for (i = 1; i <= nt; i++) {
			t = ts[i]; printf "| %s |", t
			for (j = 1; j <= ns; j++) { m[j] = median(runs[t, sides[j]]); printf " %.1f |", m[j] }
			for (j = 2; j <= ns; j++) printf " %.2f |", m[1] / m[j]
			printf "\n"
		}
	}' "$OUT/steps.txt"
say "raw outputs in $OUT ($(cat "$OUT/load.txt"))"
