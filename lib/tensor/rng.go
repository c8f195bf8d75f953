package tensor

import (
	"math/rand/v2"
)

// RNG is a seeded source of random numbers. Every random choice in luoxia
// (initial weights, shuffles, noise, dropout masks) draws from an RNG made
// from an explicit seed, so the same seed gives the same run.
type RNG struct {
	r *rand.Rand
}

// NewRNG returns a generator whose stream is fixed by seed (PCG).
func NewRNG(seed uint64) *RNG {
	return &RNG{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Float64 returns a uniform sample from [0, 1).
func (g *RNG) Float64() float64 { return g.r.Float64() }

// Uniform returns a uniform sample from [lo, hi).
func (g *RNG) Uniform(lo, hi float64) float64 { return lo + (hi-lo)*g.r.Float64() }

// Normal returns a sample from the normal distribution with mean mu and standard deviation sigma.
func (g *RNG) Normal(mu, sigma float64) float64 { return mu + sigma*g.r.NormFloat64() }

// Intn returns a uniform integer in [0, n).
func (g *RNG) Intn(n int) int { return g.r.IntN(n) }

// Perm returns a random permutation of 0..n-1.
func (g *RNG) Perm(n int) []int { return g.r.Perm(n) }

// Shuffle permutes the integers of s in place.
func (g *RNG) Shuffle(s []int) {
	g.r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
}

// Uint64 returns a uniform 64-bit integer, for deriving seeds of child generators.
func (g *RNG) Uint64() uint64 { return g.r.Uint64() }

// RandN returns a tensor of the given shape with elements drawn from N(0, 1).
func RandN(g *RNG, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = g.r.NormFloat64()
	}
	return t
}

// RandU returns a tensor of the given shape with elements drawn uniformly from [lo, hi).
func RandU(g *RNG, lo, hi float64, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = lo + (hi-lo)*g.r.Float64()
	}
	return t
}

// Bernoulli returns a tensor of the given shape whose elements are 1 with probability p and 0 otherwise.
func Bernoulli(g *RNG, p float64, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		if g.r.Float64() < p {
			t.Data[i] = 1
		}
	}
	return t
}
