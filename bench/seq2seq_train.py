#!/usr/bin/python3
"""PyTorch's side of the Transformer chapter's verse translation (see README.md in this folder).

Trains, on the CPU at a fixed number of threads, the encoder-decoder that
`aigc train transformer -task bible` trains in luoxia (chapters/transformer,
TrainSeq2Seq with BibleSeq2Seq and BibleTraining), on the same verse pairs,
with the same settings, and scores it the same way.

  data       the three files `aigc train transformer -write-pairs DIR` writes:
             DIR/train.tsv, valid.tsv and test.tsv, one verse pair a line,
             "reference TAB English tokens TAB Spanish tokens", each side's
             tokens separated by single spaces (King James Version into
             Reina-Valera 1909, the 5,971 verses of at most 15 English words,
             split 5,417/278/276 by reference; words and punctuation marks as
             tokens, case kept).
  vocab      one per language, from the training pairs alone: <pad> 0, <s> 1,
             </s> 2, <unk> 3, then every token that occurs at least twice,
             most frequent first, ties in byte order (data.NewWordVocab with
             minimum count 2). Other tokens are <unk>. A source is
             <s> tokens </s>; the decoder reads <s> tokens and must write
             tokens </s> (data.EncodePairs).
  model      the Transformer encoder-decoder of Vaswani et al. (2017) with
             pre-LN layers: 2 encoder and 2 decoder layers, width 64, 4 heads,
             an MLP of 256 with exact GELU, biases everywhere, LayerNorm eps
             1e-5, dropout 0.1 on the embeddings' sums, the attention weights
             and every sublayer's output, a final LayerNorm after each stack.
             Inputs are sqrt(64) * E[x] + PE(position), sinusoidal PE.
             Separate source and target embeddings drawn from N(0, 1/64) and an
             output Linear; every Linear starts as PyTorch's default, which is
             luoxia's. Source padding is masked out of attention.
  loss       label-smoothed cross-entropy, eps = 0.1, spread over the
             vocabulary but the pad token, padding rows left out
             (LabelSmoothingLoss).
  batches    32 training pairs a step, each drawn uniformly with replacement,
             padded with 0 to the batch's longest; the draws come from a
             torch.Generator seeded with seed ^ 0xba7c4e5, the initial weights
             from torch.manual_seed(seed): the same rule as luoxia's, not the
             same random numbers.
  optimiser  AdamW, betas (0.9, 0.98), eps 1e-8, weight decay 0.01 on the
             tensors of two or more dimensions and 0 on the rest; gradients
             clipped to global norm 1 before each step.
  schedule   rate of step t = 1, 2, ...: 2e-3 * t / 100 while t < 100, then a
             half cosine from 2e-3 down to 2e-4 at the last step, t = 600
             (optim.WarmupCosine).
  scores     validation loss: plain cross-entropy (no smoothing), nats per
             target token, end tokens included, dropout off, every 100 steps
             and after the last. Test: greedy decoding and beam search (B = 4,
             GNMT length penalty ((5 + |Y|) / 6)^alpha, alpha = 0.6, the search
             luoxia's BeamSearch makes, stopping rule included) of the 276 test
             verses, at most (longest test target + 4) tokens; corpus BLEU as
             sacreBLEU computes it with tokenizer "none" (n-grams of the words
             up to 4, exp smoothing, brevity penalty) against the test verses'
             own words, and ROUGE-L: the mean over verses of the F-measure of
             the longest common subsequence of the words.

--copy-steps N instead times N training steps of the copy task as
`aigc train transformer -task copy` runs it (2+2 layers, width 64, 4 heads,
no dropout, one table for both embeddings and the output layer, 11 tokens,
batches of 80 sequences of a start token and 9 tokens drawn from 1 to 10,
learning rate up over 100 steps to 3e-3 and down to 3e-4 at step 600), for
the ratio of luoxia's time a step to PyTorch's.

Output, on stdout, in the format of `aigc train transformer`'s, so that one
script reads both:

  step 100/600  loss 5.4192  lr 2.00e-03  val loss 4.6945  33s
  ...
  validation loss 3.3611 nats a token (unigram entropy 5.4618)
  after 600 steps (223 s, 331.6 ms a step), greedy decoding of the 276 test examples: exact 0.36%, tokens 13.62%, BLEU 6.36, ROUGE-L 35.05
  beam search (B = 4, α = 0.6): exact 1.09%, tokens 13.86%, BLEU 6.51, ROUGE-L 35.81 (65 s)

(seed 1, on a machine that other jobs shared), then a few translations and
one line of key=value fields, "result bench=seq2seq_train ... greedy_bleu=...".

ms a step is the mean wall time of one step (set the rate, zero the
gradients, forward, loss, backward, clip, AdamW), the drawing and padding of
batches and the evaluations excluded: what luoxia's MsPerStep measures.

The run happens in a child process whose OpenMP and OpenBLAS thread counts are
fixed before torch loads, as in gpt_train.py. Run with Debian's interpreter:

  /usr/bin/python3 bench/seq2seq_train.py --pairs /tmp/bible-pairs            # 600 steps, float32, 1 thread
  /usr/bin/python3 bench/seq2seq_train.py --copy-steps 100                    # the copy task's time a step
"""

