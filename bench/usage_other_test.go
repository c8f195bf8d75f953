//go:build !unix

package bench

import "testing"

// usage measures nothing where getrusage is missing; see usage_unix_test.go.
type usage struct{}

func startUsage() usage { return usage{} }

func (usage) report(*testing.B) {}
