package vae

import (
	"slices"
	"testing"
)

// TestGraphicalModel: the arrows are the chapter's factorisations. Solid
// arrows give each variable's parents in p_θ(x, z) = p(z) p_θ(x | z): none
// for z, z and θ for x. Dashed ones give them in q_φ(z | x): x and φ for z,
// none for x. Only x is observed, and the plate holds the variables and
// not the parameters shared by all images.
func TestGraphicalModel(t *testing.T) {
	nodes, edges := GraphicalModel()
	parents := func(to string, inference bool) []string {
		var ps []string
		for _, e := range edges {
			if e.To == to && e.Inference == inference {
				ps = append(ps, e.From)
			}
		}
		slices.Sort(ps)
		return ps
	}
	for _, c := range []struct {
		node      string
		inference bool
		want      []string
	}{
		{"z", false, nil}, {"x", false, []string{"z", "θ"}},
		{"z", true, []string{"x", "φ"}}, {"x", true, nil},
	} {
		if got := parents(c.node, c.inference); !slices.Equal(got, c.want) {
			kind := "p_θ"
			if c.inference {
				kind = "q_φ"
			}
			t.Errorf("parents of %s in %s: %v, want %v", c.node, kind, got, c.want)
		}
	}
	seen := map[string]bool{}
	for _, n := range nodes {
		seen[n.Name] = true
		inPlate := n.X > plateX0 && n.X < plateX1 && n.Y > plateY0 && n.Y < plateY1
		if n.Observed != (n.Name == "x") || n.Param != (n.Name == "θ" || n.Name == "φ") || inPlate == n.Param {
			t.Errorf("node %+v: want x alone observed, θ and φ alone parameters, and the plate round the variables only", n)
		}
	}
	for _, e := range edges {
		if !seen[e.From] || !seen[e.To] {
			t.Errorf("edge %+v joins a node the model does not have", e)
		}
	}
	img, err := ModelFigure()
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 520 {
		t.Errorf("the figure is %v, want 600×520", b)
	}
}
