package main

import (
	"encoding/json"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/internal/atomicfile"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// ganModels are the models `aigc train gan -model` knows.
var ganModels = []string{"ring", "egan", "dcgan", "cgan", "egan-mnist", "cyclegan"}

// modelRecord is model.json, written beside a model's parameter files: enough
// to rebuild the networks for `aigc sample`.
type modelRecord struct {
	Model    string          `json:"model"`
	Steps    int             `json:"steps"` // the steps (a VAE: epochs) the saved parameters have taken
	Seed     uint64          `json:"seed"`
	Seconds  float64         `json:"seconds,omitempty"`
	Config   json.RawMessage `json:"config"`
	Measured map[string]any  `json:"measured,omitempty"`
}

// trainGAN is `aigc train gan`.
func trainGAN(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train gan", "-model MODEL [flags]", "Trains one of the GAN chapter's models, shows its progress, and writes its parameters\n(a checkpoint that `aigc sample` reads), model.json and its pictures into -out/MODEL.\nModels: "+strings.Join(ganModels, ", ")+".", stderr)
	model := fs.String("model", "", "which model: "+strings.Join(ganModels, ", "))
	steps := fs.Int("steps", 0, "training steps (0: the model's default)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same run")
	out := fs.String("out", filepath.Join("out", "gan"), "folder; the model's files go in a subfolder named after it")
	mnist := fs.String("mnist", "", "folder with the MNIST IDX files (default: the GoMNIST module's copy)")
	every := fs.Int("every", 500, "digit models: also save a checkpoint every this many steps (0: only at the end)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if !contains(ganModels, *model) {
		fmt.Fprintf(stderr, "aigc train gan: -model must be one of %s\n", strings.Join(ganModels, ", "))
		fs.Usage()
		return errUsage
	}
	if *steps < 0 {
		return fmt.Errorf("-steps %d: want 0 (the default) or more", *steps)
	}
	if *every < 0 {
		return fmt.Errorf("-every %d: want 0 (only at the end) or more", *every)
	}
	dir := filepath.Join(*out, *model)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("-out: %w", err)
	}
	bar := newProgress(stderr)
	defer bar.done()
	switch *model {
	case "ring", "egan":
		return trainRingModel(*model, *steps, *seed, dir, bar, stdout)
	case "dcgan", "cgan", "egan-mnist":
		return trainMNISTModel(*model, *steps, *seed, *every, *mnist, dir, bar, stdout)
	default:
		return trainCycleModel(*steps, *seed, *every, *mnist, dir, bar, stdout)
	}
}

// trainRingModel trains the plain GAN or the E-GAN on the ring.
func trainRingModel(model string, steps int, seed uint64, dir string, bar *progress, stdout io.Writer) error {
	cfg := gan.DefaultEGANConfig()
	if steps > 0 {
		cfg.Ring.Steps = steps
	}
	cfg.Ring.Seed = seed
	show := func(p gan.RingProgress) {
		bar.line(p.Step, p.Steps, fmt.Sprintf("loss D %.3f G %.3f", p.DLoss, p.GLoss))
	}
	var res *gan.RingResult
	var err error
	var config any = cfg.Ring
	if model == "egan" {
		res, err = gan.TrainRingEGAN(cfg, show)
		config = cfg
	} else {
		res, err = gan.TrainRing(cfg.Ring, show)
	}
	bar.done()
	if err != nil {
		return err
	}
	cov := res.Coverage(10000, seed+1)
	fmt.Fprintf(stdout, "%s on the ring after %d steps (%.1f ms/step): %s\n", model, cfg.Ring.Steps, res.MsPerStep, cov)
	if err := nn.Save(filepath.Join(dir, "generator.params"), res.G); err != nil {
		return err
	}
	if err := nn.Save(filepath.Join(dir, "discriminator.params"), res.D); err != nil {
		return err
	}
	img, err := gan.RingSamplesFigure(res, 4)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "samples.png", img); err != nil {
		return err
	}
	measured := map[string]any{"modes": cov.Modes, "high_quality": cov.HighQuality}
	if model == "egan" {
		wins := winsByMutation(res.Winners)
		measured["wins"] = wins
		fmt.Fprintf(stdout, "steps each mutation's child survived: %v\n", wins)
	}
	return writeRecord(dir, model, cfg.Ring.Steps, seed, res.MsPerStep*float64(cfg.Ring.Steps)/1000, config, measured)
}

