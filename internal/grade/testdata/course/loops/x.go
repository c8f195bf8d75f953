package loops

// F never returns.
func F() int {
	for {
	}
}
