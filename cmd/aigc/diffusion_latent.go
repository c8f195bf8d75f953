package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// latentParams is the file a latent denoiser's averaged weights are
// saved in.
const latentParams = "latent.params"

// defaultLatentVAE is the folder -model latent reads its VAE from unless
// -vae says otherwise: where `aigc train vae -model conv` writes it.
var defaultLatentVAE = filepath.Join("out", "vae", vae.ArchConv)

// latentVAERun is the VAE run -model latent starts when -vae names a
// folder with no VAE in it: the VAE chapter's default convolutional VAE
// on all the training digits. Tests make it smaller.
var latentVAERun = func() vaeRun { return vaeRun{cfg: vae.ConvConfig()} }

// latentRecord is what model.json records of a latent diffusion model:
// how it was trained, and the VAE whose codes it learnt.
type latentRecord struct {
	Train diffusion.LatentTrainConfig
	// Scale is the training codes' per-dimension mean and deviation, which
	// map the model's samples back to codes.
	Scale diffusion.CodeScale
	// VAE is the convolutional VAE's folder, relative to the model's own
	// folder unless absolute, and VAEParams the SHA-256 of the vae.params
	// whose codes the model learnt.
	VAE, VAEParams string
	// TrainSize is the number of training digits encoded (the first ones).
	TrainSize int
}

// latentRun is one `aigc train diffusion -model latent`.
type latentRun struct {
	cfg       diffusion.LatentTrainConfig
	vaeDir    string // -vae
	trainSize int    // -train-size (0: all)
	mnist     string // -mnist
}

// runLatent checks the run's settings, with the shared flags -steps, -T,
// -batch and -lr (0: the default), and trains it into out/latent.
func runLatent(r latentRun, steps, T, batch int, lr float64, out string, stdout, stderr io.Writer) error {
	c := &r.cfg
	for _, v := range []struct {
		p *int
		v int
	}{{&c.Steps, steps}, {&c.T, T}, {&c.Batch, batch}} {
		if v.v != 0 {
			*v.p = v.v
		}
	}
	if lr > 0 {
		c.LR = lr
	}
	c.Warmup = min(c.Warmup, c.Steps/2)
	if !(c.PUncond >= 0 && c.PUncond < 1) {
		return fmt.Errorf("-p-uncond %g: want a probability in [0, 1)", c.PUncond)
	}
	if !(c.EMA >= 0 && c.EMA < 1) {
		return fmt.Errorf("-ema %g: want a decay in [0, 1)", c.EMA)
	}
	if r.vaeDir == "" {
		return fmt.Errorf("-vae: name the convolutional VAE's folder (default %s)", defaultLatentVAE)
	}
	dir, err := modelDir(out, "latent")
	if err != nil {
		return err
	}
	return trainLatentDiffusion(r, dir, stdout, stderr)
}

// latentCodec is a trained VAE as latent diffusion uses it: the encoder's
// means and the decoder's pixel probabilities.
type latentCodec struct {
	m    vae.Model
	hash string       // the SHA-256 of its vae.params
	rec  *modelRecord // its model.json
}