// trainMNISTModel trains DCGAN, the conditional DCGAN or the E-GAN on
// MNIST, saving a checkpoint every `every` steps and at the end.
func trainMNISTModel(model string, steps int, seed uint64, every int, mnist, dir string, bar *progress, stdout io.Writer) error {
	train, _, err := loadMNIST(mnist)
	if err != nil {
		return err
	}
	cfg := gan.DefaultDCGANConfig()
	ecfg := gan.DefaultMNISTEGANConfig()
	switch model {
	case "cgan":
		cfg = gan.DefaultCGANConfig()
	case "egan-mnist":
		cfg = ecfg.MNIST
	}
	if steps > 0 {
		cfg.Steps = steps
	}
	cfg.Seed = seed
	ecfg.MNIST = cfg
	var config any = cfg
	if model == "egan-mnist" {
		config = ecfg
	}
	fmt.Fprintf(stdout, "training %s: %d steps of %d digits, seed %d\n", model, cfg.Steps, cfg.BatchSize, seed)
	ckpt := &checkpointer{dir: dir}
	show := func(p gan.Progress) {
		bar.line(p.Step, p.Steps, fmt.Sprintf("loss D %.3f G %.3f  D(x) %.2f  D(G(z)) %.2f", p.DLoss, p.GLoss, p.DReal, p.DFake))
		if every > 0 && p.Step%every == 0 && p.Step < p.Steps {
			ckpt.save(func() error { return saveMNISTCheckpoint(dir, model, p.Step, seed, p.Seconds, config, p.G, p.D) })
		}
	}
	var (
		res     gan.History
		g, d    nn.Module
		winners []gan.Mutation
	)
	switch model {
	case "cgan":
		var r *gan.CGANResult
		if r, err = gan.TrainCGAN(cfg, train, show); err == nil {
			res, g, d = r.History, r.G, r.D
		}
	case "egan-mnist":
		var r *gan.MNISTEGANResult
		if r, err = gan.TrainMNISTEGAN(ecfg, train, show); err == nil {
			res, g, d, winners = r.History, r.G, r.D, r.Winners
		}
	default:
		var r *gan.DCGANResult
		if r, err = gan.TrainDCGAN(cfg, train, show); err == nil {
			res, g, d = r.History, r.G, r.D
		}
	}
	bar.done()
	if err == nil {
		err = ckpt.err
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d steps in %.0f s (%.0f ms/step)\n", model, cfg.Steps, res.Seconds, res.MsPerStep)
	var measured map[string]any
	if model == "egan-mnist" {
		measured = map[string]any{"wins": winsByMutation(winners)}
		fmt.Fprintf(stdout, "steps each mutation's child survived: %v\n", measured["wins"])
	}
	if err := saveMNISTCheckpoint(dir, model, cfg.Steps, seed, res.Seconds, config, g, d); err != nil {
		return err
	}
	last := res.Snapshots[len(res.Snapshots)-1]
	grid, err := plot.ImageGrid(last.Images.Reshape(last.Images.Shape[0], 1, 28, 28), 10)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "samples.png", grid); err != nil {
		return err
	}
	var over []*tensor.Tensor
	for _, s := range res.Snapshots {
		over = append(over, tensor.Slice(s.Images, 0, 0, 10))
	}
	progressGrid, err := plot.ImageGrid(tensor.Concat(0, over...).Reshape(10*len(over), 1, 28, 28), 10)
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "samples-over-training.png", progressGrid); err != nil {
		return err
	}
	curves, err := plot.CurvesWith(plot.CurveOptions{Title: model + " losses", XLabel: "step", YLabel: "loss", Smooth: 50},
		[]plot.Series{{Name: "discriminator", Y: res.DLoss}, {Name: "generator", Y: res.GLoss}})
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "losses.png", curves); err != nil {
		return err
	}
	return writeRecord(dir, model, cfg.Steps, seed, res.Seconds, config, measured)
}

// checkpointed, if set (by tests), is called with the folder after every
// checkpoint taken during a run.
var checkpointed func(dir string)

// checkpointer saves a run's checkpoints into dir and keeps the first
// error, after which it saves no more; the run reports it at its end.
type checkpointer struct {
	dir string
	err error
}

