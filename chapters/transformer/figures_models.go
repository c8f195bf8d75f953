package transformer

import (
	"fmt"
	"image"
	"strings"

	"github.com/luoxia/aigc/lib/data"
	"github.com/luoxia/aigc/lib/plot"
)

// TranslationAttentionFigure draws, for each source sentence of srcs
// (with the task's begin and end markers, as task.Test.Src holds them),
// the cross-attention of m's last decoder layer, averaged over its heads,
// while it writes its own greedy translation: a row per output token
// (spelled by task.TgtLabel, or TgtToken without one), a column per
// source token. The panels sit side by side; a sentence the model writes
// nothing for is left out.
func TranslationAttentionFigure(m *EncoderDecoder, task *Seq2SeqTask, srcs [][]int) (image.Image, error) {
	if len(srcs) == 0 {
		return nil, fmt.Errorf("transformer: TranslationAttentionFigure: no sentences")
	}
	defer evalMode(m, m.Drop)()
	label := task.TgtLabel
	if label == nil {
		label = task.TgtToken
	}
	var panels []image.Image
	for _, src := range srcs {
		hyp := Decode(m, task, src, 1, 0)
		if len(hyp) == 0 {
			continue // nothing written: no rows to draw
		}
		// Fed the begin token and the output so far, the query at row t
		// writes hyp[t].
		tgtIn := append([]int{task.Start}, hyp[:len(hyp)-1]...)
		maps := CrossAttention(m, src, tgtIn)
		a := MeanOverHeads(maps[len(maps)-1])
		rows, cols := make([]string, len(hyp)), make([]string, len(src))
		for i, id := range hyp {
			rows[i] = label(id)
		}
		for j, id := range src {
			cols[j] = task.SrcToken(id)
		}
		title := Spell(src[1:], task.End, task.SrcToken, " ")
		img, err := AttentionFigure(a, rows, cols, title, 520, 480)
		if err != nil {
			return nil, err
		}
		panels = append(panels, img)
	}
	if len(panels) == 0 {
		return nil, fmt.Errorf("transformer: TranslationAttentionFigure: the model wrote nothing for any of the %d sentences", len(srcs))
	}
	return plot.Panels(len(panels), panels...)
}

// GPTAttentionFigure draws the self-attention of every head of g's block
// layer on the characters of line, a panel per head, two to a row: a row
// per character reading, a column per character read (the future is
// masked, so the upper triangle is empty). Spaces are drawn as "·", tabs
// and newlines as "\t" and "\n". It returns an error naming the first
// character of line outside vocab, a line longer than the model's
// context, or a block g does not have.
func GPTAttentionFigure(g *GPT, vocab *data.CharVocab, line string, layer int) (image.Image, error) {
	if layer < 0 || layer >= len(g.Blocks) {
		return nil, fmt.Errorf("transformer: GPTAttentionFigure: block %d of a GPT of %d", layer, len(g.Blocks))
	}
	ids, err := vocab.Encode(line)
	if err != nil {
		return nil, fmt.Errorf("transformer: GPTAttentionFigure: %w", err)
	}
	if len(ids) == 0 || len(ids) > g.Config.BlockSize {
		return nil, fmt.Errorf("transformer: GPTAttentionFigure: a line of %d characters; want 1 to the context of %d", len(ids), g.Config.BlockSize)
	}
	labels := make([]string, 0, len(ids))
	for _, r := range line {
		labels = append(labels, charLabel(r))
	}
	maps := GPTAttention(g, ids)
	return HeadsFigure(maps[layer], labels, labels, fmt.Sprintf("block %d", layer), 2, 560, 520)
}

// charLabel spells a character for a tick label.
func charLabel(r rune) string {
	switch r {
	case ' ':
		return "·"
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	}
	return strings.TrimSpace(string(r))
}
