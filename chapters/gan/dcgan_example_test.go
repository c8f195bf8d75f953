package gan_test

import (
	"fmt"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// A generator maps noise to digits [n, 784] in [0, 1]; the discriminator
// judges images [n, 1, 28, 28] with one logit each.
func ExampleNewGenerator() {
	cfg := gan.DefaultDCGANConfig()
	rng := tensor.NewRNG(cfg.Seed)
	g := gan.NewGenerator(cfg.ZDim, cfg.Width, rng)
	d := gan.NewDiscriminator(cfg.Width, rng)
	samples := g.Sample(16, rng)
	fmt.Println(samples.Shape, nn.NumParams(g), nn.NumParams(d))
	// Output:
	// [16 784] 237345 36641
}

// A conditional generator draws the digits it is asked for.
func ExampleConditionalGenerator_SampleDigits() {
	rng := tensor.NewRNG(1)
	g := gan.NewConditionalGenerator(64, 10, 32, rng)
	fmt.Println(g.SampleDigits([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, rng).Shape)
	// Output:
	// [10 784]
}
