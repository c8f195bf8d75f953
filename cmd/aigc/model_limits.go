package main

import (
	"fmt"

	"github.com/luoxia/aigc/chapters/gan"
	"github.com/luoxia/aigc/chapters/transformer"
	"github.com/luoxia/aigc/chapters/vae"
	"github.com/luoxia/aigc/lib/data"
)

// maxParams is the most parameters a network rebuilt from model.json may
// have: 64 Mi, half a gigabyte as float64, several times the book's largest
// model. A model.json whose sizes ask for more is refused before the
// network is built, since building it is what would allocate them.
var maxParams = 1 << 26

// sizeCheck checks the sizes a model.json records, one field at a time,
// and adds up the parameters they would make. It keeps the first problem;
// err reports it, naming the file and the field.
type sizeCheck struct {
	path   string  // the model.json
	err    error   // the first problem found
	params float64 // parameters counted so far (a float, so no product overflows)
}

// size checks that field, whose value is v, lies in [lo, hi].
func (c *sizeCheck) size(field string, v, lo, hi int) {
	if c.err == nil && (v < lo || v > hi) {
		c.err = fmt.Errorf("%s: config field %s is %d; want %d to %d", c.path, field, v, lo, hi)
	}
}

// must records a problem unless ok.
func (c *sizeCheck) must(ok bool, format string, args ...any) {
	if c.err == nil && !ok {
		c.err = fmt.Errorf("%s: config: %s", c.path, fmt.Sprintf(format, args...))
	}
}

// count adds a layer's parameters: in·out weights.
func (c *sizeCheck) count(in, out int) { c.params += float64(in) * float64(out) }

// result is the first problem, or, if the sizes are each in range but
// together make too large a network, that.
func (c *sizeCheck) result(what string) error {
	if c.err == nil && c.params > float64(maxParams) {
		c.err = fmt.Errorf("%s: config: these sizes make a %s of about %.3g parameters (%.3g GB as float64), more than the %d a checkpoint may have",
			c.path, what, c.params, 8*c.params/1e9, maxParams)
	}
	return c.err
}

// Bounds on single fields, far above anything the book trains: they keep
// the parameter counts below from overflowing and the loops short.
const (
	maxWidth  = 1 << 14 // any width, embedding or d_model
	maxLayers = 256     // layers in a stack
	maxVocab  = 1 << 20 // tokens or classes
	maxSteps  = 100000  // a diffusion schedule's T
	maxConvW  = 512     // channels of the convolutional models, whose activations grow as their square
)

