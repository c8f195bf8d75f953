package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/luoxia/aigc/chapters/diffusion"
)

// The diffusion chapter's kind.
func init() {
	register(&kind{
		name: "diffusion", chapter: "diffusion",
		summary: "the diffusion chapter's models: -model toy (2-D points), unet or latent (MNIST digits)",
		about: "Trains one of the diffusion chapter's models. -model toy trains the 2-D denoiser\n" +
			"ε_θ(x_t, t) by L_simple on the swiss roll or the GAN chapter's ring of eight\n" +
			"Gaussians (-data), shows its progress, and writes denoiser.params and model.json\n" +
			"(the settings, the losses, the measurements) into -out/toy-DATA. It then draws\n" +
			"2,000 points with DDPM (σ_t² = β_t and β̃_t) and deterministic DDIM over 200, 50,\n" +
			"20 and 10 steps, prints how each does (on the ring: modes covered and the share\n" +
			"of samples within 3σ of a mode; on the swiss roll: the mean distance to the\n" +
			"nearest data point, both ways, beside the same for fresh data) and the time it\n" +
			"took, and draws samples.png (each sampler's points over the data), chain.png (the\n" +
			"reverse process from x_T to x_0) and losses.png. -model unet trains the class-\n" +
			"conditional U-Net on MNIST's pixels (-learn-variance: with Σ_θ learned by the\n" +
			"hybrid loss), with a checkpoint every -every steps, writes unet.params and\n" +
			"model.json into -out/unet (unet-learned), and draws samples.png (ten of each\n" +
			"digit by DDIM over 50 steps), chain.png (ten digits' reverse process),\n" +
			"interpolate.png (test digits joined in DDIM's noise space) and losses.png;\n" +
			"-model latent trains a class-conditional MLP\n" +
			"on the codes μ(x) of the convolutional VAE in -vae (training that VAE first if the\n" +
			"folder has none), writes latent.params and model.json (which names the VAE) into\n" +
			"-out/latent, and draws samples.png, ten of each digit decoded by the VAE, and\n" +
			"losses.png.",
		flags:  diffusionFlags,
		sample: sampleDiffusion,
		eval:   &command{summary: "a U-Net's or latent model's samplers (FID, precision, recall), guidance scales and (U-Net) bits per dimension", run: evalDiffusion},
		tour:   []string{"-model", "toy", "-data", "ring", "-steps", "3000", "-batch", "128"},
	})
}

// diffusionModels are the values -model takes.
const diffusionModels = "toy, unet or latent"

