package evaluation

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The shipped classifier is the one the chapter describes: the default
// configuration, and 99% on the test digits when loaded from an empty
// cache.
func TestShippedClassifier(t *testing.T) {
	cfg := DefaultClassifierConfig()
	dir := t.TempDir()
	clf, info, err := LoadClassifier(dir, cfg)
	if err != nil {
		t.Fatalf("an empty cache with shipped weights: %v", err)
	}
	if info.Config != cfg || info.TestAccuracy < 0.99 {
		t.Errorf("shipped record %+v", info)
	}
	_, test := mnist(t)
	sub := test.Head(2000)
	if acc := Accuracy(clf.Predict(sub.Images), sub.Labels); acc < 0.985 {
		t.Errorf("the shipped classifier gets %.2f%% of 2,000 test digits right, want about 99%%", 100*acc)
	}
	if _, err := os.Stat(ClassifierPath(dir, cfg)); err != nil {
		t.Errorf("the shipped weights were not put into the cache: %v", err)
	}
	if _, _, err := ShippedClassifier(quickConfig()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("weights for another configuration: %v", err)
	}
}

func TestCompareShipped(t *testing.T) {
	cfg := DefaultClassifierConfig()
	dir := t.TempDir()
	if _, _, err := LoadClassifier(dir, cfg); err != nil {
		t.Fatal(err)
	}
	msg, err := CompareShipped(dir, cfg)
	if err != nil || !strings.Contains(msg, "bit for bit") {
		t.Fatalf("the shipped weights against themselves: %q %v", msg, err)
	}
	path := ClassifierPath(dir, cfg)
	b, _ := os.ReadFile(path)
	b[len(b)/2] ^= 1
	os.WriteFile(path, b, 0o644)
	if _, err := CompareShipped(dir, cfg); err == nil || !strings.Contains(err.Error(), "differ from the shipped ones") || !strings.Contains(err.Error(), "-ship") {
		t.Errorf("one bit changed: %v", err)
	}
	// Ship writes them, gzipped, where the project keeps them.
	root := t.TempDir()
	to, err := Ship(root, dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, filepath.FromSlash(ShippedDir), shippedName(cfg)); to != want {
		t.Errorf("shipped to %s, want %s", to, want)
	}
	gz, _ := os.ReadFile(to)
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if !bytes.Equal(got, b) {
		t.Error("the shipped file does not hold the weights")
	}
}
