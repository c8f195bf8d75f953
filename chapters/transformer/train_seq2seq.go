package transformer

import (
	"fmt"
	"math"
	"time"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/optim"
	"github.com/luoxia/aigc/lib/tensor"
)

// Seq2SeqProgress is what TrainSeq2Seq reports after every step, and once
// before the first with the untrained model's exact-match rate (Step 0).
type Seq2SeqProgress struct {
	Step, Steps int     // the step just taken (from 1; 0 before any) and how many there are
	Loss        float64 // this step's label-smoothed loss, nats per target token (NaN at Step 0)
	LR          float64 // the learning rate this step used
	// Evaluated marks a report that carries Exact, the exact-match rate
	// of greedy decoding on the first EvalExamples test examples.
	Evaluated bool
	Exact     float64
	// ValLoss is the validation loss (Seq2SeqValidLoss) at an evaluation
	// of a task with validation examples, and NaN otherwise.
	ValLoss float64
	Seconds float64 // wall time since training started
	// Model is the model being trained, as it is now: save it to keep a
	// checkpoint. Training goes on changing it once progress returns.
	Model *EncoderDecoder
}

// String formats p as one line of a training log.
func (p Seq2SeqProgress) String() string {
	s := fmt.Sprintf("step %d/%d", p.Step, p.Steps)
	if p.Step > 0 {
		s += fmt.Sprintf("  loss %.4f  lr %.2e", p.Loss, p.LR)
	}
	if p.Evaluated {
		s += fmt.Sprintf("  exact %.1f%%", 100*p.Exact)
	}
	if !math.IsNaN(p.ValLoss) {
		s += fmt.Sprintf("  val loss %.4f", p.ValLoss)
	}
	return s + fmt.Sprintf("  %.0fs", p.Seconds)
}

// Seq2SeqResult is a trained encoder-decoder, its learning curves and its
// final greedy scores on the whole test set.
type Seq2SeqResult struct {
	Model     *EncoderDecoder
	TrainLoss []float64 // every step's loss, nats per target token
	// EvalSteps are the steps after which the exact-match rate on the
	// first EvalExamples test examples, Exact, was measured (0 is before
	// training).
	EvalSteps []int
	Exact     []float64
	// ValLoss is the validation loss after each of EvalSteps, for a task
	// with validation examples (nil otherwise).
	ValLoss []float64
	// Final is greedy decoding's score on every test example after the
	// last step.
	Final     Seq2SeqScores
	Seconds   float64 // wall time of training, evaluation included
	MsPerStep float64 // mean wall time of one step, evaluation and batch drawing excluded
}

// TrainSeq2Seq trains an encoder-decoder of cfg.Model's shape, with the
// task's vocabularies, by teacher forcing: every step draws
// cfg.BatchSize training examples, pads them, feeds the decoder the
// target shifted right (TgtIn) and takes the label-smoothed cross-entropy
// of its predictions against the target (TgtOut), clips the gradient's
// global norm and makes one AdamW step at the rate of the warm-up and
// cosine schedule. Before the first step and every cfg.EvalInterval
// steps it decodes the first cfg.EvalExamples test examples greedily,
// and measures the validation loss if the task has validation examples;
// after the last it decodes them all (Result.Final). progress, if not
// nil, is called before the first step and after every step.
func TrainSeq2Seq(cfg Seq2SeqTrainConfig, task *Seq2SeqTask, progress func(Seq2SeqProgress)) (*Seq2SeqResult, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if task == nil {
		return nil, fmt.Errorf("transformer: TrainSeq2Seq: no task")
	}
	cfg.Model.SrcVocab, cfg.Model.TgtVocab, cfg.Model.Pad = task.SrcVocab, task.TgtVocab, data.PadID
	model, err := NewEncoderDecoder(cfg.Model, tensor.NewRNG(cfg.Seed))
	if err != nil {
		return nil, err
	}
	sample := task.NewSampler(cfg.Seed ^ batchSeed)

	opt := newGroupedAdamW(model, cfg.LR, cfg.WeightDecay, cfg.Beta1, cfg.Beta2, cfg.GradClip)
	sched := optim.WarmupCosine{Base: cfg.LR, Min: cfg.MinLR, Warmup: cfg.Warmup, Total: max(cfg.Steps, cfg.Warmup+1)}

	res := &Seq2SeqResult{Model: model, TrainLoss: make([]float64, 0, cfg.Steps)}
	start := time.Now()
	// evaluate measures the exact-match rate on the first EvalExamples
	// test examples and, if the task has them, the validation loss (NaN
	// if not).
	evaluate := func(step int) (exact, valLoss float64) {
		exact, valLoss = EvaluateSeq2Seq(model, task, cfg.EvalExamples, 1, 0).Exact, math.NaN()
		res.EvalSteps, res.Exact = append(res.EvalSteps, step), append(res.Exact, exact)
		if task.Valid != nil {
			valLoss = Seq2SeqValidLoss(model, task.Valid)
			res.ValLoss = append(res.ValLoss, valLoss)
		}
		return exact, valLoss
	}
	e0, v0 := evaluate(0)
	if progress != nil {
		progress(Seq2SeqProgress{Steps: cfg.Steps, Loss: math.NaN(), Evaluated: true, Exact: e0, ValLoss: v0, Seconds: time.Since(start).Seconds(), Model: model})
	}
	var stepTime time.Duration
	for it := 1; it <= cfg.Steps; it++ {
		b := sample(cfg.BatchSize)
		src, _ := data.PadBatch(b.Src, data.PadID)
		tgtIn, _ := data.PadBatch(b.TgtIn, data.PadID)
		tgtOut, _ := data.PadBatch(b.TgtOut, data.PadID)
		t0 := time.Now()
		lr := sched.LR(it)
		// L = -(1/N)·Σ_n Σ_k q_nk log p(k | x, y_<t), over the N target tokens that are not padding
		loss := model.Loss(src, tgtIn, tgtOut, cfg.Eps)
		opt.step(loss, lr)
		stepTime += time.Since(t0)
		res.TrainLoss = append(res.TrainLoss, loss.Item())

		p := Seq2SeqProgress{Step: it, Steps: cfg.Steps, Loss: loss.Item(), LR: lr, ValLoss: math.NaN(), Model: model}
		if it%cfg.EvalInterval == 0 && it < cfg.Steps {
			p.Evaluated = true
			p.Exact, p.ValLoss = evaluate(it)
		}
		if progress != nil {
			p.Seconds = time.Since(start).Seconds()
			progress(p)
		}
	}
	res.Final = EvaluateSeq2Seq(model, task, 0, 1, 0)
	res.EvalSteps, res.Exact = append(res.EvalSteps, cfg.Steps), append(res.Exact, res.Final.Exact)
	if task.Valid != nil {
		res.ValLoss = append(res.ValLoss, Seq2SeqValidLoss(model, task.Valid))
	}
	tensor.Recycle() // lets go of the last step's memory
	res.Seconds = time.Since(start).Seconds()
	res.MsPerStep = optim.MsPerStep(stepTime, cfg.Steps)
	return res, nil
}
