package transformer

import (
	"fmt"
	"math"
	"time"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// GPTProgress is what TrainGPT reports after every step, and once before
// the first with the untrained model's validation loss (Iter 0).
type GPTProgress struct {
	Iter, Iters int     // the step just taken (from 1; 0 before any) and how many there are
	Loss        float64 // this step's training loss, nats per character (NaN at Iter 0)
	LR          float64 // the learning rate this step used
	// Evaluated marks a report that carries a validation loss, ValLoss,
	// in nats per character.
	Evaluated bool
	ValLoss   float64
	Seconds   float64 // wall time since training started
	// Model is the model being trained, as it is now: save it to keep a
	// checkpoint. Training goes on changing it once progress returns.
	Model *GPT
}

// String formats p as one line of a training log.
func (p GPTProgress) String() string {
	if p.Iter == 0 {
		return fmt.Sprintf("step %d/%d  val loss %.4f  %.0fs", p.Iter, p.Iters, p.ValLoss, p.Seconds)
	}
	s := fmt.Sprintf("step %d/%d  loss %.4f  lr %.2e", p.Iter, p.Iters, p.Loss, p.LR)
	if p.Evaluated {
		s += fmt.Sprintf("  val loss %.4f", p.ValLoss)
	}
	return s + fmt.Sprintf("  %.0fs", p.Seconds)
}

// GPTResult is a trained GPT and its learning curves.
type GPTResult struct {
	Model *GPT
	// TrainLoss is every step's training loss, nats per character.
	TrainLoss []float64
	// EvalIters are the steps after which the validation loss was
	// measured (0 is before training), and ValLoss the losses, nats per
	// character of the validation windows.
	EvalIters []int
	ValLoss   []float64
	Seconds   float64 // wall time of training, evaluation included
	MsPerStep float64 // mean wall time of one step, evaluation and batch drawing excluded
}

// batchSeed is mixed into the run's seed to seed the training windows, so
// that the windows do not depend on how many numbers the model's
// initialisation and dropout draw.
const batchSeed = 0xba7c4e5

// TrainGPT trains a GPT of cfg.Model's shape, with the vocabulary of
// corpus's characters, on corpus.Train, as nanoGPT's train.py does:
// every step draws cfg.BatchSize windows at uniformly random starts
// (data.WindowSampler), takes the mean next-character cross-entropy,
// clips the gradient's global norm, and makes one AdamW step at the rate
// of the warm-up and cosine schedule. Before the first step, every
// cfg.EvalInterval steps and after the last, it measures the validation
// loss on fixed windows of corpus.Val (see GPTTrainConfig.EvalWindows)
// without recording a graph. progress, if not nil, is called before the
// first step and after every step.
func TrainGPT(cfg GPTTrainConfig, corpus *data.CharCorpus, progress func(GPTProgress)) (*GPTResult, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if corpus == nil {
		return nil, fmt.Errorf("transformer: TrainGPT: no corpus")
	}
	bs := cfg.Model.BlockSize
	if len(corpus.Train) <= bs || len(corpus.Val) <= bs {
		return nil, fmt.Errorf("transformer: corpus %s: %d training and %d validation characters; windows of %d need more than %d of each",
			corpus.Source, len(corpus.Train), len(corpus.Val), bs, bs)
	}
	cfg.Model.Vocab = corpus.Vocab.Size()
	rng := tensor.NewRNG(cfg.Seed)
	model, err := NewGPT(cfg.Model, rng)
	if err != nil {
		return nil, err
	}
	sampler := data.NewWindowSampler(corpus.Train, bs, cfg.Seed^batchSeed)
	valX, valY := GPTEvalWindows(corpus.Val, bs, cfg.EvalWindows)

	opt := newGroupedAdamW(model, cfg.LR, cfg.WeightDecay, cfg.Beta1, cfg.Beta2, cfg.GradClip)
	sched := optim.WarmupCosine{Base: cfg.LR, Min: cfg.MinLR, Warmup: cfg.WarmupIters, Total: cfg.DecayIters}

	res := &GPTResult{Model: model, TrainLoss: make([]float64, 0, cfg.Iters)}
	start := time.Now()
	evaluate := func(iter int) float64 {
		v := GPTValLoss(model, valX, valY)
		res.EvalIters, res.ValLoss = append(res.EvalIters, iter), append(res.ValLoss, v)
		return v
	}
	v0 := evaluate(0)
	if progress != nil {
		progress(GPTProgress{Iters: cfg.Iters, Loss: math.NaN(), Evaluated: true, ValLoss: v0, Seconds: time.Since(start).Seconds(), Model: model})
	}
	var stepTime time.Duration
	for it := 1; it <= cfg.Iters; it++ {
		x, y := sampler.Sample(cfg.BatchSize)
		t0 := time.Now()
		// The update numbered it uses LR(it): LR(1) = LR/WarmupIters,
		// LR(WarmupIters) = LR, LR(DecayIters) = MinLR.
		lr := sched.LR(it)
		// L = -(1/BT)·Σ_{b,t} log p(y[b][t] | x[b][0..t])
		loss := model.Loss(x, y)
		opt.step(loss, lr)
		stepTime += time.Since(t0)
		res.TrainLoss = append(res.TrainLoss, loss.Item())

		p := GPTProgress{Iter: it, Iters: cfg.Iters, Loss: loss.Item(), LR: lr, Model: model}
		if it%cfg.EvalInterval == 0 || it == cfg.Iters {
			p.Evaluated, p.ValLoss = true, evaluate(it)
		}
		if progress != nil {
			p.Seconds = time.Since(start).Seconds()
			progress(p)
		}
	}
	tensor.Recycle() // lets go of the last step's memory
	res.Seconds = time.Since(start).Seconds()
	res.MsPerStep = optim.MsPerStep(stepTime, cfg.Iters)
	return res, nil
}

// GPTParamGroups splits g's parameters as nanoGPT's configure_optimizers
// does, by their number of dimensions: decay holds the matrices (every
// Linear's weight and the token and position tables, ≥ 2 dimensions),
// which AdamW shrinks towards 0; noDecay holds the vectors (LayerNorm
// gains, and biases if the model has them), which it leaves alone.
func GPTParamGroups(g *GPT) (decay, noDecay []*autograd.Value) { return decayGroups(g) }

// GPTEvalWindows returns the validation windows of blockSize characters
// TrainGPT measures on: the first n of data.SequentialWindows(val,
// blockSize), or all of them when n is 0 or more than there are. In
// Python their starts are range(0, len(val) - blockSize, blockSize)[:n].
func GPTEvalWindows(val []int, blockSize, n int) (x, y [][]int) {
	x, y = data.SequentialWindows(val, blockSize)
	if n > 0 && n < len(x) {
		x, y = x[:n], y[:n]
	}
	return x, y
}

// gptEvalBatch is the number of windows GPTValLoss feeds at once. Every
// window has the same length, so the mean over all of them does not
// depend on it; it only bounds the memory of one pass.
const gptEvalBatch = 64

// GPTValLoss returns g's mean next-character cross-entropy over the
// windows x, y (targets y[b][t] following x[b][0..t]), in nats per
// character, with dropout off and no graph recorded: the blocks run on
// autograd.NoGrad of the embeddings. Dropout is switched back on after,
// if it was on.
func GPTValLoss(g *GPT, x, y [][]int) float64 {
	if len(x) == 0 || len(x) != len(y) {
		panic(fmt.Sprintf("transformer: GPTValLoss: %d input windows and %d target windows", len(x), len(y)))
	}
	training := g.Drop.Training()
	nn.SetTraining(g, false)
	defer nn.SetTraining(g, training)
	sum := 0.0
	for lo := 0; lo < len(x); lo += gptEvalBatch {
		hi := min(lo+gptEvalBatch, len(x))
		logits := g.noGradForward(x[lo:hi])
		// the batch's mean, weighted by its windows
		sum += nextTokenLoss(logits, y[lo:hi]).Item() * float64(hi-lo)
	}
	return sum / float64(len(x))
}

// noGradForward is Forward without a graph through the blocks: the logits
// [B, T, V] for ids [B][T], for evaluation and sampling.
func (g *GPT) noGradForward(ids [][]int) *autograd.Value {
	logits, _ := g.Transform(autograd.NoGrad(g.Embed(ids, 0).Data), nil)
	return logits
}

// GPTScorer returns g as a Scorer for the decoders (Sample, Greedy): the
// logits of the character after prefix, from a full pass without a graph
// over the last BlockSize characters of it (the model has no positions
// beyond those), with dropout off. A prefix must not be empty.
func GPTScorer(g *GPT) Scorer {
	nn.SetTraining(g, false)
	return func(prefix []int) []float64 {
		if len(prefix) == 0 {
			panic("transformer: GPTScorer: empty prefix; the GPT needs a character to condition on")
		}
		if n := g.Config.BlockSize; len(prefix) > n {
			prefix = prefix[len(prefix)-n:]
		}
		logits := g.noGradForward([][]int{prefix}).Data
		v, t := g.Config.Vocab, len(prefix)
		return append([]float64(nil), logits.Data[(t-1)*v:t*v]...)
	}
}