// save calls write unless an earlier checkpoint failed.
func (c *checkpointer) save(write func() error) {
	if c.err != nil {
		return
	}
	if c.err = write(); c.err == nil && checkpointed != nil {
		checkpointed(c.dir)
	}
}

// saveMNISTCheckpoint writes a digit GAN's two networks and model.json,
// each file atomically, the record last: a folder whose model.json says
// `steps` holds parameters at least that far along.
func saveMNISTCheckpoint(dir, model string, step int, seed uint64, seconds float64, config any, g, d nn.Module) error {
	if err := nn.Save(filepath.Join(dir, "generator.params"), g); err != nil {
		return err
	}
	if err := nn.Save(filepath.Join(dir, "discriminator.params"), d); err != nil {
		return err
	}
	return writeRecord(dir, model, step, seed, seconds, config, nil)
}

// winsByMutation counts the steps each E-GAN mutation's child survived.
func winsByMutation(winners []gan.Mutation) map[string]int {
	wins := map[string]int{}
	counts := gan.WinCounts(winners)
	for i, m := range gan.Mutations() {
		wins[string(m)] = counts[i]
	}
	return wins
}

// trainCycleModel trains the CycleGAN between written and bold digits.
func trainCycleModel(steps int, seed uint64, every int, mnist, dir string, bar *progress, stdout io.Writer) error {
	train, test, err := loadMNIST(mnist)
	if err != nil {
		return err
	}
	cfg := gan.DefaultCycleConfig()
	if steps > 0 {
		cfg.Steps = steps
	}
	cfg.Seed = seed
	fmt.Fprintf(stdout, "training cyclegan: %d steps, written digits ↔ bold digits, unpaired\n", cfg.Steps)
	ckpt := &checkpointer{dir: dir}
	res, err := gan.TrainCycleGAN(cfg, train, func(p gan.CycleProgress) {
		bar.line(p.Step, p.Steps, fmt.Sprintf("loss D %.3f G %.3f cycle %.4f", p.DLoss, p.GLoss, p.Cycle))
		if every > 0 && p.Step%every == 0 && p.Step < p.Steps {
			ckpt.save(func() error { return saveCycleCheckpoint(dir, p.Step, seed, cfg, p.Nets) })
		}
	})
	bar.done()
	if err == nil {
		err = ckpt.err
	}
	if err != nil {
		return err
	}
	if err := saveCycleCheckpoint(dir, cfg.Steps, seed, cfg, res); err != nil {
		return err
	}
	img, err := res.Figure(tensor.Slice(test.Images, 0, 0, 16), gan.Bold(tensor.Slice(test.Images, 0, 16, 32)))
	if err != nil {
		return err
	}
	if err := writeFigure(stdout, dir, "translations.png", img); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "cyclegan: %d steps in %.0f s; final cycle loss %.4f\n", cfg.Steps, res.Seconds, res.CycleLosses[len(res.CycleLosses)-1])
	return writeRecord(dir, "cyclegan", cfg.Steps, seed, res.Seconds, cfg, nil)
}

// saveCycleCheckpoint writes the CycleGAN's four networks and model.json,
// each file atomically, the record last.
func saveCycleCheckpoint(dir string, step int, seed uint64, cfg gan.CycleConfig, res *gan.CycleResult) error {
	for _, f := range []struct {
		name string
		m    nn.Module
	}{{"g.params", res.G}, {"f.params", res.F}, {"dx.params", res.DX}, {"dy.params", res.DY}} {
		if err := nn.Save(filepath.Join(dir, f.name), f.m); err != nil {
			return err
		}
	}
	return writeRecord(dir, "cyclegan", step, seed, res.Seconds, cfg, nil)
}

// writeFigure writes img to dir/name and says so.
func writeFigure(stdout io.Writer, dir, name string, img image.Image) error {
	path := filepath.Join(dir, name)
	if err := plot.WritePNG(path, img); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return nil
}

// writeRecord writes model.json atomically.
func writeRecord(dir, model string, steps int, seed uint64, seconds float64, config any, measured map[string]any) error {
	cfg, err := json.Marshal(config)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(modelRecord{Model: model, Steps: steps, Seed: seed, Seconds: seconds, Config: cfg, Measured: measured}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, "model.json"), append(b, '\n'), 0o644)
}
