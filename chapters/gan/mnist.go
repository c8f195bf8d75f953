package gan

import "github.com/luoxia/aigc/lib/tensor"

// ToTanhRange maps pixels from [0, 1], as data.LoadMNIST gives them, to
// [-1, 1], the range of the generator's tanh: x ↦ 2x - 1. It returns a new
// tensor.
func ToTanhRange(x *tensor.Tensor) *tensor.Tensor {
	return tensor.AddScalar(tensor.Scale(x, 2), -1)
}

// FromTanhRange maps the generator's pixels from [-1, 1] back to [0, 1],
// x ↦ (x + 1)/2, the range the evaluation classifier and the image files
// expect. It returns a new tensor.
func FromTanhRange(x *tensor.Tensor) *tensor.Tensor {
	return tensor.Scale(tensor.AddScalar(x, 1), 0.5)
}
