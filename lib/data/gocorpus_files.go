package data

// goCorpusFiles is the Go corpus's fixed file list: every non-test .go file
// directly inside 21 packages of the standard library, as the Go release
// named by GoCorpusVersion has them, paths relative to GOROOT with forward
// slashes, in the order they are concatenated (packages alphabetically,
// files alphabetically within each). Build-constrained and generator files
// (for instance math/bits/make_tables.go) are included: the corpus is text.
var goCorpusFiles = []string{
	"src/bufio/bufio.go",
	"src/bufio/scan.go",

	"src/bytes/buffer.go",
	"src/bytes/bytes.go",
	"src/bytes/iter.go",
	"src/bytes/reader.go",

	"src/container/heap/heap.go",

	"src/container/list/list.go",

	"src/encoding/csv/reader.go",
	"src/encoding/csv/writer.go",

	"src/encoding/json/decode.go",
	"src/encoding/json/encode.go",
	"src/encoding/json/fold.go",
	"src/encoding/json/indent.go",
	"src/encoding/json/scanner.go",
	"src/encoding/json/stream.go",
	"src/encoding/json/tables.go",
	"src/encoding/json/tags.go",
	"src/encoding/json/v2_decode.go",
	"src/encoding/json/v2_encode.go",
	"src/encoding/json/v2_indent.go",
	"src/encoding/json/v2_inject.go",
	"src/encoding/json/v2_options.go",
	"src/encoding/json/v2_scanner.go",
	"src/encoding/json/v2_stream.go",

	"src/errors/errors.go",
	"src/errors/join.go",
	"src/errors/wrap.go",

	"src/fmt/doc.go",
	"src/fmt/errors.go",
	"src/fmt/format.go",
	"src/fmt/print.go",
	"src/fmt/scan.go",

	"src/go/ast/ast.go",
	"src/go/ast/commentmap.go",
	"src/go/ast/directive.go",
	"src/go/ast/filter.go",
	"src/go/ast/import.go",
	"src/go/ast/print.go",
	"src/go/ast/resolve.go",
	"src/go/ast/scope.go",
	"src/go/ast/walk.go",

	"src/go/scanner/errors.go",
	"src/go/scanner/scanner.go",

	"src/go/token/position.go",
	"src/go/token/serialize.go",
	"src/go/token/token.go",
	"src/go/token/tree.go",

	"src/io/io.go",
	"src/io/multi.go",
	"src/io/pipe.go",

	"src/math/bits/bits.go",
	"src/math/bits/bits_errors.go",
	"src/math/bits/bits_errors_bootstrap.go",
	"src/math/bits/bits_tables.go",
	"src/math/bits/make_examples.go",
	"src/math/bits/make_tables.go",

	"src/path/match.go",
	"src/path/path.go",

	"src/regexp/backtrack.go",
	"src/regexp/exec.go",
	"src/regexp/onepass.go",
	"src/regexp/regexp.go",

	"src/sort/gen_sort_variants.go",
	"src/sort/search.go",
	"src/sort/slice.go",
	"src/sort/sort.go",
	"src/sort/zsortfunc.go",
	"src/sort/zsortinterface.go",

	"src/strconv/bytealg.go",
	"src/strconv/bytealg_bootstrap.go",
	"src/strconv/doc.go",
	"src/strconv/isprint.go",
	"src/strconv/makeisprint.go",
	"src/strconv/number.go",
	"src/strconv/quote.go",

	"src/strings/builder.go",
	"src/strings/clone.go",
	"src/strings/compare.go",
	"src/strings/iter.go",
	"src/strings/reader.go",
	"src/strings/replace.go",
	"src/strings/search.go",
	"src/strings/strings.go",

	"src/text/tabwriter/tabwriter.go",

	"src/text/template/doc.go",
	"src/text/template/exec.go",
	"src/text/template/funcs.go",
	"src/text/template/helper.go",
	"src/text/template/option.go",
	"src/text/template/template.go",

	"src/unicode/utf8/utf8.go",
}
