//go:build amd64 && !(cgo && openblas)

package tensor

// geluAVX512 is gelu32 on eight elements at a time (elementwise32_amd64.s); len(x)
// must be a multiple of 8, and y and dy at least as long.
//
//go:noescape
func geluAVX512(x, y, dy []float64, c *[21]float64)

// geluVector computes gelu32 on a slice whose length is a multiple of 8,
// or is nil where no vector version runs.
var geluVector = func() func(x, y, dy []float64, c *[21]float64) {
	if hasAVX512F() {
		return geluAVX512
	}
	return nil
}()

// softmaxRowAVX512 is softmaxRow32 eight numbers at a time (elementwise32_amd64.s);
// x and y must be as long as each other, and at least 1.
//
//go:noescape
func softmaxRowAVX512(x, y []float64, m float64, c *[21]float64)

// softmaxVector computes softmaxRow32, or is nil where no vector version runs.
var softmaxVector = func() func(x, y []float64, m float64, c *[21]float64) {
	if hasAVX512F() {
		return softmaxRowAVX512
	}
	return nil
}()
