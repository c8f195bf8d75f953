//go:build graded

package convsize

import "testing"

func TestOutSize(t *testing.T) {
	cases := []struct{ in, k, stride, pad, want int }{
		{28, 3, 1, 1, 28}, // "same" padding
		{28, 5, 1, 0, 24},
		{28, 4, 2, 1, 14}, // DCGAN's downsampling
		{7, 3, 2, 0, 3},
		{4, 5, 2, 0, 0}, // the kernel does not fit
	}
	for _, c := range cases {
		if got := OutSize(c.in, c.k, c.stride, c.pad); got != c.want {
			t.Errorf("OutSize(in %d, k %d, stride %d, pad %d) = %d, want %d", c.in, c.k, c.stride, c.pad, got, c.want)
		}
	}
}

func TestTransposeOutSize(t *testing.T) {
	cases := []struct{ in, k, stride, pad, want int }{
		{7, 4, 2, 1, 14}, // DCGAN's upsampling: 7 -> 14 -> 28
		{14, 4, 2, 1, 28},
		{1, 7, 1, 0, 7},
	}
	for _, c := range cases {
		if got := TransposeOutSize(c.in, c.k, c.stride, c.pad); got != c.want {
			t.Errorf("TransposeOutSize(in %d, k %d, stride %d, pad %d) = %d, want %d", c.in, c.k, c.stride, c.pad, got, c.want)
		}
	}
}
