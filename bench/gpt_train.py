#!/usr/bin/python3
"""PyTorch's side of the Transformer chapter's GPT run (see README.md in this folder).

Trains, on the CPU at a fixed number of threads, the character-level GPT that
`aigc train transformer -task gpt` trains in luoxia (chapters/transformer,
TrainGPT with BabyGPTTraining), on the same text file, with the same settings:
nanoGPT's CPU "baby GPT" (Karpathy, nanoGPT README and
config/train_shakespeare_char.py).

  text       a UTF-8 file, read unchanged (newline=""): write the Go corpus
             with `aigc train transformer -write-corpus FILE` and give both
             sides FILE. The vocabulary is the sorted distinct characters
             (ids in code-point order, as data.CharVocab gives them); the
             first int(n * 0.9) characters train, the rest validate.
  model      nanoGPT's GPT: token and learned position embeddings, 4 pre-LN
             blocks (LayerNorm, causal self-attention of 4 heads; LayerNorm,
             MLP 128 -> 512 -> 128 with exact GELU), a final LayerNorm, the
             token table again as the output layer (tied); no biases
             anywhere, LayerNorm eps 1e-5, dropout 0. Every matrix and both
             tables drawn from N(0, 0.02^2), the attention's output
             projection and the MLP's second layer from
             N(0, (0.02 / sqrt(2 * 4))^2), LayerNorm gains 1.
  batches    12 windows of 64 characters each step, each starting at a
             uniformly random position i in 0 .. len(train) - 65, input
             train[i : i+64] and target train[i+1 : i+65] (nanoGPT's get_batch,
             data.WindowSampler). The starts come from a torch.Generator
             seeded with seed ^ 0xba7c4e5, the initial weights from
             torch.manual_seed(seed): the same rule as luoxia's, not the same
             random numbers.
  optimiser  AdamW, betas (0.9, 0.99), eps 1e-8, weight decay 0.1 on the
             tensors of two or more dimensions (the matrices and tables) and
             0 on the rest (LayerNorm gains); gradients clipped to global
             norm 1.0 before each step.
  schedule   the rate of step t = 1, 2, ...: 1e-3 * t / 100 while t < 100, then
             1e-4 + (1e-3 - 1e-4) * (1 + cos(pi * (t - 100) / 1900)) / 2 until
             t = 2000, 1e-4 after (optim.WarmupCosine). --iters N < 2000 stops
             early on the same schedule, so a short run is the start of the
             full one. (nanoGPT warms up with (it + 1) / (warmup + 1) from
             it = 0, a hair different.)
  val loss   the mean cross-entropy, nats per character, over the first 480
             consecutive, non-overlapping windows of 64 characters of the
             validation text (starts range(0, len(val) - 64, 64)[:480],
             data.SequentialWindows), the same windows every time, without
             gradients: before the first step, every 250 steps and after the
             last.

Output, on stdout, in the format of `aigc train transformer`'s, so that one
script reads both:

  step 0/2000  val loss 4.6955  0s
  step 250/2000  loss 2.1234  lr 9.83e-04  val loss 2.2345  95s
  ...
  GPT after 2000 steps: val loss 1.4321, 760 s (380.1 ms a step)

and then one line of key=value fields, "result bench=gpt_train ... val_loss=
... ms_per_step=...". ms a step is the mean wall time of one step (set the
rate, zero the gradients, forward, loss, backward, clip, AdamW), the drawing of
batches and the evaluations excluded: what luoxia's MsPerStep measures.

The run happens in a child process whose OpenMP and OpenBLAS thread counts are
fixed before torch loads, as in vae_train.py. Run with Debian's interpreter:

  /usr/bin/python3 bench/gpt_train.py --corpus go-corpus.txt                 # 2,000 steps, float32, 1 thread
  /usr/bin/python3 bench/gpt_train.py --corpus go-corpus.txt --iters 30 --dtype float64
"""

import argparse
import ctypes
import math
import os
import subprocess
import sys
import time

# nanoGPT's baby GPT, as chapters/transformer BabyGPTTraining.
LAYERS, HEADS, WIDTH, BLOCK = 4, 4, 128, 64
BATCH = 12
LR, MIN_LR, WARMUP, DECAY_ITERS = 1e-3, 1e-4, 100, 2000
BETAS, EPS, WEIGHT_DECAY, GRAD_CLIP = (0.9, 0.99), 1e-8, 0.1, 1.0
EVAL_INTERVAL, EVAL_WINDOWS, EVAL_BATCH = 250, 480, 64
TRAIN_FRACTION = 0.9
BATCH_SEED = 0xBA7C4E5  # mixed into --seed for the batches, as luoxia's batchSeed


