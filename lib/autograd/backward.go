package autograd

import (
	"fmt"

	"github.com/luoxia/aigc/lib/tensor"
)

// ANCHOR: backward

// Backward computes dL/dv for every Value v that the scalar loss L depends
// on, adding it to v.Grad. dL/dL = 1 seeds the walk.
func (loss *Value) Backward() {
	if loss.Data.Size() != 1 {
		panic(fmt.Sprintf("autograd: Backward of a Value of shape %v; use BackwardWith for non-scalars", loss.Data.Shape))
	}
	loss.BackwardWith(tensor.Ones(loss.Data.Shape...))
}

// BackwardWith runs the backward pass seeded with an upstream gradient g
// shaped like v: afterwards each Value u holds Σ g ⊙ dv/du in u.Grad.
func (v *Value) BackwardWith(g *tensor.Tensor) {
	if !g.SameShape(v.Data) {
		panic(fmt.Sprintf("autograd: BackwardWith: gradient %v for a Value of shape %v", g.Shape, v.Data.Shape))
	}
	if !v.requiresGrad {
		return
	}
	order := topoSort(v)
	for _, n := range order {
		if n.parents != nil {
			n.Grad = nil // intermediate gradients belong to this pass only
		}
	}
	v.accumulate(g)
	for i := len(order) - 1; i >= 0; i-- {
		if n := order[i]; n.backward != nil && n.Grad != nil {
			n.backward()
		}
	}
}

// topoSort lists the Values v depends on (v included) so that every Value
// comes after its parents. It is iterative, so deep graphs (a long RNN or
// a thousand-step sampler) cannot overflow the stack.
func topoSort(v *Value) []*Value {
	var order []*Value
	seen := map[*Value]bool{v: true}
	type frame struct {
		v    *Value
		next int
	}
	stack := []frame{{v: v}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(top.v.parents) {
			p := top.v.parents[top.next].(*Value)
			top.next++
			if !seen[p] && p.requiresGrad {
				seen[p] = true
				stack = append(stack, frame{v: p})
			}
			continue
		}
		order = append(order, top.v)
		stack = stack[:len(stack)-1]
	}
	return order
}

// ANCHOR_END: backward
