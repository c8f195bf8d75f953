package nn

import (
	"fmt"

	"github.com/luoxia/aigc/lib/autograd"
)

// Param is a named tensor that a module keeps. Most are trainable
// parameters, made with autograd.Param so that Backward fills their Grad;
// a few are buffers, made with autograd.Const, such as BatchNorm's running
// statistics: state that Save and Load carry but no optimizer touches.
type Param struct {
	Name string          // a dotted path such as "enc.fc1.W"
	V    *autograd.Value // the tensor and, after Backward, its gradient
}

// Trainable reports whether p takes gradients (a parameter, not a buffer).
func (p Param) Trainable() bool { return p.V.RequiresGrad() }

// Module is anything that owns named tensors: a layer, a loss-free block
// of layers, a whole model. Params lists them in a fixed order, parameters
// and buffers alike, with names unique within the module.
type Module interface {
	Params() []Param
}

// Layer is a Module that maps one Value to another: what Sequential chains.
type Layer interface {
	Module
	Forward(x *autograd.Value) *autograd.Value
}

// Values returns the trainable tensors of m, in order: what an optimizer
// updates. Buffers are left out.
//
//	opt := optim.NewAdam(nn.Values(model), 1e-3)
func Values(m Module) []*autograd.Value {
	var vs []*autograd.Value
	for _, p := range m.Params() {
		if p.Trainable() {
			vs = append(vs, p.V)
		}
	}
	return vs
}

// NumParams counts the trainable scalars of m (buffers excluded).
func NumParams(m Module) int {
	n := 0
	for _, v := range Values(m) {
		n += v.Data.Size()
	}
	return n
}

// Child names a sub-module of a larger module.
type Child struct {
	Name string
	M    Module
}

// Parent is a Module built from named sub-modules. Implementing Children
// lets SetTraining reach the layers inside; Nest builds Params from them.
type Parent interface {
	Module
	Children() []Child
}

// Nest lists the tensors of each child with the child's name as a prefix,
// so that a model made of an encoder and a decoder can write
//
//	func (m *VAE) Children() []nn.Child {
//		return []nn.Child{{Name: "enc", M: m.Enc}, {Name: "dec", M: m.Dec}}
//	}
//	func (m *VAE) Params() []nn.Param { return nn.Nest(m.Children()...) }
//
// and get names such as "enc.fc1.W". It panics if two tensors end up with
// the same name.
func Nest(children ...Child) []Param {
	var ps []Param
	seen := map[string]bool{}
	for _, c := range children {
		for _, p := range c.M.Params() {
			name := c.Name + "." + p.Name
			if seen[name] {
				panic(fmt.Sprintf("nn: Nest: two tensors named %q", name))
			}
			seen[name] = true
			ps = append(ps, Param{Name: name, V: p.V})
		}
	}
	return ps
}

// Switchable is implemented by layers that behave differently while
// training and while evaluating (BatchNorm, Dropout).
type Switchable interface {
	SetTraining(on bool)
}

// SetTraining puts m and every module below it (through Children) into
// training mode (on) or evaluation mode (off). Layers start in training
// mode; call SetTraining(model, false) before measuring or sampling, so
// that Dropout keeps every unit and BatchNorm uses its running statistics.
func SetTraining(m Module, on bool) {
	if s, ok := m.(Switchable); ok {
		s.SetTraining(on)
	}
	if p, ok := m.(Parent); ok {
		for _, c := range p.Children() {
			SetTraining(c.M, on)
		}
	}
}

// ZeroGrad forgets the gradient of every tensor of m.
func ZeroGrad(m Module) {
	for _, p := range m.Params() {
		p.V.ZeroGrad()
	}
}
