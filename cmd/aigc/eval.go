package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/luoxia/aigc/chapters/evaluation"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/metrics"
	"github.com/luoxia/aigc/lib/tensor"
)

// evalCommands are the evaluations of `aigc eval`: images and text,
// then every kind's own, by the kind's name.
func evalCommands() []command {
	cs := []command{
		{"images", "MNIST-FID, MNIST-IS, precision and recall of 28×28 digits", evalImages},
		{"text", "corpus BLEU and ROUGE-1/2/L of hypotheses against references", evalText},
	}
	for _, k := range allKinds() {
		if k.eval != nil {
			cs = append(cs, command{k.name, k.chapter + ": " + k.eval.summary, k.eval.run})
		}
	}
	return cs
}

// evalDispatcher is `aigc eval`.
var evalDispatcher = dispatcher{
	prog:     "aigc eval",
	synopsis: "WHAT [flags]",
	about:    "Scores samples, or a trained model through its own evaluation.",
	noun:     "evaluation",
	list:     evalCommands,
	footer:   "Run 'aigc eval WHAT -h' for its flags.",
}

// runEval is `aigc eval WHAT [flags]`.
func runEval(args []string, stdout, stderr io.Writer) error {
	return evalDispatcher.dispatch(args, stdout, stderr)
}

// evalImages is `aigc eval images`.
func evalImages(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval images", "[flags] SAMPLES", "Scores generated 28×28 digits against MNIST's 10,000 test digits (or -ref) through\nthe evaluation classifier: MNIST-FID, MNIST-IS, precision and recall, and the\nclasses the samples fall in. SAMPLES is a folder of .png images or an IDX file\nof images [N, 28, 28] (as aigc sample writes). The classifier is trained once,\nthe first time it is needed. These numbers compare the book's models with each\nother; they are not the Inception-network FID and IS that papers report.", stderr)
	ref := fs.String("ref", "test", `reference digits: "test" (MNIST's test digits) or a folder or IDX file of images`)
	cache := cacheFlag(fs)
	mnist := mnistFlag(fs)
	opt := evaluation.DefaultScoreOptions()
	fs.IntVar(&opt.Splits, "splits", opt.Splits, "chunks the Inception Score is averaged over")
	fs.IntVar(&opt.K, "k", opt.K, "neighbour that sets each point's radius in precision and recall")
	jsonOut := fs.String("json", "", "also write the scores as JSON to this file")
	if err := parseFlags(fs, args, 1); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "aigc eval images: name the samples: a folder of .png files or an IDX file")
		fs.Usage()
		return errUsage
	}
	samples := fs.Arg(0)
	images, err := read28(samples)
	if err != nil {
		return err
	}
	var reference *tensor.Tensor
	if *ref == "test" {
		_, test, err := loadMNIST(*mnist)
		if err != nil {
			return err
		}
		reference = test.Images
	} else if reference, err = read28(*ref); err != nil {
		return err
	}
	clf, about, err := evalClassifier(*cache, *mnist, stdout, stderr)
	if err != nil {
		return err
	}
	s, err := clf.Score(images, reference, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", samples, err)
	}
	fmt.Fprintf(stdout, "%s: %d images against %d reference digits (%s)\n",
		samples, s.N, reference.Shape[0], about)
	fmt.Fprintf(stdout, "MNIST-FID  %8.3f\n", s.FID)
	fmt.Fprintf(stdout, "MNIST-IS   %8.3f ± %.3f over %d splits\n", s.IS, s.ISStd, min(opt.Splits, s.N))
	fmt.Fprintf(stdout, "precision  %8.3f   recall %.3f   (k = %d)\n", s.Precision, s.Recall, opt.K)
	fmt.Fprintf(stdout, "classes    %v (images the classifier puts in each digit 0-9)\n", s.Classes)
	fmt.Fprintf(stdout, "class KL   %8.4f nats from an even tenth per digit\n", s.ClassKL)
	if *jsonOut != "" {
		return writeJSON(*jsonOut, s)
	}
	return nil
}

// evalClassifier loads the evaluation classifier from the cache folder
// (flag -cache, else the default), training it first if it is not there,
// and describes it in a few words for the report.
func evalClassifier(cache, mnist string, stdout, stderr io.Writer) (*evaluation.Classifier, string, error) {
	dir, err := cacheDir(cache)
	if err != nil {
		return nil, "", err
	}
	cfg := evaluation.DefaultClassifierConfig()
	clf, info, err := evaluation.LoadClassifier(dir, cfg)
	if errors.Is(err, evaluation.ErrNotTrained) {
		fmt.Fprintln(stdout, "the evaluation classifier is not trained yet: training it once")
		if _, err = trainAndCache(cfg, dir, mnist, stdout, stderr); err != nil {
			return nil, "", err
		}
		clf, info, err = evaluation.LoadClassifier(dir, cfg)
	}
	if err != nil {
		return nil, "", err
	}
	return clf, fmt.Sprintf("classifier %s, test accuracy %.2f%%", cfg.Key(), 100*info.TestAccuracy), nil
}

