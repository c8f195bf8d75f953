// Package plot draws the figures every chapter shows: grids of images,
// training curves and 2-D scatter plots. Every figure is an ordinary
// *image.RGBA, so one small set of functions serves both places a figure
// ends up:
//
//   - a notebook cell that evaluates to an image shows it inline (or pass
//     the bytes from PNG to gophernotes' display.PNG);
//   - the command line writes it with WritePNG, which replaces the file
//     atomically so a reader never sees half a picture.
//
// # Looking at samples: image grids
//
// A generative model is judged first by eye. ImageGrid lays a batch of
// images out in rows and columns, separated by thin grey lines so that one
// sample never blurs into the next:
//
//	grid, err := plot.ImageGrid(samples, 8) // samples: [N, 1, 28, 28] in [0, 1]
//
// It accepts the shapes models produce: [N, H*W] (flattened square images,
// as an MLP sees MNIST), [N, H, W], [N, 1, H, W] (grey) and [N, 3, H, W]
// (colour, channels first). A pixel value v is mapped to a brightness by
// (v-lo)/(hi-lo), clamped to [0, 1]; lo, hi is [0, 1] unless you say
// otherwise. Generators that end in tanh produce [-1, 1], so they use
// ImageGridRange(samples, 8, -1, 1). Small images are scaled up by whole
// pixels (nearest neighbour, so no smoothing invents detail) until a tile's
// longer side is at least MinTile pixels; GridOptions controls all of this.
//
// # Watching training: curves
//
// Curves draws one line per Series, for losses against steps, learning-rate
// schedules or metrics against epochs. Losses of stochastic training are
// noisy; CurveOptions.Smooth draws a centred moving average (MovingAverage)
// over the faint raw curve, so the trend is visible without hiding the
// noise. CurveOptions.LogY puts the y axis on a log scale, where a loss that
// falls exponentially becomes a straight line.
//
// # Comparing distributions: scatter plots
//
// On 2-D toy data a generative model can be checked completely: draw the
// real points and the generated points on the same axes and look at where
// they differ. Scatter takes one Points value per set, each an [n, 2]
// tensor, and gives each set its own colour. It scales both axes equally,
// so a circle of data is drawn as a circle and not as an ellipse.
//
// # Looking inside a matrix: heatmaps and panels
//
// HeatmapWith draws an [R, C] tensor as coloured cells, row 0 at the top
// as a matrix is written, with a colour bar: attention weights from white
// (0) to dark blue (1), or signed values such as position encodings on a
// blue-white-red scale (HeatmapOptions.Diverging). XTicks and YTicks label
// every column and row, with the tokens of an attention map for instance.
// Panels lays several figures side by side, such as the heads of one
// attention layer.
//
// # Your own plots
//
// The curves and scatter plots are drawn with gonum.org/v1/plot. To draw
// something else, build a gonum *plot.Plot yourself and turn it into an
// image with Render, which sizes it in pixels and styles nothing.
//
// The API uses no generics and no callbacks, so notebooks running the
// gophernotes interpreter can call all of it.
package plot