// fileSHA256 returns the hex SHA-256 of a file's contents.
func fileSHA256(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// loadLatentVAE loads the convolutional VAE in dir, where flag names the
// place the folder came from for the errors.
func loadLatentVAE(dir, flag string) (*latentCodec, error) {
	rec, err := readRecord(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", flag, err)
	}
	path := filepath.Join(dir, "model.json")
	if rec.Model != "vae" {
		return nil, fmt.Errorf("%s %s: %s records a %s model, not a convolutional VAE; train one with aigc train vae -model conv", flag, dir, path, rec.Model)
	}
	var cfg vae.Config
	if err := decodeConfig(dir, rec, "", &cfg); err != nil {
		return nil, err
	}
	if cfg.Arch != vae.ArchConv {
		return nil, fmt.Errorf("%s %s: %s records a VAE of arch %q, not a convolutional VAE; train one with aigc train vae -model conv", flag, dir, path, cfg.Arch)
	}
	m, err := cfg.NewModel(data.MNISTPixels, tensor.NewRNG(1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	params := filepath.Join(dir, "vae.params")
	if err := nn.Load(params, m); err != nil {
		return nil, err
	}
	hash, err := fileSHA256(params)
	if err != nil {
		return nil, err
	}
	return &latentCodec{m: m, hash: hash, rec: rec}, nil
}

// latentVAE loads the convolutional VAE in dir, training one there first
// if the folder has none.
func latentVAE(dir, mnist string, stdout, stderr io.Writer) (*latentCodec, error) {
	if _, err := os.Stat(filepath.Join(dir, "model.json")); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "-vae %s: no trained convolutional VAE there; training one first, as aigc train vae -model conv would\n", dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("-vae: %w", err)
		}
		r := latentVAERun()
		r.cfg.Arch, r.mnist, r.dir = vae.ArchConv, mnist, dir
		if err := r.train(stdout, stderr); err != nil {
			return nil, err
		}
	}
	c, err := loadLatentVAE(dir, "-vae")
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "the convolutional VAE of %s (%d epochs, codes of %d)\n", dir, c.rec.Steps, c.m.Latent())
	return c, nil
}

// trainLatentDiffusion encodes the training digits with the VAE, trains
// the latent denoiser on their codes, saves it into dir and draws its
// figures.
func trainLatentDiffusion(r latentRun, dir string, stdout, stderr io.Writer) error {
	codec, err := latentVAE(r.vaeDir, r.mnist, stdout, stderr)
	if err != nil {
		return err
	}
	train, _, err := loadMNIST(r.mnist)
	if err != nil {
		return err
	}
	if r.trainSize > 0 && r.trainSize < train.Len() {
		train = train.Head(r.trainSize)
	}
	cfg := r.cfg
	cfg.Model.Dim = codec.m.Latent()
	start := time.Now()
	codes := vae.EncodeMeans(codec.m, train.Images)
	encodeSeconds := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "encoded %d digits to their codes μ(x) %v in %.1f s\n", train.Len(), codes.Shape, encodeSeconds)
	m := cfg.Model
	fmt.Fprintf(stdout, "training the latent denoiser (%d hidden layers of %d, %d classes) on the codes: T = %d, %d steps of %d, Adam at %g, labels dropped with p = %g, EMA %g, seed %d\n",
		m.Layers, m.Hidden, m.Classes, cfg.T, cfg.Steps, cfg.Batch, cfg.LR, cfg.PUncond, cfg.EMA, cfg.Seed)
	bar := newProgress(stderr)
	defer bar.done()
	res, err := diffusion.TrainLatent(cfg, codes, train.Labels, func(p diffusion.LatentProgress) {
		ms := 1000 * p.Seconds / float64(p.Step)
		bar.line(p.Step, p.Steps, fmt.Sprintf("L_simple %.4f  lr %.2e  %.1f ms/step", p.Loss, p.LR, ms))
	})
	bar.done()
	if err != nil {
		return err
	}
	every100 := blockMeans(res.Loss, 100)
	msPerStep := 1000 * res.Seconds / float64(cfg.Steps)
	fmt.Fprintf(stdout, "trained in %.1f s (%.1f ms/step); L_simple over the last 100 steps %.4f\n", res.Seconds, msPerStep, every100[len(every100)-1])
	vaeDir, err := recordedPath(dir, r.vaeDir)
	if err != nil {
		return err
	}
	rec := &latentRecord{Train: cfg, Scale: res.Scale, VAE: vaeDir, VAEParams: codec.hash, TrainSize: train.Len()}
	measured := map[string]any{
		"loss_per_100_steps": every100, "ms_per_step": msPerStep, "params": nn.NumParams(res.EMA),
		"encode_seconds": encodeSeconds, "train_seconds": res.Seconds,
	}
	labels, _ := digitLabels("", 100)
	sampler := unetSampler(res.Schedule.T)
	lm := &latentModel{m: res.EMA, s: res.Schedule, scale: res.Scale, codec: codec}
	x, timing, err := lm.draw(sampler, labels, diffusion.DefaultLatentGuidance, len(labels), tensor.NewRNG(cfg.Seed+1))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "100 digits by %s (guidance w = %g) in %.2f s: %.2f s denoising the codes, %.2f s decoding them\n",
		sampler, diffusion.DefaultLatentGuidance, timing.total(), timing.denoise, timing.decode)
	measured["sample_100"] = map[string]any{"sampler": sampler.String(), "guidance": diffusion.DefaultLatentGuidance,
		"seconds": timing.total(), "denoise_seconds": timing.denoise, "decode_seconds": timing.decode}
	if err := nn.Save(filepath.Join(dir, latentParams), res.EMA); err != nil {
		return err
	}
	if err := writeRecord(dir, "diffusion", cfg.Steps, cfg.Seed, res.Seconds, diffusionConfig{Model: "latent", Latent: rec}, measured); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %s\n", filepath.Join(dir, latentParams), filepath.Join(dir, "model.json"))
	if err := writeDigitGrid(stdout, dir, "samples.png", x, 10); err != nil {
		return err
	}
	curves, err := plot.CurvesWith(plot.CurveOptions{Title: "the latent denoiser's L_simple on the VAE's codes", XLabel: "step", YLabel: "L_simple", Smooth: 100},
		[]plot.Series{{Name: "L_simple", Y: res.Loss}})
	if err != nil {
		return err
	}
	return writeFigure(stdout, dir, "losses.png", curves)
}