def lr_at(step):
    """The learning rate of update number step (from 1): optim.WarmupCosine."""
    if step < WARMUP:
        return LR * step / WARMUP
    if step >= DECAY_ITERS:
        return MIN_LR
    p = (step - WARMUP) / (DECAY_ITERS - WARMUP)
    return MIN_LR + 0.5 * (LR - MIN_LR) * (1 + math.cos(math.pi * p))


def read_corpus(path):
    """The text, its sorted characters, and the ids of its two parts."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    ids = [index[c] for c in text]
    cut = int(len(ids) * TRAIN_FRACTION)
    return text, chars, ids[:cut], ids[cut:]


def build_model(torch, vocab):
    nn, F = torch.nn, torch.nn.functional

    class LayerNorm(nn.Module):
        """LayerNorm with a gain and no shift (nanoGPT's bias=False)."""

        def __init__(self, d):
            super().__init__()
            self.weight = nn.Parameter(torch.ones(d))

        def forward(self, x):
            return F.layer_norm(x, self.weight.shape, self.weight, None, 1e-5)

    class SelfAttention(nn.Module):
        def __init__(self):
            super().__init__()
            self.c_attn = nn.Linear(WIDTH, 3 * WIDTH, bias=False)  # W_Q, W_K, W_V side by side
            self.c_proj = nn.Linear(WIDTH, WIDTH, bias=False)  # W_O
            # M: 0 where position t may attend to s <= t, -inf after
            self.register_buffer("mask", torch.full((BLOCK, BLOCK), float("-inf")).triu(1), persistent=False)

        def forward(self, x):
            b, t, d = x.shape
            q, k, v = self.c_attn(x).split(d, dim=2)
            # [B, T, D] -> [B, H, T, D/H]
            q, k, v = (z.view(b, t, HEADS, d // HEADS).transpose(1, 2) for z in (q, k, v))
            # softmax(QK^T / sqrt(d_k) + M) V, written out (this torch may lack scaled_dot_product_attention)
            att = q @ k.transpose(-2, -1) / math.sqrt(d // HEADS) + self.mask[:t, :t].to(q.dtype)
            y = F.softmax(att, dim=-1) @ v
            return self.c_proj(y.transpose(1, 2).reshape(b, t, d))

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.c_fc = nn.Linear(WIDTH, 4 * WIDTH, bias=False)
            self.c_proj = nn.Linear(4 * WIDTH, WIDTH, bias=False)

        def forward(self, x):
            return self.c_proj(F.gelu(self.c_fc(x)))  # exact GELU, x * Phi(x)

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln_1, self.attn, self.ln_2, self.mlp = LayerNorm(WIDTH), SelfAttention(), LayerNorm(WIDTH), MLP()

        def forward(self, x):
            x = x + self.attn(self.ln_1(x))
            return x + self.mlp(self.ln_2(x))

    class GPT(nn.Module):
        def __init__(self):
            super().__init__()
            self.wte = nn.Embedding(vocab, WIDTH)
            self.wpe = nn.Embedding(BLOCK, WIDTH)
            self.h = nn.ModuleList(Block() for _ in range(LAYERS))
            self.ln_f = LayerNorm(WIDTH)
            for name, p in self.named_parameters():
                if p.dim() >= 2:
                    # the residual projections smaller: 0.02 / sqrt(2 * layers)
                    std = 0.02 / math.sqrt(2 * LAYERS) if name.endswith("c_proj.weight") else 0.02
                    nn.init.normal_(p, mean=0.0, std=std)

        def forward(self, idx):
            t = idx.shape[1]
            x = self.wte(idx) + self.wpe(torch.arange(t, device=idx.device))
            for block in self.h:
                x = block(x)
            return self.ln_f(x) @ self.wte.weight.T  # tied output layer

    return GPT()


def openblas_info():
    """(threads, core name) of the OpenBLAS that torch loaded, or (0, "?")."""
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return lib.openblas_get_num_threads(), lib.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return 0, "?"


def run(args):
    import torch

    F = torch.nn.functional
    torch.set_num_threads(args.threads)
    try:
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(args.threads)
    except OSError:
        pass
    blas_threads, blas_core = openblas_info()
    dtype = getattr(torch, args.dtype)
    text, chars, train_ids, val_ids = read_corpus(args.corpus)
    train = torch.tensor(train_ids, dtype=torch.long)
    val = torch.tensor(val_ids, dtype=torch.long)
    starts = list(range(0, len(val) - BLOCK, BLOCK))[:EVAL_WINDOWS]
    val_x = torch.stack([val[i:i + BLOCK] for i in starts])
    val_y = torch.stack([val[i + 1:i + 1 + BLOCK] for i in starts])

    torch.manual_seed(args.seed)
    model = build_model(torch, len(chars)).to(dtype)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": WEIGHT_DECAY},
                             {"params": no_decay, "weight_decay": 0.0}], lr=lr_at(1), betas=BETAS, eps=EPS)
    batches = torch.Generator().manual_seed(args.seed ^ BATCH_SEED)
    print(f"# torch {torch.__version__}, {os.cpu_count()} CPUs, {args.threads} thread(s) "
          f"(OpenBLAS {blas_threads}, {blas_core}), {args.dtype}; {args.corpus}: {len(train)} training and "
          f"{len(val)} validation characters, {len(chars)} distinct; {LAYERS} layers, {HEADS} heads, "
          f"width {WIDTH}, block {BLOCK}; {args.iters} steps of {BATCH} windows, seed {args.seed}", flush=True)

    def val_loss():
        model.eval()
        total = 0.0
        with torch.no_grad():
            for lo in range(0, len(val_x), EVAL_BATCH):
                x, y = val_x[lo:lo + EVAL_BATCH], val_y[lo:lo + EVAL_BATCH]
                logits = model(x)
                total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)).item() * len(x)
        model.train()
        return total / len(val_x)

    start = time.perf_counter()
    val_losses, eval_iters = [val_loss()], [0]
    print(f"step 0/{args.iters}  val loss {val_losses[0]:.4f}  {time.perf_counter() - start:.0f}s", flush=True)
    step_time = 0.0
    for it in range(1, args.iters + 1):
        i = torch.randint(len(train) - BLOCK, (BATCH,), generator=batches)
        x = torch.stack([train[j:j + BLOCK] for j in i.tolist()])
        y = torch.stack([train[j + 1:j + 1 + BLOCK] for j in i.tolist()])
        t0 = time.perf_counter()
        lr = lr_at(it)
        for g in opt.param_groups:
            g["lr"] = lr
        opt.zero_grad(set_to_none=True)
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), GRAD_CLIP)
        opt.step()
        step_time += time.perf_counter() - t0
        if it % EVAL_INTERVAL == 0 or it == args.iters:
            v = val_loss()
            val_losses.append(v)
            eval_iters.append(it)
            print(f"step {it}/{args.iters}  loss {loss.item():.4f}  lr {lr:.2e}  val loss {v:.4f}  "
                  f"{time.perf_counter() - start:.0f}s", flush=True)

    seconds = time.perf_counter() - start
    ms = step_time / args.iters * 1e3 if args.iters else 0.0
    print(f"GPT after {args.iters} steps: val loss {val_losses[-1]:.4f}, {seconds:.0f} s ({ms:.1f} ms a step)", flush=True)
    print(f"result bench=gpt_train dtype={args.dtype} threads={args.threads} iters={args.iters} seed={args.seed} "
          f"val_loss={val_losses[-1]:.4f} val_losses={','.join(f'{v:.4f}' for v in val_losses)} "
          f"eval_iters={','.join(map(str, eval_iters))} seconds={seconds:.2f} ms_per_step={ms:.3f} "
          f"openblas_threads={blas_threads} openblas_core={blas_core} torch={torch.__version__}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True,
                   help="the UTF-8 text file to train on (`aigc train transformer -write-corpus FILE` writes the Go corpus)")
    p.add_argument("--iters", type=int, default=DECAY_ITERS, help=f"training steps (default {DECAY_ITERS})")
    p.add_argument("--seed", type=int, default=1337, help="seed of the weights and the batches (default 1337, nanoGPT's)")
    p.add_argument("--threads", type=int, default=1, help="threads for PyTorch and OpenBLAS (default 1)")
    p.add_argument("--dtype", default="float32", choices=("float32", "float64"),
                   help="arithmetic: float32 (nanoGPT's on a CPU, and luoxia's; the default) or float64 (as luoxia's -precision float64)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.threads < 1 or args.iters < 0 or args.seed < 0:
        p.error("--threads must be at least 1, --iters and --seed at least 0")
    if args.child:
        run(args)
        return
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        sys.exit("gpt_train.py: no torch for this python; as root: apt-get install -y --no-install-recommends "
                 "python3-torch libopenblas0-pthread (and run /usr/bin/python3)")
    try:
        text, chars, train_ids, val_ids = read_corpus(args.corpus)
    except (OSError, UnicodeDecodeError) as e:
        sys.exit(f"gpt_train.py: --corpus: {e}")
    if len(train_ids) <= BLOCK or len(val_ids) <= BLOCK:
        sys.exit(f"gpt_train.py: --corpus {args.corpus}: {len(train_ids)} training and {len(val_ids)} validation "
                 f"characters; windows of {BLOCK} need more than {BLOCK} of each")
    t = str(args.threads)
    env = dict(os.environ, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t, MKL_NUM_THREADS=t)
    cmd = [sys.executable, os.path.abspath(__file__), "--child", f"--corpus={args.corpus}", f"--iters={args.iters}",
           f"--seed={args.seed}", f"--threads={args.threads}", f"--dtype={args.dtype}"]
    sys.exit(subprocess.run(cmd, env=env).returncode)


if __name__ == "__main__":
    main()
