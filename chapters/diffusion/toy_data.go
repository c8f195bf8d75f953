package diffusion

import (
	"fmt"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// The 2-D data sets of the chapter's small models.
const (
	// SwissRoll is data.SwissRoll with noise 0.3, scaled by 1/5 so that
	// the spiral spans about ±2.8.
	SwissRoll = "swissroll"
	// Ring is the GAN chapter's mixture: eight Gaussians of standard
	// deviation RingStd on a circle of radius RingRadius.
	Ring = "ring"
)

// The ring's shape, the GAN chapter's, so that the two chapters' mode
// coverage can be compared.
const (
	RingModes  = 8
	RingRadius = 2.0
	RingStd    = 0.02
)

// ToyData draws n points [n, 2] of the named data set (SwissRoll or Ring);
// the same seed gives the same points.
func ToyData(name string, n int, seed uint64) (*tensor.Tensor, error) {
	switch name {
	case SwissRoll:
		return tensor.Scale(data.SwissRoll(n, 0.3, seed), 0.2), nil
	case Ring:
		x, _ := data.Ring(n, RingModes, RingRadius, RingStd, seed)
		return x, nil
	}
	return nil, fmt.Errorf("diffusion: no 2-D data set %q; want %q or %q", name, SwissRoll, Ring)
}
