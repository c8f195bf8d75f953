package book

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runBrowserTest runs web/browser-test.js on a site made of files and
// returns its exit code and output. It skips without node, the npm tools
// or Chromium (unless AIGC_BOOK_TOOLS=1).
func runBrowserTest(t *testing.T, files map[string]string) (int, string) {
	t.Helper()
	tools := needTools(t, "playwright-core")
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv(toolsEnv) == "1" {
			t.Fatalf("no Chromium at %s and %s=1", chromium, toolsEnv)
		}
		t.Skipf("no Chromium at %s (apt-get install chromium)", chromium)
	}
	site := write(t, files)
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "pic.png"), pic.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(tools, "browser-test.js"), site)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		t.Fatal(err)
	}
	return 0, string(out)
}

const cleanPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
<h1 id="top">A page</h1>
<p>Prose with a price in code: <code>$5</code>, math <span class="katex">\frac{1}{2}</span>,
a <a href="b.html#sec">link</a>, a <a href="#top">fragment</a>, and <img src="pic.png" alt="a picture">.</p>
<pre>x := "$y" // \alpha</pre></body></html>`

func TestBrowserPassesACleanSite(t *testing.T) {
	code, out := runBrowserTest(t, map[string]string{
		"index.html": cleanPage,
		"b.html":     `<!DOCTYPE html><html><head><meta charset="utf-8"><title>b</title></head><body><h2 id="sec">B</h2><a href="index.html">back</a></body></html>`,
	})
	if code != 0 || !strings.Contains(out, "2 pages") || !strings.Contains(out, "1 pictures and 1 formulas") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestBrowserFindsEveryFault(t *testing.T) {
	bad := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
<p>Unrendered $x_i$ here, and a command \frac{1}{2} there.</p>
<p><span class="katex-error" title="ParseError: KaTeX parse error: Undefined control sequence">\nope</span></p>
<p><a href="gone.html">a lost page</a>, <a href="b.html#nowhere">a lost fragment</a>, <img src="lost.png" alt="lost"></p>
<script>console.error("something broke")</script></body></html>`
	code, out := runBrowserTest(t, map[string]string{
		"index.html": bad,
		"b.html":     `<!DOCTYPE html><html><head><meta charset="utf-8"><title>b</title></head><body><h2 id="sec">B</h2></body></html>`,
	})
	if code != 1 {
		t.Fatalf("exit %d, want 1; output:\n%s", code, out)
	}
	for _, want := range []string{
		`math left as TeX: "Unrendered $x_i$`,
		`math left as TeX: "Unrendered $x_i$ here, and a command \frac`,
		"KaTeX error: ParseError",
		"broken link to gone.html",
		`link to b.html#nowhere: no element with id "nowhere"`,
		"picture does not load: http://127.0.0.1",
		"404 for http://127.0.0.1",
		"console error: something broke",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report does not say %q:\n%s", want, out)
		}
	}
}
