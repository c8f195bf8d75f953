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
// Tensors of tokens are [B, T, D]: B sequences, T positions, D = d_model
// features. Inside attention they are split into H heads of d_k = D/H
// features, [B, H, T, d_k].
package transformer
