package foundations

import (
	"fmt"
	"image"
	"image/color"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/autograd"
	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// GraphNode is one value of the computation graph GraphExample records:
// its name, the operation that made it ("" for a leaf), its value and
// the gradient ∂L/∂value Backward left on it.
type GraphNode struct {
	Name, Op    string
	Value, Grad float64
}

// GraphExample records the graph of L = (w·x + b − y)², a linear model's
// squared error on one example, with x = 2, y = 3, w = 0.5 and b = 1,
// runs Backward from L, and returns every value of the graph in the order
// it was computed with its gradient. By hand: L = (1 + 1 − 3)² = 1, and
// ∂L/∂w = 2(w·x + b − y)·x = −4, ∂L/∂b = −2.
func GraphExample() []GraphNode {
	scalar := func(v float64) *tensor.Tensor { return tensor.FromSlice([]float64{v}, 1) }
	x, y := autograd.Param(scalar(2)), autograd.Param(scalar(3))
	w, b := autograd.Param(scalar(0.5)), autograd.Param(scalar(1))
	p := autograd.Mul(w, x)
	s := autograd.Add(p, b)
	d := autograd.Sub(s, y)
	l := autograd.Square(d)
	l.Backward()
	grad := func(v *autograd.Value) float64 {
		if v.Grad == nil {
			return 0
		}
		return v.Grad.Data[0]
	}
	var out []GraphNode
	for _, n := range []struct {
		name, op string
		v        *autograd.Value
	}{{"x", "", x}, {"w", "", w}, {"b", "", b}, {"y", "", y}, {"p", "w·x", p}, {"s", "p + b", s}, {"d", "s − y", d}, {"L", "d²", l}} {
		out = append(out, GraphNode{Name: n.name, Op: n.op, Value: n.v.Data.Data[0], Grad: grad(n.v)})
	}
	return out
}

// GraphFigure draws GraphExample's graph left to right, each node with
// its value (forward) and its gradient (backward).
func GraphFigure() (image.Image, error) {
	nodes := GraphExample()
	at := map[string]plotter.XY{
		"w": {X: 0, Y: 3}, "x": {X: 0, Y: 1.8}, "b": {X: 1.5, Y: 0.6}, "y": {X: 3, Y: 0},
		"p": {X: 1.5, Y: 2.4}, "s": {X: 3, Y: 1.5}, "d": {X: 4.5, Y: 0.9}, "L": {X: 6, Y: 0.9},
	}
	edges := [][2]string{{"w", "p"}, {"x", "p"}, {"p", "s"}, {"b", "s"}, {"s", "d"}, {"y", "d"}, {"d", "L"}}
	p := gplot.New()
	p.Title.Text = "L = (w·x + b − y)²: forward values, backward gradients"
	p.HideAxes()
	for _, e := range edges {
		l, err := plotter.NewLine(plotter.XYs{at[e[0]], at[e[1]]})
		if err != nil {
			return nil, fmt.Errorf("foundations: GraphFigure: %w", err)
		}
		l.Color, l.Width = color.NRGBA{R: 150, G: 150, B: 150, A: 255}, vg.Points(1.5)
		p.Add(l)
	}
	var xys plotter.XYs
	var labels []string
	for _, n := range nodes {
		xys = append(xys, at[n.Name])
		name := n.Name
		if n.Op != "" {
			name += " = " + n.Op
		}
		labels = append(labels, fmt.Sprintf("%s\n= %g\n∂L/∂%s = %g", name, n.Value, n.Name, n.Grad))
	}
	dots, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, fmt.Errorf("foundations: GraphFigure: %w", err)
	}
	dots.GlyphStyle = draw.GlyphStyle{Color: color.NRGBA{R: 31, G: 119, B: 180, A: 255}, Radius: vg.Points(5), Shape: draw.CircleGlyph{}}
	text, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, fmt.Errorf("foundations: GraphFigure: %w", err)
	}
	for i := range text.TextStyle {
		text.TextStyle[i].XAlign, text.TextStyle[i].YAlign = draw.XCenter, draw.YBottom
	}
	text.Offset = vg.Point{Y: vg.Points(8)}
	p.Add(dots, text)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -0.7, 6.7, -0.3, 4.1
	return plot.Render(p, 760, 420)
}
