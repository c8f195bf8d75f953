package gan

// Ring is the toy data of this chapter: eight Gaussians of standard
// deviation 0.02 evenly spaced on a circle of radius 2 (data.Ring with
// these numbers), the mixture on which Metz et al. (2017) showed mode
// collapse. metrics.ModeCoverage measures how a generator covers it.
const (
	RingModes  = 8
	RingRadius = 2.0
	RingStd    = 0.02
)
