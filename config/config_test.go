package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestEmbeddedDefault(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatalf("FromEnv(empty) error: %v", err)
	}
	if !c.DemoToken || len(c.AuthToken) != 32 {
		t.Errorf("token = %q (demo %v); want a random 32-character demo token", c.AuthToken, c.DemoToken)
	}
	if c.ListenAddr != "127.0.0.1:8080" {
		t.Errorf("ListenAddr = %q; want loopback 127.0.0.1:8080", c.ListenAddr)
	}
	if c.PublicURL != "" {
		t.Errorf("PublicURL = %q; want empty (derived from the listener)", c.PublicURL)
	}
	if got := LocalURL("[::]:8080"); got != "http://127.0.0.1:8080" {
		t.Errorf("LocalURL([::]:8080) = %q; want http://127.0.0.1:8080", got)
	}
	if c.CatalogueRefresh != 15*time.Minute || c.WebhookTimeout != 3*time.Second {
		t.Errorf("refresh %v timeout %v; want 15m and 3s", c.CatalogueRefresh, c.WebhookTimeout)
	}
	if len(c.SMSAllowedPrefix) != 1 || c.SMSAllowedPrefix[0] != "+44" {
		t.Errorf("SMSAllowedPrefix = %v; want [+44]", c.SMSAllowedPrefix)
	}
	if !c.RedisAutoPipeline {
		t.Errorf("RedisAutoPipeline = false; want true by default")
	}
}

func TestDemoTokensDiffer(t *testing.T) {
	a, _ := FromEnv(env(nil))
	b, _ := FromEnv(env(nil))
	if a.AuthToken == b.AuthToken {
		t.Errorf("two demo tokens are both %q; want random ones", a.AuthToken)
	}
}

func TestProduction(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		"TWILIO_AUTH_TOKEN":   "secret",
		"TWILIO_ACCOUNT_SID":  "AC0123456789abcdef0123456789abcdef",
		"TWILIO_PHONE_NUMBER": "+44 1632 960000",
		"PUBLIC_URL":          "https://line.example.org/",
		"REDIS_URL":           "redis://localhost:6379/0",
		"CATALOGUE_REFRESH":   "1h",
		"CATALOGUE":           "/srv/heritageline/catalogue.csv",
		"LOG_LEVEL":           "debug",
		"REDIS_AUTOPIPELINE":  "false",
	}))
	if err != nil {
		t.Fatalf("FromEnv: %v", err)
	}
	if c.RedisAutoPipeline {
		t.Errorf("REDIS_AUTOPIPELINE=false gave RedisAutoPipeline true")
	}
	if c.DemoToken || c.ListenAddr != ":8080" || c.PublicURL != "https://line.example.org" || c.PhoneNumber != "+441632960000" {
		t.Errorf("got demo=%v listen=%q public=%q phone=%q", c.DemoToken, c.ListenAddr, c.PublicURL, c.PhoneNumber)
	}
}

func TestEveryProblemNamed(t *testing.T) {
	_, err := FromEnv(env(map[string]string{
		"TWILIO_AUTH_TOKEN":    "secret",
		"TWILIO_PHONE_NUMBER":  "07700 900111",
		"PUBLIC_URL":           "line.example.org",
		"REDIS_URL":            "http://x",
		"CATALOGUE_REFRESH":    "soon",
		"LOG_LEVEL":            "loud",
		"SMS_ALLOWED_PREFIXES": "+44,44",
		"REDIS_POOL_SIZE":      "-1",
		"DEBUG_ADDR":           ":6060",
		"REDIS_AUTOPIPELINE":   "sometimes",
		"LINE_TAKES_TEXTS":     "maybe",
	}))
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v; want *config.Error", err)
	}
	want := []string{"TWILIO_ACCOUNT_SID", "TWILIO_PHONE_NUMBER", "PUBLIC_URL", "CATALOGUE", "REDIS_URL", "CATALOGUE_REFRESH", "LOG_LEVEL", "SMS_ALLOWED_PREFIXES", "REDIS_POOL_SIZE", "DEBUG_ADDR", "REDIS_AUTOPIPELINE", "LINE_TAKES_TEXTS"}
	var got []string
	for _, p := range ce.Problems {
		got = append(got, p.Name)
	}
	for _, name := range want {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s; got problems %v", name, got)
		}
	}
}

func TestDemoRefusesPublicListen(t *testing.T) {
	_, err := FromEnv(env(map[string]string{"LISTEN_ADDR": "0.0.0.0:8080"}))
	if err == nil || !strings.Contains(err.Error(), "LISTEN_ADDR") {
		t.Errorf("err = %v; want LISTEN_ADDR refused without a token", err)
	}
}

func TestRedisPasswordNotEchoed(t *testing.T) {
	_, err := FromEnv(env(map[string]string{"REDIS_URL": "http://user:hunter2@host"}))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("err = %v; want a REDIS_URL error without the password", err)
	}
}

