package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name  string
		info  *debug.BuildInfo
		given string
		want  string
	}{
		{"a tagged module", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}, Settings: vcs("0123456789abcdef0123", "2026-12-01T10:00:00Z", "false")},
			"", "heritageline v1.2.0 (revision 0123456789ab, committed 2026-12-01T10:00:00Z, built with go1.26.8)"},
		{"a checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs("fedcba9876543210", "2026-12-02T09:00:00Z", "true")},
			"", "heritageline (development build) (revision fedcba987654 with uncommitted changes, committed 2026-12-02T09:00:00Z, built with go1.26.8)"},
		{"the Docker image, version given", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"v1.3.0", "heritageline v1.3.0 (built with go1.26.8)"},
		{"nothing known", nil, "", "heritageline (unknown version)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionText(tt.info, tt.info != nil, tt.given); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	for _, cmd := range []string{"version", "about"} {
		out, err := runCmd(t, cmd)
		if err != nil || !strings.HasPrefix(out, "heritageline ") || !strings.Contains(out, "built with go") {
			t.Errorf("%s: got %q, %v; want the build's version first", cmd, out, err)
		}
	}
}
