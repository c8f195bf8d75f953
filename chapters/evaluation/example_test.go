package evaluation_test

import (
	"fmt"
	"math"

	"github.com/luoxia/aigc/lib/metrics"
)

// The VAE chapter's measured bounds on the test digits' negative
// log-likelihood, in nats per digit (MLP, seed 1): the negative ELBO and
// the importance-weighted bound with 100 draws, converted to bits per
// dimension and to bits per digit.
func Example_bitsPerDim() {
	const pixels = 28 * 28
	for _, b := range []struct {
		name string
		nats float64
	}{{"-ELBO", 107.03}, {"-L_100", 102.72}} {
		fmt.Printf("%s: %.2f nats = %.1f bits a digit = %.3f bits/dim\n",
			b.name, b.nats, b.nats/math.Ln2, metrics.BitsPerDim(b.nats, pixels))
	}
	// Output:
	// -ELBO: 107.03 nats = 154.4 bits a digit = 0.197 bits/dim
	// -L_100: 102.72 nats = 148.2 bits a digit = 0.189 bits/dim
}
