package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/data"
)

// trainers are the models `aigc train` knows, by name.
var trainers = []struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}{
	{"classifier", "the evaluation chapter's MNIST classifier, whose features give MNIST-FID and MNIST-IS", trainClassifier},
	{"gan", "a GAN chapter model: -model ring, egan, dcgan, cgan, egan-mnist or cyclegan", trainGAN},
	{"vae", "a VAE chapter model: -model mlp or conv, with -beta and -latent", trainVAE},
}

// runTrain is `aigc train MODEL [flags]`.
func runTrain(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		for _, t := range trainers {
			if t.name == args[0] {
				return t.run(args[1:], stdout, stderr)
			}
		}
	}
	fmt.Fprintln(stderr, "usage: aigc train MODEL [flags]\n\nModels:")
	for _, t := range trainers {
		fmt.Fprintf(stderr, "\t%-12s %s\n", t.name, t.summary)
	}
	fmt.Fprintln(stderr, "\nRun 'aigc train MODEL -h' for its flags.")
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		if len(args) > 0 {
			return flag.ErrHelp
		}
		return errUsage
	}
	fmt.Fprintf(stderr, "\naigc train: unknown model %q\n", args[0])
	return errUsage
}

// trainClassifier is `aigc train classifier`.
func trainClassifier(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train classifier", "[flags]", "Trains the MNIST classifier whose penultimate features and class probabilities\ngive MNIST-FID and MNIST-IS, and keeps it in the cache folder, so that every\nlater evaluation uses the same weights. The same flags give the same weights.\nIt does nothing when that classifier is already there (unless -force).", stderr)
	cfg := evaluation.DefaultClassifierConfig()
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed: the same seed gives the same weights")
	fs.IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "passes over the training digits")
	fs.IntVar(&cfg.TrainSize, "train-size", cfg.TrainSize, "use only the first N training digits (0: all 60,000)")
	cache := fs.String("cache", "", "folder to keep the weights in (default: $"+evaluation.CacheEnv+", else the user cache folder's luoxia/)")
	mnist := fs.String("mnist", "", "folder with the MNIST IDX files (default: $"+data.MNISTEnv+", else the GoMNIST module's copy)")
	force := fs.Bool("force", false, "train again even if these weights are cached")
	minAcc := fs.Float64("min-accuracy", 0, "fail unless the test accuracy is at least this (checks use 0.99)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	dir, err := cacheDir(*cache)
	if err != nil {
		return err
	}
	var info *evaluation.ClassifierInfo
	if !*force {
		_, info, err = evaluation.LoadClassifier(dir, cfg)
		if err != nil && !errors.Is(err, evaluation.ErrNotTrained) {
			return err
		}
		if info != nil {
			fmt.Fprintf(stdout, "classifier already trained: %s (test accuracy %.2f%%); -force trains it again\n",
				evaluation.ClassifierPath(dir, cfg), 100*info.TestAccuracy)
		}
	}
	if info == nil {
		if info, err = trainAndCache(cfg, dir, *mnist, stdout, stderr); err != nil {
			return err
		}
	}
	if info.TestAccuracy < *minAcc {
		return fmt.Errorf("test accuracy %.2f%% is below -min-accuracy %.2f%%", 100*info.TestAccuracy, 100**minAcc)
	}
	return nil
}

// trainAndCache trains the classifier with cfg and keeps it in dir.
func trainAndCache(cfg evaluation.ClassifierConfig, dir, mnist string, stdout, stderr io.Writer) (*evaluation.ClassifierInfo, error) {
	train, test, err := loadMNIST(mnist)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "training the evaluation classifier (%d epochs, seed %d; about a minute and a half an epoch on two cores)\n", cfg.Epochs, cfg.Seed)
	bar := newProgress(stderr)
	res, err := evaluation.TrainClassifier(cfg, train, test, func(p evaluation.Progress) {
		bar.show(p.Epoch, p.Epochs, p.Step, p.Steps, p.Loss)
	})
	bar.done()
	if err != nil {
		return nil, err
	}
	path, err := evaluation.SaveClassifier(dir, cfg, res)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "test accuracy %.2f%% after %.0f s; weights in %s\n", 100*res.TestAccuracy, res.Seconds, path)
	return &evaluation.ClassifierInfo{Config: cfg, TestAccuracy: res.TestAccuracy, Seconds: res.Seconds}, nil
}

// cacheDir is flag's value, or the default cache folder.
func cacheDir(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	return evaluation.CacheDir()
}

// loadMNIST reads MNIST from dir, or from the default place when dir is "".
func loadMNIST(dir string) (train, test *data.Dataset, err error) {
	if dir == "" {
		if dir, err = data.MNISTDir(); err != nil {
			return nil, nil, err
		}
	}
	return data.LoadMNIST(dir)
}
