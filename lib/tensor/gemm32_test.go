package tensor

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// fma32 must round x·y + z once, as the hardware's float32 fused
// multiply-add does. The reference is the exact sum, computed with
// math/big, rounded to the nearest float32 (ties to even). The cases mix
// random numbers with sums built to fall on or next to a midpoint between
// two float32 values, where rounding twice would go wrong.
func TestFMA32RoundsOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	exact := func(x, y, z float32) float32 {
		p := new(big.Float).SetPrec(200).SetFloat64(float64(x))
		p.Mul(p, new(big.Float).SetFloat64(float64(y)))
		p.Add(p, new(big.Float).SetFloat64(float64(z)))
		f, _ := p.Float32()
		return f
	}
	check := func(x, y, z float32) {
		if got, want := fma32(x, y, z), exact(x, y, z); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("fma32(%v, %v, %v) = %v, want %v", x, y, z, got, want)
		}
	}
	for range 200000 {
		x := float32(r.NormFloat64() * math.Exp2(float64(r.IntN(40)-20)))
		y := float32(r.NormFloat64())
		z := float32(r.NormFloat64() * math.Exp2(float64(r.IntN(40)-20)))
		check(x, y, z)
		// z = -x·y rounded: the sum is x·y's rounding error, tiny.
		check(x, y, -x*y)
		// x·y = 1 + 2^-24 + a little: z = -1 leaves the midpoint region.
		u := float32(1 + math.Exp2(-12)*float64(r.IntN(4096)))
		v := float32(1 + math.Exp2(-12)*float64(r.IntN(4096)))
		check(u, v, -1)
		check(u, v, float32(math.Exp2(float64(r.IntN(60)-30))))
		check(u, -v, u*v)
	}
	// x·y + z = z + h·(1 - u²), h half a float32 step at z: a hair below
	// the midpoint above z, which a float64 sum rounds onto the midpoint;
	// rounding that tie to even is wrong when z's last bit is 1.
	for range 20000 {
		z := float32(1+math.Exp2(-23)*float64(r.IntN(1<<23))) * float32(math.Exp2(float64(r.IntN(20)-10)))
		h := (math.Nextafter32(z, 2*z) - z) / 2
		u := float32(math.Exp2(-float64(12 + r.IntN(12))))
		check(h*(1+u), 1-u, z)
		check(-h*(1+u), 1-u, -z)
		check(h*(1+u), 1+u, z)
	}
}

// gemm32Reference computes the Float32 product element by element: each
// k block's sum in float32, one fma32 a step, then alpha·sum + beta·C in
// float64, beta applying to the first block only.
func gemm32Reference(g gemmCase, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	at := func(i, k int) float32 {
		if g.tA != blas.NoTrans {
			return float32(a[k*lda+i])
		}
		return float32(a[i*lda+k])
	}
	bt := func(k, j int) float32 {
		if g.tB != blas.NoTrans {
			return float32(b[j*ldb+k])
		}
		return float32(b[k*ldb+j])
	}
	for i := 0; i < g.m; i++ {
		for j := 0; j < g.n; j++ {
			for pc := 0; pc < g.k; pc += gemmKC {
				var s float32
				for k := pc; k < min(pc+gemmKC, g.k); k++ {
					s = fma32(at(i, k), bt(k, j), s)
				}
				v := g.alpha * float64(s)
				beta, load := 1.0, true
				if pc == 0 {
					beta, load = g.beta, g.beta != 0
				}
				if load {
					v = math.FMA(beta, c[i*ldc+j], v)
				}
				c[i*ldc+j] = v
			}
		}
	}
}

// Every float32 kernel this processor runs, through the blocked product
// on one goroutine and on three, gives the reference's bits, and leaves
// C's padding alone.
func TestGemm32KernelsMatchReference(t *testing.T) {
	shapes := append([][3]int{{gemmMR, 32, gemmKC}, {gemmMR + 1, 33, gemmKC + 1}, {2 * gemmMR, 64, 3}, {gemmMR - 1, 31, 2*gemmKC + 3}}, gemmShapes...)
	r := rand.New(rand.NewPCG(23, 24))
	for _, kernel := range gemm32Kernels {
		t.Run(strings.ReplaceAll(kernel.name, " ", "_"), func(t *testing.T) {
			for _, s := range shapes {
				if s[0]*s[1]*s[2] > 1<<22 {
					continue
				}
				for _, tt := range gemmTrans {
					for _, ab := range [][2]float64{{1, 0}, {-0.5, 1}, {0.7, 0.3}} {
						g := gemmCase{tt[0], tt[1], s[0], s[1], s[2], ab[0], ab[1], 3}
						a, lda, b, ldb, c, ldc := gemmOperands(r, g)
						want := append([]float64(nil), c...)
						gemm32Reference(g, a, lda, b, ldb, want, ldc)
						for _, workers := range []int{1, 3} {
							p := gemmProblem[float32]{
								transA: g.tA != blas.NoTrans, transB: g.tB != blas.NoTrans,
								m: g.m, n: g.n, k: g.k, alpha: g.alpha, beta: g.beta,
								a: a, lda: lda, b: b, ldb: ldb, c: append([]float64(nil), c...), ldc: ldc, kernel: kernel,
							}
							p.run(workers)
							for i, w := range want {
								if math.Float64bits(p.c[i]) != math.Float64bits(w) && !(math.IsNaN(w) && math.IsNaN(p.c[i])) {
									t.Fatalf("%v, %d goroutines: C[%d] = %v, want %v", g, workers, i, p.c[i], w)
								}
							}
						}
					}
				}
			}
		})
	}
}

// A kernel's own packing (the assembly of the AVX-512 float32 kernel)
// lays out exactly what the generic packA and packB do, for blocks of
// every size around the panels' widths, A and B stored either way, and
// writes nothing beyond the panels.
func TestKernelPackingMatchesGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	src := make([]float64, 600*600)
	for i := range src {
		src[i] = r.NormFloat64()
	}
	for _, kernel := range gemm32Kernels {
		if kernel.packA == nil && kernel.packB == nil {
			continue
		}
		for _, trans := range []bool{false, true} {
			for _, size := range []int{1, 5, 6, 7, 12, 31, 32, 33, 64, 97} {
				for _, kc := range []int{1, 7, 8, 9, 256} {
					p := gemmProblem[float32]{transA: trans, transB: trans, a: src, lda: 600, b: src, ldb: 600, kernel: kernel}
					for _, which := range []string{"A", "B"} {
						width := gemmMR
						if which == "B" {
							width = kernel.nr
						}
						n := (size+width-1)/width*width*kc + 64 // the panels and a margin
						got, want := make([]float32, n), make([]float32, n)
						for i := range got {
							got[i], want[i] = float32(math.NaN()), float32(math.NaN())
						}
						if which == "A" {
							kernel.packA(&p, got, 3, size, 5, kc)
							p.packA(want, 3, size, 5, kc)
						} else {
							kernel.packB(&p, got, 5, kc, 3, size)
							p.packB(want, 5, kc, 3, size)
						}
						for i := range want {
							if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
								t.Fatalf("%s, %s stored transposed %v, %d by kc %d: packed[%d] = %v, want %v", kernel.name, which, trans, size, kc, i, got[i], want[i])
							}
						}
					}
				}
			}
		}
	}
}