// diffusionFlags are the flags of `aigc train diffusion`.
func diffusionFlags(f trainFlags) trainRun {
	cfg := diffusion.DefaultToyTraining()
	ucfg := diffusion.DefaultUNetTraining()
	lrun := latentRun{cfg: diffusion.DefaultLatentTraining()}
	model := f.String("model", "toy", "which model: toy (a denoiser of 2-D points), unet (MNIST digits) or latent (MNIST digits through the VAE's codes)")
	f.StringVar(&cfg.Data, "data", cfg.Data, "toy: the data set, "+diffusion.SwissRoll+" or "+diffusion.Ring)
	steps := f.Int("steps", 0, fmt.Sprintf("training steps (default %d for toy, %d for unet, %d for latent)", cfg.Steps, ucfg.Steps, lrun.cfg.Steps))
	T := f.Int("T", 0, fmt.Sprintf("diffusion steps T of the noise schedule, at least 21 (default %d for toy, %d for unet and latent; β_T = 0.02·1000/T must stay below 1)", cfg.T, ucfg.T))
	batch := f.Int("batch", 0, fmt.Sprintf("examples a step (default %d for toy, %d for unet, %d for latent)", cfg.Batch, ucfg.Batch, lrun.cfg.Batch))
	lr := f.Float64("lr", 0, fmt.Sprintf("Adam's learning rate (default %g for toy, %g for unet, %g for latent)", cfg.LR, ucfg.LR, lrun.cfg.LR))
	f.positive(&cfg.MinLR, "min-lr", "toy: the learning rate at the last step, reached from -lr along half a cosine (-min-lr = -lr: constant)")
	f.BoolVar(&ucfg.Model.LearnVariance, "learn-variance", false, "unet: learn Σ_θ between β_t and β̃_t with the hybrid loss L_simple + λ L_vlb")
	f.between(&ucfg.Model.Width, "width", 8, maxConvW, "unet: channels at full resolution (a multiple of 8)")
	f.Float64Var(&ucfg.PUncond, "p-uncond", ucfg.PUncond, "unet, latent: the probability a label is dropped in training, for classifier-free guidance")
	f.Float64Var(&ucfg.EMA, "ema", ucfg.EMA, "unet, latent: the decay of the weights' moving average the samples are drawn from")
	every := f.Int("every", 500, "unet: a checkpoint every this many steps (0: only at the end)")
	f.StringVar(&lrun.vaeDir, "vae", defaultLatentVAE, "latent: the folder of the convolutional VAE whose codes the model learns (trained there first if it holds none)")
	f.between(&lrun.cfg.Model.Hidden, "hidden", 1, maxWidth, "latent: the width of the denoiser's hidden layers")
	f.atLeast(&lrun.trainSize, "train-size", 0, "latent: encode and train on only the first N training digits (0: all 60,000)")
	mnist := f.mnist()
	var seed uint64 = 1
	f.seed(&seed)
	out := f.out()
	return func(stdout, stderr io.Writer) error {
		if *model != "toy" && *model != "unet" && *model != "latent" {
			fmt.Fprintf(stderr, "aigc train diffusion: -model must be %s, not %q\n", diffusionModels, *model)
			f.Usage()
			return errUsage
		}
		given := map[string]bool{}
		f.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
		for _, c := range []struct {
			name   string
			v, min int
		}{{"steps", *steps, 1}, {"T", *T, 21}, {"batch", *batch, 1}, {"every", *every, 0}} {
			if given[c.name] && c.v < c.min {
				return fmt.Errorf("-%s %d: want %d or more", c.name, c.v, c.min)
			}
		}
		// T and the batch set how much a run allocates.
		if *T > maxSteps {
			return fmt.Errorf("-T %d: want 21 to %d", *T, maxSteps)
		}
		if *batch > maxBatch {
			return fmt.Errorf("-batch %d: want 1 to %d", *batch, maxBatch)
		}
		if given["lr"] && !(*lr > 0) {
			return fmt.Errorf("-lr %g: want a number > 0", *lr)
		}
		only := map[string][]string{ // a flag and the models that take it
			"data": {"toy"}, "min-lr": {"toy"}, "learn-variance": {"unet"}, "width": {"unet"}, "every": {"unet"},
			"p-uncond": {"unet", "latent"}, "ema": {"unet", "latent"}, "mnist": {"unet", "latent"},
			"vae": {"latent"}, "hidden": {"latent"}, "train-size": {"latent"},
		}
		for name, models := range only {
			if given[name] && !slices.Contains(models, *model) {
				return fmt.Errorf("-%s: only -model %s takes it", name, strings.Join(models, " or "))
			}
		}
		set := func(p *int, v int) {
			if v != 0 {
				*p = v
			}
		}
		if *model == "latent" {
			lrun.cfg.PUncond, lrun.cfg.EMA, lrun.cfg.Seed, lrun.mnist = ucfg.PUncond, ucfg.EMA, seed, *mnist
			return runLatent(lrun, *steps, *T, *batch, *lr, *out, stdout, stderr)
		}
		if *model == "unet" {
			set(&ucfg.Steps, *steps)
			set(&ucfg.T, *T)
			set(&ucfg.Batch, *batch)
			if *lr > 0 {
				ucfg.LR = *lr
			}
			ucfg.Warmup = min(ucfg.Warmup, ucfg.Steps/2)
			ucfg.Seed = seed
			if ucfg.Model.Width%8 != 0 {
				return fmt.Errorf("-width %d: want a multiple of 8 (GroupNorm's 8 groups)", ucfg.Model.Width)
			}
			if !(ucfg.PUncond >= 0 && ucfg.PUncond < 1) {
				return fmt.Errorf("-p-uncond %g: want a probability in [0, 1)", ucfg.PUncond)
			}
			if !(ucfg.EMA >= 0 && ucfg.EMA < 1) {
				return fmt.Errorf("-ema %g: want a decay in [0, 1)", ucfg.EMA)
			}
			name := "unet"
			if ucfg.Model.LearnVariance {
				name = "unet-learned"
			}
			dir, err := modelDir(*out, name)
			if err != nil {
				return err
			}
			return trainUNetDiffusion(ucfg, *mnist, *every, dir, stdout, stderr)
		}
		set(&cfg.Steps, *steps)
		set(&cfg.T, *T)
		set(&cfg.Batch, *batch)
		if *lr > 0 {
			cfg.LR = *lr
		}
		cfg.Seed = seed
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