// recordedPath is target as model.json in dir records it: relative to
// dir, so that the two folders can move together, or absolute if it has
// no path relative to dir.
func recordedPath(dir, target string) (string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(absDir, abs); err == nil {
		return rel, nil
	}
	return abs, nil
}

// latentTiming is how long drawing digits from a latent model took.
type latentTiming struct{ denoise, decode float64 }

// total is the whole time, denoising and decoding.
func (t latentTiming) total() float64 { return t.denoise + t.decode }

// latentModel is a latent diffusion model ready to draw digits: the
// denoiser, its schedule and the codes' scale, and the VAE that decodes
// its codes.
type latentModel struct {
	m     *diffusion.LatentDenoiser
	s     *diffusion.Schedule
	scale diffusion.CodeScale
	codec *latentCodec
}

// draw draws n codes with the sampler, for the labels (nil: none) at
// guidance w, and decodes them to pixels [n, 784] in [0, 1] with the VAE.
func (lm *latentModel) draw(sampler diffusion.Sampler, labels []int, w float64, n int, rng *tensor.RNG) (*tensor.Tensor, latentTiming, error) {
	var timing latentTiming
	start := time.Now()
	z, err := diffusion.SampleLatent(lm.m, lm.scale, lm.s, sampler, labels, w, n, rng)
	if err != nil {
		return nil, timing, err
	}
	timing.denoise = time.Since(start).Seconds()
	start = time.Now()
	x := vae.DecodeProbs(lm.codec.m, z)
	timing.decode = time.Since(start).Seconds()
	return x, timing, nil
}

// drawDigits is draw without the timing, a digitDrawer.
func (lm *latentModel) drawDigits(sampler diffusion.Sampler, labels []int, w float64, n int, rng *tensor.RNG) (*tensor.Tensor, error) {
	x, _, err := lm.draw(sampler, labels, w, n, rng)
	return x, err
}

// decode maps samples of the standardised codes [N, Dim] to pixels
// [N, 784] in [0, 1]: z = m + s x, decoded by the VAE.
func (lm *latentModel) decode(x *tensor.Tensor) *tensor.Tensor {
	return vae.DecodeProbs(lm.codec.m, lm.scale.Unstandardise(x))
}