// read28 reads images and insists on MNIST's 28×28.
func read28(path string) (*tensor.Tensor, error) {
	images, err := data.ReadImagesSized(path, data.MNISTSide, data.MNISTSide)
	if err != nil {
		return nil, fmt.Errorf("%w (the evaluation classifier reads 28×28 digits)", err)
	}
	if images.Shape[0] < 2 {
		return nil, fmt.Errorf("%s: %d image; scores need at least 2 (and thousands to mean much)", path, images.Shape[0])
	}
	return images, nil
}

// stringList is a flag that may be given more than once.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// evalText is `aigc eval text`.
func evalText(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval text", "-hyp FILE -ref FILE [-ref FILE ...] [flags]", "Scores hypotheses (one segment per line) against one or more reference files\n(line i of each reference belongs to line i of the hypotheses): corpus BLEU as\nsacreBLEU computes it by default (13a tokenisation, exp smoothing) and ROUGE-1,\nROUGE-2 and ROUGE-L as Google's rouge-score defines them (averaged over lines,\nagainst the first reference).", stderr)
	hyp := fs.String("hyp", "", "file of hypotheses, one per line")
	var refs stringList
	fs.Var(&refs, "ref", "file of references, one per line (repeat for more references)")
	opt := metrics.DefaultBLEUOptions()
	fs.StringVar(&opt.Smooth, "smooth", opt.Smooth, "BLEU smoothing: exp, floor, add-k or none")
	lower := fs.Bool("lowercase", false, "lowercase before computing BLEU")
	jsonOut := fs.String("json", "", "also write the scores as JSON to this file")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	opt.Lowercase = *lower
	if *hyp == "" || len(refs) == 0 {
		fmt.Fprintln(stderr, "aigc eval text: give -hyp and at least one -ref")
		fs.Usage()
		return errUsage
	}
	hyps, err := readLines(*hyp)
	if err != nil {
		return err
	}
	streams := make([][]string, len(refs))
	for i, r := range refs {
		if streams[i], err = readLines(r); err != nil {
			return err
		}
		if len(streams[i]) != len(hyps) {
			return fmt.Errorf("%s has %d lines but %s has %d: line i of each reference must belong to line i of the hypotheses",
				*hyp, len(hyps), r, len(streams[i]))
		}
	}
	bleu, err := metrics.CorpusBLEU(hyps, streams, opt)
	if err != nil {
		return err
	}
	out := map[string]any{"segments": len(hyps), "bleu": bleu}
	fmt.Fprintf(stdout, "%d segments, %d reference file(s)\n%s\n", len(hyps), len(refs), bleu.WithSignature())
	for _, kind := range []string{"rouge1", "rouge2", "rougeL"} {
		r, err := metrics.MeanRouge(hyps, streams[0], kind)
		if err != nil {
			return err
		}
		out[kind] = r
		fmt.Fprintf(stdout, "%-7s P %.4f  R %.4f  F %.4f\n", kind, r.Precision, r.Recall, r.F)
	}
	if *jsonOut != "" {
		return writeJSON(*jsonOut, out)
	}
	return nil
}

// The largest text aigc eval text reads: a file, and one line of it. A
// line is one segment (a sentence, or a summary); ROUGE-L of two lines
// costs the product of their lengths, which MeanRouge bounds in turn.
const (
	maxTextBytes = 64 << 20
	maxLineBytes = 1 << 20
)

// readLines reads a text file's lines (a final newline ends the last
// line rather than starting an empty one). An empty file is an error, and
// so is a file or a line longer than the limits above.
func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTextBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxTextBytes {
		return nil, fmt.Errorf("%s is longer than %d MB; aigc eval text reads at most that much per file", path, maxTextBytes>>20)
	}
	return splitLines(path, b)
}

// splitLines splits the text read from path into lines, as readLines
// describes.
func splitLines(path string, b []byte) ([]string, error) {
	s := strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if s == "" {
		return nil, fmt.Errorf("%s is empty: nothing to score", path)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if len(l) > maxLineBytes {
			return nil, fmt.Errorf("%s: line %d is %d bytes long, more than the %d a segment may have; split it", path, i+1, len(l), maxLineBytes)
		}
	}
	return lines, nil
}
