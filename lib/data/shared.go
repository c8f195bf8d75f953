package data

import "sync"

var (
	sharedOnce              sync.Once
	sharedTrain, sharedTest *Dataset
	sharedErr               error
)

// SharedMNIST loads MNIST from MNISTDir the first time it is called and
// returns the same two datasets to every later caller in the process, so
// that the tests and notebooks of several chapters read the files once.
// The datasets are shared: read them, take Head or Slice views, but do not
// write into them.
func SharedMNIST() (train, test *Dataset, err error) {
	sharedOnce.Do(func() {
		dir, err := MNISTDir()
		if err != nil {
			sharedErr = err
			return
		}
		sharedTrain, sharedTest, sharedErr = LoadMNIST(dir)
	})
	return sharedTrain, sharedTest, sharedErr
}
