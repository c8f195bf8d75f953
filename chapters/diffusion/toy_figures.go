package diffusion

import (
	"fmt"
	"image"

	"github.com/luoxia/aigc/lib/plot"
	"github.com/luoxia/aigc/lib/tensor"
)

// ToyPanelSize is the width and height in pixels of one panel of
// ToyPanels.
const ToyPanelSize = 320

// toyView is the half-width of the square every panel shows, [−3.5, 3.5]²:
// the swiss roll, the ring and most of x_T ~ N(0, I).
const toyView = 3.5

// ToyPanels draws each point set [N, 2] over 1,000 fresh points of the
// named data set, in a panel of its own titled by titles, cols panels to a
// row (0: one row), all on the same square so that the panels compare:
// samples from several samplers, or the reverse chain at several steps.
// Points outside the square are left out.
func ToyPanels(data string, sets []*tensor.Tensor, titles []string, cols int) (*image.RGBA, error) {
	if len(sets) == 0 || len(sets) != len(titles) {
		return nil, fmt.Errorf("diffusion: ToyPanels: %d point sets and %d titles; want one title each, at least one", len(sets), len(titles))
	}
	real, err := ToyData(data, 1000, 12345)
	if err != nil {
		return nil, err
	}
	opt := plot.ScatterOptions{View: toyView, Radius: 1.2, Width: ToyPanelSize, Height: ToyPanelSize}
	panels := make([]*image.RGBA, len(sets))
	for i, s := range sets {
		opt.Title = titles[i]
		if panels[i], err = plot.ScatterWith(opt, []plot.Points{{Name: "data", XY: real}, {XY: s}}); err != nil {
			return nil, fmt.Errorf("diffusion: ToyPanels: %s: %w", titles[i], err)
		}
	}
	return plot.Tile(panels, cols)
}
