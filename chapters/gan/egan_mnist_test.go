package gan

import (
	"math"
	"slices"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// TestMNISTEGANShortRun evolves a tiny DCGAN for 40 steps: every step
// records its survivor and every child's fitness, the same seed gives the
// same run, D learns to tell real from fake, and G's samples start to
// look like digits on average.
func TestMNISTEGANShortRun(t *testing.T) {
	train := dcganDigits(t, 2000)
	cfg := MNISTEGANConfig{MNIST: tinyMNISTConfig(40), Mutations: Mutations(), Gamma: 0.2}
	var fitness [][]Fitness
	res, err := TrainMNISTEGAN(cfg, train, func(p Progress) {
		if p.G == nil || p.D == nil {
			t.Fatalf("step %d: progress without the networks", p.Step)
		}
		fitness = append(fitness, p.Fitness)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Winners) != 40 || len(fitness) != 40 || len(res.Fitness) != 40 || len(res.DLoss) != 40 {
		t.Fatalf("%d winners, %d and %d fitness records, %d losses for 40 steps", len(res.Winners), len(fitness), len(res.Fitness), len(res.DLoss))
	}
	for i, fs := range fitness {
		best := 0
		for h, f := range fs {
			if f.Total > fs[best].Total {
				best = h
			}
		}
		if len(fs) != 3 || cfg.Mutations[best] != res.Winners[i] {
			t.Fatalf("step %d: fitness %v, survivor %s; want the fittest of 3 children", i+1, fs, res.Winners[i])
		}
	}
	wins := WinCounts(res.Winners)
	t.Logf("wins %v, %.0f ms/step", wins, res.MsPerStep)
	last := len(res.DLoss) - 10
	if dReal, dFake := meanOfSteps(res.DReal[last:]), meanOfSteps(res.DFake[last:]); !(dReal > dFake+0.2) {
		t.Errorf("last 10 steps: D(x) %.3f, D(G(z)) %.3f; want D to tell them apart", dReal, dFake)
	}
	// After 40 steps G's samples are still grey (mean pixel 0.44) but
	// their mean image already looks like the digits' (correlation 0.36,
	// measured); at the start it does not.
	_, c0 := digitStats(res.Snapshots[0].Images, train.Images)
	m, c := digitStats(res.G.Sample(300, tensor.NewRNG(4)), train.Images)
	t.Logf("correlation of the mean images %.3f -> %.3f, mean pixel %.3f", c0, c, m)
	if !(math.Abs(c0) < 0.2 && c > 0.2 && m < 0.48) {
		t.Errorf("correlation with the digits' mean image %.3f -> %.3f, mean pixel %.3f; want from below 0.2 to above 0.2, and darker than grey 0.5", c0, c, m)
	}
	// The same seed, stopped after 10 steps, retraces the first 10.
	short := cfg
	short.MNIST.Steps = 10
	again, err := TrainMNISTEGAN(short, train, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.Winners, res.Winners[:10]) || !slices.Equal(again.GLoss, res.GLoss[:10]) {
		t.Error("the same seed gave a different run")
	}
}

func TestMNISTEGANRejectsBadInput(t *testing.T) {
	train := dcganDigits(t, 100)
	good := MNISTEGANConfig{MNIST: tinyMNISTConfig(1), Mutations: Mutations(), Gamma: 0.2}
	for name, edit := range map[string]func(*MNISTEGANConfig){
		"no mutations":     func(c *MNISTEGANConfig) { c.Mutations = nil },
		"unknown mutation": func(c *MNISTEGANConfig) { c.Mutations = []Mutation{"wasserstein"} },
		"negative gamma":   func(c *MNISTEGANConfig) { c.Gamma = -1 },
		"no steps":         func(c *MNISTEGANConfig) { c.MNIST.Steps = 0 },
		"cosine decay":     func(c *MNISTEGANConfig) { c.MNIST.Cosine = true },
	} {
		cfg := good
		edit(&cfg)
		if _, err := TrainMNISTEGAN(cfg, train, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
