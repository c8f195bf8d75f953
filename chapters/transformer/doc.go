// Package transformer is the code of the book's chapter on Transformers
// (Vaswani et al. 2017, "Attention Is All You Need"): attention, an
// encoder-decoder that translates, and a character-level GPT.
//
// Attention lets every position of a sequence read every other position
// at once, weighting each by how well its key matches the position's
// query:
//
//	Attention(Q, K, V) = softmax(QKᵀ/√d_k + M) V
//
// where M is an additive mask of 0 (may attend) and -Inf (may not). The
// package reads in the order of the chapter:
//
//	mask.go        the causal mask and the padding mask
//	attention.go   scaled dot-product attention over [B, H, T, d] tensors
//	mha.go         multi-head attention: self-attention and cross-attention
//	position.go    sinusoidal position encodings
//	mlp.go         the position-wise feed-forward network
//	block.go       residual blocks with pre- or post-LayerNorm; encoder and decoder layers
//	encdec.go      the encoder-decoder model of Vaswani et al.
//	gpt.go         a decoder-only GPT, as nanoGPT builds it
//	loss.go        label-smoothed cross-entropy
//
// Both models train with one optimiser, AdamW with weight decay on the
// matrices only and the gradient clipped (optimizer.go). Training the GPT
// on characters, as nanoGPT's baby GPT is trained:
//
//	train_gpt_config.go  GPTTrainConfig: the baby GPT's settings, each explained
//	train_gpt.go         TrainGPT: AdamW with warm-up and cosine, clipping, the validation loss
//
// Training the encoder-decoder on small tasks, the Annotated
// Transformer's copy task, its reversal, and English number words to
// Chinese numerals:
//
//	seq2seq_task.go           Seq2SeqTask: a task's vocabularies, training batches and test set
//	train_seq2seq_config.go   Seq2SeqTrainConfig: the settings of each task, each explained
//	train_seq2seq.go          TrainSeq2Seq: teacher forcing, label smoothing, AdamW, warm-up and cosine
//	eval_seq2seq.go           greedy and beam decoding of the test set: exact match, token accuracy, BLEU
//	norms.go                  CompareNorms: pre-LN against post-LN, with the warm-up and without
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
//	state.go          the GPT and the encoder-decoder as States, with their KV caches
//	state_window.go   a GPT State that slides its window past the model's context
//
// The figures show what the text argues and what the trained models do:
//
//	scale.go            the softmax's saturation against d_k, with and without 1/√d_k
//	attention_maps.go   the attention weights of one sentence, read through MultiHeadAttention.OnWeights
//	figures.go          the saturation, the sinusoids, attention maps and loss curves as images
//	figures_models.go   the attention figures of the trained translator and GPT
//
// Tensors of tokens are [B, T, D]: B sequences, T positions, D = d_model
// features. Inside attention they are split into H heads of d_k = D/H
// features, [B, H, T, d_k].
package transformer
