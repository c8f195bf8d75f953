package plot

import (
	"errors"
	"fmt"
	"image"
	"image/draw"
)

// Tile lays images of one size out in rows of cols, left to right and top
// to bottom, on white (cols ≤ 0, or more than there are images: one row).
// It puts panels drawn one by one, such as scatter plots with the same
// View, side by side in one figure.
func Tile(imgs []*image.RGBA, cols int) (*image.RGBA, error) {
	if len(imgs) == 0 {
		return nil, errors.New("plot: Tile: no images")
	}
	w, h := imgs[0].Bounds().Dx(), imgs[0].Bounds().Dy()
	for i, img := range imgs {
		if img.Bounds().Dx() != w || img.Bounds().Dy() != h {
			return nil, fmt.Errorf("plot: Tile: image %d is %dx%d, image 0 %dx%d; want one size", i, img.Bounds().Dx(), img.Bounds().Dy(), w, h)
		}
	}
	if cols <= 0 || cols > len(imgs) {
		cols = len(imgs)
	}
	rows := (len(imgs) + cols - 1) / cols
	out := image.NewRGBA(image.Rect(0, 0, cols*w, rows*h))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	for i, img := range imgs {
		r := image.Rect((i%cols)*w, (i/cols)*h, (i%cols+1)*w, (i/cols+1)*h)
		draw.Draw(out, r, img, img.Bounds().Min, draw.Src)
	}
	return out, nil
}