// latentReference scores the first n training digits as they are and
// as the VAE reconstructs them, D(μ(x)), against the reference digits,
// prints both and returns the numbers. A latent model's digits are all
// drawn by the decoder: the two rows show what the decoder's rendering of
// real codes keeps and loses, at the same number of digits as the model's
// rows.
func latentReference(lm *latentModel, mnist string, n int, clf *evaluation.Classifier, reference *tensor.Tensor, stdout io.Writer) (map[string]any, error) {
	train, _, err := loadMNIST(mnist)
	if err != nil {
		return nil, err
	}
	x := train.Head(min(n, train.Len())).Images
	out := map[string]any{"n": x.Shape[0]}
	for _, row := range []struct {
		name, what string
		images     *tensor.Tensor
	}{
		{"training_digits", "as they are", x},
		{"vae_reconstructions", "through the VAE, D(μ(x))", vae.DecodeProbs(lm.codec.m, vae.EncodeMeans(lm.codec.m, x))},
	} {
		sc, err := clf.Score(row.images, reference, evaluation.DefaultScoreOptions())
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "the first %d training digits, %s  MNIST-FID %.2f  precision %.3f  recall %.3f\n",
			x.Shape[0], padRight(row.what, 24), sc.FID, sc.Precision, sc.Recall)
		out[row.name] = map[string]any{"fid": sc.FID, "precision": sc.Precision, "recall": sc.Recall}
	}
	return out, nil
}

// loadLatent loads the latent model in dir, as model.json records it, and
// the VAE it names, which must be the one whose codes it learnt.
func loadLatent(dir string, rec *latentRecord) (*latentModel, error) {
	path := filepath.Join(dir, "model.json")
	if rec == nil {
		return nil, fmt.Errorf("%s: a latent model without its Latent record", path)
	}
	s, err := rec.Train.Schedule()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	m, err := diffusion.NewLatentDenoiser(rec.Train.Model, tensor.NewRNG(1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if err := nn.Load(filepath.Join(dir, latentParams), m); err != nil {
		return nil, err
	}
	vaeDir := rec.VAE
	if !filepath.IsAbs(vaeDir) {
		vaeDir = filepath.Join(dir, vaeDir)
	}
	codec, err := loadLatentVAE(vaeDir, path+": the VAE")
	if err != nil {
		return nil, err
	}
	if codec.m.Latent() != m.Cfg.Dim || len(rec.Scale.Mean) != m.Cfg.Dim {
		return nil, fmt.Errorf("%s: the VAE in %s has codes of %d, the denoiser learnt codes of %d", path, vaeDir, codec.m.Latent(), m.Cfg.Dim)
	}
	if codec.hash != rec.VAEParams {
		return nil, fmt.Errorf("%s: the VAE in %s is not the one whose codes the denoiser learnt (its vae.params changed since); train the latent model again", path, vaeDir)
	}
	return &latentModel{m: m, s: s, scale: rec.Scale, codec: codec}, nil
}

// sampleLatentDiffusion draws req.n digits from a latent checkpoint with
// the sampler, class and guidance req asks for (by default DDIM over 50
// steps, the digits 0-9 in turn at the default guidance), decoded by its
// VAE.
func sampleLatentDiffusion(req *sampleRequest, rec *latentRecord) (*tensor.Tensor, error) {
	lm, err := loadLatent(req.dir, rec)
	if err != nil {
		return nil, err
	}
	r := req.diffusion
	if r.sampler == "" {
		r.sampler = "ddim"
		if r.steps == 0 {
			r.steps = unetSampler(lm.s.T).Steps
		}
	}
	sampler, err := diffusionSampler(r, lm.s.T, false)
	if err != nil {
		return nil, err
	}
	labels, err := unetLabels(req, lm.m.NumClasses())
	if err != nil {
		return nil, err
	}
	w := r.guidance.or(diffusion.DefaultLatentGuidance)
	x, timing, err := lm.draw(sampler, labels, w, req.n, req.rng)
	if err != nil {
		return nil, err
	}
	what := "unconditional"
	if labels != nil {
		what = fmt.Sprintf("guidance w = %g", w)
	}
	fmt.Fprintf(req.stdout, "%d samples by %s (%s) in %.2f s, %.2f s of it decoding\n", req.n, sampler, what, timing.total(), timing.decode)
	return x, nil
}
