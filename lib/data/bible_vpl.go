package data

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
)

// Verse is one verse of a Bible translation: its reference ("John 11:35",
// book name as the SWORD library spells it in English, whatever the
// translation's language) and its plain text.
type Verse struct {
	Ref  string
	Text string
}

// vplLine matches a line of mod2vpl's output: book, chapter:verse, then
// the verse's marked-up text (possibly empty).
var vplLine = regexp.MustCompile(`^(.+) ([0-9]+):([0-9]+)(?: (.*))?$`)

// ReadVPL reads the verse-per-line text that libsword-utils' `mod2vpl
// MODULE 1` prints: one line per verse, "Book C:V text", the text in the
// module's OSIS markup. Lines that open a testament ("[ Testament 1 Heading
// ]") and verse 0 of a book or chapter (its introduction and headings) are
// skipped, as are verses whose text is empty once stripped. The text of each
// verse is StripOSIS's. name labels errors: a line that is not a verse is an
// error naming name and the line number.
func ReadVPL(r io.Reader, name string) ([]Verse, error) {
	var out []Verse
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for ln := 1; sc.Scan(); ln++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "[") {
			continue
		}
		m := vplLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("data: %s:%d: not a verse line (want \"Book chapter:verse text\"): %.60q", name, ln, line)
		}
		if m[3] == "0" || m[2] == "0" {
			continue
		}
		text := StripOSIS(m[4])
		if text == "" {
			continue
		}
		out = append(out, Verse{Ref: m[1] + " " + m[2] + ":" + m[3], Text: text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("data: reading %s: %w", name, err)
	}
	return out, nil
}

var (
	// osisDropped matches elements whose content is not part of the verse's
	// running text: editors' notes and section titles.
	osisDropped = regexp.MustCompile(`(?s)<(note|title)\b[^>]*>.*?</(note|title)>`)
	osisTag     = regexp.MustCompile(`<[^>]*>`)
)

// StripOSIS returns the running text of a verse in OSIS markup: notes and
// titles are dropped with their content, every other tag is removed and its
// content kept (the words of <w> elements tagged with Strong's numbers, the
// translators' additions in <transChange>, the LORD of <divineName>),
// character entities are decoded, the paragraph mark ¶ is removed, and runs
// of white space become single spaces, with none at the ends.
func StripOSIS(s string) string {
	s = osisDropped.ReplaceAllString(s, " ")
	s = osisTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "¶", " ")
	return strings.Join(strings.Fields(s), " ")
}
