#!/usr/bin/env bash
# compare.sh: luoxia's Go benchmarks against PyTorch on the same machine, in one run.
#
# Runs BenchmarkMLPStep and BenchmarkMatMul (./bench) with the pure-Go BLAS and
# with -tags openblas, each at every thread count in $THREADS as a separate
# process with GOMAXPROCS and OPENBLAS_NUM_THREADS both set to that count; runs
# mlp_step.py for PyTorch at the same counts; prints ms per operation and the
# ratio Go / PyTorch (below 1: Go is faster). See README.md for how to read it.
#
# Usage: bench/compare.sh            (from anywhere; as root it installs what is missing)
# Knobs (environment):
#   THREADS="1 2"     thread counts to compare
#   BENCHTIME=2s      go test -benchtime for each Go run
#   COUNT=3           go test -count; the table shows the median
#   TORCH_ARGS=""     extra flags for mlp_step.py, e.g. "--rounds 3 --steps 20"
#   OUT=dir           keep the raw outputs there (default: a temporary folder, printed at the end)
set -euo pipefail

cd "$(dirname "$0")/.."
THREADS=${THREADS:-"1 2"}
BENCHTIME=${BENCHTIME:-2s}
COUNT=${COUNT:-3}
TORCH_ARGS=${TORCH_ARGS:-}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/luoxia-bench.XXXXXX")}
mkdir -p "$OUT"
PY=/usr/bin/python3
DB=$OUT/results.txt # one result a line, read by the table printer at the end
: >"$DB"

say() { printf 'compare.sh: %s\n' "$*" >&2; }

# --- what this needs: PyTorch with OpenBLAS (not the reference BLAS), and OpenBLAS's headers
missing=()
for pkg in python3-torch libopenblas0-pthread libopenblas-dev; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
	if [[ $(id -u) == 0 ]]; then
		say "installing ${missing[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
	else
		say "missing ${missing[*]}: run as root, or: sudo apt-get install -y --no-install-recommends ${missing[*]}"
	fi
fi
have_torch=0
$PY -c 'import torch' 2>/dev/null && have_torch=1
backends=(gonum)
if [[ $(go env CGO_ENABLED) == 1 ]] && command -v "$(go env CC)" >/dev/null &&
	dpkg-query -W -f='${Status}' libopenblas-dev 2>/dev/null | grep -q 'ok installed'; then
	backends+=(openblas)
else
	say "skipping -tags openblas: it needs cgo (a C compiler, CGO_ENABLED=1) and libopenblas-dev"
fi

say "raw outputs in $OUT"
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at start" >"$OUT/load.txt"

# --- Go: one process per backend and thread count
for backend in "${backends[@]}"; do
	tags=()
	[[ $backend == openblas ]] && tags=(-tags openblas)
	for t in $THREADS; do
		log=$OUT/go-$backend-$t.txt
		say "go test ${tags[*]} -bench 'MLPStep|MatMul' at $t thread(s)"
		if ! GOMAXPROCS=$t OPENBLAS_NUM_THREADS=$t go test "${tags[@]}" -run '^TestBLASBackend$' -v \
			-bench 'MLPStep|MatMul' -benchtime "$BENCHTIME" -count "$COUNT" -cpu "$t" ./bench >"$log" 2>&1; then
			say "go test failed ($log):"
			tail -n 15 "$log" >&2
			echo "gofail $backend $t" >>"$DB"
			continue
		fi
		# The test log names the BLAS that really ran: -tags openblas without
		# cgo would silently give gonum.
		name=$(sed -n 's/.*BLAS backend: //p' "$log" | head -n 1)
		echo "goname $backend ${name:-unknown}" >>"$DB"
		# Benchmark lines: Name[-procs] N value ns/op [value unit]...
		# Keep the median over -count runs of ns/op and of cpu-ms/op.
		awk -v backend="$backend" -v t="$t" '
			function median(s,    a, n, i, j, x) {
				n = split(s, a, " ")
				for (i = 2; i <= n; i++) {
					x = a[i] + 0
					for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]
					a[j + 1] = x
				}
				return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
			}
			$1 ~ /^Benchmark/ && $4 == "ns/op" {
				name = $1
				sub(/^Benchmark/, "", name)
				sub(/-[0-9]+$/, "", name)
				if (!(name in ns)) order[++k] = name
				ns[name] = ns[name] " " $3 / 1e6
				for (i = 5; i < NF; i++) if ($(i + 1) == "cpu-ms/op") cpu[name] = cpu[name] " " $i
			}
			END {
				for (i = 1; i <= k; i++) {
					n = order[i]
					printf "go %s %s %s %.4f %s\n", backend, t, n, median(ns[n]), (n in cpu) ? sprintf("%.4f", median(cpu[n])) : "-"
				}
			}' "$log" >>"$DB"
	done
