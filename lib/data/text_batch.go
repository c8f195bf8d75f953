package data

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// PadBatch returns copies of seqs all as long as the longest, the shorter
// ones filled at the end with pad, and each sequence's length before
// padding. A model masks the positions at or past a sequence's length.
func PadBatch(seqs [][]int, pad int) (padded [][]int, lengths []int) {
	longest := 0
	for _, s := range seqs {
		longest = max(longest, len(s))
	}
	padded = make([][]int, len(seqs))
	lengths = make([]int, len(seqs))
	for i, s := range seqs {
		row := make([]int, longest)
		n := copy(row, s)
		for j := n; j < longest; j++ {
			row[j] = pad
		}
		padded[i], lengths[i] = row, n
	}
	return padded, lengths
}

// WindowSampler draws training examples for a language model from one long
// run of token ids, as nanoGPT's get_batch does: each example starts at a
// uniformly random position i in 0..len(data)-blockSize-1, its input x is
// data[i : i+blockSize] and its target y is data[i+1 : i+blockSize+1], x
// shifted by one, so y[t] is the token that follows x[0..t]. The starts are
// drawn from a generator seeded once, so the same seed gives the same
// batches.
type WindowSampler struct {
	data      []int
	blockSize int
	rng       *tensor.RNG
}

// NewWindowSampler returns a sampler of windows of blockSize tokens from data
// (shared, not copied). It panics unless 0 < blockSize < len(data).
func NewWindowSampler(data []int, blockSize int, seed uint64) *WindowSampler {
	if blockSize <= 0 || blockSize >= len(data) {
		panic(fmt.Sprintf("data: NewWindowSampler: block size %d for %d tokens (want 0 < block size < tokens)", blockSize, len(data)))
	}
	return &WindowSampler{data: data, blockSize: blockSize, rng: tensor.NewRNG(seed)}
}

// BlockSize is the length of each window.
func (s *WindowSampler) BlockSize() int { return s.blockSize }

// Sample returns batch windows: x[b] and y[b] are new slices of BlockSize
// ids each, y[b] being x[b] shifted one token on. It panics if batch is
// negative.
func (s *WindowSampler) Sample(batch int) (x, y [][]int) {
	if batch < 0 {
		panic(fmt.Sprintf("data: WindowSampler.Sample(%d)", batch))
	}
	x, y = make([][]int, batch), make([][]int, batch)
	for b := range x {
		i := s.rng.Intn(len(s.data) - s.blockSize)
		x[b] = append([]int(nil), s.data[i:i+s.blockSize]...)
		y[b] = append([]int(nil), s.data[i+1:i+1+s.blockSize]...)
	}
	return x, y
}

// SequentialWindows cuts data into consecutive, non-overlapping windows of
// blockSize tokens, from the start, for an evaluation that every program
// can repeat exactly: window k has x = data[k*blockSize : (k+1)*blockSize]
// and y the same shifted one token on, for every k whose y fits in data
// ((k+1)*blockSize < len(data)); the few tokens after the last full window
// are not used. A Python script gets the same windows' starts from
// range(0, len(data) - blockSize, blockSize). It panics unless 0 <
// blockSize < len(data).
func SequentialWindows(data []int, blockSize int) (x, y [][]int) {
	if blockSize <= 0 || blockSize >= len(data) {
		panic(fmt.Sprintf("data: SequentialWindows: block size %d for %d tokens (want 0 < block size < tokens)", blockSize, len(data)))
	}
	for i := 0; i+blockSize < len(data); i += blockSize {
		x = append(x, append([]int(nil), data[i:i+blockSize]...))
		y = append(y, append([]int(nil), data[i+1:i+1+blockSize]...))
	}
	return x, y
}
