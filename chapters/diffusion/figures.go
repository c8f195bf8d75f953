package diffusion

import (
	"fmt"
	"image"

	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// ScheduleFigure draws ᾱ_t, the share of the data's variance left at step
// t, against t/T for each schedule, named by names.
func ScheduleFigure(names []string, schedules []*Schedule) (*image.RGBA, error) {
	if len(names) != len(schedules) {
		return nil, fmt.Errorf("diffusion: ScheduleFigure: %d names for %d schedules", len(names), len(schedules))
	}
	series := make([]plot.Series, len(schedules))
	for i, s := range schedules {
		x, y := make([]float64, s.T+1), make([]float64, s.T+1)
		for t := range x {
			x[t], y[t] = float64(t)/float64(s.T), s.AlphaBar[t]
		}
		series[i] = plot.Series{Name: names[i], X: x, Y: y}
	}
	return plot.CurvesWith(plot.CurveOptions{Title: "ᾱ_t: the data's share of x_t's variance", XLabel: "t / T", YLabel: "ᾱ_t"}, series)
}

// Noised returns x_0 and its noised versions x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε
// at each step of ts (0 is x_0 itself), all with the same noise ε drawn
// from seed, as a batch [len(ts), shape of x0…] to lay out as a grid. One
// ε for every t shows the data fading into one fixed noise image; each
// x_t is still a draw from q(x_t | x_0).
func (s *Schedule) Noised(x0 *tensor.Tensor, ts []int, seed uint64) *tensor.Tensor {
	eps := tensor.RandN(tensor.NewRNG(seed), x0.Shape...)
	n := len(x0.Data)
	out := tensor.New(append([]int{len(ts)}, x0.Shape...)...)
	for i, t := range ts {
		row := out.Data[i*n : (i+1)*n]
		if t == 0 {
			copy(row, x0.Data)
			continue
		}
		xt := s.QSample(x0.Reshape(1, n), []int{t}, eps.Reshape(1, n))
		copy(row, xt.Data)
	}
	return out
}
