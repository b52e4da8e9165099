package spool

import (
	"errors"
	"os"
	"testing"
)

func TestSpoolKeepsAndDrains(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Entry{
		{What: Callback, Phone: "+447700900123", Kind: "voicemail", RecordingURL: "https://api.twilio.com/rec/RE1"},
		{What: Stop, Hash: "h-stop"},
		{What: Callback, Phone: "+447700900124", Kind: "sms"},
	} {
		if err := s.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("spool file mode %v; want 0600", fi.Mode().Perm())
	}
	// A crash leaves a cut-off line: the entries before it are read again.
	f, _ := os.OpenFile(s.Path(), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq":9,"what":"call`)
	f.Close()
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Pending()); got != 3 {
		t.Fatalf("after reopening: %d entries; want 3", got)
	}
	if !s.Stopped("h-stop") || s.Stopped("h-other") {
		t.Errorf("Stopped: got %v, %v; want true, false", s.Stopped("h-stop"), s.Stopped("h-other"))
	}
	// Redis fails again on the second entry: the first is gone, two stay.
	down := errors.New("redis down")
	n, err := s.Drain(func(e Entry) error {
		if e.What == Stop {
			return down
		}
		return nil
	})
	if n != 1 || !errors.Is(err, down) {
		t.Errorf("Drain: %d, %v; want 1, %v", n, err, down)
	}
	s, _ = Open(dir)
	if got := s.Pending(); len(got) != 2 || got[0].What != Stop || !s.Stopped("h-stop") {
		t.Fatalf("after a partial drain and reopening: %+v; want the STOP and a callback", got)
	}
	if err := s.Add(Entry{What: Callback, Phone: "+447700900125", Kind: "voice"}); err != nil {
		t.Fatal(err)
	}
	if got := s.Pending()[2].Seq; got <= s.Pending()[1].Seq {
		t.Errorf("sequence after reopening: %d; want it to go on rising", got)
	}
	n, err = s.Drain(func(Entry) error { return nil })
	if n != 3 || err != nil || len(s.Pending()) != 0 || s.Stopped("h-stop") {
		t.Errorf("full drain: %d, %v, %d left; want 3, nil, 0", n, err, len(s.Pending()))
	}
	s, _ = Open(dir)
	if len(s.Pending()) != 0 {
		t.Errorf("after a full drain and reopening: %d entries; want 0", len(s.Pending()))
	}
}
