package sim_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/heritage-line/heritageline/sim"
)

// A line that asks for a town and answers Frome.
func ExampleLine_Call() {
	line := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		switch r.URL.Path {
		case "/twilio/voice":
			fmt.Fprint(w, `<Response><Gather input="speech" language="en-GB" action="/twilio/town">`+
				`<Say language="en-GB">Which town are you near?</Say></Gather><Redirect>/twilio/voice</Redirect></Response>`)
		case "/twilio/town":
			r.ParseForm()
			fmt.Fprintf(w, `<Response><Say language="en-GB">Walks near %s.</Say><Hangup/></Response>`, r.PostForm.Get("SpeechResult"))
		}
	}))
	defer line.Close()

	l := &sim.Line{URL: line.URL, AuthToken: "token"}
	moves := sim.ScriptedCaller(strings.NewReader("Frome\n"))
	if _, err := l.Call(context.Background(), moves, os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// LINE: Which town are you near?
	//   [says: Frome]
	// LINE: Walks near Frome.
	//   [call ended]
}

func ExampleLine_Text() {
	line := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<Response><Message>You sent %s segment(s).</Message></Response>`, r.PostForm.Get("NumSegments"))
	}))
	defer line.Close()

	l := &sim.Line{URL: line.URL, AuthToken: "token"}
	replies, err := l.Text(context.Background(), "BA11 1AT")
	fmt.Println(replies, err)
	// Output:
	// [You sent 1 segment(s).] <nil>
}
