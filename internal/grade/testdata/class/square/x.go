// Package square is a test exercise for the grader: F squares.
package square

// F returns x·x.
func F(x int) int {
	// TODO
	return 0
}
