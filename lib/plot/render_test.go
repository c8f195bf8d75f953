package plot_test

import (
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/luoxia/aigc/lib/plot"
)

func TestRenderOwnPlot(t *testing.T) {
	p := gplot.New()
	p.Title.Text = "a histogram"
	h, err := plotter.NewHist(plotter.Values{1, 2, 2, 3, 3, 3}, 3)
	if err != nil {
		t.Fatal(err)
	}
	p.Add(h)
	img, err := plot.Render(p, 200, 150)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got.Dx() != 200 || got.Dy() != 150 {
		t.Errorf("size %v, want 200 x 150", got)
	}
	if countNonWhite(img) == 0 {
		t.Error("blank image")
	}
	img, err = plot.Render(p, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got.Dx() != plot.DefaultWidth || got.Dy() != plot.DefaultHeight {
		t.Errorf("default size %v, want %d x %d", got, plot.DefaultWidth, plot.DefaultHeight)
	}
}

// gonum/plot panics on a log axis that reaches zero; Render reports it.
func TestRenderRecoversGonumPanic(t *testing.T) {
	p := gplot.New()
	p.Y.Scale = gplot.LogScale{}
	p.Y.Tick.Marker = gplot.LogTicks{}
	l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		t.Fatal(err)
	}
	p.Add(l)
	_, err = plot.Render(p, 100, 100)
	if err == nil || !strings.Contains(err.Error(), "could not draw") {
		t.Errorf("error %v, want one saying gonum could not draw", err)
	}
}

func TestRenderErrors(t *testing.T) {
	if _, err := plot.Render(nil, 10, 10); err == nil {
		t.Error("Render(nil): no error")
	}
	for _, size := range [][2]int{{-1, 10}, {10, -1}, {100000, 10}} {
		if _, err := plot.Render(gplot.New(), size[0], size[1]); err == nil {
			t.Errorf("Render at %d x %d: no error", size[0], size[1])
		}
	}
}
