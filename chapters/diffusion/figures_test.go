package diffusion

import (
	"math"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// Noised keeps x_0 at t = 0 and, with one ε for every step, each row is
// √ᾱ_t x_0 + √(1−ᾱ_t) ε for the same ε.
func TestNoisedSharesItsNoise(t *testing.T) {
	s := ho(t)
	x0 := tensor.RandN(tensor.NewRNG(7), 4, 4)
	ts := []int{0, 10, 500, 1000}
	got := s.Noised(x0, ts, 3)
	if !tensor.EqualShape(got.Shape, []int{4, 4, 4}) {
		t.Fatalf("shape %v; want [4 4 4]", got.Shape)
	}
	if d := maxAbsDiff(got.Data[:16], x0.Data); d != 0 {
		t.Fatalf("t = 0 differs from x_0 by %g", d)
	}
	// recover ε from t = 10 and check it explains t = 1000
	eps := make([]float64, 16)
	for j := range eps {
		eps[j] = (got.Data[16+j] - math.Sqrt(s.AlphaBar[10])*x0.Data[j]) / math.Sqrt(1-s.AlphaBar[10])
	}
	for j := range eps {
		want := math.Sqrt(s.AlphaBar[1000])*x0.Data[j] + math.Sqrt(1-s.AlphaBar[1000])*eps[j]
		if math.Abs(got.Data[48+j]-want) > 1e-9 {
			t.Fatalf("t = 1000, pixel %d: %g; want %g from the noise of t = 10", j, got.Data[48+j], want)
		}
	}
}

func TestScheduleFigure(t *testing.T) {
	cos, err := CosineSchedule(1000, 0.008)
	if err != nil {
		t.Fatal(err)
	}
	img, err := ScheduleFigure([]string{"linear", "cosine"}, []*Schedule{ho(t), cos})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
		t.Fatalf("figure of %v", b)
	}
	if _, err := ScheduleFigure([]string{"one"}, nil); err == nil {
		t.Fatal("one name for no schedule gave no error")
	}
}
