package tensor_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/luoxia/aigc/lib/tensor"
)

// A Float32 product agrees with the float64 one to float32's precision,
// relative to the sizes of the terms (2^-24 a rounding, about √k of them
// adding up), and is not the float64 product: its operands were rounded.
func TestMatMulInFloat32(t *testing.T) {
	g := tensor.NewRNG(3)
	for _, s := range [][3]int{{1, 1, 1}, {7, 300, 33}, {64, 128, 512}} {
		m, k, n := s[0], s[1], s[2]
		for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}} {
			a, b := tensor.RandN(g, m, k), tensor.RandN(g, k, n)
			if tr[0] {
				a = tensor.Transpose(a, 1, 0)
			}
			if tr[1] {
				b = tensor.Transpose(b, 1, 0)
			}
			want := tensor.MatMulT(a, tr[0], b, tr[1])
			got := tensor.MatMulTIn(tensor.Float32, a, tr[0], b, tr[1])
			scale := tensor.MatMulT(tensor.Abs(a), tr[0], tensor.Abs(b), tr[1])
			differ := false
			for i, w := range want.Data {
				d := math.Abs(got.Data[i] - w)
				if !(d <= 4*math.Sqrt(float64(k))*0x1p-24*scale.Data[i]) {
					t.Fatalf("%v, transposes %v: element %d is %v in float32, %v in float64 (terms' size %v)", s, tr, i, got.Data[i], w, scale.Data[i])
				}
				differ = differ || d > 0
			}
			if !differ && m*k*n > 1 {
				t.Fatalf("%v, transposes %v: the float32 product equals the float64 one exactly", s, tr)
			}
		}
	}
}

// Precisions read back what they write, as names and in JSON, and an
// unknown name is an error that quotes it.
func TestPrecisionNames(t *testing.T) {
	for _, p := range []tensor.Precision{tensor.Float64, tensor.Float32} {
		q, err := tensor.ParsePrecision(p.String())
		if err != nil || q != p {
			t.Fatalf("ParsePrecision(%q) = %v, %v", p, q, err)
		}
		b, err := json.Marshal(struct{ P tensor.Precision }{p})
		if err != nil {
			t.Fatal(err)
		}
		var back struct{ P tensor.Precision }
		if err := json.Unmarshal(b, &back); err != nil || back.P != p {
			t.Fatalf("%s read back as %v, %v", b, back.P, err)
		}
	}
	if _, err := tensor.ParsePrecision("float16"); err == nil || !strings.Contains(err.Error(), `"float16"`) {
		t.Fatalf("ParsePrecision(float16): %v", err)
	}
}
