// Package bench holds luoxia's side-by-side benchmarks: the same training
// step measured in Go here and in PyTorch by mlp_step.py, compared by
// compare.sh. It has no code of its own beyond its benchmarks.
package bench
