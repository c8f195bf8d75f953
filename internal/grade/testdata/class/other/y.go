// Package other is a test exercise for the grader: G is seven.
package other

// G returns 7.
func G() int {
	// TODO
	return 0
}
