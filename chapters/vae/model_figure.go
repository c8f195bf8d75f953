package vae

import (
	"fmt"
	"image"
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/luoxia/aigc/lib/plot"
)

// ModelNode is a node of the VAE's graphical model: a random variable
// (observed or not, inside the plate over the N images) or a parameter
// shared by all images, drawn at (X, Y).
type ModelNode struct {
	Name     string
	Observed bool // a variable we see (x), drawn filled
	Param    bool // a parameter (θ, φ), drawn as a small dot outside the plate
	X, Y     float64
}

// ModelEdge is an arrow of the graphical model: a factor of the generative
// model p_θ(x, z) (solid) or of the encoder q_φ(z | x) (dashed).
type ModelEdge struct {
	From, To  string
	Inference bool
}

// GraphicalModel describes the VAE as a directed graphical model, in the
// manner of Kingma & Welling (2014), Figure 1. The generative model
// p_θ(x, z) = p(z) p_θ(x | z) has solid arrows into x, from z and from the
// decoder's parameters θ (the prior p(z) = N(0, I) has none); the encoder
// q_φ(z | x) has dashed arrows into z, from x and from φ. z and x sit on a
// plate: one pair for each of the N images, while θ and φ are shared.
func GraphicalModel() ([]ModelNode, []ModelEdge) {
	nodes := []ModelNode{
		{Name: "z", X: 1, Y: 2},
		{Name: "x", Observed: true, X: 1, Y: 0},
		{Name: "θ", Param: true, X: 2.6, Y: 1},
		{Name: "φ", Param: true, X: -0.6, Y: 1},
	}
	edges := []ModelEdge{
		{From: "z", To: "x"},
		{From: "θ", To: "x"},
		{From: "x", To: "z", Inference: true},
		{From: "φ", To: "z", Inference: true},
	}
	return nodes, edges
}

// Where the figure draws its plate: the box around the N pairs (z, x).
const plateX0, plateY0, plateX1, plateY1 = 0.15, -0.55, 1.85, 2.75

// ModelFigure draws GraphicalModel: open circle z, filled circle x, the
// parameters as dots, solid and dashed arrows, and the plate labelled N.
func ModelFigure() (image.Image, error) {
	nodes, edges := GraphicalModel()
	at := map[string]ModelNode{}
	for _, n := range nodes {
		at[n.Name] = n
	}
	p := gplot.New()
	p.Title.Text = "The VAE as a graphical model"
	p.HideAxes()
	ink := color.NRGBA{R: 60, G: 60, B: 60, A: 255}
	line := func(xys plotter.XYs, dashed bool) error {
		l, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		l.Color, l.Width = ink, vg.Points(1.5)
		if dashed {
			l.Dashes = []vg.Length{vg.Points(5), vg.Points(4)}
		}
		p.Add(l)
		return nil
	}
	// The plate.
	if err := line(plotter.XYs{{X: plateX0, Y: plateY0}, {X: plateX1, Y: plateY0}, {X: plateX1, Y: plateY1}, {X: plateX0, Y: plateY1}, {X: plateX0, Y: plateY0}}, false); err != nil {
		return nil, fmt.Errorf("vae: ModelFigure: %w", err)
	}
	// Arrows: the two between z and x run side by side, the generative one
	// on the right; each stops short of its target's circle and ends in a
	// head of two short strokes.
	for _, e := range edges {
		a, b := at[e.From], at[e.To]
		shift := 0.0
		if (e.From == "z" && e.To == "x") || (e.From == "x" && e.To == "z") {
			shift = 0.12
			if e.Inference {
				shift = -0.12
			}
		}
		x0, y0, x1, y1 := a.X+shift, a.Y, b.X+shift, b.Y
		dx, dy := x1-x0, y1-y0
		d := math.Hypot(dx, dy)
		ux, uy := dx/d, dy/d
		start, stop := 0.25, 0.28
		if a.Param {
			start = 0.08
		}
		sx, sy := x0+start*ux, y0+start*uy
		ex, ey := x1-stop*ux, y1-stop*uy
		if err := line(plotter.XYs{{X: sx, Y: sy}, {X: ex, Y: ey}}, e.Inference); err != nil {
			return nil, fmt.Errorf("vae: ModelFigure: %w", err)
		}
		for _, turn := range []float64{0.45, -0.45} { // the head's two strokes, ±26° off the shaft
			c, s := math.Cos(turn), math.Sin(turn)
			hx, hy := -(ux*c - uy*s), -(ux*s + uy*c)
			if err := line(plotter.XYs{{X: ex, Y: ey}, {X: ex + 0.12*hx, Y: ey + 0.12*hy}}, false); err != nil {
				return nil, fmt.Errorf("vae: ModelFigure: %w", err)
			}
		}
	}
	// The nodes: variables as large circles, x filled since it is seen;
	// parameters as small dots.
	for _, n := range nodes {
		s, err := plotter.NewScatter(plotter.XYs{{X: n.X, Y: n.Y}})
		if err != nil {
			return nil, fmt.Errorf("vae: ModelFigure: %w", err)
		}
		switch {
		case n.Param:
			s.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		case n.Observed:
			s.GlyphStyle = draw.GlyphStyle{Color: color.NRGBA{R: 170, G: 170, B: 170, A: 255}, Radius: vg.Points(22), Shape: draw.CircleGlyph{}}
		default:
			s.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: vg.Points(22), Shape: draw.RingGlyph{}}
		}
		p.Add(s)
	}
	// Each node's name at its centre (a parameter's just above its dot),
	// then the arrows', the plate's and the prior's labels.
	var labels plotter.XYLabels
	for _, n := range nodes {
		y := n.Y
		if n.Param {
			y += 0.1
		}
		labels.XYs = append(labels.XYs, plotter.XY{X: n.X, Y: y})
		labels.Labels = append(labels.Labels, n.Name)
	}
	labels.XYs = append(labels.XYs, plotter.XYs{
		{X: 1.2, Y: 1}, {X: 0.8, Y: 1}, {X: plateX1 - 0.08, Y: plateY0 + 0.08}, {X: 1, Y: 2.5},
	}...)
	labels.Labels = append(labels.Labels, "decoder\np_θ(x | z)", "encoder\nq_φ(z | x)", "N", "p(z) = N(0, I)")
	text, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, fmt.Errorf("vae: ModelFigure: %w", err)
	}
	for i := range text.TextStyle {
		text.TextStyle[i].XAlign, text.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
	}
	text.TextStyle[2].YAlign, text.TextStyle[3].YAlign = draw.YBottom, draw.YBottom // θ, φ above their dots
	text.TextStyle[4].XAlign, text.TextStyle[5].XAlign = draw.XLeft, draw.XRight    // beside their arrows
	text.TextStyle[6].XAlign, text.TextStyle[6].YAlign = draw.XRight, draw.YBottom  // N in the plate's corner
	p.Add(text)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -1.1, 3.1, -0.8, 3
	return plot.Render(p, 600, 520)
}
