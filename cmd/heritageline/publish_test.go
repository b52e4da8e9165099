package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue/publish"
	"github.com/heritage-line/heritageline/catalogue/xlsxfile"
	"github.com/heritage-line/heritageline/internal/redistest"
)

// A catalogue the coordinator publishes on one instance of the line is in
// service on another at once (it hears of it and reloads, without waiting for
// CATALOGUE_REFRESH), is what its Open Referral feed serves, and is what a
// texter is offered; a roll back to the CATALOGUE source undoes it.
func TestPublishedOnEveryInstance(t *testing.T) {
	redisURL := "redis://" + redistest.StartServer(t).Addr
	a := startLine(t, lineOptions{redisURL: redisURL})
	b := startLine(t, lineOptions{redisURL: redisURL})
	ctx := context.Background()

	f, err := os.Open("../../catalogue/publish/testdata/mistake.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	svc := a.srv.line.catalogue
	d, err := svc.Upload(ctx, "coordinator@example.org", "mistake.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Publish(ctx, "coordinator@example.org", d.ID, false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the other instance to put v1 in service", func() bool {
		return b.srv.line.refresher.Status().Source == "published v1 (mistake.csv)"
	})
	if total := feedTotal(t, b.srv.URL); total != 30 {
		t.Errorf("the other instance's feed: %d services; want the published 30", total)
	}
	// lace-market-walk was left out of v1 (its postcode is wrong there).
	reply := b.text1(b.sim("+447700900777"), "NG1")
	if strings.Contains(reply, "Lace Market heritage walk") {
		t.Errorf("offered an activity the published catalogue left out:\n%s", reply)
	}

	if err := b.srv.line.catalogue.UseSource(ctx, "coordinator@example.org"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the first instance to go back to the sample", func() bool {
		return a.srv.line.refresher.Status().Source == "embedded:sample.csv"
	})
	if total := feedTotal(t, a.srv.URL); total != 32 {
		t.Errorf("after going back to the source: %d services; want the sample's 32", total)
	}
}

func feedTotal(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/openreferral/services?per_page=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p struct {
		TotalItems int `json:"total_items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	return p.TotalItems
}

// TestUploadReaderKinds: the console's uploads are read by their ending: a
// workbook (the starter template's two example rows), CSV, or neither.
func TestUploadReaderKinds(t *testing.T) {
	read := uploadReader("", nil)
	var wb bytes.Buffer
	if err := xlsxfile.WriteTemplate(&wb); err != nil {
		t.Fatal(err)
	}
	if ld, err := read("Activities.XLSX", &wb); err != nil || len(ld.Activities) != 2 {
		t.Errorf("a workbook: got %d activities, %v; want the template's 2", len(ld.Activities), err)
	}
	if _, err := read("notes.txt", strings.NewReader("tea")); !errors.Is(err, publish.ErrUnsupported) {
		t.Errorf("a .txt file: got %v; want ErrUnsupported", err)
	}
}
