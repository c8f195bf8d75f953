package evaluation

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/luoxia/aigc/internal/atomicfile"
)

// The classifier every chapter scores with ships with the project, so
// that a first run need not spend minutes training it. check.sh trains it
// again and requires the same bits (see CompareShipped).
//
//go:embed weights
var shipped embed.FS

// ShippedDir is the folder, in the repository, of the shipped weights.
const ShippedDir = "chapters/evaluation/weights"

// shippedName is the shipped weights' file name for cfg, gzipped.
func shippedName(cfg ClassifierConfig) string {
	return "mnist-classifier-" + cfg.Key() + ".params.gz"
}

// ShippedClassifier returns the shipped weights for cfg, as the parameter
// file SaveClassifier writes, and their record. It returns an error
// wrapping fs.ErrNotExist when none ship for cfg.
func ShippedClassifier(cfg ClassifierConfig) ([]byte, *ClassifierInfo, error) {
	name := shippedName(cfg)
	gz, err := shipped.ReadFile("weights/" + name)
	if err != nil {
		return nil, nil, err
	}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, nil, fmt.Errorf("%s/%s: %v", ShippedDir, name, err)
	}
	params, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s/%s: %v", ShippedDir, name, err)
	}
	rec, err := shipped.ReadFile("weights/" + infoPath(name[:len(name)-len(".gz")]))
	if err != nil {
		return nil, nil, err
	}
	var info ClassifierInfo
	if err := json.Unmarshal(rec, &info); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", ShippedDir, err)
	}
	if info.Config != cfg || info.Architecture != architecture {
		return nil, nil, fmt.Errorf("%s/%s: its record is for %+v (%s), not %+v (%s)", ShippedDir, name, info.Config, info.Architecture, cfg, architecture)
	}
	return params, &info, nil
}

// installShipped puts the shipped weights for cfg, if any, into the cache
// folder dir, as SaveClassifier would have: the weights, then their
// record. It reports whether there were any.
func installShipped(dir string, cfg ClassifierConfig) (bool, error) {
	params, info, err := ShippedClassifier(cfg)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	path := ClassifierPath(dir, cfg)
	if err := atomicfile.WriteFile(path, params, 0o644); err != nil {
		return false, err
	}
	rec, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return false, err
	}
	return true, atomicfile.WriteFile(infoPath(path), append(rec, '\n'), 0o644)
}

// CompareShipped compares the weights trained with cfg in the cache
// folder dir with the shipped ones, bit for bit. It returns a sentence
// saying they match, or an error giving both checksums and accuracies.
func CompareShipped(dir string, cfg ClassifierConfig) (string, error) {
	want, wantInfo, err := ShippedClassifier(cfg)
	if err != nil {
		return "", fmt.Errorf("no shipped weights to compare with: %w", err)
	}
	path := ClassifierPath(dir, cfg)
	got, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	if bytes.Equal(got, want) {
		return fmt.Sprintf("the trained weights are the shipped ones, bit for bit (sha256 %s)", sum(got)), nil
	}
	acc := "?"
	if b, err := os.ReadFile(infoPath(path)); err == nil {
		var info ClassifierInfo
		if json.Unmarshal(b, &info) == nil {
			acc = fmt.Sprintf("%.2f%%", 100*info.TestAccuracy)
		}
	}
	return "", fmt.Errorf("the trained weights %s (sha256 %s, test accuracy %s) differ from the shipped ones in %s (sha256 %s, test accuracy %.2f%%): if training changed on purpose, ship the new weights with aigc train classifier -force -ship",
		path, sum(got), acc, ShippedDir, sum(want), 100*wantInfo.TestAccuracy)
}

// Ship writes the weights trained with cfg in the cache folder dir into
// the repository's shipped folder under root, gzipped, with their record.
func Ship(root, dir string, cfg ClassifierConfig) (string, error) {
	path := ClassifierPath(dir, cfg)
	params, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	rec, err := os.ReadFile(infoPath(path))
	if err != nil {
		return "", err
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := w.Write(params); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	to := filepath.Join(root, filepath.FromSlash(ShippedDir), shippedName(cfg))
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return "", err
	}
	if err := atomicfile.WriteFile(to, gz.Bytes(), 0o644); err != nil {
		return "", err
	}
	return to, atomicfile.WriteFile(infoPath(to[:len(to)-len(".gz")]), rec, 0o644)
}
