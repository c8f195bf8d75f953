package panics

// F panics.
func F() int { panic("boom") }
