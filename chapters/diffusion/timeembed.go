package diffusion

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/tensor"
)

// TimeEmbedding returns the sinusoidal embedding e(t) of each step in ts,
// [len(ts), dim] with dim even: feature pair k turns at the frequency
// ω_k = 10000^{−2k/dim},
//
//	e(t)_{2k} = sin(t·ω_k),   e(t)_{2k+1} = cos(t·ω_k),
//
// the Transformer's position encoding with the step in place of the
// position, as Ho et al. (2020) tell their network which step it is
// denoising. Nearby steps get nearby vectors, and the fast pairs tell
// neighbouring steps apart.
func TimeEmbedding(ts []int, dim int) *tensor.Tensor {
	if dim < 2 || dim%2 != 0 {
		panic(fmt.Sprintf("diffusion: TimeEmbedding: dim %d; want an even number of at least 2", dim))
	}
	out := tensor.New(len(ts), dim)
	for i, t := range ts {
		row := out.Data[i*dim : (i+1)*dim]
		for k := 0; k < dim/2; k++ {
			angle := float64(t) * math.Pow(10000, -float64(2*k)/float64(dim))
			row[2*k], row[2*k+1] = math.Sin(angle), math.Cos(angle)
		}
	}
	return out
}
