package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// vaeRun is one `aigc train vae`: the configuration and what else to do.
type vaeRun struct {
	cfg       vae.Config
	trainSize int    // use only the first trainSize training digits (0: all)
	iwaeK     int    // estimate log p(x) with the importance-weighted bound of K samples (0: skip)
	sweep     string // a list of β: train one model per β instead of one
	mnist     string // -mnist
	out       string // -out
	dir       string // the folder to write into, if not out/ARCH
}

// train trains the VAE (or the β sweep) and writes its files into dir,
// else out/ARCH.
func (r *vaeRun) train(stdout, stderr io.Writer) error {
	cfg, model := r.cfg, r.cfg.Arch
	train, test, err := loadMNIST(r.mnist)
	if err != nil {
		return err
	}
	if r.trainSize > 0 && r.trainSize < train.Len() {
		train = train.Head(r.trainSize)
	}
	dir := r.dir
	if dir == "" {
		if dir, err = modelDir(r.out, model); err != nil {
			return err
		}
	}
	if r.sweep != "" {
		return betaSweep(r.sweep, cfg, train, test, dir, stdout, stderr)
	}
	fmt.Fprintf(stdout, "training the %s VAE on %d digits: latent %d, β = %g, %d epochs of batches of %d, seed %d\n",
		model, train.Len(), cfg.Latent, cfg.Beta, cfg.Epochs, cfg.BatchSize, cfg.Seed)
	bar := newProgress(stderr)
	defer bar.done()
	ckpt := &checkpointer{dir: dir}
	var testLoss []float64
	res, err := vae.Train(cfg, train, test, func(p vae.Progress) {
		if !p.EpochDone {
			bar.line(p.Step, p.Steps, fmt.Sprintf("epoch %d/%d  loss %.2f", p.Epoch, p.Epochs, p.Loss))
			return
		}
		bar.done()
		fmt.Fprintln(stdout, p)
		testLoss = append(testLoss, p.TestLoss)
		ckpt.save(func() error {
			return saveVAE(dir, cfg, p.Epoch, p.Seconds, p.Model, map[string]any{"test_neg_elbo": testLoss})
		})
	})
	bar.done()
	if err == nil {
		err = ckpt.err
	}
	if err != nil {
		return err
	}
	last := len(res.TestLoss) - 1
	fmt.Fprintf(stdout, "%s VAE after epoch %d: test -ELBO %.2f nats per digit (reconstruction %.2f + KL %.2f), %.0f s (%.1f ms a step)\n",
		model, cfg.Epochs, res.TestLoss[last], res.TestRecon[last], res.TestKL[last], res.Seconds, res.MsPerStep)
	measured := map[string]any{
		"test_neg_elbo": res.TestLoss, "test_recon": res.TestRecon, "test_kl": res.TestKL,
		"train_loss": res.TrainLoss, "ms_per_step": res.MsPerStep,
	}
	// Semi-supervised: the encoder saw every training digit, the
	// classifier sees 10 labelled digits of each class.
	fewX, fewY, err := vae.FewLabels(train, 10)
	if err != nil {
		return err
	}
	pixels := vae.NearestNeighbourAccuracy(fewX, fewY, test.Images, test.Labels)
	codes := vae.NearestNeighbourAccuracy(vae.EncodeMeans(res.Model, fewX), fewY, vae.EncodeMeans(res.Model, test.Images), test.Labels)
	fmt.Fprintf(stdout, "nearest neighbour among 10 labelled digits per class, on the 10,000 test digits: %.1f%% on pixels, %.1f%% on the codes μ(x)\n", 100*pixels, 100*codes)
	measured["few_labels_pixels"], measured["few_labels_codes"] = pixels, codes
	if r.iwaeK > 0 {
		x := tensor.Slice(test.Images, 0, 0, 1000)
		elbo := vae.IWAEEstimate(res.Model, x, 1, tensor.NewRNG(cfg.Seed+1))
		t0 := time.Now()
		bound := vae.IWAEEstimate(res.Model, x, r.iwaeK, tensor.NewRNG(cfg.Seed+1))
		secs := time.Since(t0).Seconds()
		fmt.Fprintf(stdout, "on the first 1,000 test digits: -L_1 (the ELBO) %.2f, -L_%d %.2f nats per digit, in %.1f s\n", -elbo, r.iwaeK, -bound, secs)
		measured["iwae_k"], measured["iwae_1000"], measured["elbo_1000"], measured["iwae_seconds"] = r.iwaeK, bound, elbo, secs
	}
	if err := saveVAE(dir, cfg, cfg.Epochs, res.Seconds, res.Model, measured); err != nil {
		return err
	}
	return writeVAEFigures(stdout, dir, res.Model, test.Images, cfg.Seed)
}

