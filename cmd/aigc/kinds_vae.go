package main

import (
	"fmt"
	"io"

	"github.com/luoxia/aigc/chapters/vae"
)

// maxIWAE is the most samples -iwae draws per digit: the bound keeps all
// K log weights of a digit, so K sets memory as well as time.
const maxIWAE = 1 << 16

// The VAE chapter's kind.
func init() {
	register(&kind{
		name: "vae", chapter: "vae",
		summary: "the VAE on MNIST: -model mlp (the PyTorch examples') or conv",
		about:   "Trains the VAE chapter's MLP VAE (the PyTorch examples' configuration) or its\nconvolutional VAE on MNIST, shows its progress, and writes its parameters after\nevery epoch (a checkpoint `aigc sample` reads), model.json with the test -ELBO\nper epoch, reconstructions, samples, and for a 2-D code the latent manifold,\ninto -out/MODEL.",
		flags:   vaeFlags,
		sample:  sampleVAE,
		eval:    &command{summary: "a VAE's amortisation gap: the encoder's bound against each digit's own fitted q", run: evalVAE},
		tour:    []string{"-epochs", "1"},
	})
}

// vaeFlags are the flags of `aigc train vae`.
func vaeFlags(f trainFlags) trainRun {
	r := &vaeRun{cfg: vae.DefaultConfig()}
	model := f.String("model", vae.ArchMLP, "which model: "+vae.ArchMLP+" or "+vae.ArchConv)
	f.Float64Var(&r.cfg.Beta, "beta", r.cfg.Beta, "weight β of the KL term: 1 is the VAE, more is a β-VAE")
	f.IntVar(&r.cfg.Warmup, "warmup", 0, "KL annealing: raise the KL term's weight from 0 to β over this many steps (469 an epoch)")
	f.between(&r.cfg.Latent, "latent", 1, maxWidth, "size J of the code z")
	f.epochs(&r.cfg.Epochs)
	f.seed(&r.cfg.Seed)
	f.trainSize(&r.trainSize)
	f.between(&r.iwaeK, "iwae", 0, maxIWAE, "also estimate log p(x) on 1,000 test digits with the importance-weighted bound of K samples (0: skip)")
	f.StringVar(&r.sweep, "sweep", "", "instead of one model, train one per β in this comma-separated list and draw rate against distortion (e.g. 0.5,1,2,4)")
	mnist, out := f.mnist(), f.out()
	return func(stdout, stderr io.Writer) error {
		if *model != vae.ArchMLP && *model != vae.ArchConv {
			fmt.Fprintf(stderr, "aigc train vae: -model must be %s or %s, not %q\n", vae.ArchMLP, vae.ArchConv, *model)
			f.Usage()
			return errUsage
		}
		r.cfg.Arch, r.mnist, r.out = *model, *mnist, *out
		return r.train(stdout, stderr)
	}
}
