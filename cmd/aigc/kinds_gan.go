package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// The GAN chapter's kinds.
func init() {
	register(&kind{
		name: "ring", chapter: "gan",
		summary: "a GAN on eight Gaussians in a ring, in seconds",
		about:   "Trains the GAN chapter's GAN on the ring of eight Gaussians and writes its\nparameters, model.json (with the modes it covers) and samples.png, its samples\nover training, into -out/ring. -loss and -constant-lr show how it fails\nwithout the chapter's choices.",
		flags:   ringFlags("ring"),
		sample:  sampleRing,
		tour:    []string{},
	})
	register(&kind{
		name: "egan", chapter: "gan",
		summary: "an evolutionary GAN (E-GAN) on the same ring",
		about:   "Trains the GAN chapter's E-GAN on the ring of eight Gaussians (the same start\nand schedule as ring) and writes its parameters, model.json (with the modes it\ncovers, the steps each mutation won and the fitness\ngaps) and samples.png into -out/egan.",
		flags:   ringFlags("egan"),
		sample:  sampleRing,
		tour:    []string{},
	})
	register(&kind{
		name: "wgan", chapter: "gan",
		summary: "a Wasserstein GAN with gradient penalty on the same ring",
		about:   "Trains the GAN chapter's WGAN-GP on the ring of eight Gaussians (the ring GAN's\nnetworks, the discriminator read as a critic, five critic steps a generator\nstep, λ = 0.1, a constant learning rate) and writes its parameters, model.json\n(with the modes it covers) and samples.png into -out/wgan.",
		flags:   ringFlags("wgan"),
		sample:  sampleRing,
		tour:    []string{},
	})
	register(&kind{
		name: "dcgan", chapter: "gan",
		summary: "DCGAN on MNIST digits",
		about:   "Trains the GAN chapter's DCGAN on MNIST and writes its parameters (every -every\nsteps and at the end: a checkpoint `aigc sample` reads while training goes on),\nmodel.json, samples, the samples of the same noise over training and the loss\ncurves into -out/dcgan.",
		flags:   digitGANFlags("dcgan"),
		sample:  sampleDigitGAN,
	})
	register(&kind{
		name: "cgan", chapter: "gan",
		summary: "the conditional DCGAN: digits on demand",
		about:   "Trains the GAN chapter's conditional DCGAN on MNIST digits and their labels and\nwrites its checkpoints, model.json and pictures into -out/cgan, as dcgan does.\n`aigc sample -digits` asks it for digits; `aigc eval cgan` measures how often it\ndraws the digit asked for.",
		flags:   digitGANFlags("cgan"),
		sample:  sampleDigitGAN,
		eval:    &command{summary: "how often a conditional GAN draws the digit asked for", run: evalCGAN},
	})
	register(&kind{
		name: "egan-mnist", chapter: "gan",
		summary: "the E-GAN's generator evolution with DCGAN's networks",
		about:   "Trains the GAN chapter's E-GAN on MNIST with DCGAN's networks and writes its\ncheckpoints, model.json (with the steps each mutation won and the fitness\ngaps) and pictures into -out/egan-mnist, as dcgan does.",
		flags:   digitGANFlags("egan-mnist"),
		sample:  sampleDigitGAN,
	})
	register(&kind{
		name: "cyclegan", chapter: "gan",
		summary: "CycleGAN between written and bold digits, unpaired",
		about:   "Trains the GAN chapter's CycleGAN between written digits and bold ones, from\nunpaired examples, and writes its four networks (every -every steps and at the\nend), model.json and translations.png into -out/cyclegan.",
		flags:   cycleFlags,
		sample:  sampleCycle,
		eval:    &command{summary: "how well a CycleGAN's translations keep their digit, and its round trips", run: evalCycleGAN},
	})
}

// ringFlags are the flags of ring, egan and wgan: ring and egan take the
// E-GAN's configuration, whose Ring is the plain GAN's, and wgan the
// WGAN-GP's. Only ring lets the loss and the schedule be changed, to show
// how the GAN fails without them.
func ringFlags(model string) func(f trainFlags) trainRun {
	return func(f trainFlags) trainRun {
		cfg, wcfg := gan.DefaultEGANConfig(), gan.DefaultWGANConfig()
		ring := &cfg.Ring
		if model == "wgan" {
			ring = &wcfg.Ring
		}
		f.steps(&ring.Steps)
		f.seed(&ring.Seed)
		constant := false
		if model == "ring" {
			f.StringVar(&ring.Loss, "loss", ring.Loss, "the generator's loss: nonsaturating, minimax or least-squares")
			f.BoolVar(&constant, "constant-lr", false, "keep the learning rate at its start instead of decaying it along a cosine")
		}
		if model == "wgan" {
			f.IntVar(&wcfg.Critic, "critic", wcfg.Critic, "critic steps per generator step")
			f.Float64Var(&wcfg.Lambda, "lambda", wcfg.Lambda, "the gradient penalty's weight λ")
		}
		out := f.out()
		return func(stdout, stderr io.Writer) error {
			dir, err := modelDir(*out, model)
			if err != nil {
				return err
			}
			if constant {
				ring.MinLR = ring.LR
			}
			return trainRingModel(model, cfg, wcfg, dir, stdout, stderr)
		}
	}
}

