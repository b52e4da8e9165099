package llm

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/heritage-line/heritageline/catalogue"
)

// fixedRules understands nothing, so every message goes to the model.
type fixedRules struct{}

func (fixedRules) Understand(ctx context.Context, text string) catalogue.Request {
	return catalogue.Request{Intent: catalogue.IntentUnknown}
}

// A model that never answers is not left with an open request: the call is
// cancelled at the deadline, so nothing piles up while a model hangs.
func TestHungRequestIsCancelled(t *testing.T) {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // the server notices a closed connection only once the body is read
		<-r.Context().Done()
		close(done)
	}))
	defer srv.Close()
	u := New(Config{APIKey: "k", BaseURL: srv.URL + "/v1", Model: "m", Deadline: 200 * time.Millisecond}, fixedRules{}, nil, nil)
	u.Understand(context.Background(), "is there anything on near somewhere for my mum with dementia please")
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("the model server never saw its request cancelled")
	}
}
