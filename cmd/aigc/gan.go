package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// trainRingModel trains the plain GAN (model "ring", on cfg.Ring), the
// E-GAN ("egan") or the WGAN-GP ("wgan", on wcfg) on the ring and writes
// its files into dir.
func trainRingModel(model string, cfg gan.EGANConfig, wcfg gan.WGANConfig, dir string, stdout, stderr io.Writer) error {
	if model == "wgan" {
		cfg.Ring = wcfg.Ring
	}
	seed := cfg.Ring.Seed
	bar := newProgress(stderr)
	defer bar.done()
	show := func(p gan.RingProgress) {
		bar.line(p.Step, p.Steps, fmt.Sprintf("loss D %.3f G %.3f", p.DLoss, p.GLoss))
	}
	var res *gan.RingResult
	var err error
	var config any = cfg.Ring
	switch model {
	case "egan":
		res, err = gan.TrainRingEGAN(cfg, show)
		config = cfg
	case "wgan":
		res, err = gan.TrainWGAN(wcfg, show)
		config = wcfg
	default:
		res, err = gan.TrainRing(cfg.Ring, show)
	}
	bar.done()
	if err != nil {
		return err
	}
	cov := res.Coverage(10000, seed+1)
	name := map[string]string{"ring": "the GAN", "egan": "the E-GAN", "wgan": "the WGAN-GP"}[model]
	fmt.Fprintf(stdout, "%s on the ring after %d steps (%.1f ms/step): %s\n", name, cfg.Ring.Steps, res.MsPerStep, cov)
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
		reportEvolution(stdout, measured, res.Winners, res.Fitness)
	}
	return writeRecord(dir, model, cfg.Ring.Steps, seed, res.MsPerStep*float64(cfg.Ring.Steps)/1000, config, measured)
}

// trainMNISTModel trains DCGAN or the conditional DCGAN (model "dcgan" or
// "cgan", on ecfg.MNIST) or the E-GAN ("egan-mnist") on MNIST, saving a
// checkpoint into dir every `every` steps and at the end.
func trainMNISTModel(model string, ecfg gan.MNISTEGANConfig, every int, mnist, dir string, stdout, stderr io.Writer) error {
	train, _, err := loadMNIST(mnist)
	if err != nil {
		return err
	}
	cfg, seed := ecfg.MNIST, ecfg.MNIST.Seed
	bar := newProgress(stderr)
	defer bar.done()
	var config any = cfg
	if model == "egan-mnist" {
		config = ecfg
	}
	schedule := "constant"
	if cfg.Cosine {
		schedule = "cosine decay to 0"
	}
	fmt.Fprintf(stdout, "training %s: %d steps of %d digits, learning rate %g (%s), seed %d\n", model, cfg.Steps, cfg.BatchSize, cfg.LR, schedule, seed)
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
		fitness [][]gan.Fitness
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
			res, g, d, winners, fitness = r.History, r.G, r.D, r.Winners, r.Fitness
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
		measured = map[string]any{}
		reportEvolution(stdout, measured, winners, fitness)
	}
	if err := saveMNISTCheckpoint(dir, model, cfg.Steps, seed, res.Seconds, config, g, d); err != nil {
		return err
	}
	last := res.Snapshots[len(res.Snapshots)-1]
	if err := writeDigitGrid(stdout, dir, "samples.png", last.Images, 10); err != nil {
		return err
	}
	var over []*tensor.Tensor
	for _, s := range res.Snapshots {
		over = append(over, tensor.Slice(s.Images, 0, 0, 10))
	}
	if err := writeDigitGrid(stdout, dir, "samples-over-training.png", tensor.Concat(0, over...), 10); err != nil {
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

// reportEvolution prints and records what an E-GAN run's selection did:
// the steps each mutation's child survived, and the median gaps in F_q and
// F_d between a parent's best and worst child, which γ is chosen from.
func reportEvolution(stdout io.Writer, measured map[string]any, winners []gan.Mutation, fitness [][]gan.Fitness) {
	wins := winsByMutation(winners)
	q, d := gan.FitnessSpread(fitness)
	measured["wins"], measured["fitness_gap_quality"], measured["fitness_gap_diversity"] = wins, q, d
	fmt.Fprintf(stdout, "steps each mutation's child survived: %v\n", wins)
	fmt.Fprintf(stdout, "median gap between a parent's best and worst child: F_q %.3f, F_d %.3f\n", q, d)
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

// trainCycleModel trains the CycleGAN between written and bold digits,
// saving a checkpoint into dir every `every` steps and at the end.
func trainCycleModel(cfg gan.CycleConfig, every int, mnist, dir string, stdout, stderr io.Writer) error {
	train, test, err := loadMNIST(mnist)
	if err != nil {
		return err
	}
	seed := cfg.Seed
	bar := newProgress(stderr)
	defer bar.done()
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