import argparse
import collections
import math
import os
import subprocess
import sys
import time

# The bible task's settings, as chapters/transformer BibleTraining.
LAYERS, HEADS, WIDTH, DFF, DROPOUT, MAX_POS = 2, 4, 64, 256, 0.1, 160
BATCH, STEPS = 32, 600
LR, MIN_LR, WARMUP = 2e-3, 2e-4, 100
BETAS, ADAM_EPS, WEIGHT_DECAY, GRAD_CLIP, SMOOTHING = (0.9, 0.98), 1e-8, 0.01, 1.0, 0.1
EVAL_INTERVAL, VALID_BATCH = 100, 64
MIN_COUNT = 2  # BibleMinCount
BEAM, ALPHA = 4, 0.6
# The copy task's, as CopyTraining.
COPY_BATCH, COPY_VOCAB, COPY_LEN, COPY_STEPS, COPY_LR, COPY_MIN_LR = 80, 11, 10, 600, 3e-3, 3e-4
PAD, BOS, EOS, UNK = 0, 1, 2, 3
RESERVED = ["<pad>", "<s>", "</s>", "<unk>"]
FILES = ("train.tsv", "valid.tsv", "test.tsv")
BATCH_SEED = 0xBA7C4E5  # mixed into --seed for the batches, as luoxia's batchSeed


def warmup_cosine(step, base, floor, warmup, total):
    """The learning rate of update number step (from 1): optim.WarmupCosine."""
    if step < warmup:
        return base * step / warmup
    if step >= total:
        return floor
    p = (step - warmup) / (total - warmup)
    return floor + 0.5 * (base - floor) * (1 + math.cos(math.pi * p))


# --- data ---------------------------------------------------------------------

def read_pairs(path):
    """The (English tokens, Spanish tokens) of every line of one file of -write-pairs."""
    pairs = []
    with open(path, encoding="utf-8", newline="\n") as f:
        for ln, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3 or not fields[0]:
                raise ValueError(f"{path}:{ln}: {len(fields)} tab-separated fields; want 3")
            src, tgt = fields[1].split(" "), fields[2].split(" ")
            if "" in src or "" in tgt:
                raise ValueError(f"{path}:{ln}: an empty token")
            pairs.append((src, tgt))
    if not pairs:
        raise ValueError(f"{path} holds no pairs")
    return pairs


class Vocab:
    """data.WordVocab: the reserved tokens, then tokens seen min_count times, most frequent first."""

    def __init__(self, sentences, min_count):
        counts = collections.Counter(w for s in sentences for w in s)
        # Go compares strings by their UTF-8 bytes
        words = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w.encode()))
        self.tokens = RESERVED + words
        self.ids = {w: i for i, w in enumerate(self.tokens)}

    def with_ends(self, words):
        return [BOS] + [self.ids.get(w, UNK) for w in words] + [EOS]


def encode(pairs, en, es):
    """data.EncodePairs: sources, decoder inputs and decoder outputs, unpadded."""
    src, tgt_in, tgt_out = [], [], []
    for s, t in pairs:
        src.append(en.with_ends(s))
        t = es.with_ends(t)
        tgt_in.append(t[:-1])
        tgt_out.append(t[1:])
    return src, tgt_in, tgt_out


