package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// With a language model configured that never answers, a resident's free
// text is still understood by the rules, within the model's deadline.
func TestModelThatHangsLeavesTheRulesToAnswer(t *testing.T) {
	var asked atomic.Int32
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		io.Copy(io.Discard, r.Body)
		<-r.Context().Done() // never answers
	}))
	defer model.Close()
	tl := startLine(t, lineOptions{env: map[string]string{
		"OPENAI_API_KEY":  "test-key",
		"OPENAI_BASE_URL": model.URL + "/v1",
		"OPENAI_TIMEOUT":  "300ms",
	}})

	start := time.Now()
	reply := tl.text1(tl.sim("+447700900777"), "is there anything on near Gorleston for my mum, she has dementia")
	took := time.Since(start)
	if !strings.Contains(reply, "1 ") || !strings.Contains(strings.ToLower(reply), "gorleston") {
		t.Errorf("reply = %q; want a numbered list near Gorleston", reply)
	}
	if took > 2*time.Second {
		t.Errorf("reply took %v; want within the 300ms deadline plus the line's own work", took)
	}
	if asked.Load() == 0 {
		t.Errorf("the model was never asked; the test shows nothing about falling back")
	}
}
