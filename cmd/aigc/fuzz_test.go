package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/luoxia/aigc/chapters/diffusion"
	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/chapters/vae"
)

// recordJSON is model.json for a model of kind with config.
func recordJSON(kind string, config any) []byte {
	cfg, _ := json.Marshal(config)
	b, _ := json.Marshal(modelRecord{Model: kind, Steps: 1, Seed: 1, Config: cfg})
	return b
}

// FuzzModelJSON runs aigc sample on a folder whose model.json is arbitrary
// and which holds no parameters. Whatever model.json says, aigc must end
// with an error, never a panic, and must not build a network larger than
// the fuzzing budget allows (maxParams is lowered here, so that every
// accepted configuration builds in microseconds).
func FuzzModelJSON(f *testing.F) {
	gpt := gptRecord{Train: transformer.BabyGPTTraining(), Vocab: "ab"}
	gpt.Train.Model = transformer.BabyGPT(2)
	s2s := seq2seqRecord{Train: transformer.CopyTraining(), Task: "copy"}
	s2s.Train.Model.SrcVocab, s2s.Train.Model.TgtVocab = 12, 12
	latent := &latentRecord{Train: diffusion.DefaultLatentTraining()}
	// Small networks, which pass the checks and get built.
	smallGAN := gan.DefaultDCGANConfig()
	smallGAN.ZDim, smallGAN.Width = 3, 2
	smallVAE := vae.ConvConfig()
	smallVAE.Width, smallVAE.Latent = 2, 2
	smallGPT := gpt
	smallGPT.Train.Model = transformer.GPTConfig{Vocab: 2, BlockSize: 4, Layers: 1, Heads: 2, Width: 4}
	smallToy := diffusion.DefaultToyTraining()
	smallToy.Model.Hidden, smallToy.Model.Emb = 4, 4
	smallUNet := diffusion.DefaultUNetTraining()
	smallUNet.Model.Width, smallUNet.Model.Groups, smallUNet.Model.Heads = 2, 1, 2
	smallLatent := &latentRecord{Train: diffusion.DefaultLatentTraining(), Scale: diffusion.CodeScale{Mean: make([]float64, 2), Std: make([]float64, 2)}}
	smallLatent.Train.Model = diffusion.LatentConfig{Dim: 2, Emb: 4, Hidden: 4, Layers: 1, Classes: 10}
	for _, seed := range [][]byte{
		recordJSON("dcgan", smallGAN),
		recordJSON("vae", smallVAE),
		recordJSON("transformer", smallGPT),
		recordJSON("diffusion", diffusionConfig{Model: "toy", Toy: smallToy}),
		recordJSON("diffusion", diffusionConfig{Model: "unet", UNet: smallUNet}),
		recordJSON("diffusion", diffusionConfig{Model: "latent", Latent: smallLatent}),
		recordJSON("dcgan", gan.DefaultDCGANConfig()),
		recordJSON("cgan", gan.DefaultCGANConfig()),
		recordJSON("egan-mnist", gan.DefaultMNISTEGANConfig()),
		recordJSON("ring", gan.DefaultRingConfig()),
		recordJSON("egan", gan.DefaultEGANConfig()),
		recordJSON("cyclegan", gan.DefaultCycleConfig()),
		recordJSON("vae", vae.DefaultConfig()),
		recordJSON("vae", vae.ConvConfig()),
		recordJSON("transformer", gpt),
		recordJSON("transformer", s2s),
		recordJSON("diffusion", diffusionConfig{Model: "toy", Toy: diffusion.DefaultToyTraining()}),
		recordJSON("diffusion", diffusionConfig{Model: "unet", UNet: diffusion.DefaultUNetTraining()}),
		recordJSON("diffusion", diffusionConfig{Model: "latent", Latent: latent}),
		[]byte(`{"model":"dcgan","config":{"ZDim":1e9,"Width":-3}}`),
		[]byte(`{"model":"diffusion","config":{"Model":"latent"}}`),
		[]byte(`{"model":"transformer","config":null}`),
		[]byte(`{"model":`),
	} {
		f.Add(seed)
	}
	defer func(n int) { maxParams = n }(maxParams)
	maxParams = 1 << 16
	dir := f.TempDir() // each run overwrites the same model.json
	f.Fuzz(func(t *testing.T, record []byte) {
		if err := os.WriteFile(filepath.Join(dir, "model.json"), record, 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"sample", "-checkpoint", dir, "-n", "2", "-out", filepath.Join(dir, "sampled.png")}
		var kind struct{ Model string }
		if json.Unmarshal(record, &kind) == nil && kind.Model == "transformer" {
			args = append(args, "-prompt", "1 2 3 4 5 6 7 8 9") // models of text refuse to start without one
		}
		if code := run(args, io.Discard, io.Discard); code == 0 {
			t.Fatalf("aigc sample succeeded without parameter files, from model.json %q", record)
		}
	})
}

// FuzzEvalText runs aigc eval text on arbitrary hypothesis and reference
// files: it must score them or refuse them with an error, never panic.
func FuzzEvalText(f *testing.F) {
	for _, s := range [][2]string{
		{"the cat sat on the mat\nhello\n", "the cat is on the mat\nhello there\n"},
		{"a\r\nb", "a\r\nb"},
		{"", "x"},
		{"one line", "two\nlines"},
		{"\n\n\n", "\n\n\n"},
		{"Don't stop! 2,000.5 café", "don t stop 2000 5 caf"},
		{"\xff\xfe bad utf-8", "\xff\xfe"},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	dir := f.TempDir() // each run overwrites the same two files
	hyp, ref := filepath.Join(dir, "hyp.txt"), filepath.Join(dir, "ref.txt")
	f.Fuzz(func(t *testing.T, h, r []byte) {
		if os.WriteFile(hyp, h, 0o644) != nil || os.WriteFile(ref, r, 0o644) != nil {
			t.Fatal("could not write the files")
		}
		run([]string{"eval", "text", "-hyp", hyp, "-ref", ref}, io.Discard, io.Discard)
	})
}
