package data

import "testing"

// SharedMNIST reads the files once: every call returns the same datasets.
func TestSharedMNIST(t *testing.T) {
	train, test, err := SharedMNIST()
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 60000 || test.Len() != 10000 {
		t.Fatalf("%d training and %d test digits, want 60,000 and 10,000", train.Len(), test.Len())
	}
	again, againTest, err := SharedMNIST()
	if err != nil || again != train || againTest != test {
		t.Errorf("a second call loaded other datasets (%p, %p against %p, %p; %v)", again, againTest, train, test, err)
	}
}
