package main

// A reload cannot wipe the catalogue (issue 15, item 9): a catalogue file cut
// off part way (a copy in progress) or one that would remove more than a
// quarter of the activities at once is held, on a real redis-server; a
// coordinator's `heritageline catalogue accept` lets a deliberate cut through.

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/sample"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/internal/redistest"
)

func TestReloadCannotWipeTheCatalogue(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "catalogue.csv")
	if err := os.WriteFile(path, sample.CSV, 0o600); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(dir, "data")
	l := startLiveLineWith(t, map[string]string{
		"REDIS_URL": "redis://" + redistest.StartServer(t).Addr, "CATALOGUE": path, "DATA_DIR": dataDir,
	}, func(c *config.Config) { c.CatalogueRefresh = 100 * time.Millisecond })
	const resident = "+447700900561"
	yarmouth := func(what string) string {
		t.Helper()
		return smsReply(parseTwiML(t, what, l.sms(resident, "Great Yarmouth")))
	}
	if got := yarmouth("before"); !strings.Contains(got, "1 ") {
		t.Fatalf("text Great Yarmouth before: got %q; want a numbered list", got)
	}
	whole := l.srv.line.refresher.Status().Active

	// Half the file, cut in the middle of a record, as a copy in progress
	// leaves it. Before, the rows read so far became the catalogue and Great
	// Yarmouth (in the second half) got "nothing within 25 miles".
	cut := len(sample.CSV) / 2
	for sample.CSV[cut-1] == '\n' || sample.CSV[cut] == '\n' {
		cut++
	}
	// Half the rows, whole: a deliberate cut (or a file saved with a filter on).
	lines := bytes.SplitAfter(sample.CSV, []byte("\n"))
	half := bytes.Join(lines[:len(lines)/2], nil)

	steps := []struct {
		name    string
		file    []byte
		reason  catalogue.HoldReason
		mention string
	}{
		{"cut off mid-record", sample.CSV[:cut], catalogue.HoldCutOff, path},
		{"half the activities gone", half, catalogue.HoldDrop, "at most 25% may go in one reload"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			before := l.srv.line.refresher.Status()
			if err := os.WriteFile(path, s.file, 0o600); err != nil {
				t.Fatal(err)
			}
			waitFor(t, 10*time.Second, "a held reload", func() bool {
				st := l.srv.line.refresher.Status()
				return st.LastAttempt.After(before.LastAttempt) && st.Held.Reason == s.reason
			})
			st := l.srv.line.refresher.Status()
			if !strings.Contains(st.Held.Message, s.mention) || st.Held.InService != whole {
				t.Errorf("Held: got %+v; want it to mention %q and %d in service", st.Held, s.mention, whole)
			}
			if got := yarmouth("held"); !strings.Contains(got, "1 ") {
				t.Errorf("text Great Yarmouth while held: got %q; want the last good catalogue's list", got)
			}
			if got := metricsText(t, l); !strings.Contains(got, `heritageline_catalogue_held{reason="`+string(s.reason)+`"} 1`) {
				t.Errorf("/metrics: want heritageline_catalogue_held{reason=%q} 1 in:\n%s", s.reason, grepLines(got, "catalogue_held"))
			}
			if got := l.get("/readyz"); got != http.StatusOK {
				t.Errorf("/readyz while held: got %d; want 200", got)
			}
		})
	}

	// The coordinator meant it: accept, and the next reload goes in.
	var out bytes.Buffer
	if err := run(context.Background(), []string{"catalogue", "accept"}, func(k string) string {
		return map[string]string{"DATA_DIR": dataDir}[k]
	}, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatalf("catalogue accept: %v", err)
	}
	waitFor(t, 10*time.Second, "the accepted cut in service", func() bool {
		st := l.srv.line.refresher.Status()
		return st.LastOutcome == catalogue.OutcomeReplaced && st.Held.Reason == ""
	})
	if st := l.srv.line.refresher.Status(); st.Active >= whole || st.Active == 0 {
		t.Errorf("after accept: got %d active; want the cut catalogue (fewer than %d)", st.Active, whole)
	}
	if _, err := os.Stat(filepath.Join(dataDir, acceptFile)); !os.IsNotExist(err) {
		t.Errorf("accept mark after use: got %v; want it removed, so it accepts one reload only", err)
	}
	if got := metricsText(t, l); strings.Contains(got, `heritageline_catalogue_held{reason="drop"} 1`) {
		t.Errorf("/metrics after accept: still held:\n%s", grepLines(got, "catalogue_held"))
	}
}

func metricsText(t *testing.T, l *liveLine) string {
	t.Helper()
	resp, err := http.Get(l.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func grepLines(s, word string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, word) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
