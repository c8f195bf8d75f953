package vae

import (
	"fmt"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// Semi-supervised learning with a VAE (Kingma, Rezende, Mohamed & Welling
// 2014, their model M1): train the VAE on all the images, labels unseen,
// then classify in its latent space, where a few labelled examples go
// further than in pixel space because the code has kept what varies
// between digits and dropped much of what does not.

// FewLabels returns the first perClass images of each class in d, in the
// order they come, and their labels: the few labelled examples of a
// semi-supervised problem, the rest of d being unlabelled.
func FewLabels(d *data.Dataset, perClass int) (*tensor.Tensor, []int, error) {
	if d.Labels == nil {
		return nil, nil, fmt.Errorf("vae: FewLabels: the dataset has no labels")
	}
	if perClass < 1 {
		return nil, nil, fmt.Errorf("vae: FewLabels: %d per class, want at least 1", perClass)
	}
	count := map[int]int{}
	var rows []int
	for i, y := range d.Labels {
		if count[y] < perClass {
			count[y]++
			rows = append(rows, i)
		}
	}
	labels := make([]int, len(rows))
	for i, r := range rows {
		labels[i] = d.Labels[r]
	}
	return tensor.Rows(d.Images, rows), labels, nil
}

// ANCHOR: nearest

// NearestNeighbourAccuracy classifies each row of test [M, F] by the label
// of its nearest row of labelled [N, F] (Euclidean distance; the first on
// ties) and returns the share of testLabels it gets right. With F the
// pixels it is the plain classifier; with F the codes μ(x) of a VAE's
// encoder (EncodeMeans), it is semi-supervised learning: the encoder saw
// every digit, the classifier only the labelled ones.
func NearestNeighbourAccuracy(labelled *tensor.Tensor, labels []int, test *tensor.Tensor, testLabels []int) float64 {
	n, f := labelled.Shape[0], labelled.Shape[1]
	m := test.Shape[0]
	if len(labels) != n || len(testLabels) != m || test.Shape[1] != f || n == 0 || m == 0 {
		panic(fmt.Sprintf("vae: NearestNeighbourAccuracy: labelled %v with %d labels, test %v with %d labels",
			labelled.Shape, len(labels), test.Shape, len(testLabels)))
	}
	right := 0
	for i := 0; i < m; i++ {
		x := test.Data[i*f : (i+1)*f]
		best, bestD := 0, -1.0
		for j := 0; j < n; j++ {
			d := 0.0
			for k, v := range labelled.Data[j*f : (j+1)*f] {
				d += (x[k] - v) * (x[k] - v)
			}
			if bestD < 0 || d < bestD {
				best, bestD = j, d
			}
		}
		if labels[best] == testLabels[i] {
			right++
		}
	}
	return float64(right) / float64(m)
}

// ANCHOR_END: nearest
