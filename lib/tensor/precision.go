package tensor

import "fmt"

// Precision is the arithmetic a computation is carried out in. Tensors
// always hold float64; Float32 rounds the operands of a matrix product to
// float32 and sums in float32, as a float32 framework does, and keeps the
// result in float64.
type Precision uint8

const (
	// Float64 computes in float64 throughout, the default.
	Float64 Precision = iota
	// Float32 multiplies matrices in float32 (gemm32.go): each element of
	// a product is a float32 sum of float32 products, one rounding a step,
	// over every block of 256 steps of the inner dimension; the blocks'
	// sums are added in float64. Twice the numbers fit in a vector
	// register, so the product runs up to twice as fast.
	Float32
)

// String names the precision as ParsePrecision reads it.
func (p Precision) String() string {
	switch p {
	case Float64:
		return "float64"
	case Float32:
		return "float32"
	}
	return fmt.Sprintf("Precision(%d)", uint8(p))
}

// ParsePrecision reads "float64" or "float32".
func ParsePrecision(s string) (Precision, error) {
	for _, p := range []Precision{Float64, Float32} {
		if s == p.String() {
			return p, nil
		}
	}
	return 0, fmt.Errorf("tensor: precision %q; want float64 or float32", s)
}

// MarshalText writes the precision's name, so that JSON shows "float32".
func (p Precision) MarshalText() ([]byte, error) {
	if p > Float32 { // an error, not check's panic: encoders report errors
		return nil, fmt.Errorf("tensor: no precision %d", uint8(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText reads what MarshalText writes.
func (p *Precision) UnmarshalText(b []byte) error {
	q, err := ParsePrecision(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// check panics, naming op, unless p is Float64 or Float32.
func (p Precision) check(op string) {
	if p > Float32 {
		panic(fmt.Sprintf("tensor: %s in %v", op, p))
	}
}

// gemmIn returns the matrix product of precision p: gemm (matmul.go) or
// gemm32. op names the caller in the panic for any other p.
func gemmIn(p Precision, op string) func(transA, transB bool, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, m, n, k int) {
	p.check(op)
	if p == Float32 {
		return gemm32
	}
	return gemm
}
