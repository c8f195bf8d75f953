//go:build graded

package panics

import "testing"

func TestA(t *testing.T) {
	if F() != 1 {
		t.Fatal("want 1")
	}
}

func TestB(t *testing.T) {
	if F() != 2 {
		t.Fatal("want 2")
	}
}
