package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/internal/atomicfile"
	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/nn"
	"github.com/luoxia/aigc/lib/tensor"
)

// sampleTransformer is `aigc sample` for the Transformer chapter's
// checkpoints: a GPT continues -prompt, an encoder-decoder translates it.
func sampleTransformer(req *sampleRequest) (*tensor.Tensor, error) {
	var probe struct{ Task string }
	if err := decodeConfig(req.dir, req.rec, "", &probe); err != nil {
		return nil, err
	}
	if probe.Task != "" {
		return nil, sampleSeq2Seq(req)
	}
	return nil, sampleGPT(req)
}

// sampleGPT draws req.n characters from the GPT in req.dir after -prompt
// (a newline if none), through the KV cache, its window sliding once the
// text outgrows the model's context, and writes the prompt and the
// characters drawn.
func sampleGPT(req *sampleRequest) error {
	g, vocab, err := loadGPT(req.dir, req.rec)
	if err != nil {
		return err
	}
	prompt := req.text.prompt
	if prompt == "" {
		prompt = "\n"
	}
	ids, err := vocab.Encode(prompt)
	if err != nil {
		return fmt.Errorf("-prompt %q: %v of the text the model in %s was trained on", prompt, strings.TrimPrefix(err.Error(), "data: CharVocab.Encode: "), req.dir)
	}
	// The window keeps half the context when it slides.
	state := transformer.NewGPTWindowState(g, g.Config.BlockSize/2)
	drawn := transformer.Sample(state, ids, req.text.config(req.n, -1), req.rng)
	text, err := vocab.Decode(drawn)
	if err != nil {
		return err
	}
	return writeText(req, prompt+text+"\n")
}

// loadGPT rebuilds the GPT in dir and its vocabulary from model.json and
// gpt.params.
func loadGPT(dir string, rec *modelRecord) (*transformer.GPT, *data.CharVocab, error) {
	var cfg gptRecord
	if err := decodeConfig(dir, rec, "", &cfg); err != nil {
		return nil, nil, err
	}
	path := filepath.Join(dir, "model.json")
	vocab, err := data.NewCharVocab(cfg.Vocab)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: config's Vocab: %v", path, err)
	}
	if vocab.Chars() != cfg.Vocab || vocab.Size() != cfg.Train.Model.Vocab {
		return nil, nil, fmt.Errorf("%s: config's Vocab holds %d distinct characters, in or out of order, for a model of %d; it is not a vocabulary aigc train wrote", path, vocab.Size(), cfg.Train.Model.Vocab)
	}
	g, err := transformer.NewGPT(cfg.Train.Model, tensor.NewRNG(0))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	}
	if err := nn.Load(filepath.Join(dir, "gpt.params"), g); err != nil {
		return nil, nil, err
	}
	nn.SetTraining(g, false)
	return g, vocab, nil
}

// sampleSeq2Seq translates -prompt with the encoder-decoder in req.dir,
// greedily: the source words (number words, or for the copy task the
// numbers to copy or reverse), separated by spaces.
func sampleSeq2Seq(req *sampleRequest) error {
	m, cfg, task, err := loadSeq2Seq(req.dir, req.rec)
	if err != nil {
		return err
	}
	if name := req.text.given("temperature", "top-k", "top-p"); name != "" {
		return fmt.Errorf("-%s: the %s model in %s translates -prompt greedily; it draws nothing at random", name, cfg.Task, req.dir)
	}
	example := map[string]string{"copy": "3 1 4 1 5 9 2 6 5", "reverse": "3 1 4 1 5 9 2 6 5", "translate": "forty-two thousand and seven"}[cfg.Task]
	words := strings.Fields(req.text.prompt)
	if len(words) == 0 {
		return fmt.Errorf("-prompt: give the %s model the words to translate, e.g. -prompt %q", cfg.Task, example)
	}
	ids := map[string]int{}
	for id := range task.SrcVocab {
		ids[task.SrcToken(id)] = id
	}
	src := []int{task.Start}
	for _, w := range words {
		id, ok := ids[w]
		if !ok || id == data.PadID || (task.End >= 0 && id <= data.UnkID) {
			return fmt.Errorf("-prompt: %q is not a word of the %s task (e.g. -prompt %q)", w, cfg.Task, example)
		}
		src = append(src, id)
	}
	if task.End >= 0 {
		src = append(src, task.End)
	} else if len(words) != data.CopyLen-1 {
		return fmt.Errorf("-prompt: the %s task reads %d numbers from 1 to %d, not %d (e.g. -prompt %q)", cfg.Task, data.CopyLen-1, data.CopyVocab-1, len(words), example)
	}
	sep := " "
	if cfg.Task == "translate" {
		sep = "" // Chinese is written without spaces
	}
	out := transformer.Spell(transformer.Decode(m, task, src, 1, 0), task.End, task.TgtToken, sep)
	return writeText(req, strings.Join(words, " ")+"  →  "+out+"\n")
}

// loadSeq2Seq rebuilds the encoder-decoder in dir, its record and its
// task from model.json and TASK.params.
func loadSeq2Seq(dir string, rec *modelRecord) (*transformer.EncoderDecoder, seq2seqRecord, *transformer.Seq2SeqTask, error) {
	var cfg seq2seqRecord
	if err := decodeConfig(dir, rec, "", &cfg); err != nil {
		return nil, cfg, nil, err
	}
	path := filepath.Join(dir, "model.json")
	if cfg.Task != "copy" && cfg.Task != "reverse" && cfg.Task != "translate" {
		return nil, cfg, nil, fmt.Errorf("%s: task %q; the encoder-decoder's tasks are copy, reverse and translate", path, cfg.Task)
	}
	m, err := transformer.NewEncoderDecoder(cfg.Train.Model, tensor.NewRNG(0))
	if err != nil {
		return nil, cfg, nil, fmt.Errorf("%s: %v", path, err)
	}
	if err := nn.Load(filepath.Join(dir, cfg.Task+".params"), m); err != nil {
		return nil, cfg, nil, err
	}
	nn.SetTraining(m, false)
	run, err := newSeq2SeqRun(cfg.Task, "")
	if err != nil {
		return nil, cfg, nil, err
	}
	return m, cfg, run.task, nil
}

// writeText writes text to -out, atomically, or to stdout without one.
func writeText(req *sampleRequest, text string) error {
	if req.out == "" {
		_, err := io.WriteString(req.stdout, text)
		return err
	}
	if err := atomicfile.WriteFile(req.out, []byte(text), 0o644); err != nil {
		return fmt.Errorf("-out: %w", err)
	}
	fmt.Fprintf(req.stdout, "wrote %s\n", req.out)
	return nil
}
