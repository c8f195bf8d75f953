// Package transformer is the code of the book's chapter on Transformers.
//
// The decoding files turn a model's next-token scores into a sequence, and
// they do it for any model: the encoder-decoder translator and the GPT
// both decode through the same functions. A model offers its scores in
// one of two forms. A Scorer is a function from a prefix of token ids to
// the logits of the token after it; it recomputes the whole prefix every
// step. A State is a model partway through a sequence, holding what it
// has computed so far (a Transformer's keys and values, the KV cache), so
// each step feeds only the newest token. NewScorerState wraps a Scorer as
// a State, and every decoder takes a State.
//
//	decode.go         Scorer, State, and the step from logits to log-probabilities
//	decode_greedy.go  greedy decoding: the most likely token, step after step
//	decode_beam.go    beam search, with GNMT's length normalisation
//	decode_sample.go  sampling, with temperature, top-k and top-p (nucleus) filtering
package transformer
