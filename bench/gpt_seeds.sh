#!/usr/bin/env bash
# gpt_seeds.sh: the spread of the character-level GPT's validation loss over
# seeds, luoxia against PyTorch, in one run.
#
# One run's validation loss depends on its seed (the initial weights and the
# training windows), so a single run of each side cannot say whether the two
# agree. This writes the Go corpus once (`aigc train transformer -write-corpus`),
# then trains nanoGPT's baby GPT on it once per seed with
# `aigc train transformer -task gpt -seed S` and once per seed with
# `bench/gpt_train.py --seed S` (float32, one thread), one run at a time, and
# prints each run's final validation loss and ms a step and, for each side, the
# mean, standard deviation and standard error of the mean of the loss.
#
# Usage: bench/gpt_seeds.sh               (from anywhere; needs python3-torch, see README.md)
# Knobs (environment):
#   SEEDS="1337 1 2"     seeds to run (each side takes roughly 10 to 15 minutes a seed at 2,000 steps)
#   ITERS=2000           training steps of every run (fewer stop early on the same schedule)
#   THREADS=1            threads of each side (GOMAXPROCS for luoxia, --threads for PyTorch)
#   TORCH_ARGS=""        extra flags for gpt_train.py, e.g. "--dtype float64"
#   CORPUS=file          train on this text instead of the Go corpus
#   OUT=dir              keep the raw outputs there (default: a temporary folder)
set -euo pipefail

cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-"1337 1 2"}
ITERS=${ITERS:-2000}
THREADS=${THREADS:-1}
TORCH_ARGS=${TORCH_ARGS:-}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/luoxia-gpt-seeds.XXXXXX")}
mkdir -p "$OUT"
PY=/usr/bin/python3

say() { printf 'gpt_seeds.sh: %s\n' "$*" >&2; }

if ! "$PY" -c 'import torch' 2>/dev/null; then
	say "$PY cannot import torch; as root: apt-get install -y --no-install-recommends python3-torch libopenblas0-pthread"
	exit 1
fi
for s in $SEEDS; do
	[[ $s =~ ^[0-9]+$ ]] || { say "SEEDS: \"$s\" is not a seed (want whole numbers)"; exit 1; }
done
[[ $ITERS =~ ^[0-9]+$ && $THREADS =~ ^[1-9][0-9]*$ ]] || { say "ITERS and THREADS must be whole numbers (THREADS at least 1)"; exit 1; }

go build -o "$OUT/aigc" ./cmd/aigc
if [[ -z ${CORPUS:-} ]]; then
	CORPUS=$OUT/go-corpus.txt
	"$OUT/aigc" train transformer -write-corpus "$CORPUS" >&2
fi
[[ -r $CORPUS ]] || { say "CORPUS: cannot read $CORPUS"; exit 1; }

for s in $SEEDS; do
	say "seed $s: luoxia"
	GOMAXPROCS=$THREADS "$OUT/aigc" train transformer -task gpt -corpus "$CORPUS" -iters "$ITERS" -seed "$s" \
		-out "$OUT/luoxia-$s" >"$OUT/luoxia-$s.txt" 2>/dev/null
	say "seed $s: PyTorch"
	# shellcheck disable=SC2086 # TORCH_ARGS is a list of flags
	"$PY" bench/gpt_train.py --corpus "$CORPUS" --iters "$ITERS" --seed "$s" --threads "$THREADS" $TORCH_ARGS \
		>"$OUT/torch-$s.txt" 2>&1
done

# Both sides end with the same line:
#   GPT after N steps: val loss 1.2345, 760 s (380.1 ms a step)
# One line per run: side, seed, validation loss, ms a step.
{
	for s in $SEEDS; do
		for side in luoxia torch; do
			f=$OUT/$side-$s.txt
			line=$(sed -n 's/^GPT after [0-9]* steps: val loss \([0-9.]*\), [0-9]* s (\([0-9.]*\) ms a step)$/\1 \2/p' "$f")
			[[ -n $line ]] || { say "no closing line in $f"; exit 1; }
			[[ $side == torch ]] && side=PyTorch
			echo "$side $s $line"
		done
	done
} >"$OUT/losses.txt"

awk -v iters="$ITERS" '
	{ v[$1, $2] = $3; ms[$1, $2] = $4; n[$1]++; sum[$1] += $3; sq[$1] += $3 * $3; if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 } }
	END {
		printf "validation loss after %d steps, nats per character (ms a step)\n", iters
		print "| seed | luoxia | PyTorch |"
		print "|---|---|---|"
		for (i = 1; i <= k; i++) { s = order[i]; printf "| %s | %.4f (%.0f) | %.4f (%.0f) |\n", s, v["luoxia", s], ms["luoxia", s], v["PyTorch", s], ms["PyTorch", s] }
		split("luoxia PyTorch", sides, " ")
		for (j = 1; j <= 2; j++) {
			s = sides[j]; m = sum[s] / n[s]
			sd = n[s] > 1 ? sqrt((sq[s] - n[s] * m * m) / (n[s] - 1)) : 0
			printf "%s: mean %.4f, sd %.4f, standard error %.4f over %d seed%s\n", s, m, sd, sd / sqrt(n[s]), n[s], n[s] == 1 ? "" : "s"
		}
	}' "$OUT/losses.txt"
say "raw outputs in $OUT"