// digitGANFlags are the flags of dcgan, cgan and egan-mnist: the E-GAN's
// configuration holds the MNISTConfig the three share.
func digitGANFlags(model string) func(f trainFlags) trainRun {
	return func(f trainFlags) trainRun {
		ecfg := gan.DefaultMNISTEGANConfig()
		switch model {
		case "dcgan":
			ecfg.MNIST = gan.DefaultDCGANConfig()
		case "cgan":
			ecfg.MNIST = gan.DefaultCGANConfig()
		}
		cfg := &ecfg.MNIST
		f.steps(&cfg.Steps)
		f.batch(&cfg.BatchSize)
		f.lr(&cfg.LR)
		if model != "egan-mnist" {
			f.BoolVar(&cfg.Cosine, "cosine", false, "decay the learning rate from -lr to 0 along half a cosine (default: constant)")
		}
		f.seed(&cfg.Seed)
		every := 500
		f.every(&every)
		mnist, out := f.mnist(), f.out()
		return func(stdout, stderr io.Writer) error {
			dir, err := modelDir(*out, model)
			if err != nil {
				return err
			}
			return trainMNISTModel(model, ecfg, every, *mnist, dir, stdout, stderr)
		}
	}
}

// cycleFlags are the flags of cyclegan.
func cycleFlags(f trainFlags) trainRun {
	cfg := gan.DefaultCycleConfig()
	f.steps(&cfg.Steps)
	f.batch(&cfg.BatchSize)
	f.lr(&cfg.LR)
	f.seed(&cfg.Seed)
	every := 500
	f.every(&every)
	mnist, out := f.mnist(), f.out()
	return func(stdout, stderr io.Writer) error {
		dir, err := modelDir(*out, "cyclegan")
		if err != nil {
			return err
		}
		return trainCycleModel(cfg, every, *mnist, dir, stdout, stderr)
	}
}

// sampleRing draws points from a ring GAN or E-GAN and plots them with
// the modes' centres.
func sampleRing(req *sampleRequest) (*tensor.Tensor, error) {
	if strings.ToLower(filepath.Ext(req.out)) != ".png" {
		return nil, fmt.Errorf("-out %s: ring samples are points in the plane; write a .png", req.out)
	}
	var cfg gan.RingConfig
	inside := ""
	if req.rec.Model == "egan" || req.rec.Model == "wgan" {
		inside = "Ring" // EGANConfig.Ring, WGANConfig.Ring
	}
	if err := decodeConfig(req.dir, req.rec, inside, &cfg); err != nil {
		return nil, err
	}
	g := gan.NewRingGenerator(cfg.ZDim, cfg.Hidden, req.rng)
	if err := nn.Load(filepath.Join(req.dir, "generator.params"), g); err != nil {
		return nil, err
	}
	pts := g.Sample(req.n, req.seed)
	centres := metrics.RingCentres(gan.RingModes, gan.RingRadius)
	fmt.Fprintf(req.stdout, "%d samples: %s\n", req.n, metrics.ModeCoverage(pts, centres, gan.RingStd))
	img, err := plot.Scatter(fmt.Sprintf("%s: %d samples", req.rec.Model, req.n), []plot.Points{{Name: "samples", XY: pts}, {Name: "mode centres", XY: centres}})
	if err != nil {
		return nil, err
	}
	return nil, writeFigure(req.stdout, filepath.Dir(req.out), filepath.Base(req.out), img)
}

// sampleDigitGAN draws digits from DCGAN, the E-GAN, or the conditional
// DCGAN (the digits -digits asks for).
func sampleDigitGAN(req *sampleRequest) (*tensor.Tensor, error) {
	cfg, err := readMNISTConfig(req.dir, req.rec)
	if err != nil {
		return nil, err
	}
	if req.rec.Model != "cgan" {
		g := gan.NewGenerator(cfg.ZDim, cfg.Width, req.rng)
		if err := nn.Load(filepath.Join(req.dir, "generator.params"), g); err != nil {
			return nil, err
		}
		return g.Sample(req.n, req.rng), nil
	}
	labels, err := digitLabels(req.digits, req.n)
	if err != nil {
		return nil, err
	}
	g := gan.NewConditionalGenerator(cfg.ZDim, 10, cfg.Width, req.rng)
	if err := nn.Load(filepath.Join(req.dir, "generator.params"), g); err != nil {
		return nil, err
	}
	return g.SampleDigits(labels, req.rng), nil
}

// sampleCycle translates the first req.n test digits into bold ones.
func sampleCycle(req *sampleRequest) (*tensor.Tensor, error) {
	var cfg gan.CycleConfig
	if err := decodeConfig(req.dir, req.rec, "", &cfg); err != nil {
		return nil, err
	}
	g := gan.NewTranslator(cfg.Width, req.rng)
	if err := nn.Load(filepath.Join(req.dir, "g.params"), g); err != nil {
		return nil, err
	}
	_, test, err := loadMNIST(req.mnist)
	if err != nil {
		return nil, err
	}
	n := min(req.n, test.Len())
	fmt.Fprintf(req.stdout, "translated the first %d test digits into bold\n", n)
	return g.Translate(tensor.Slice(test.Images, 0, 0, n)), nil
}

// readMNISTConfig is the MNISTConfig a digit GAN's model.json records
// (inside the E-GAN's own configuration for egan-mnist).
func readMNISTConfig(dir string, rec *modelRecord) (gan.MNISTConfig, error) {
	var cfg gan.MNISTConfig
	inside := ""
	if rec.Model == "egan-mnist" {
		inside = "MNIST" // MNISTEGANConfig.MNIST
	}
	if err := decodeConfig(dir, rec, inside, &cfg); err != nil {
		return cfg, err
	}
	if cfg.ZDim < 1 || cfg.Width < 1 {
		return cfg, fmt.Errorf("%s: the config has no network sizes (zdim %d, width %d)", filepath.Join(dir, "model.json"), cfg.ZDim, cfg.Width)
	}
	return cfg, nil
}
