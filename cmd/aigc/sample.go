package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/tensor"
)

// runSample is `aigc sample`: it draws from a trained model, whatever its
// kind, through the kind's sampler.
func runSample(args []string, stdout, stderr io.Writer) error {
	var list strings.Builder
	for _, k := range sampledKinds() {
		fmt.Fprintf(&list, "\n\t%-12s %s: %s", k.name, k.chapter, k.summary)
	}
	fs := newFlags("sample", "-checkpoint DIR [flags]", "Draws samples from a model `aigc train KIND` wrote (the folder holding its\nmodel.json and parameters). Digits go to a .png grid or, for `aigc eval images`,\nan .idx file; ring and 2-D diffusion samples to a .png scatter plot; the CycleGAN\ntranslates test digits to bold; a GPT writes text (to -out, or else to the\nterminal), and an encoder-decoder translates -prompt.\n\nKinds that can be sampled:"+list.String(), stderr)
	ckpt := fs.String("checkpoint", "", "the model's folder, e.g. out/gan/dcgan")
	n := fs.Int("n", 100, "how many samples (text: how many characters)")
	out := fs.String("out", "", "file to write: .png (a picture) or .idx (digits, for aigc eval images); default DIR/sampled.png (text: any file; default the terminal)")
	var seed uint64 = 1
	seedFlag(fs, &seed)
	digits := fs.String("digits", "", "models that take a class (cgan, class-conditional diffusion): the digits to ask for, comma-separated (default: 0-9 in turn)")
	mnist := mnistFlag(fs)
	var text textFlags
	text.define(fs)
	var diff diffusionRequest
	fs.StringVar(&diff.sampler, "sampler", "", "diffusion models: ddpm (the ancestral sampler) or ddim (default: ddpm for 2-D models, ddim over 50 steps for the U-Net and latent models)")
	fs.IntVar(&diff.steps, "steps", 0, "diffusion models: how many of the T steps to visit (0: all); DDPM over fewer steps samples the respaced schedule")
	fs.Float64Var(&diff.eta, "eta", 0, "diffusion models, -sampler ddim: η, from 0 (deterministic) to 1 (DDPM's variance)")
	fs.StringVar(&diff.class, "class", "", "class-conditional diffusion models: the digit to ask for, or none (unconditional); default -digits's")
	fs.Var(&diff.guidance, "guidance", fmt.Sprintf("class-conditional diffusion models: the guidance scale w, ε̃ = (1 + w) ε(x, y) − w ε(x, ∅) (default: %g for a U-Net, %g for a latent model)", diffusion.DefaultGuidance, diffusion.DefaultLatentGuidance))
	fs.StringVar(&diff.variance, "variance", "", "diffusion models, -sampler ddpm: σ_t², beta, betatilde or learned (default: learned if the model learns it, else betatilde)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if *ckpt == "" {
		fmt.Fprintln(stderr, "aigc sample: -checkpoint names the model's folder")
		fs.Usage()
		return errUsage
	}
	if *n < 1 || *n > maxSampleChars {
		return fmt.Errorf("-n %d: want 1 to %d (digits and points: to %d; run again with another -seed for more)", *n, maxSampleChars, maxSamples)
	}
	text.record(fs)
	if err := text.check(); err != nil {
		return err
	}
	rec, err := readRecord(*ckpt)
	if err != nil {
		return err
	}
	k := findKind(rec.Model)
	if k == nil || k.sample == nil {
		return fmt.Errorf("%s: aigc sample cannot draw from a model of kind %q (it can from %s)", filepath.Join(*ckpt, "model.json"), rec.Model, kindNames(sampledKinds()))
	}
	if k.chapter != "diffusion" {
		var only []string
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "sampler", "steps", "eta", "variance", "class", "guidance":
				only = append(only, "-"+f.Name)
			}
		})
		if len(only) > 0 {
			return fmt.Errorf("%s: only diffusion models take it; %s is a %s model", strings.Join(only, ", "), *ckpt, rec.Model)
		}
	}
	if !k.text {
		if name := text.given(); name != "" {
			return fmt.Errorf("-%s: %s is a model of kind %q, which draws no text", name, *ckpt, rec.Model)
		}
		if *out == "" {
			*out = filepath.Join(*ckpt, "sampled.png")
		}
	}
	if !k.text && *n > maxSamples {
		return fmt.Errorf("-n %d: a %s model draws at most %d samples a run (%d digits take %.0f MB); run again with another -seed for more", *n, rec.Model, maxSamples, maxSamples, float64(maxSamples*data.MNISTPixels*8)/1e6)
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if !k.text && ext != ".png" && ext != ".idx" {
		return fmt.Errorf("-out %s: write a .png or an .idx file", *out)
	}
	images, err := k.sample(&sampleRequest{
		dir: *ckpt, rec: rec, n: *n, seed: seed, rng: tensor.NewRNG(seed),
		out: *out, digits: *digits, mnist: *mnist, text: text, diffusion: diff, stdout: stdout,
	})
	if err != nil || images == nil {
		return err
	}
	m := images.Shape[0]
	if ext == ".idx" {
		if err := data.WriteIDXImages(*out, images, data.MNISTSide, data.MNISTSide); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d digits to %s\n", m, *out)
		return nil
	}
	return writeDigitGrid(stdout, filepath.Dir(*out), filepath.Base(*out), images, min(m, 10))
}

// The most samples one run of aigc sample draws: as many digits (or
// points) as MNIST has training digits, and a megabyte of text.
const (
	maxSamples     = 60000
	maxSampleChars = 1 << 20
)

// digitLabels parses -digits ("3" or "0,1,7") into n labels, repeating
// the list; empty means 0, 1, ..., 9 in turn.
func digitLabels(list string, n int) ([]int, error) {
	var want []int
	if list == "" {
		want = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	}
	for _, f := range strings.Split(list, ",") {
		if f == "" {
			continue
		}
		d, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || d < 0 || d > 9 {
			return nil, fmt.Errorf("-digits %q: %q is not a digit 0-9", list, f)
		}
		want = append(want, d)
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("-digits %q: no digits", list)
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = want[i%len(want)]
	}
	return labels, nil
}
