package plot

import (
	"errors"
	"fmt"
	"image"
	"image/draw"
)

// Panels lays figures out side by side, cols to a row, on a white
// background: the panels of one figure, such as the heads of an attention
// layer or two views of one measurement. Every cell is as wide as the
// widest figure and as high as the highest; each figure sits at the top
// left of its cell.
func Panels(cols int, figs ...image.Image) (*image.RGBA, error) {
	if len(figs) == 0 {
		return nil, errors.New("plot: Panels: no figures")
	}
	if cols < 1 {
		return nil, fmt.Errorf("plot: Panels: %d columns, want at least 1", cols)
	}
	w, h := 0, 0
	for i, f := range figs {
		if f == nil {
			return nil, fmt.Errorf("plot: Panels: figure %d is nil", i)
		}
		w, h = max(w, f.Bounds().Dx()), max(h, f.Bounds().Dy())
	}
	cols = min(cols, len(figs))
	rows := (len(figs) + cols - 1) / cols
	if w*cols > maxPlotSide || h*rows > maxPlotSide {
		return nil, fmt.Errorf("plot: Panels: %d x %d pixels, more than %d a side", w*cols, h*rows, maxPlotSide)
	}
	out := image.NewRGBA(image.Rect(0, 0, w*cols, h*rows))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	for i, f := range figs {
		at := image.Pt((i%cols)*w, (i/cols)*h)
		draw.Draw(out, f.Bounds().Sub(f.Bounds().Min).Add(at), f, f.Bounds().Min, draw.Src)
	}
	return out, nil
}
