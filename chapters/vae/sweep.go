package vae

import (
	"fmt"
	"image"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
)

// The two terms of -ELBO are a rate and a distortion (Alemi et al. 2018,
// "Fixing a Broken ELBO"):
//
//	rate       R = E_x KL(q(z|x) ‖ p(z))    how many nats the code carries about x
//	distortion D = E_x E_q[-log p(x|z)]     how badly x is rebuilt from its code
//
// A β-VAE minimises D + β·R. β = 1 is the ELBO; a larger β buys a cheaper
// code with worse reconstructions, a smaller one the reverse, and a sweep
// over β traces the trade-off, each trained model one point of the curve.

// RateDistortion is one trained model of a β sweep: its β and, on the test
// digits, its rate and distortion in nats per digit.
type RateDistortion struct {
	Beta       float64
	Rate       float64 // mean KL(q(z|x) ‖ p(z)) per test digit
	Distortion float64 // mean -log p(x|z) per test digit, one z ~ q(z|x) each
}

// ANCHOR: beta-sweep

// BetaSweep trains one VAE per β in betas, each with cfg but for its β
// (the same seed, so the same initial weights and batches), and returns
// each model's rate and distortion on test after the last epoch. progress,
// if not nil, sees every run's reports, the runs in the order of betas.
func BetaSweep(cfg Config, betas []float64, train, test *data.Dataset, progress func(Progress)) ([]RateDistortion, error) {
	if len(betas) == 0 {
		return nil, fmt.Errorf("vae: BetaSweep: no β to train at")
	}
	var points []RateDistortion
	for _, beta := range betas {
		c := cfg
		c.Beta = beta
		res, err := Train(c, train, test, progress)
		if err != nil {
			return nil, fmt.Errorf("vae: BetaSweep at β = %g: %w", beta, err)
		}
		last := len(res.TestLoss) - 1
		points = append(points, RateDistortion{Beta: beta, Rate: res.TestKL[last], Distortion: res.TestRecon[last]})
	}
	return points, nil
}

// ANCHOR_END: beta-sweep

// RateDistortionFigure draws a sweep's points as a curve of distortion
// against rate, in the order given (sort the betas first for a clean
// line).
func RateDistortionFigure(points []RateDistortion) (image.Image, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("vae: RateDistortionFigure: no points")
	}
	rate, distortion := make([]float64, len(points)), make([]float64, len(points))
	for i, p := range points {
		rate[i], distortion[i] = p.Rate, p.Distortion
	}
	return plot.Curves("β-VAE: rate against distortion", "rate KL (nats/digit)", "distortion -log p(x|z) (nats/digit)",
		[]plot.Series{{Name: "β sweep", X: rate, Y: distortion}})
}