// checkConfig checks the sizes in a configuration model.json records,
// decoded into v, before any network is built from them. Configurations
// of other types pass unchecked.
func checkConfig(path string, v any) error {
	c := &sizeCheck{path: path}
	switch cfg := v.(type) {
	case *gan.RingConfig:
		c.size("ZDim", cfg.ZDim, 1, maxWidth)
		c.size("len(Hidden)", len(cfg.Hidden), 0, maxLayers)
		in := cfg.ZDim
		for i, h := range cfg.Hidden {
			c.size(fmt.Sprintf("Hidden[%d]", i), h, 1, maxWidth)
			c.count(in+1, h)
			c.count(h+1, h) // the discriminator's layer of the same width
			in = h
		}
		return c.result("ring GAN")
	case *gan.MNISTConfig:
		c.size("ZDim", cfg.ZDim, 1, maxWidth)
		c.size("Width", cfg.Width, 1, maxConvW)
		c.count(cfg.ZDim+11, 2*cfg.Width*7*7) // the generator's first layer, a label's one-hot included
		c.count(2*cfg.Width*16, cfg.Width+1)
		return c.result("digit GAN")
	case *gan.CycleConfig:
		c.size("Width", cfg.Width, 1, maxConvW)
		c.count(9*cfg.Width+9, cfg.Width+2)
		return c.result("CycleGAN translator")
	case *vae.Config:
		c.must(cfg.Arch == "" || cfg.Arch == vae.ArchMLP || cfg.Arch == vae.ArchConv, "Arch is %q; want %q or %q", cfg.Arch, vae.ArchMLP, vae.ArchConv)
		c.size("Latent", cfg.Latent, 1, maxWidth)
		if cfg.Arch == vae.ArchConv {
			c.size("Width", cfg.Width, 1, maxConvW)
			c.count(3*cfg.Latent+16, 2*cfg.Width*7*7)
			c.count(2*cfg.Width*16, 2*cfg.Width)
		} else {
			c.size("Hidden", cfg.Hidden, 1, maxWidth)
			c.count(2*data.MNISTPixels+3*cfg.Latent+4, cfg.Hidden)
		}
		return c.result("VAE")
	case *gptRecord:
		m := cfg.Train.Model
		c.size("Train.Model.Vocab", m.Vocab, 1, maxVocab)
		c.size("Train.Model.BlockSize", m.BlockSize, 1, maxVocab)
		c.size("Train.Model.Layers", m.Layers, 1, maxLayers)
		c.size("Train.Model.Width", m.Width, 1, maxWidth)
		c.size("Train.Model.Heads", m.Heads, 1, max(m.Width, 1))
		c.must(m.Heads < 1 || m.Width%m.Heads == 0, "Train.Model.Heads %d does not divide Train.Model.Width %d", m.Heads, m.Width)
		c.count(m.Vocab+m.BlockSize, m.Width)
		c.count(12*m.Layers*m.Width, m.Width)
		return c.result("GPT")
	case *seq2seqRecord:
		return checkSeq2Seq(c, cfg.Train.Model)
	case *diffusionConfig:
		switch cfg.Model {
		case "toy":
			t := cfg.Toy
			c.size("Toy.T", t.T, 1, maxSteps)
			checkDenoiser(c, "Toy.Model.", t.Model.Dim, t.Model.Emb, t.Model.Hidden, t.Model.Layers, 0)
			return c.result("2-D denoiser")
		case "unet":
			u := cfg.UNet
			c.size("UNet.T", u.T, 1, maxSteps)
			c.size("UNet.Model.Side", u.Model.Side, data.MNISTSide, data.MNISTSide)
			c.size("UNet.Model.Width", u.Model.Width, 1, maxConvW)
			c.size("UNet.Model.Groups", u.Model.Groups, 1, max(u.Model.Width, 1))
			c.size("UNet.Model.Heads", u.Model.Heads, 1, max(4*u.Model.Width, 1))
			c.size("UNet.Model.Classes", u.Model.Classes, 0, maxVocab)
			c.count(400*u.Model.Width, u.Model.Width) // about 300·w² in its blocks, with room
			c.count(u.Model.Classes+1, 4*u.Model.Width)
			return c.result("U-Net")
		case "latent":
			if cfg.Latent == nil {
				return fmt.Errorf("%s: config: Model is \"latent\" but Latent is missing", path)
			}
			t := cfg.Latent.Train
			c.size("Latent.Train.T", t.T, 1, maxSteps)
			checkDenoiser(c, "Latent.Train.Model.", t.Model.Dim, t.Model.Emb, t.Model.Hidden, t.Model.Layers, t.Model.Classes)
			s := cfg.Latent.Scale
			c.must(len(s.Mean) == t.Model.Dim && len(s.Std) == t.Model.Dim, "Latent.Scale holds %d means and %d deviations for codes of Latent.Train.Model.Dim %d", len(s.Mean), len(s.Std), t.Model.Dim)
			return c.result("latent denoiser")
		}
	}
	return nil
}

// checkDenoiser checks the MLP denoisers' sizes (the 2-D one and the
// latent one): fields is the prefix of their names in model.json.
func checkDenoiser(c *sizeCheck, fields string, dim, emb, hidden, layers, classes int) {
	c.size(fields+"Dim", dim, 1, maxWidth)
	c.size(fields+"Emb", emb, 2, maxWidth)
	c.must(emb%2 == 0, "%sEmb %d is odd; the time embedding pairs sines with cosines", fields, emb)
	c.size(fields+"Hidden", hidden, 1, maxWidth)
	c.size(fields+"Layers", layers, 1, maxLayers)
	c.size(fields+"Classes", classes, 0, maxVocab)
	c.count(dim+emb+1, hidden)
	c.count(layers*(hidden+emb+classes+2), hidden)
	c.count(hidden+1, 2*dim)
}

// checkSeq2Seq checks an encoder-decoder's sizes.
func checkSeq2Seq(c *sizeCheck, m transformer.Config) error {
	c.size("Train.Model.SrcVocab", m.SrcVocab, 1, maxVocab)
	c.size("Train.Model.TgtVocab", m.TgtVocab, 1, maxVocab)
	c.size("Train.Model.DModel", m.DModel, 2, maxWidth)
	c.size("Train.Model.Heads", m.Heads, 1, max(m.DModel, 1))
	c.size("Train.Model.DFF", m.DFF, 1, 4*maxWidth)
	c.size("Train.Model.Layers", m.Layers, 1, maxLayers)
	c.size("Train.Model.MaxLen", m.MaxLen, 1, maxVocab)
	c.count(m.SrcVocab+m.TgtVocab+m.MaxLen, m.DModel)
	c.count(m.Layers*(10*m.DModel+4*m.DFF), m.DModel)
	return c.result("encoder-decoder")
}
