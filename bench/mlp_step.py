#!/usr/bin/python3
"""PyTorch's side of luoxia's speed comparison (see README.md in this folder).

Times, on the CPU, at a fixed number of threads and in float32 and float64:

  mlp_step   one training step of an MLP 784-512-512-10 with ReLU on a batch
             of 128 random images: forward, cross-entropy loss, backward and
             an Adam update (lr 1e-3), the same work as BenchmarkMLPStep
             in mlp_test.go;
  matmul512  one 512x512 by 512x512 matrix product (a new result each time,
             as tensor.MatMul allocates one), as BenchmarkMatMul does.

Each thread count runs in a fresh child process whose OpenMP and OpenBLAS
thread counts are fixed before torch loads: torch.set_num_threads sets
PyTorch's own OpenMP pool but not the threads of Debian's OpenBLAS, which
does the matrix products.

Each child runs twice, in two environments (--setup):

  default  PyTorch as it ships. On the virtual machines this was written on
           two things cost it dearly. glibc's malloc returns large freed
           blocks to the kernel, so every step faults its memory in again,
           page by page, at about 10 us a page: most of the step's time. And
           at two threads PyTorch's OpenMP threads spin-wait on the cores that
           OpenBLAS's own threads need, so two threads run slower than one.
  tuned    the usual cures, set in the environment:
           MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824
           (glibc keeps freed memory for reuse, as Go's allocator, jemalloc
           and tcmalloc do) and OMP_WAIT_POLICY=passive (idle OpenMP threads
           sleep). PyTorch's compute speed on this hardware.

Output: one line per measurement on stdout, fields key=value separated by
spaces, for example

  result bench=mlp_step dtype=float32 threads=1 setup=default ms=33.1 cpu_ms=32.8 faults=1250 gflops=12.4 openblas_threads=1

where ms is the median over --rounds rounds of the mean wall time per
operation (after --warmup untimed operations), cpu_ms and faults are the
process's CPU time (user+system, all threads) and page faults per operation
over all rounds, and gflops counts the matrix products' multiply-adds as two
flops each, divided by ms. Progress goes to stderr.

Run with Debian's interpreter, which sees Debian's python3-torch:

  /usr/bin/python3 bench/mlp_step.py                 # threads 1 and 2
  /usr/bin/python3 bench/mlp_step.py --threads 1 --dtypes float64 --setup tuned
"""

import argparse
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import time

BATCH = 128
SIZES = (784, 512, 512, 10)  # input, hidden, hidden, classes
MATMUL_N = 512

# The environment of each --setup (see the docstring).
SETUP_ENV = {
    "default": {},
    "tuned": {
        "MALLOC_MMAP_THRESHOLD_": "33554432",
        "MALLOC_TRIM_THRESHOLD_": "1073741824",
        "OMP_WAIT_POLICY": "passive",
    },
}


def mlp_flops():
    """Flops of one step's matrix products: forward x·W for each layer, and
    backward dW = xᵀ·dy for each layer plus dx = dy·Wᵀ for all but the first
    (no gradient flows into the data)."""
    layers = list(zip(SIZES[:-1], SIZES[1:]))
    fwd = sum(2 * BATCH * i * o for i, o in layers)
    dw = fwd
    dx = sum(2 * BATCH * i * o for i, o in layers[1:])
    return fwd + dw + dx


def openblas_threads():
    """How many threads the OpenBLAS that torch loaded will use (0 if unknown)."""
    try:
        lib = ctypes.CDLL("libopenblas.so.0")  # the copy already loaded by torch
        return lib.openblas_get_num_threads()
    except OSError:
        return 0


def time_op(op, warmup, rounds, per_round):
    """Returns the median over rounds of the mean wall seconds per call of op,
    and the CPU seconds and page faults per call over all rounds."""
    for _ in range(warmup):
        op()
    times = []
    before = resource.getrusage(resource.RUSAGE_SELF)
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            op()
        times.append((time.perf_counter() - start) / per_round)
    after = resource.getrusage(resource.RUSAGE_SELF)
    n = rounds * per_round
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / n
    faults = (after.ru_minflt + after.ru_majflt - before.ru_minflt - before.ru_majflt) / n
    return statistics.median(times), cpu, faults