done

# --- PyTorch
if ((have_torch)); then
	say "PyTorch: mlp_step.py at ${THREADS// /,} thread(s)"
	# shellcheck disable=SC2086 # TORCH_ARGS is a list of flags
	if $PY bench/mlp_step.py --threads "${THREADS// /,}" $TORCH_ARGS >"$OUT/torch.txt" 2>"$OUT/torch.log"; then
		# result bench=B dtype=D threads=T setup=S ms=M cpu_ms=C ...
		awk '$1 == "result" {
			for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
			print "torch", f["bench"], f["dtype"], f["threads"], f["setup"], f["ms"], f["cpu_ms"]
		}' "$OUT/torch.txt" >>"$DB"
	else
		say "mlp_step.py failed ($OUT/torch.log):"
		tail -n 15 "$OUT/torch.log" >&2
	fi
else
	say "no PyTorch: its columns will read n/a"
fi
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at end" >>"$OUT/load.txt"

# --- the tables
{
	echo "# $(go version | cut -d' ' -f3-), $(nproc) CPUs: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	((have_torch)) && echo "# PyTorch $($PY -c 'import torch; print(torch.__version__)' 2>/dev/null)"
	sed 's/^/# /' "$OUT/load.txt"
}
awk -v threads="$THREADS" -v backends="${backends[*]}" -v out="$OUT" '
	$1 == "go"     { go[$2, $3, $4] = $5; gocpu[$2, $3, $4] = $6 }
	$1 == "gofail" { fail[$2, $3] = 1 }
	$1 == "goname" { l = $0; sub(/^goname [^ ]+ /, "", l); label[$2] = l }
	$1 == "torch"  { torch[$2, $3, $4, $5] = $6; torchcpu[$2, $3, $4, $5] = $7 }
	function num(x) { return x == "" || x == "-" ? "" : x }
	function cell(x) { return x == "" ? "n/a" : sprintf("%.2f", x) }
	function ratio(a, b) { return a == "" || b == "" || b == 0 ? "n/a" : sprintf("%.2f", a / b) }
	# table prints one block: Go bench gname against torch bench tname with
	# PyTorch environment setup; metric "ms" (wall) or "cpu" (CPU time).
	function table(gname, tname, setup, metric, title,    nb, nt, B, T, i, j, b, t, g, f32, f64, tk) {
		printf "\n%s\n", title
		printf "%-22s %7s %10s %10s %10s %8s %8s\n", "Go backend", "threads", "Go", "torch f32", "torch f64", "Go/f32", "Go/f64"
		nb = split(backends, B, " "); nt = split(threads, T, " ")
		for (i = 1; i <= nb; i++) for (j = 1; j <= nt; j++) {
			b = B[i]; t = T[j]
			if (metric == "cpu" && t != 1) continue
			if ((b, t, gname) in go) g = num(metric == "cpu" ? gocpu[b, t, gname] : go[b, t, gname])
			else g = "none"
			tk = metric == "cpu" ? "cpu" : "ms"
			f32 = num(tk == "cpu" ? torchcpu[tname, "float32", t, setup] : torch[tname, "float32", t, setup])
			f64 = num(tk == "cpu" ? torchcpu[tname, "float64", t, setup] : torch[tname, "float64", t, setup])
			gs = g == "none" ? ((b, t) in fail ? "failed" : "not yet") : cell(g)
			if (g == "none") g = ""
			printf "%-22s %7s %10s %10s %10s %8s %8s\n", (b in label ? label[b] : b), t, gs, cell(f32), cell(f64), ratio(g, f32), ratio(g, f64)
		}
	}
	END {
		table("MLPStep", "mlp_step", "default", "ms", "MLP 784-512-512-10 step, batch 128, fwd+bwd+Adam: ms/step (wall), PyTorch as shipped")
		table("MLPStep", "mlp_step", "tuned", "ms", "the same against PyTorch tuned (malloc keeps freed memory, OMP_WAIT_POLICY=passive)")
		table("MatMul", "matmul512", "default", "ms", "512x512 matmul: ms/op (wall), PyTorch as shipped")
		table("MatMul", "matmul512", "tuned", "ms", "the same, PyTorch tuned")
		table("MLPStep", "mlp_step", "default", "cpu", "one thread, CPU ms/step (insensitive to other load; Go n/a unless the benchmark reports cpu-ms/op)")
		table("MatMul", "matmul512", "default", "cpu", "one thread, CPU ms/op of the 512x512 matmul")
		print "\nGo computes in float64; ratios below 1 mean Go is faster. Raw outputs: " out
	}' "$DB"
