//go:build graded

package other

import "testing"

func TestSeven(t *testing.T) {
	if G() != 7 {
		t.Fatalf("G() = %d, want 7", G())
	}
}
