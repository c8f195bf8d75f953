package transformer

import "fmt"

// GPTWindowState is a GPT decoding text longer than its context. The
// model has position vectors for BlockSize tokens only, so a GPTState
// stops there. nanoGPT's generate keeps going by cropping the context to
// the last BlockSize tokens and recomputing the whole window at every
// step, which the cache cannot do: cropping moves every kept token to
// another position, and their keys and values with it. GPTWindowState
// instead keeps a GPTState until it is full, then starts a new one fed
// with the last keep tokens and goes on from there. Each token is then
// predicted from between keep and BlockSize-1 tokens before it, and the
// refill costs keep steps once every BlockSize-keep tokens.
type GPTWindowState struct {
	g      *GPT
	s      *GPTState
	recent []int // the tokens s has been fed, oldest first
	keep   int
}

// NewGPTWindowState returns g as a State with nothing fed that slides its
// window when it is full, keeping the last keep tokens (1 ≤ keep <
// BlockSize; BlockSize/2 is a fair choice).
func NewGPTWindowState(g *GPT, keep int) *GPTWindowState {
	if g == nil {
		panic("transformer: NewGPTWindowState: nil GPT")
	}
	if keep < 1 || keep >= g.Config.BlockSize {
		panic(fmt.Sprintf("transformer: NewGPTWindowState: keeping %d tokens of a context of %d; want 1 to %d", keep, g.Config.BlockSize, g.Config.BlockSize-1))
	}
	return &GPTWindowState{g: g, s: NewGPTState(g), keep: keep}
}

// Feed appends token and returns the logits of the token after it, first
// refilling a full window with its last keep tokens.
func (w *GPTWindowState) Feed(token int) []float64 {
	if w.s.Len() == w.g.Config.BlockSize {
		kept := append([]int(nil), w.recent[len(w.recent)-w.keep:]...)
		w.s, w.recent = NewGPTState(w.g), nil
		for _, t := range kept {
			w.s.Feed(t)
		}
		w.recent = kept
	}
	logits := w.s.Feed(token)
	w.recent = append(w.recent, token)
	return logits
}

// Window returns the tokens the next token is predicted from.
func (w *GPTWindowState) Window() []int { return append([]int(nil), w.recent...) }

// Fork returns a copy of w that shares its cache (see GPTState.Fork).
func (w *GPTWindowState) Fork() any {
	return &GPTWindowState{g: w.g, s: w.s.Fork().(*GPTState), recent: append([]int(nil), w.recent...), keep: w.keep}
}
