package main

import (
	"fmt"
	"io"

	"github.com/luoxia/aigc/chapters/diffusion"
)

// The diffusion chapter's kind.
func init() {
	register(&kind{
		name: "diffusion", chapter: "diffusion",
		summary: "the diffusion chapter's models: -model toy (2-D points)",
		about: "Trains one of the diffusion chapter's models. -model toy trains the 2-D denoiser\n" +
			"ε_θ(x_t, t) by L_simple on the swiss roll or the GAN chapter's ring of eight\n" +
			"Gaussians (-data), shows its progress, and writes denoiser.params and model.json\n" +
			"(the settings, the losses, the measurements) into -out/toy-DATA. It then draws\n" +
			"2,000 points with DDPM (σ_t² = β_t and β̃_t) and deterministic DDIM over 200, 50,\n" +
			"20 and 10 steps, prints how each does (on the ring: modes covered and the share\n" +
			"of samples within 3σ of a mode; on the swiss roll: the mean distance to the\n" +
			"nearest data point, both ways, beside the same for fresh data) and the time it\n" +
			"took, and draws samples.png (each sampler's points over the data), chain.png (the\n" +
			"reverse process from x_T to x_0) and losses.png.",
		flags:  diffusionFlags,
		sample: sampleDiffusion,
		tour:   []string{"-model", "toy", "-data", "ring", "-steps", "3000", "-batch", "128"},
	})
}

// diffusionModels are the values -model takes.
const diffusionModels = "toy"

// diffusionFlags are the flags of `aigc train diffusion`.
func diffusionFlags(f trainFlags) trainRun {
	cfg := diffusion.DefaultToyTraining()
	model := f.String("model", "toy", "which model: "+diffusionModels+" (a denoiser of 2-D points)")
	f.StringVar(&cfg.Data, "data", cfg.Data, "toy: the data set, "+diffusion.SwissRoll+" or "+diffusion.Ring)
	f.steps(&cfg.Steps)
	f.atLeast(&cfg.T, "T", 21, "diffusion steps T of the noise schedule (its β_T = 0.02·1000/T must stay below 1)")
	f.batch(&cfg.Batch)
	f.lr(&cfg.LR)
	f.positive(&cfg.MinLR, "min-lr", "the learning rate at the last step, reached from -lr along half a cosine (-min-lr = -lr: constant)")
	f.seed(&cfg.Seed)
	out := f.out()
	return func(stdout, stderr io.Writer) error {
		if *model != "toy" {
			fmt.Fprintf(stderr, "aigc train diffusion: -model must be %s, not %q\n", diffusionModels, *model)
			f.Usage()
			return errUsage
		}
		if cfg.Data != diffusion.SwissRoll && cfg.Data != diffusion.Ring {
			return fmt.Errorf("-data %q: want %s or %s", cfg.Data, diffusion.SwissRoll, diffusion.Ring)
		}
		if cfg.MinLR > cfg.LR {
			return fmt.Errorf("-min-lr %g: want at most -lr %g", cfg.MinLR, cfg.LR)
		}
		dir, err := modelDir(*out, "toy-"+cfg.Data)
		if err != nil {
			return err
		}
		return trainToyDiffusion(cfg, dir, stdout, stderr)
	}
}
