package main

import (
	"fmt"
	"image"
	"io"
	"path/filepath"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/chapters/foundations"
	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/chapters/vae"
)

// explanatoryFigure is one of the book's figures drawn from formulas and
// small computations, with no model to train: what aigc figures draws.
type explanatoryFigure struct {
	chapter, name string
	draw          func() (image.Image, error)
}

// explanatoryFigures lists them, chapter by chapter.
func explanatoryFigures() []explanatoryFigure {
	return []explanatoryFigure{
		{"foundations", "graph.png", foundations.GraphFigure},
		{"foundations", "stepsize.png", foundations.StepSizeFigure},
		{"evaluation", "balls.png", evaluation.BallsFigure},
		{"gan", "optimal.png", func() (image.Image, error) { return gan.OptimalFigure([]float64{4, 1.5, 0}) }},
		{"gan", "saturation.png", func() (image.Image, error) { return gan.SaturationFigure() }},
		{"vae", "model.png", vae.ModelFigure},
		{"vae", "gap.png", vae.ELBOGapFigure},
	}
}

// runFigures is `aigc figures`.
func runFigures(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("figures", "[flags]", "Draws the book's explanatory figures, those computed from formulas rather\nthan from a trained model, into -out/CHAPTER/NAME.png (the chapters keep\ncopies named CHAPTER-NAME.png).", stderr)
	out := fs.String("out", filepath.Join("out", "figures"), "folder; each chapter's figures go in a subfolder named after it")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	for _, f := range explanatoryFigures() {
		img, err := f.draw()
		if err != nil {
			return fmt.Errorf("%s/%s: %w", f.chapter, f.name, err)
		}
		dir, err := modelDir(*out, f.chapter)
		if err != nil {
			return err
		}
		if err := writeFigure(stdout, dir, f.name, img); err != nil {
			return err
		}
	}
	return nil
}
