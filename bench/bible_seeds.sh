#!/usr/bin/env bash
# bible_seeds.sh: the spread of the verse translation's scores over seeds,
# luoxia against PyTorch, in one run.
#
# One run's BLEU depends on its seed (the initial weights, the training
# batches, the dropout masks), so a single run of each side cannot say whether
# the two agree. This writes the verse pairs once (`aigc train transformer
# -write-pairs`), then trains the encoder-decoder on them once per seed with
# `aigc train transformer -task bible -seed S` and once per seed with
# `bench/seq2seq_train.py --seed S` (float32, one thread), one run at a time,
# and prints each run's validation loss, greedy and beam BLEU and ROUGE-L and
# ms a step and, for each side, their mean and standard error of the mean.
#
# Usage: bench/bible_seeds.sh             (from anywhere; needs python3-torch and
#                                          sword-text-kjv sword-text-sparv libsword-utils)
# Knobs (environment):
#   SEEDS="1 2 3"        seeds to run
#   SIDES="luoxia torch" which sides to run (the table covers whatever OUT holds)
#   THREADS=1            threads of each side (GOMAXPROCS for luoxia, --threads for PyTorch)
#   TORCH_ARGS=""        extra flags for seq2seq_train.py, e.g. "--dtype float64"
#   PAIRS=dir            read the pairs from dir instead of writing them
#   OUT=dir              keep the raw outputs there (default: a temporary folder);
#                        runs whose output is already there are not run again
set -euo pipefail

cd "$(dirname "$0")/.."
SEEDS=${SEEDS:-"1 2 3"}
SIDES=${SIDES:-"luoxia torch"}
THREADS=${THREADS:-1}
TORCH_ARGS=${TORCH_ARGS:-}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/luoxia-bible-seeds.XXXXXX")}
mkdir -p "$OUT"
PY=/usr/bin/python3

say() { printf 'bible_seeds.sh: %s\n' "$*" >&2; }

if [[ $SIDES == *torch* ]] && ! "$PY" -c 'import torch' 2>/dev/null; then
	say "$PY cannot import torch; as root: apt-get install -y --no-install-recommends python3-torch libopenblas0-pthread"
	exit 1
fi
for s in $SEEDS; do
	[[ $s =~ ^[0-9]+$ ]] || { say "SEEDS: \"$s\" is not a seed (want whole numbers)"; exit 1; }
done
for side in $SIDES; do
	[[ $side == luoxia || $side == torch ]] || { say "SIDES: \"$side\" is not a side (want luoxia and/or torch)"; exit 1; }
done
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || { say "THREADS must be a whole number, at least 1"; exit 1; }

go build -o "$OUT/aigc" ./cmd/aigc
if [[ -z ${PAIRS:-} ]]; then
	PAIRS=$OUT/pairs
	[[ -r $PAIRS/test.tsv ]] || "$OUT/aigc" train transformer -write-pairs "$PAIRS" >&2
fi
[[ -r $PAIRS/train.tsv && -r $PAIRS/valid.tsv && -r $PAIRS/test.tsv ]] || { say "PAIRS: no train.tsv, valid.tsv and test.tsv in $PAIRS"; exit 1; }

for s in $SEEDS; do
	for side in $SIDES; do
		f=$OUT/$side-$s.txt
		if [[ -s $f ]] && grep -q '^beam search' "$f"; then
			continue
		fi
		say "seed $s: $side"
		if [[ $side == luoxia ]]; then
			GOMAXPROCS=$THREADS "$OUT/aigc" train transformer -task bible -pairs "$PAIRS" -seed "$s" \
				-out "$OUT/luoxia-$s" >"$f.tmp" 2>/dev/null
		else
			# shellcheck disable=SC2086 # TORCH_ARGS is a list of flags
			"$PY" bench/seq2seq_train.py --pairs "$PAIRS" --seed "$s" --threads "$THREADS" $TORCH_ARGS >"$f.tmp" 2>&1
		fi
		mv "$f.tmp" "$f"
	done
done

# Both sides end with the same lines:
#   validation loss 3.4567 nats a token (unigram entropy 5.4618)
#   after 600 steps (75 s, 98.7 ms a step), greedy decoding of the 276 test examples: exact ..., BLEU 3.21, ROUGE-L 25.43
#   beam search (B = 4, α = 0.6): exact ..., BLEU 3.45, ROUGE-L 25.67 (20 s)
# One line per run: side, seed, validation loss, greedy BLEU, greedy ROUGE-L,
# beam BLEU, beam ROUGE-L, ms a step.
{
	for s in $SEEDS; do
		for side in luoxia torch; do
			f=$OUT/$side-$s.txt
			[[ -s $f ]] || continue
			val=$(sed -n 's/^validation loss \([0-9.]*\) nats a token.*/\1/p' "$f")
			greedy=$(sed -n 's/^after [0-9]* steps ([0-9]* s, \([0-9.]*\) ms a step), greedy.*BLEU \([0-9.]*\), ROUGE-L \([0-9.]*\)$/\2 \3 \1/p' "$f")
			beam=$(sed -n 's/^beam search .*BLEU \([0-9.]*\), ROUGE-L \([0-9.]*\) (.*/\1 \2/p' "$f")
			[[ -n $val && -n $greedy && -n $beam ]] || { say "no closing lines in $f"; exit 1; }
			read -r gb gr ms <<<"$greedy"
			[[ $side == torch ]] && side=PyTorch
			echo "$side $s $val $gb $gr $beam $ms"
		done
	done
} >"$OUT/scores.txt"

awk '
	function stat(side, col,    m, sd) {
		m = sum[side, col] / n[side]
		sd = n[side] > 1 ? sqrt((sq[side, col] - n[side] * m * m) / (n[side] - 1)) : 0
		return sprintf("%.2f ± %.2f", m, sd / sqrt(n[side]))
	}
	{
		n[$1]++
		for (c = 3; c <= 8; c++) { v[$1, $2, c] = $c; sum[$1, c] += $c; sq[$1, c] += $c * $c }
		if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 }
	}
	END {
		print "| side | seed | val loss | greedy BLEU | greedy ROUGE-L | beam BLEU | beam ROUGE-L | ms a step |"
		print "|---|---|---|---|---|---|---|---|"
		split("luoxia PyTorch", sides, " ")
		for (j = 1; j <= 2; j++) for (i = 1; i <= k; i++) {
			s = sides[j]; d = order[i]
			if ((s, d, 3) in v) printf "| %s | %s | %.4f | %.2f | %.2f | %.2f | %.2f | %.1f |\n", s, d, v[s, d, 3], v[s, d, 4], v[s, d, 5], v[s, d, 6], v[s, d, 7], v[s, d, 8]
		}
		print ""
		print "mean ± standard error of the mean over the seeds:"
		print "| side | seeds | val loss | greedy BLEU | greedy ROUGE-L | beam BLEU | beam ROUGE-L | ms a step |"
		print "|---|---|---|---|---|---|---|---|"
		for (j = 1; j <= 2; j++) {
			s = sides[j]
			if (!n[s]) continue
			m = sum[s, 3] / n[s]; sd = n[s] > 1 ? sqrt((sq[s, 3] - n[s] * m * m) / (n[s] - 1)) : 0
			printf "| %s | %d | %.4f ± %.4f | %s | %s | %s | %s | %s |\n", s, n[s], m, sd / sqrt(n[s]), stat(s, 4), stat(s, 5), stat(s, 6), stat(s, 7), stat(s, 8)
		}
	}' "$OUT/scores.txt"
say "raw outputs in $OUT"
