#!/usr/bin/env bash
# vae_seeds.sh: the spread of the VAE chapter's 7-epoch test loss over seeds,
# luoxia against PyTorch, in one run.
#
# A single training run's test -ELBO depends on its seed (the initial weights,
# the order of the digits, the noise) by a few tenths of a nat, so one run of
# either side says little about whether the two implementations agree. This
# trains the MLP VAE of the PyTorch examples (chapters/vae DefaultConfig) once
# per seed with `aigc train vae -seed S` and once per seed with
# `bench/vae_train.py --seed S` (float32, the example's), one run at a time,
# then prints each run's test -ELBO per digit and, for each side, the mean,
# the standard deviation and the standard error of the mean.
#
# Usage: bench/vae_seeds.sh               (from anywhere; needs python3-torch, see README.md)
# Knobs (environment):
#   SEEDS="1 2 3 4 5 6 7 8 9 10"   seeds to run (each side takes 1 to 2 minutes a seed)
#   TORCH_ARGS=""                  extra flags for vae_train.py, e.g. "--dtype float64"
#   OUT=dir                        keep the raw outputs there (default: a temporary folder)
set -euo pipefail

cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-"1 2 3 4 5 6 7 8 9 10"}
TORCH_ARGS=${TORCH_ARGS:-}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/luoxia-vae-seeds.XXXXXX")}
mkdir -p "$OUT"
PY=/usr/bin/python3

say() { printf 'vae_seeds.sh: %s\n' "$*" >&2; }

if ! "$PY" -c 'import torch' 2>/dev/null; then
	say "$PY cannot import torch; as root: apt-get install -y python3-torch"
	exit 1
fi
for s in $SEEDS; do
	[[ $s =~ ^[0-9]+$ ]] || { say "SEEDS: \"$s\" is not a seed (want whole numbers)"; exit 1; }
done

go build -o "$OUT/aigc" ./cmd/aigc
for s in $SEEDS; do
	say "seed $s: luoxia"
	GOMAXPROCS=2 "$OUT/aigc" train vae -seed "$s" -out "$OUT/luoxia-$s" >"$OUT/luoxia-$s.txt" 2>/dev/null
	say "seed $s: PyTorch"
	# shellcheck disable=SC2086 # TORCH_ARGS is a list of flags
	"$PY" bench/vae_train.py --seed "$s" $TORCH_ARGS >"$OUT/torch-$s.txt" 2>&1
done

# One line per run: side, seed, test -ELBO.
{
	for s in $SEEDS; do
		v=$(sed -n 's/^mlp VAE after epoch [0-9]*: test -ELBO \([0-9.]*\).*/\1/p' "$OUT/luoxia-$s.txt")
		[[ -n $v ]] || { say "no test -ELBO in $OUT/luoxia-$s.txt"; exit 1; }
		echo "luoxia $s $v"
		v=$(sed -n 's/^result .* test_loss=\([0-9.]*\) .*/\1/p' "$OUT/torch-$s.txt")
		[[ -n $v ]] || { say "no result line in $OUT/torch-$s.txt"; exit 1; }
		echo "PyTorch $s $v"
	done
} >"$OUT/losses.txt"

awk '
	{ v[$1, $2] = $3; n[$1]++; sum[$1] += $3; sq[$1] += $3 * $3; if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 } }
	END {
		print "| seed | luoxia (float64) | PyTorch |"
		print "|---|---|---|"
		for (i = 1; i <= k; i++) printf "| %s | %.2f | %.2f |\n", order[i], v["luoxia", order[i]], v["PyTorch", order[i]]
		split("luoxia PyTorch", sides, " ")
		for (j = 1; j <= 2; j++) {
			s = sides[j]; m = sum[s] / n[s]
			sd = n[s] > 1 ? sqrt((sq[s] - n[s] * m * m) / (n[s] - 1)) : 0
			printf "%s: mean %.2f, sd %.2f, standard error %.2f over %d seed%s\n", s, m, sd, sd / sqrt(n[s]), n[s], n[s] == 1 ? "" : "s"
		}
	}' "$OUT/losses.txt"
say "raw outputs in $OUT"