// saveVAE writes a VAE's parameters and model.json, each atomically, the
// record last.
func saveVAE(dir string, cfg vae.Config, epochs int, seconds float64, m vae.Model, measured map[string]any) error {
	if err := nn.Save(filepath.Join(dir, "vae.params"), m); err != nil {
		return err
	}
	return writeRecord(dir, "vae", epochs, cfg.Seed, seconds, cfg, measured)
}

// writeVAEFigures draws reconstructions of test digits, samples from the
// prior, and for a 2-D code the latent manifold, for a larger one the
// traversals of its eight most used dimensions from the first test digit.
func writeVAEFigures(stdout io.Writer, dir string, m vae.Model, test *tensor.Tensor, seed uint64) error {
	img, err := vae.ReconstructionFigure(m, tensor.Slice(test, 0, 0, 10), 10)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "reconstructions.png", img); err != nil {
		return err
	}
	if img, err = vae.SamplesFigure(m, 100, 10, tensor.NewRNG(seed+2)); err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "samples.png", img); err != nil {
		return err
	}
	if m.Latent() == 2 {
		if img, err = vae.ManifoldFigure(m, 20); err != nil {
			return err
		}
		return writeFigure(stdout, dir, "manifold.png", img)
	}
	dims, kl := vae.ActiveDims(m, test, 8)
	fmt.Fprint(stdout, "the code's most used dimensions (mean KL on the test digits, nats):")
	for i, d := range dims {
		fmt.Fprintf(stdout, " z%d %.2f", d, kl[i])
	}
	fmt.Fprintln(stdout)
	if img, err = vae.TraversalFigure(m, tensor.Slice(test, 0, 0, 1), dims, []float64{-3, -2, -1, 0, 1, 2, 3}); err != nil {
		return err
	}
	return writeFigure(stdout, dir, "traversals.png", img)
}

// sampleVAE draws digits from a VAE's checkpoint, z ~ N(0, I).
func sampleVAE(req *sampleRequest) (*tensor.Tensor, error) {
	m, err := loadVAE(req.dir, req.rec)
	if err != nil {
		return nil, err
	}
	return vae.Sample(m, req.n, req.rng), nil
}

// betaSweep is `aigc train vae -sweep`: one model per β, their rate and
// distortion on the test digits, and the curve.
func betaSweep(list string, cfg vae.Config, train, test *data.Dataset, dir string, stdout, stderr io.Writer) error {
	var betas []float64
	for _, f := range strings.Split(list, ",") {
		b, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(b >= 0) || math.IsInf(b, 1) {
			return fmt.Errorf("-sweep %q: %q is not a β ≥ 0", list, f)
		}
		betas = append(betas, b)
	}
	sort.Float64s(betas)
	fmt.Fprintf(stdout, "a β sweep of the %s VAE on %d digits: β = %v, %d epochs each, seed %d\n", cfg.Arch, train.Len(), betas, cfg.Epochs, cfg.Seed)
	bar := newProgress(stderr)
	points, err := vae.BetaSweep(cfg, betas, train, test, func(p vae.Progress) {
		bar.line(p.Step, p.Steps, fmt.Sprintf("epoch %d/%d  loss %.2f", p.Epoch, p.Epochs, p.Loss))
	})
	bar.done()
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "     β   rate (nats)  rate (bits)  distortion (nats)  -ELBO (nats), per test digit")
	for _, p := range points {
		fmt.Fprintf(stdout, "%6g   %10.2f   %10.2f   %16.2f   %11.2f\n", p.Beta, p.Rate, p.Rate/math.Ln2, p.Distortion, p.Rate+p.Distortion)
	}
	img, err := vae.RateDistortionFigure(points)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "beta-sweep.png", img); err != nil {
		return err
	}
	return writeJSON(filepath.Join(dir, "beta-sweep.json"), points)
}
