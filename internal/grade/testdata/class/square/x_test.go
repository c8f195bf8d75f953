//go:build graded

package square

import "testing"

func TestA(t *testing.T) {
	if F(3) != 9 || F(1) != 1 {
		t.Fatalf("F(3), F(1) = %d, %d, want 9, 1", F(3), F(1))
	}
}

func TestB(t *testing.T) {
	if F(-2) != 4 || F(0) != 0 {
		t.Fatalf("F(-2), F(0) = %d, %d, want 4, 0", F(-2), F(0))
	}
}
