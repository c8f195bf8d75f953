package foundations

import (
	"math"
	"testing"
)

// TestGraphExample checks the gradients Backward leaves on the graph of
// L = (w·x + b − y)² against the chain rule by hand: with d = w·x + b − y
// = −1, ∂L/∂d = 2d = −2, and every other gradient follows from it.
func TestGraphExample(t *testing.T) {
	want := map[string][2]float64{ // value, gradient
		"x": {2, -1}, "w": {0.5, -4}, "b": {1, -2}, "y": {3, 2},
		"p": {1, -2}, "s": {2, -2}, "d": {-1, -2}, "L": {1, 1},
	}
	nodes := GraphExample()
	if len(nodes) != len(want) {
		t.Fatalf("%d nodes, want %d", len(nodes), len(want))
	}
	for _, n := range nodes {
		w := want[n.Name]
		if math.Abs(n.Value-w[0]) > 1e-12 || math.Abs(n.Grad-w[1]) > 1e-12 {
			t.Errorf("%s: value %g, gradient %g; want %g and %g", n.Name, n.Value, n.Grad, w[0], w[1])
		}
	}
	if _, err := GraphFigure(); err != nil {
		t.Fatal(err)
	}
}