def pad(torch, seqs):
    """data.PadBatch: a [B, T] tensor, short sequences filled with PAD."""
    t = max(len(s) for s in seqs)
    return torch.tensor([s + [PAD] * (t - len(s)) for s in seqs], dtype=torch.long)


def unigram_entropy(seqs):
    counts = collections.Counter(t for s in seqs for t in s)
    n = sum(counts.values())
    return -sum(c / n * math.log(c / n) for c in counts.values())


# --- model --------------------------------------------------------------------

def build_model(torch, src_vocab, tgt_vocab, dropout, tied):
    nn, F = torch.nn, torch.nn.functional

    def sinusoidal(n, d):
        """PE(p)_{2i} = sin(p w_i), PE(p)_{2i+1} = cos(p w_i), w_i = 10000^(-2i/d)."""
        p = torch.arange(n, dtype=torch.float64)[:, None]
        omega = torch.pow(10000.0, -torch.arange(0, d, 2, dtype=torch.float64) / d)
        pe = torch.zeros(n, d, dtype=torch.float64)
        pe[:, 0::2], pe[:, 1::2] = torch.sin(p * omega), torch.cos(p * omega)
        return pe

    class MultiHeadAttention(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(WIDTH, WIDTH) for _ in range(4))
            self.drop = nn.Dropout(dropout)

        def forward(self, x, mem, mask):
            b, tq, d = x.shape
            tk = mem.shape[1]
            split = lambda z, t: z.view(b, t, HEADS, d // HEADS).transpose(1, 2)  # [B, H, T, d_k]
            q, k, v = split(self.q(x), tq), split(self.k(mem), tk), split(self.v(mem), tk)
            # A = softmax(QK^T / sqrt(d_k) + M)
            a = self.drop(F.softmax(q @ k.transpose(-2, -1) / math.sqrt(d // HEADS) + mask, dim=-1))
            return self.o((a @ v).transpose(1, 2).reshape(b, tq, d))

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1, self.fc2 = nn.Linear(WIDTH, DFF), nn.Linear(DFF, WIDTH)

        def forward(self, x):
            return self.fc2(F.gelu(self.fc1(x)))  # exact GELU, x * Phi(x)

    class Block(nn.Module):
        """The encoder layer: x + Drop(SelfAttn(LN1 x)), then x + Drop(MLP(LN2 x))."""

        def __init__(self):
            super().__init__()
            self.ln1, self.attn, self.ln2, self.mlp = nn.LayerNorm(WIDTH), MultiHeadAttention(), nn.LayerNorm(WIDTH), MLP()
            self.drop = nn.Dropout(dropout)

        def forward(self, x, mask):
            h = self.ln1(x)
            x = x + self.drop(self.attn(h, h, mask))
            return x + self.drop(self.mlp(self.ln2(x)))

    class DecoderLayer(nn.Module):
        """Causal self-attention, attention to the memory, the MLP; each pre-LN with a residual."""

        def __init__(self):
            super().__init__()
            self.ln1, self.self_attn = nn.LayerNorm(WIDTH), MultiHeadAttention()
            self.ln2, self.cross_attn = nn.LayerNorm(WIDTH), MultiHeadAttention()
            self.ln3, self.mlp = nn.LayerNorm(WIDTH), MLP()
            self.drop = nn.Dropout(dropout)

        def forward(self, y, mem, causal, src_mask):
            h = self.ln1(y)
            y = y + self.drop(self.self_attn(h, h, causal))
            y = y + self.drop(self.cross_attn(self.ln2(y), mem, src_mask))
            return y + self.drop(self.mlp(self.ln3(y)))

    class EncoderDecoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.src_emb = nn.Embedding(src_vocab, WIDTH)
            nn.init.normal_(self.src_emb.weight, 0.0, 1 / math.sqrt(WIDTH))
            if tied:
                self.tgt_emb, self.out = self.src_emb, None
            else:
                self.tgt_emb = nn.Embedding(tgt_vocab, WIDTH)
                nn.init.normal_(self.tgt_emb.weight, 0.0, 1 / math.sqrt(WIDTH))
                self.out = nn.Linear(WIDTH, tgt_vocab)
            self.drop = nn.Dropout(dropout)
            self.enc = nn.ModuleList(Block() for _ in range(LAYERS))
            self.dec = nn.ModuleList(DecoderLayer() for _ in range(LAYERS))
            self.enc_norm, self.dec_norm = nn.LayerNorm(WIDTH), nn.LayerNorm(WIDTH)
            self.register_buffer("pe", sinusoidal(MAX_POS, WIDTH), persistent=False)

        def embed(self, emb, ids):
            # sqrt(d_model) E[x] + PE(p), dropout
            return self.drop(emb(ids) * math.sqrt(WIDTH) + self.pe[:ids.shape[1]].to(emb.weight.dtype))

        def source_mask(self, src):
            """-inf where the key is padding, [B, 1, 1, S]."""
            m = torch.zeros(src.shape, dtype=self.src_emb.weight.dtype)
            return m.masked_fill(src == PAD, float("-inf"))[:, None, None, :]

        def encode(self, src):
            mask = self.source_mask(src)
            x = self.embed(self.src_emb, src)
            for b in self.enc:
                x = b(x, mask)
            return self.enc_norm(x), mask

        def decode(self, tgt, mem, src_mask):
            t = tgt.shape[1]
            causal = torch.full((t, t), float("-inf"), dtype=mem.dtype).triu(1)
            y = self.embed(self.tgt_emb, tgt)
            for d in self.dec:
                y = d(y, mem, causal, src_mask)
            y = self.dec_norm(y)
            return y @ self.tgt_emb.weight.T if self.out is None else self.out(y)

        def forward(self, src, tgt):
            mem, mask = self.encode(src)
            return self.decode(tgt, mem, mask)

    return EncoderDecoder()


def smoothed_loss(torch, logits, tgt_out, eps):
    """LabelSmoothingLoss: (1-eps)(-log p_y) + eps/K sum_{k != pad}(-log p_k), K = V-1, pad rows left out."""
    v = logits.shape[-1]
    log_p = torch.nn.functional.log_softmax(logits.reshape(-1, v), dim=-1)
    y = tgt_out.reshape(-1)
    keep = y != PAD
    log_p, y = log_p[keep], y[keep]
    nll = -log_p.gather(1, y[:, None]).squeeze(1)
    smooth = -(log_p.sum(1) - log_p[:, PAD]) / (v - 1)
    return ((1 - eps) * nll + eps * smooth).mean()


def make_optimizer(torch, model, lr):
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": WEIGHT_DECAY},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=BETAS, eps=ADAM_EPS)


def train_step(torch, model, opt, lr, src, tgt_in, tgt_out):
    for g in opt.param_groups:
        g["lr"] = lr
    opt.zero_grad(set_to_none=True)
    loss = smoothed_loss(torch, model(src, tgt_in), tgt_out, SMOOTHING)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), GRAD_CLIP)
    opt.step()
    return loss.item()


# --- decoding -----------------------------------------------------------------

def length_penalty(n, alpha):
    """GNMT's lp(Y) = ((5 + |Y|) / 6)^alpha."""
    return ((5 + n) / 6) ** alpha


def next_log_probs(torch, model, prefixes, mem, mask):
    """log p(next token | source, prefix) for each prefix (all of one length), [N, V]."""
    n = len(prefixes)
    logits = model.decode(torch.tensor(prefixes, dtype=torch.long), mem.expand(n, -1, -1), mask.expand(n, -1, -1, -1))
    return torch.nn.functional.log_softmax(logits[:, -1].double(), dim=-1)


def greedy(torch, model, src, max_len):
    mem, mask = model.encode(torch.tensor([src], dtype=torch.long))
    out = []
    while True:
        nxt = int(next_log_probs(torch, model, [[BOS] + out], mem, mask)[0].argmax())
        out.append(nxt)
        if nxt == EOS or len(out) == max_len:
            return out


def beam_search(torch, model, src, width, max_len, alpha):
    """BeamSearch: the best hypothesis's tokens, ranked by log p(Y) / lp(Y)."""
    mem, mask = model.encode(torch.tensor([src], dtype=torch.long))
    live = [([], 0.0)]  # (tokens, log p)
    finished = []  # (score, order found, tokens)

    def settled():
        if len(finished) < width:
            return False
        scores = sorted((f[0] for f in finished), reverse=True)
        best_live = max(lp for _, lp in live)
        # s(Y) <= log p(y_<=t) / lp(max_len) for every Y that grows from y_<=t
        return best_live / length_penalty(max_len, alpha) <= scores[width - 1]

    while live and not settled():
        lp = next_log_probs(torch, model, [[BOS] + t for t, _ in live], mem, mask)
        lp = lp + torch.tensor([p for _, p in live], dtype=lp.dtype)[:, None]
        flat = lp.reshape(-1)
        # most probable first; of equal ones the earlier beam's, then the lower token's
        order = torch.sort(flat, descending=True, stable=True).indices[: 2 * width + 1].tolist()
        v = lp.shape[1]
        nxt, taken = [], 0
        for rank, i in enumerate(order):
            if taken == width:
                break
            p = flat[i].item()
            if math.isinf(p):
                break
            parent, tok = live[i // v], i % v
            tokens = parent[0] + [tok]
            if tok == EOS:
                if rank < width:
                    finished.append((p / length_penalty(len(tokens), alpha), len(finished), tokens))
            elif len(tokens) == max_len:
                finished.append((p / length_penalty(len(tokens), alpha), len(finished), tokens))
                taken += 1
            else:
                nxt.append((tokens, p))
                taken += 1
        live = nxt
    finished.sort(key=lambda f: (-f[0], f[1]))
    return finished[0][2]


# --- scores -------------------------------------------------------------------

def spell(ids, vocab):
    """The words of an output, up to its end token."""
    out = []
    for i in ids:
        if i == EOS:
            break
        out.append(vocab.tokens[i])
    return out


def corpus_bleu(hyps, refs, max_order=4):
    """sacreBLEU's corpus BLEU, one reference, tokenizer "none" (words given), exp smoothing."""
    correct, total = [0] * max_order, [0] * max_order
    sys_len = ref_len = 0
    for h, r in zip(hyps, refs):
        sys_len, ref_len = sys_len + len(h), ref_len + len(r)
        for n in range(1, max_order + 1):
            hc = collections.Counter(tuple(h[i:i + n]) for i in range(len(h) - n + 1))
            rc = collections.Counter(tuple(r[i:i + n]) for i in range(len(r) - n + 1))
            correct[n - 1] += sum(min(c, rc[g]) for g, c in hc.items())
            total[n - 1] += max(len(h) - n + 1, 0)
    precisions, smooth = [0.0] * max_order, 1.0
    for n in range(max_order):
        if total[n] == 0:
            break
        if correct[n] == 0:
            smooth *= 2  # exp: the k-th order without a match gets 1 / (2^k total)
            precisions[n] = 100.0 / (smooth * total[n])
        else:
            precisions[n] = 100.0 * correct[n] / total[n]
    bp = 1.0 if sys_len >= ref_len else (math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0)
    logs = [math.log(p) if p > 0 else -9999999999 for p in precisions]
    return bp * math.exp(sum(logs) / max_order)


def lcs(a, b):
    row = [0] * (len(b) + 1)
    for x in a:
        prev_diag = 0
        for j, y in enumerate(b, 1):
            prev_diag, row[j] = row[j], prev_diag + 1 if x == y else max(row[j], row[j - 1])
    return row[len(b)]


def rouge_l(hyps, refs):
    """The mean over sentences of ROUGE-L's F-measure over words."""
    total = 0.0
    for h, r in zip(hyps, refs):
        if h and r:
            n = lcs(h, r)
            p, rec = n / len(h), n / len(r)
            total += 2 * p * rec / (p + rec) if p + rec > 0 else 0.0
    return total / len(hyps)


def score(hyps_ids, test_ids, refs, es):
    exact = sum(h == t for h, t in zip(hyps_ids, test_ids)) / len(test_ids)
    hit = sum(sum(1 for j, t in enumerate(ref) if j < len(h) and h[j] == t) for h, ref in zip(hyps_ids, test_ids))
    tokens = hit / sum(len(t) for t in test_ids)
    words = [spell(h, es) for h in hyps_ids]
    return exact, tokens, corpus_bleu(words, refs), rouge_l(words, refs)


# --- runs ---------------------------------------------------------------------

def setup(args):
    import ctypes
    import torch

    torch.set_num_threads(args.threads)
    try:
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(args.threads)
    except OSError:
        pass
    torch.set_default_dtype(getattr(torch, args.dtype))
    torch.manual_seed(args.seed)
    return torch


def run_bible(args):
    torch = setup(args)
    train, valid, test = (read_pairs(os.path.join(args.pairs, f)) for f in FILES)
    en, es = Vocab([s for s, _ in train], MIN_COUNT), Vocab([t for _, t in train], MIN_COUNT)
    tr_src, tr_in, tr_out = encode(train, en, es)
    va = encode(valid, en, es)
    te_src, _, te_out = encode(test, en, es)
    refs = [t for _, t in test]
    max_len = max(len(t) for t in te_out) + 4
    unigram = unigram_entropy(tr_out)
    model = build_model(torch, len(en.tokens), len(es.tokens), DROPOUT, tied=False)
    opt = make_optimizer(torch, model, LR)
    batches = torch.Generator().manual_seed(args.seed ^ BATCH_SEED)
    print(f"# torch {torch.__version__}, {os.cpu_count()} CPUs, {args.threads} thread(s), {args.dtype}; "
          f"{len(train)}/{len(valid)}/{len(test)} pairs, {len(en.tokens)} source and {len(es.tokens)} target tokens; "
          f"{LAYERS}+{LAYERS} layers, {HEADS} heads, width {WIDTH}, d_ff {DFF}, dropout {DROPOUT}; "
          f"{args.iters} steps of {BATCH} pairs, seed {args.seed}; unigram entropy {unigram:.4f}", flush=True)

    def valid_loss():
        model.eval()
        total, n = 0.0, 0
        with torch.no_grad():
            for lo in range(0, len(va[0]), VALID_BATCH):
                s, i, o = (pad(torch, x[lo:lo + VALID_BATCH]) for x in va)
                logits = model(s, i)
                total += torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), o.reshape(-1),
                                                           ignore_index=PAD, reduction="sum").item()
                n += int((o != PAD).sum())
        model.train()
        return total / n

    start = time.perf_counter()
    print(f"step 0/{args.iters}  val loss {valid_loss():.4f}  {time.perf_counter() - start:.0f}s", flush=True)
    step_time, val = 0.0, float("nan")
    for it in range(1, args.iters + 1):
        idx = torch.randint(len(tr_src), (BATCH,), generator=batches).tolist()
        src, tgt_in, tgt_out = (pad(torch, [x[i] for i in idx]) for x in (tr_src, tr_in, tr_out))
        t0 = time.perf_counter()
        lr = warmup_cosine(it, LR, MIN_LR, WARMUP, max(args.iters, WARMUP + 1))
        loss = train_step(torch, model, opt, lr, src, tgt_in, tgt_out)
        step_time += time.perf_counter() - t0
        if it % EVAL_INTERVAL == 0 or it == args.iters:
            val = valid_loss()
            print(f"step {it}/{args.iters}  loss {loss:.4f}  lr {lr:.2e}  val loss {val:.4f}  "
                  f"{time.perf_counter() - start:.0f}s", flush=True)
    ms = step_time / args.iters * 1e3 if args.iters else 0.0
    model.eval()
    with torch.no_grad():
        greedy_ids = [greedy(torch, model, s, max_len) for s in te_src]
        seconds = time.perf_counter() - start
        t0 = time.perf_counter()
        beam_ids = [beam_search(torch, model, s, BEAM, max_len, ALPHA) for s in te_src]
        beam_seconds = time.perf_counter() - t0
    g, b = score(greedy_ids, te_out, refs, es), score(beam_ids, te_out, refs, es)
    print(f"validation loss {val:.4f} nats a token (unigram entropy {unigram:.4f})")
    print(f"after {args.iters} steps ({seconds:.0f} s, {ms:.1f} ms a step), greedy decoding of the {len(test)} test "
          f"examples: exact {100 * g[0]:.2f}%, tokens {100 * g[1]:.2f}%, BLEU {g[2]:.2f}, ROUGE-L {100 * g[3]:.2f}")
    print(f"beam search (B = {BEAM}, α = {ALPHA}): exact {100 * b[0]:.2f}%, tokens {100 * b[1]:.2f}%, "
          f"BLEU {b[2]:.2f}, ROUGE-L {100 * b[3]:.2f} ({beam_seconds:.0f} s)")
    print("the first 5 test examples, greedy:")
    for i in range(5):
        print(f"  {' '.join(test[i][0])}  →  {' '.join(spell(greedy_ids[i], es))}  (want {' '.join(refs[i])})")
    print(f"result bench=seq2seq_train task=bible dtype={args.dtype} threads={args.threads} iters={args.iters} "
          f"seed={args.seed} val_loss={val:.4f} greedy_bleu={g[2]:.2f} greedy_rouge_l={100 * g[3]:.2f} "
          f"beam_bleu={b[2]:.2f} beam_rouge_l={100 * b[3]:.2f} seconds={seconds:.2f} ms_per_step={ms:.3f} "
          f"torch={torch.__version__}", flush=True)


def run_copy(args):
    """Time args.copy_steps steps of the copy task; print the loss, which falls to its floor."""
    torch = setup(args)
    model = build_model(torch, COPY_VOCAB, COPY_VOCAB, 0.0, tied=True)
    opt = make_optimizer(torch, model, COPY_LR)
    batches = torch.Generator().manual_seed(args.seed ^ BATCH_SEED)
    step_time, loss = 0.0, float("nan")
    for it in range(1, args.copy_steps + 1):
        seqs = torch.randint(1, COPY_VOCAB, (COPY_BATCH, COPY_LEN), generator=batches)
        seqs[:, 0] = 1  # the start token
        t0 = time.perf_counter()
        lr = warmup_cosine(it, COPY_LR, COPY_MIN_LR, WARMUP, COPY_STEPS)
        loss = train_step(torch, model, opt, lr, seqs, seqs[:, :-1], seqs[:, 1:])
        step_time += time.perf_counter() - t0
    ms = step_time / args.copy_steps * 1e3
    print(f"copy task: {args.copy_steps} steps of {COPY_BATCH} sequences, loss {loss:.4f}, {ms:.1f} ms a step "
          f"({args.threads} thread(s), {args.dtype})")
    print(f"result bench=seq2seq_train task=copy dtype={args.dtype} threads={args.threads} steps={args.copy_steps} "
          f"seed={args.seed} loss={loss:.4f} ms_per_step={ms:.3f} torch={torch.__version__}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pairs", help="the folder `aigc train transformer -write-pairs DIR` wrote")
    p.add_argument("--iters", type=int, default=STEPS, help=f"training steps (default {STEPS}); the cosine ends at the last, as luoxia's -iters")
    p.add_argument("--copy-steps", type=int, default=0, help="instead, time this many steps of the copy task")
    p.add_argument("--seed", type=int, default=1, help="seed of the weights and the batches (default 1)")
    p.add_argument("--threads", type=int, default=1, help="threads for PyTorch and OpenBLAS (default 1)")
    p.add_argument("--dtype", default="float32", choices=("float32", "float64"),
                   help="arithmetic: float32 (default) or float64 (luoxia's)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.threads < 1 or args.iters < 1 or args.seed < 0 or args.copy_steps < 0:
        p.error("--threads and --iters must be at least 1, --seed and --copy-steps at least 0")
    if args.copy_steps == 0 and not args.pairs:
        p.error("give --pairs DIR (written by `aigc train transformer -write-pairs DIR`) or --copy-steps N")
    if args.child:
        run_copy(args) if args.copy_steps else run_bible(args)
        return
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        sys.exit("seq2seq_train.py: no torch for this python; as root: apt-get install -y --no-install-recommends "
                 "python3-torch libopenblas0-pthread (and run /usr/bin/python3)")
    if not args.copy_steps:
        try:
            for f in FILES:
                read_pairs(os.path.join(args.pairs, f))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            sys.exit(f"seq2seq_train.py: --pairs: {e}")
    t = str(args.threads)
    env = dict(os.environ, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t, MKL_NUM_THREADS=t)
    cmd = [sys.executable, os.path.abspath(__file__), "--child", f"--iters={args.iters}", f"--seed={args.seed}",
           f"--threads={args.threads}", f"--dtype={args.dtype}", f"--copy-steps={args.copy_steps}"]
    if args.pairs:
        cmd.append(f"--pairs={args.pairs}")
    sys.exit(subprocess.run(cmd, env=env).returncode)


if __name__ == "__main__":
    main()
