package data

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// Loader walks a Dataset in mini-batches, one epoch at a time. With shuffle
// on, each epoch visits the examples in a fresh random order drawn from a
// generator seeded once, so the sequence of batches over any number of
// epochs is fixed by the seed. A training loop that works epoch by epoch:
//
//	ld := data.NewLoader(train, 64, true, seed)
//	for ld.Epoch() < epochs {
//		for x, labels, ok := ld.Next(); ok; x, labels, ok = ld.Next() {
//			// one step on x ([<=64, 784]) and labels
//		}
//		ld.Reset()
//	}
//
// and one that counts steps, starting epochs as they run out:
//
//	for step := 0; step < steps; step++ {
//		x, labels := ld.Cycle()
//		// one step on x and labels
//	}
type Loader struct {
	ds        *Dataset
	batchSize int
	shuffle   bool
	rng       *tensor.RNG
	order     []int // the epoch's order of example indices
	pos       int   // position in order of the next batch's first example
	epoch     int
}

// NewLoader returns a Loader over ds giving batches of batchSize examples;
// the last batch of an epoch holds the remainder and may be smaller. With
// shuffle false the examples come in their stored order every epoch and the
// seed is unused. It panics if batchSize is not positive.
func NewLoader(ds *Dataset, batchSize int, shuffle bool, seed uint64) *Loader {
	if batchSize <= 0 {
		panic(fmt.Sprintf("data: NewLoader: batch size %d (want > 0) for %d examples", batchSize, ds.Len()))
	}
	l := &Loader{
		ds:        ds,
		batchSize: batchSize,
		shuffle:   shuffle,
		rng:       tensor.NewRNG(seed),
		order:     make([]int, ds.Len()),
	}
	for i := range l.order {
		l.order[i] = i
	}
	if shuffle {
		l.rng.Shuffle(l.order)
	}
	return l
}

// Next returns the epoch's next batch: a new [b, Dim] tensor of examples and
// their labels, where b is the batch size or, for the last batch, what is
// left. At the end of the epoch it returns ok false (and nil values) until
// Reset starts the next one.
func (l *Loader) Next() (x *tensor.Tensor, labels []int, ok bool) {
	if l.pos >= len(l.order) {
		return nil, nil, false
	}
	end := min(l.pos+l.batchSize, len(l.order))
	x, labels = l.ds.Batch(l.order[l.pos:end])
	l.pos = end
	return x, labels, true
}

// Reset starts the next epoch, reshuffling the order if the Loader shuffles.
// It may be called before the current epoch is finished.
func (l *Loader) Reset() {
	l.pos = 0
	l.epoch++
	if l.shuffle {
		l.rng.Shuffle(l.order)
	}
}

// Cycle returns the next batch of an endless run of epochs: Next's batch,
// or, when the epoch is over, the first batch of a new one (Reset, then
// Next). A training loop that counts steps rather than epochs calls Cycle
// once a step. It panics on an empty Dataset, which has no batch to give.
func (l *Loader) Cycle() (x *tensor.Tensor, labels []int) {
	x, labels, ok := l.Next()
	if !ok {
		if len(l.order) == 0 {
			panic("data: Loader.Cycle over an empty dataset")
		}
		l.Reset()
		x, labels, _ = l.Next()
	}
	return x, labels
}

// Epoch is the number of the current epoch, counting from 0: the number of
// times Reset has been called.
func (l *Loader) Epoch() int { return l.epoch }

// BatchesPerEpoch is the number of batches Next gives in one epoch: the
// number of examples divided by the batch size, rounded up.
func (l *Loader) BatchesPerEpoch() int { return (len(l.order) + l.batchSize - 1) / l.batchSize }
