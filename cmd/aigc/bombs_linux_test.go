package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/internal/bombs"
)

// cappedArgs, when set in the environment, makes the test binary run aigc
// with the arguments it holds (JSON) under a cap on its address space,
// instead of running tests: see runCapped.
const cappedArgs = "AIGC_TEST_CAPPED_ARGS"

// headroom is the address space a capped aigc may add to what it holds
// when it starts: far below what any of the bombs asks for.
const headroom = 768 << 20

func init() {
	spec := os.Getenv(cappedArgs)
	if spec == "" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(spec), &args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	size, err := addressSpace()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	limit := uint64(size + headroom)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// addressSpace is this process's virtual memory size, VmSize in
// /proc/self/status, in bytes.
func addressSpace() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmSize in /proc/self/status")
}

// runCapped runs aigc with args in a child process whose address space is
// capped at what it starts with plus headroom, and returns its exit code
// and standard error.
func runCapped(t *testing.T, args ...string) (int, string) {
	t.Helper()
	spec, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), cappedArgs+"="+string(spec), "GOMAXPROCS=2")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), stderr.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// writeBomb writes what fill produces to path.
func writeBomb(t *testing.T, path string, fill func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkpoint writes a folder whose model.json records a model of kind
// with config, and returns the folder.
func checkpoint(t *testing.T, kind string, config any) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeRecord(dir, kind, 1, 1, 0, config, nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBombsUnderAMemoryCap runs aigc on inputs built to exhaust memory or
// to crash it (files that decompress or decode to gigabytes, a 50 MB line,
// absurd sample counts, model.json files with huge, zero or inconsistent
// sizes) in a process that cannot map more than it starts with plus
// headroom. Each must end with exit code 1 and an error naming the file,
// field or flag, never a crash.
func TestBombsUnderAMemoryCap(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of a few megabytes and runs aigc a few dozen times")
	}
	dir := t.TempDir()
	idx := writeBomb(t, filepath.Join(dir, "samples.idx.gz"), func(b *bytes.Buffer) error { return bombs.IDXZeros(b, []int{2730000, 28, 28}) })
	pngs := filepath.Join(dir, "pngs")
	os.Mkdir(pngs, 0o755)
	png := writeBomb(t, filepath.Join(pngs, "a.png"), func(b *bytes.Buffer) error { return bombs.PNG(b, 30000, 30000) })
	if b, err := os.ReadFile(png); err != nil || os.WriteFile(filepath.Join(pngs, "b.png"), b, 0o644) != nil {
		t.Fatal("could not copy the PNG", err)
	}
	long := writeBomb(t, filepath.Join(dir, "long.txt"), func(b *bytes.Buffer) error { _, err := b.WriteString(bombs.Line(50<<20) + "\n"); return err })
	wide := writeBomb(t, filepath.Join(dir, "wide.txt"), func(b *bytes.Buffer) error { _, err := b.WriteString(bombs.Line(500000) + "\n"); return err })
	ref := writeBomb(t, filepath.Join(dir, "ref.txt"), func(b *bytes.Buffer) error { _, err := b.WriteString("a a\n"); return err })

	dcgan := func(zdim, width int) gan.MNISTConfig {
		c := gan.DefaultDCGANConfig()
		c.ZDim, c.Width = zdim, width
		return c
	}
	ring := gan.DefaultRingConfig()
	ring.Hidden = []int{64, 0}
	cycle := gan.DefaultCycleConfig()
	cycle.Width = 1 << 20
	conv := vae.ConvConfig()
	conv.Width = 100000
	mlp := vae.DefaultConfig()
	mlp.Latent = 1 << 40
	gpt := gptRecord{Train: transformer.BabyGPTTraining(), Vocab: "ab"}
	gpt.Train.Model = transformer.GPTConfig{Vocab: 2, BlockSize: 64, Layers: 200, Heads: 8, Width: 8192}
	noHeads := gpt
	noHeads.Train.Model = transformer.GPTConfig{Vocab: 2, BlockSize: 64, Layers: 2, Heads: 0, Width: 64}
	s2s := seq2seqRecord{Train: transformer.CopyTraining(), Task: "copy"}
	s2s.Train.Model.SrcVocab, s2s.Train.Model.TgtVocab, s2s.Train.Model.MaxLen = 12, 12, 1<<30
	toy := diffusion.DefaultToyTraining()
	toy.T = 0
	toyWide := diffusion.DefaultToyTraining()
	toyWide.Model.Hidden, toyWide.Model.Layers = 1<<14, 200
	unet := diffusion.DefaultUNetTraining()
	unet.Model.Side = 1 << 20
	latent := &latentRecord{Train: diffusion.DefaultLatentTraining(), Scale: diffusion.CodeScale{Mean: []float64{0}, Std: []float64{1}}}

	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"a 2 MB gzipped IDX of 2.1 GB", []string{"eval", "images", idx}, []string{idx, "promise more than 1073741824 bytes"}},
		{"two PNGs of 30000×30000", []string{"eval", "images", pngs}, []string{png, "images are 30000×30000 pixels, want 28×28"}},
		{"a 50 MB line", []string{"eval", "text", "-hyp", long, "-ref", ref}, []string{long, "line 1 is 52428800 bytes long"}},
		{"ROUGE-L of 250000 by 250000 tokens", []string{"eval", "text", "-hyp", wide, "-ref", wide}, []string{"line 1: ROUGE-L of 250000 by 250000 tokens"}},
		{"sample -n 1e9", []string{"sample", "-checkpoint", checkpoint(t, "dcgan", dcgan(100, 64)), "-n", "1000000000"}, []string{"-n 1000000000: want 1 to 1048576"}},
		{"sample -n 100000 digits", []string{"sample", "-checkpoint", checkpoint(t, "dcgan", dcgan(100, 64)), "-n", "100000"}, []string{"-n 100000: a dcgan model draws at most 60000"}},
		{"DCGAN of width 1e9", []string{"sample", "-checkpoint", checkpoint(t, "dcgan", dcgan(100, 1e9))}, []string{"model.json: config field Width is 1000000000; want 1 to 512"}},
		{"DCGAN of zdim 0", []string{"sample", "-checkpoint", checkpoint(t, "dcgan", dcgan(0, 64))}, []string{"model.json: config field ZDim is 0"}},
		{"cGAN of zdim 1e9", []string{"eval", "cgan", "-checkpoint", checkpoint(t, "cgan", dcgan(1e9, 64))}, []string{"model.json: config field ZDim is 1000000000"}},
		{"ring GAN with a layer of width 0", []string{"sample", "-checkpoint", checkpoint(t, "ring", ring)}, []string{"model.json: config field Hidden[1] is 0"}},
		{"CycleGAN of width 2^20", []string{"eval", "cyclegan", "-checkpoint", checkpoint(t, "cyclegan", cycle)}, []string{"model.json: config field Width is 1048576"}},
		{"conv VAE of width 1e5", []string{"sample", "-checkpoint", checkpoint(t, "vae", conv)}, []string{"model.json: config field Width is 100000"}},
		{"MLP VAE of latent 2^40", []string{"sample", "-checkpoint", checkpoint(t, "vae", mlp)}, []string{"model.json: config field Latent is 1099511627776"}},
		{"GPT of 200 layers of width 8192", []string{"sample", "-checkpoint", checkpoint(t, "transformer", gpt)}, []string{"model.json: config: these sizes make a GPT of about 1.61e+11 parameters"}},
		{"GPT without heads", []string{"sample", "-checkpoint", checkpoint(t, "transformer", noHeads)}, []string{"model.json: config field Train.Model.Heads is 0"}},
		{"encoder-decoder of MaxLen 2^30", []string{"sample", "-checkpoint", checkpoint(t, "transformer", s2s), "-prompt", "1 2"}, []string{"model.json: config field Train.Model.MaxLen is 1073741824"}},
		{"2-D diffusion of T 0", []string{"sample", "-checkpoint", checkpoint(t, "diffusion", diffusionConfig{Model: "toy", Toy: toy})}, []string{"model.json: config field Toy.T is 0"}},
		{"2-D denoiser of 200 layers of 16384", []string{"sample", "-checkpoint", checkpoint(t, "diffusion", diffusionConfig{Model: "toy", Toy: toyWide})}, []string{"model.json: config: these sizes make a 2-D denoiser of about"}},
		{"U-Net of side 2^20", []string{"sample", "-checkpoint", checkpoint(t, "diffusion", diffusionConfig{Model: "unet", UNet: unet})}, []string{"model.json: config field UNet.Model.Side is 1048576; want 28 to 28"}},
		{"U-Net eval of side 2^20", []string{"eval", "diffusion", "-checkpoint", checkpoint(t, "diffusion", diffusionConfig{Model: "unet", UNet: unet})}, []string{"model.json: config field UNet.Model.Side is 1048576"}},
		{"train a U-Net of width 1e6", []string{"train", "diffusion", "-model", "unet", "-width", "1000000"}, []string{"-width 1000000: want 8 to 512"}},
		{"train a 2-D diffusion of T 1e9", []string{"train", "diffusion", "-T", "1000000000"}, []string{"-T 1000000000: want 21 to 100000"}},
		{"train a 2-D diffusion on batches of 1e9", []string{"train", "diffusion", "-batch", "1000000000"}, []string{"-batch 1000000000: want 1 to 4096"}},
		{"train a latent model of hidden 1e9", []string{"train", "diffusion", "-model", "latent", "-hidden", "1000000000"}, []string{"-hidden 1000000000: want 1 to 16384"}},
		{"train a DCGAN on batches of 1e9", []string{"train", "dcgan", "-batch", "1000000000"}, []string{"-batch 1000000000: want 1 to 4096"}},
		{"train a VAE of latent 2^40", []string{"train", "vae", "-latent", "1099511627776"}, []string{"-latent 1099511627776: want 1 to 16384"}},
		{"train a VAE, then L_K of K 1e9", []string{"train", "vae", "-iwae", "1000000000"}, []string{"-iwae 1000000000: want 0 to 65536"}},
		{"train a translator, then a beam of 1e9", []string{"train", "transformer", "-task", "translate", "-beam", "1000000000"}, []string{"-beam 1000000000: want 0 to 256"}},
		{"latent model of mismatched scale", []string{"sample", "-checkpoint", checkpoint(t, "diffusion", diffusionConfig{Model: "latent", Latent: latent})}, []string{"model.json: config: Latent.Scale holds 1 means and 1 deviations for codes of Latent.Train.Model.Dim 20"}},
	} {
		code, stderr := runCapped(t, c.args...)
		if code != 1 {
			t.Errorf("%s: aigc %s: exit code %d, want 1; stderr:\n%.2000s", c.name, strings.Join(c.args, " "), code, stderr)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: the error does not mention %q:\n%.2000s", c.name, w, stderr)
			}
		}
	}
}