func TestCatalogueMaxDrop(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want float64
		bad  bool
	}{
		{"", 0.25, false}, {"0.4", 0.4, false}, {"40%", 0.4, false}, {"100%", 1, false}, {"1", 1, false},
		{"0", 0, true}, {"0%", 0, true}, {"150%", 0, true}, {"-0.1", 0, true}, {"a third", 0, true},
	} {
		c, err := FromEnv(env(map[string]string{"CATALOGUE_MAX_DROP": tt.v}))
		if tt.bad {
			var ce *Error
			if !errors.As(err, &ce) || ce.Problems[0].Name != "CATALOGUE_MAX_DROP" || ce.Problems[0].Value != tt.v {
				t.Errorf("CATALOGUE_MAX_DROP=%q: got %v; want a problem naming it and its value", tt.v, err)
			}
			continue
		}
		if err != nil || c.CatalogueMaxDrop != tt.want {
			t.Errorf("CATALOGUE_MAX_DROP=%q: got %v, %v; want %v", tt.v, c.CatalogueMaxDrop, err, tt.want)
		}
	}
}

func TestDataDir(t *testing.T) {
	c, _ := FromEnv(env(nil))
	if c.DataDir != "./heritageline-data" {
		t.Errorf("DataDir: got %q; want ./heritageline-data", c.DataDir)
	}
	c, _ = FromEnv(env(map[string]string{"DATA_DIR": "/var/lib/heritageline"}))
	if c.DataDir != "/var/lib/heritageline" {
		t.Errorf("DataDir: got %q; want /var/lib/heritageline", c.DataDir)
	}
}

func TestLanguages(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want []string
		bad  bool
	}{
		{"", []string{"en"}, false}, {"en", []string{"en"}, false}, {"cy,en", []string{"cy", "en"}, false},
		{" CY , en,pl ", []string{"cy", "en", "pl"}, false}, {"en,cy,pl,ro,ar,yue", KnownLanguages, false},
		{"fr", nil, true}, {"cy,en,cy", nil, true}, {"en,zh", nil, true},
	} {
		c, err := FromEnv(env(map[string]string{"LANGUAGES": tt.v}))
		if tt.bad {
			var ce *Error
			if !errors.As(err, &ce) || ce.Problems[0].Name != "LANGUAGES" || ce.Problems[0].Value != tt.v {
				t.Errorf("LANGUAGES=%q: got %v; want a problem naming it and its value", tt.v, err)
			}
			continue
		}
		if err != nil || strings.Join(c.Languages, ",") != strings.Join(tt.want, ",") {
			t.Errorf("LANGUAGES=%q: got %v, %v; want %v", tt.v, c.Languages, err, tt.want)
		}
	}
}

func TestFollowUpSettings(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.FollowUp != "" || c.FollowUpAfter != 14*24*time.Hour || c.FollowUpMinGap != 24*time.Hour || c.WellbeingAfter != 56*24*time.Hour || c.FollowUpHours != "" {
		t.Errorf("defaults: FOLLOWUP %q after %v gap %v wellbeing %v hours %q; want unset, 336h, 24h, 1344h and the default hours",
			c.FollowUp, c.FollowUpAfter, c.FollowUpMinGap, c.WellbeingAfter, c.FollowUpHours)
	}
	c, err = FromEnv(env(map[string]string{"FOLLOWUP": "OFF", "FOLLOWUP_AFTER": "5s", "FOLLOWUP_MIN_GAP": "1s", "WELLBEING_AFTER": "10s", "FOLLOWUP_HOURS": "always"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.FollowUp != "off" || c.FollowUpAfter != 5*time.Second || c.FollowUpMinGap != time.Second || c.WellbeingAfter != 10*time.Second || c.FollowUpHours != "always" {
		t.Errorf("set: %+v; want off, 5s, 1s, 10s, always", c)
	}

	const key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string // problems, by variable
	}{
		{"unknown switch", map[string]string{"FOLLOWUP": "maybe"}, []string{"FOLLOWUP"}},
		{"shared Redis without a key", map[string]string{"FOLLOWUP": "on", "REDIS_URL": "redis://localhost:6379"}, []string{"FOLLOWUP_KEY"}},
		{"shared Redis with a key", map[string]string{"FOLLOWUP": "on", "REDIS_URL": "redis://localhost:6379", "FOLLOWUP_KEY": key}, nil},
		{"embedded Redis keeps its own key", map[string]string{"FOLLOWUP": "on"}, nil},
		{"zero duration", map[string]string{"FOLLOWUP_AFTER": "0s", "WELLBEING_AFTER": "8 weeks"}, []string{"FOLLOWUP_AFTER", "WELLBEING_AFTER"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FromEnv(env(tc.env))
			var got []string
			var ce *Error
			if errors.As(err, &ce) {
				for _, p := range ce.Problems {
					got = append(got, p.Name)
					if strings.Contains(p.Error(), key) {
						t.Errorf("problem %q echoes FOLLOWUP_KEY", p.Error())
					}
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("problems %v; want %v", got, tc.want)
			}
		})
	}
}
