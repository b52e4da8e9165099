package sim

import (
	"testing"

	"github.com/twilio/twilio-go/client"
)

func TestSignPublishedVector(t *testing.T) {
	got := Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", map[string]string{
		"CallSid": "CA1234567890ABCDE",
		"Caller":  "+12349013030",
		"Digits":  "1234",
		"From":    "+12349013030",
		"To":      "+18005551212",
	})
	if want := "0/KCTR6DLpKmkAf8muzZqo1nDgQ="; got != want {
		t.Errorf("Sign(published vector) = %q; want %q", got, want)
	}
}

func TestSignAcceptedByRequestValidator(t *testing.T) {
	tests := []struct {
		name   string
		url    string
		params map[string]string
	}{
		{"no params", "https://line.example.org/twilio/voice", nil},
		{"voice", "https://line.example.org/twilio/voice", map[string]string{"CallSid": "CA1", "From": "+447700900123", "SpeechResult": "near Frome, please"}},
		{"query and port", "http://127.0.0.1:8080/twilio/gather?step=2&b=1", map[string]string{"Digits": "1"}},
		{"non-ASCII body", "https://line.example.org/twilio/sms", map[string]string{"Body": "Café at 2pm – £3 “thanks”"}},
		{"empty value", "https://line.example.org/twilio/sms", map[string]string{"FromCity": "", "Body": "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := client.NewRequestValidator("s3cret")
			sig := Sign("s3cret", tt.url, tt.params)
			if !v.Validate(tt.url, tt.params, sig) {
				t.Errorf("Validate(%s, Sign(...)) = false; want true", tt.url)
			}
			if v.Validate(tt.url+"x", tt.params, sig) {
				t.Errorf("Validate(other URL) = true; want false")
			}
			other := client.NewRequestValidator("other")
			if other.Validate(tt.url, tt.params, sig) {
				t.Errorf("Validate with another token = true; want false")
			}
		})
	}
}
