package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// bars returns n 8×8 images of a bar of ink: label 0 a horizontal bar in
// a random row, label 1 a vertical one in a random column.
func bars(n int, seed uint64) (*tensor.Tensor, []int) {
	rng := tensor.NewRNG(seed)
	x := tensor.New(n, 64)
	labels := make([]int, n)
	for i := range labels {
		labels[i] = i % 2
		k := rng.Intn(8)
		for j := 0; j < 8; j++ {
			r, c := k, j
			if labels[i] == 1 {
				r, c = j, k
			}
			x.Data[i*64+r*8+c] = 1
		}
	}
	return x, labels
}

// barShare is the share of an image's ink (pixels above ½) that lies in
// its fullest row, and in its fullest column.
func barShare(img []float64) (row, col float64) {
	var rows, cols [8]float64
	total := 0.0
	for r := 0; r < 8; r++ {
		for c := 0; c < 8; c++ {
			if v := img[r*8+c]; v > 0.5 {
				rows[r] += v
				cols[c] += v
				total += v
			}
		}
	}
	if total == 0 {
		return 0, 0
	}
	for k := 0; k < 8; k++ {
		row, col = max(row, rows[k]/total), max(col, cols[k]/total)
	}
	return row, col
}

// A small UNet trained on bars learns to predict the noise (L_simple
// falls well below the 1 a network that ignores its input is stuck at),
// and, asked for a class with guidance, draws bars of that orientation.
func TestTrainUNetOnBars(t *testing.T) {
	x, labels := bars(512, 1)
	cfg := UNetTrainConfig{
		Model:    UNetConfig{Side: 8, Width: 8, Groups: 4, Heads: 2, Classes: 2},
		Training: Training{T: 100, Steps: 1000, Batch: 32, Warmup: 20, LR: 3e-3, EMA: 0.99, PUncond: 0.1, Seed: 1},
	}
	res, err := TrainUNet(cfg, x, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	last := 0.0
	for _, l := range res.Loss[len(res.Loss)-50:] {
		last += l / 50
	}
	t.Logf("L_simple over the last 50 steps %.3f (first step %.3f), %.1f s", last, res.Loss[0], res.Seconds)
	if last > 0.1 {
		t.Fatalf("L_simple over the last 50 steps %.3f; want below 0.1", last)
	}
	y := make([]int, 40)
	for i := range y {
		y[i] = i % 2
	}
	img, err := SampleImages(res.EMA, res.Schedule, Sampler{Variance: VarianceBetaTilde}, y, 1, 40, tensor.NewRNG(2))
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	for i, want := range y {
		row, col := barShare(img.Data[i*64 : (i+1)*64])
		if (want == 0 && row > 0.7 && row > col) || (want == 1 && col > 0.7 && col > row) {
			right++
		}
	}
	t.Logf("%d of 40 samples are bars of the orientation asked for", right)
	if right < 32 {
		t.Fatalf("%d of 40 samples are bars of the orientation asked for; want at least 32", right)
	}
}

// With a learned variance the hybrid loss trains the v channel: after a
// few steps the output layer's v filters have left zero, and the loss is
// finite.
func TestTrainUNetLearnsVariance(t *testing.T) {
	x, labels := bars(64, 2)
	cfg := UNetTrainConfig{
		Model:    UNetConfig{Side: 8, Width: 8, Groups: 4, Heads: 2, Classes: 2, LearnVariance: true},
		Training: Training{T: 100, Steps: 10, Batch: 16, Warmup: 2, LR: 3e-3, EMA: 0.9, PUncond: 0.1, Seed: 3},
	}
	res, err := TrainUNet(cfg, x, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range res.Loss {
		if math.IsNaN(l) || math.IsInf(l, 0) {
			t.Fatalf("losses %v", res.Loss)
		}
	}
	w := res.Model.Out.W.Data // [2, w, 3, 3]: the ε̂ filters, then v's
	half := len(w.Data) / 2
	moved := 0.0
	for _, v := range w.Data[half:] {
		moved = math.Max(moved, math.Abs(v))
	}
	if moved == 0 || res.Model.Out.B.Data.Data[1] == 0 {
		t.Fatalf("the v channel did not train: largest filter weight %g, bias %g", moved, res.Model.Out.B.Data.Data[1])
	}
	if _, err := TrainUNet(UNetTrainConfig{Model: cfg.Model, Training: Training{T: 100, Steps: 10, Batch: 100, LR: 1e-3}}, x, labels, nil); err == nil {
		t.Fatal("a batch larger than the data gave no error")
	}
}
