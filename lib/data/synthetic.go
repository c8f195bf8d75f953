package data

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// Ring draws n points from a mixture of `modes` equally likely Gaussians
// whose centres sit evenly on a circle of the given radius around the origin
// (centre k at angle 2πk/modes), each with standard deviation std in both
// coordinates. It returns the [n, 2] points and each point's mode. Eight
// modes on a radius-2 circle with std 0.02 is the classic test of a GAN's
// mode collapse (Metz et al., "Unrolled Generative Adversarial Networks",
// 2017). The same seed gives the same points.
func Ring(n, modes int, radius, std float64, seed uint64) (*tensor.Tensor, []int) {
	checkSynthetic("Ring", n, std)
	if modes < 1 {
		panic(fmt.Sprintf("data: Ring: %d modes (want >= 1)", modes))
	}
	g := tensor.NewRNG(seed)
	x := tensor.New(n, 2)
	mode := make([]int, n)
	for i := range mode {
		k := g.Intn(modes)
		theta := 2 * math.Pi * float64(k) / float64(modes)
		mode[i] = k
		x.Data[2*i] = radius*math.Cos(theta) + g.Normal(0, std)
		x.Data[2*i+1] = radius*math.Sin(theta) + g.Normal(0, std)
	}
	return x, mode
}

// Grid draws n points from a mixture of side*side equally likely Gaussians
// centred on a square grid with the given spacing, centred on the origin,
// each with standard deviation std in both coordinates. Mode k = r*side + c
// sits at x = (c - (side-1)/2)*spacing, y = (r - (side-1)/2)*spacing. It
// returns the [n, 2] points and each point's mode. A 5x5 grid with spacing 2
// (centres -4..4) and std 0.05 is the usual harder sibling of Ring. The same
// seed gives the same points.
func Grid(n, side int, spacing, std float64, seed uint64) (*tensor.Tensor, []int) {
	checkSynthetic("Grid", n, std)
	if side < 1 {
		panic(fmt.Sprintf("data: Grid: side %d (want >= 1)", side))
	}
	g := tensor.NewRNG(seed)
	x := tensor.New(n, 2)
	mode := make([]int, n)
	half := float64(side-1) / 2
	for i := range mode {
		k := g.Intn(side * side)
		r, c := k/side, k%side
		mode[i] = k
		x.Data[2*i] = (float64(c)-half)*spacing + g.Normal(0, std)
		x.Data[2*i+1] = (float64(r)-half)*spacing + g.Normal(0, std)
	}
	return x, mode
}

// TwoMoons draws n points from two interleaving half circles of radius 1,
// each point's moon chosen by a fair coin: moon 0 is (cos t, sin t) and moon
// 1 is (1 - cos t, 1/2 - sin t) for t uniform in [0, π], plus Gaussian noise
// of standard deviation noise in both coordinates (0.05 to 0.1 is usual).
// The shape is scikit-learn's make_moons. It returns the [n, 2] points and
// each point's moon. The same seed gives the same points.
func TwoMoons(n int, noise float64, seed uint64) (*tensor.Tensor, []int) {
	checkSynthetic("TwoMoons", n, noise)
	g := tensor.NewRNG(seed)
	x := tensor.New(n, 2)
	moon := make([]int, n)
	for i := range moon {
		t := g.Uniform(0, math.Pi)
		px, py := math.Cos(t), math.Sin(t)
		if g.Intn(2) == 1 {
			moon[i] = 1
			px, py = 1-px, 0.5-py
		}
		x.Data[2*i] = px + g.Normal(0, noise)
		x.Data[2*i+1] = py + g.Normal(0, noise)
	}
	return x, moon
}

// SwissRoll draws n points from the 2-D swiss roll, a spiral: for t uniform
// in [3π/2, 9π/2] the point is (t cos t, t sin t), plus Gaussian noise of
// standard deviation noise in both coordinates (scikit-learn's
// make_swiss_roll without its third axis). The spiral winds one and a half
// times and reaches about 14 from the origin; divide by 5 or so for a model
// that expects data of unit scale. The same seed gives the same points.
func SwissRoll(n int, noise float64, seed uint64) *tensor.Tensor {
	checkSynthetic("SwissRoll", n, noise)
	g := tensor.NewRNG(seed)
	x := tensor.New(n, 2)
	for i := 0; i < n; i++ {
		t := 1.5 * math.Pi * (1 + 2*g.Float64())
		x.Data[2*i] = t*math.Cos(t) + g.Normal(0, noise)
		x.Data[2*i+1] = t*math.Sin(t) + g.Normal(0, noise)
	}
	return x
}

// checkSynthetic panics on a negative count or spread.
func checkSynthetic(fn string, n int, std float64) {
	if n < 0 {
		panic(fmt.Sprintf("data: %s: %d points (want >= 0)", fn, n))
	}
	if std < 0 || math.IsNaN(std) {
		panic(fmt.Sprintf("data: %s: standard deviation %g (want >= 0)", fn, std))
	}
}
