package main

import (
	"fmt"
	"io"
	"sync"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/data"
)

// trainCommands is `aigc train`: one command per kind.
var trainCommands = dispatcher{
	prog:     "aigc train",
	synopsis: "KIND [flags]",
	about: "Trains a model of one kind, shows its progress, and writes its files (parameters,\n" +
		"model.json, pictures) into a subfolder of -out named after it; `aigc sample`\n" +
		"reads the kinds that generate.",
	noun:   "kind",
	list:   kindCommands,
	footer: "Run 'aigc train KIND -h' for its flags.",
}

// runTrain is `aigc train KIND [flags]`.
func runTrain(args []string, stdout, stderr io.Writer) error {
	return trainCommands.dispatch(args, stdout, stderr)
}

// trainAndCache trains the evaluation classifier with cfg and keeps it
// in dir.
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

// mnistLoaded keeps the MNIST sets this process has read, by folder: the
// tour's stops, one after the other, read them once.
var mnistLoaded = struct {
	sync.Mutex
	sets map[string][2]*data.Dataset
}{sets: map[string][2]*data.Dataset{}}

// loadMNIST reads MNIST from dir, or from the default place when dir is
// "". The sets are shared with every later call for the same folder:
// callers read them and never change them.
func loadMNIST(dir string) (train, test *data.Dataset, err error) {
	if dir == "" {
		if dir, err = data.MNISTDir(); err != nil {
			return nil, nil, err
		}
	}
	mnistLoaded.Lock()
	defer mnistLoaded.Unlock()
	if s, ok := mnistLoaded.sets[dir]; ok {
		return s[0], s[1], nil
	}
	if train, test, err = data.LoadMNIST(dir); err != nil {
		return nil, nil, err
	}
	mnistLoaded.sets[dir] = [2]*data.Dataset{train, test}
	return train, test, nil
}
