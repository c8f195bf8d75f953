package diffusion

import (
	"testing"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// wrongSign is a denoiser whose ε̂ points the wrong way, as a sampler with
// a sign slip in its step would read it.
type wrongSign struct{ Denoiser }

func (w wrongSign) Forward(xt *autograd.Value, t []int) *autograd.Value {
	return autograd.Neg(w.Denoiser.Forward(xt, t))
}

// ringBand is what a short training on the ring, sampled by DDIM, must
// reach: at least 7 of the 8 modes covered and at least 40% of the samples
// within 3σ = 0.06 of a mode's centre (the run below reaches 8/8 and
// 66.5%; the default training's DDIM over 20 steps, 82.5%). The untrained
// network and the trained one with ε̂'s sign flipped fall far below it.
func ringBand(c metrics.Coverage) bool { return c.Modes >= 7 && c.HighQuality >= 0.4 }

// A short seeded run on the ring puts DDIM's samples on the modes; the
// same sampler over an untrained network, or with ε̂'s sign flipped, does
// not.
func TestToyRingSamplesLandOnModes(t *testing.T) {
	cfg := DefaultToyTraining()
	cfg.Data, cfg.Steps, cfg.Batch = Ring, 3000, 128
	res, err := TrainToy(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	xT := tensor.RandN(tensor.NewRNG(5), 1000, 2)
	ddim := Sampler{DDIM: true, Steps: 20}
	c := RingCoverage(ddim.Sample(res.Model, res.Schedule, xT, nil))
	t.Logf("%d steps of training, %v: %v", cfg.Steps, ddim, c)
	if !ringBand(c) {
		t.Errorf("trained: %v; want at least 7/8 modes and 40%% high quality", c)
	}
	c = RingCoverage(ddim.Sample(wrongSign{res.Model}, res.Schedule, xT, nil))
	t.Logf("ε̂ with the wrong sign: %v", c)
	if ringBand(c) {
		t.Errorf("ε̂ with the wrong sign: %v; the band cannot tell it from a working sampler", c)
	}
	untrained, err := NewToyDenoiser(cfg.Model, tensor.NewRNG(1))
	if err != nil {
		t.Fatal(err)
	}
	c = RingCoverage(ddim.Sample(untrained, res.Schedule, xT, nil))
	t.Logf("untrained: %v", c)
	if ringBand(c) {
		t.Errorf("untrained: %v; the band cannot tell it from a trained model", c)
	}
}

// DDPMChain catches SampleDDPM's own run: x_T first, the sample last.
func TestDDPMChainIsTheSamplersRun(t *testing.T) {
	cfg := DefaultToyTraining()
	cfg.T, cfg.Steps, cfg.Batch = 50, 5, 16
	res, err := TrainToy(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	xT := tensor.RandN(tensor.NewRNG(2), 30, 2)
	chain := DDPMChain(res.Model, res.Schedule, xT, VarianceBetaTilde, tensor.NewRNG(3), []int{50, 10, 0})
	want := SampleDDPM(res.Model, res.Schedule, xT, VarianceBetaTilde, tensor.NewRNG(3))
	if len(chain) != 3 || chain[0] != xT || maxAbsDiff(chain[2].Data, want.Data) != 0 {
		t.Fatalf("the chain does not start at x_T and end at SampleDDPM's sample")
	}
	if d := maxAbsDiff(chain[1].Data, xT.Data); !(d > 0) || maxAbsDiff(chain[1].Data, want.Data) == 0 {
		t.Fatalf("x_10 is x_T or the sample")
	}
}

// The swiss roll's distances: fresh data sits near its floor, and points
// spread over the plane stray far from the roll.
func TestSwissRollDistance(t *testing.T) {
	floor, err := SwissRollFloor(2000, 1)
	if err != nil {
		t.Fatal(err)
	}
	noise, err := SwissRollDistance(tensor.RandU(tensor.NewRNG(4), -3, 3, 2000, 2), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fresh data: %v; uniform noise: %v", floor, noise)
	if !(floor.ToData > 0 && floor.ToData < 0.1 && floor.FromData < 0.1) || !(noise.ToData > 3*floor.ToData) {
		t.Errorf("fresh data %v, uniform noise %v; want the data near 0 and noise several times farther", floor, noise)
	}
}

// The samplers the chapter measures, in order, and only the DDIM step
// counts a schedule has.
func TestToySamplers(t *testing.T) {
	var got []string
	for _, s := range ToySamplers(100) {
		got = append(got, s.String())
	}
	want := []string{"DDPM σ² = β_t", "DDPM σ² = β̃_t", "DDIM η = 0, 50 steps", "DDIM η = 0, 20 steps", "DDIM η = 0, 10 steps"}
	if len(got) != len(want) {
		t.Fatalf("ToySamplers(100) = %q; want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("ToySamplers(100) = %q; want %q", got, want)
		}
	}
}