def measure(args, threads):
    """Runs every benchmark at one thread count; the caller has set the
    environment so that OpenBLAS starts with that many threads."""
    import torch

    torch.set_num_threads(threads)
    try:  # belt and braces: also tell OpenBLAS directly
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(threads)
    except OSError:
        pass
    torch.manual_seed(1)
    blas_threads = openblas_threads()
    for name in args.dtypes:
        dtype = getattr(torch, name)

        # The MLP step: the model, a fixed random batch and Adam.
        layers = []
        for i, (fan_in, fan_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
            if i > 0:
                layers.append(torch.nn.ReLU())
            layers.append(torch.nn.Linear(fan_in, fan_out))
        model = torch.nn.Sequential(*layers).to(dtype)
        x = torch.randn(BATCH, SIZES[0], dtype=dtype)
        y = torch.randint(0, SIZES[-1], (BATCH,))
        loss_fn = torch.nn.CrossEntropyLoss()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)

        def step():
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()

        times = time_op(step, args.warmup, args.rounds, args.steps)
        report("mlp_step", name, threads, args.setup, times, mlp_flops(), blas_threads)

        a = torch.randn(MATMUL_N, MATMUL_N, dtype=dtype)
        b = torch.randn(MATMUL_N, MATMUL_N, dtype=dtype)
        times = time_op(lambda: a @ b, args.warmup, args.rounds, args.steps)
        report("matmul512", name, threads, args.setup, times, 2 * MATMUL_N**3, blas_threads)


def report(bench, dtype, threads, setup, times, flops, blas_threads):
    sec, cpu, faults = times
    print(
        f"result bench={bench} dtype={dtype} threads={threads} setup={setup} "
        f"ms={sec * 1e3:.3f} cpu_ms={cpu * 1e3:.3f} faults={faults:.0f} "
        f"gflops={flops / sec / 1e9:.2f} openblas_threads={blas_threads}",
        flush=True,
    )
    print(f"  {bench:10s} {dtype:8s} {threads} thread(s), {setup:7s}: "
          f"{sec * 1e3:8.3f} ms ({cpu * 1e3:8.3f} ms CPU, {faults:5.0f} faults), "
          f"{flops / sec / 1e9:6.2f} GFLOP/s", file=sys.stderr, flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    p.add_argument("--dtypes", default="float32,float64", help="comma-separated torch dtypes")
    p.add_argument("--setup", default="default,tuned", help="comma-separated environments: default, tuned")
    p.add_argument("--warmup", type=int, default=20, help="untimed operations first (default 20)")
    p.add_argument("--rounds", type=int, default=5, help="timed rounds; the median is reported (default 5)")
    p.add_argument("--steps", type=int, default=40, help="operations per round (default 40)")
    p.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args()
    args.dtypes = args.dtypes.split(",")

    if args.child:  # --setup is then one setup, already in the environment
        measure(args, args.child)
        return
    import torch  # fail early, in the parent, if torch is missing

    print(f"# torch {torch.__version__}, {os.cpu_count()} CPUs", file=sys.stderr)
    for t in (int(s) for s in args.threads.split(",")):
        for setup in args.setup.split(","):
            env = dict(os.environ, OMP_NUM_THREADS=str(t), OPENBLAS_NUM_THREADS=str(t), MKL_NUM_THREADS=str(t))
            env.update(SETUP_ENV[setup])
            cmd = [sys.executable, __file__, "--child", str(t)] + [
                f"--{k}={v}" for k, v in (
                    ("setup", setup), ("dtypes", ",".join(args.dtypes)), ("warmup", args.warmup),
                    ("rounds", args.rounds), ("steps", args.steps))
            ]
            subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
