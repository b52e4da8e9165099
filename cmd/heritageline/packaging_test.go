package main

import (
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/heritage-line/heritageline/volunteers"
)

// The repository's root, from this package's directory.
const root = "../../"

// composeDefault resolves compose's "${NAME:-default}" to its default, as
// docker compose does when NAME is not set.
func composeDefault(s string) string {
	return regexp.MustCompile(`\$\{[A-Z_]+:-([^}]*)\}`).ReplaceAllString(s, "$1")
}

// TestDockerCompose: out of the box the line's port is bound to this machine
// only, the volunteers file it mounts is in the repository and loads, the
// catalogue has a place to be mounted, and the health check is the line's
// own binary (the image has no shell or curl).
func TestDockerCompose(t *testing.T) {
	data, err := os.ReadFile(root + "docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Ports       []string          `yaml:"ports"`
			Volumes     []string          `yaml:"volumes"`
			Environment map[string]string `yaml:"environment"`
			Healthcheck struct {
				Test []string `yaml:"test"`
			} `yaml:"healthcheck"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &compose); err != nil {
		t.Fatal(err)
	}
	line, ok := compose.Services["line"]
	if !ok {
		t.Fatal("no line service")
	}
	for _, p := range line.Ports {
		if !strings.HasPrefix(composeDefault(p), "127.0.0.1:") {
			t.Errorf("port %q is open to every network by default; want it bound to 127.0.0.1", p)
		}
	}
	if len(line.Ports) == 0 {
		t.Error("no port published")
	}
	if got := line.Healthcheck.Test; !slices.Equal(got, []string{"CMD", "/heritageline", "healthcheck"}) {
		t.Errorf("got health check %q; want the line's own healthcheck command", got)
	}
	mounts := map[string]string{} // container path -> host path (defaults resolved)
	for _, v := range line.Volumes {
		parts := strings.Split(composeDefault(v), ":")
		if len(parts) < 2 {
			t.Fatalf("volume %q: want HOST:CONTAINER", v)
		}
		mounts[parts[1]] = parts[0]
	}
	vols, ok := mounts["/config/volunteers.yaml"]
	if !ok || line.Environment["VOLUNTEERS"] != "/config/volunteers.yaml" {
		t.Fatalf("got mounts %v, VOLUNTEERS %q; want a volunteers file at /config/volunteers.yaml", mounts, line.Environment["VOLUNTEERS"])
	}
	if _, err := volunteers.Load(root + vols); err != nil {
		t.Errorf("the volunteers file mounted by default, %s, does not load: %v", vols, err)
	}
	if dir, ok := mounts["/catalogue"]; !ok {
		t.Errorf("got mounts %v; want the coordinator's catalogue mounted at /catalogue", mounts)
	} else if _, err := os.Stat(root + dir); err != nil {
		t.Errorf("the catalogue folder mounted by default: %v", err)
	}
}

// dockerIgnored reports whether name is left out of the build context by
// the .dockerignore patterns (Docker's rules: each pattern matches a path
// or a folder above it, with path.Match; the last matching pattern wins and
// ! makes an exception).
func dockerIgnored(patterns []string, name string) bool {
	ignored := false
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		exception := strings.HasPrefix(p, "!")
		p = strings.Trim(strings.TrimPrefix(p, "!"), "/")
		for dir := name; dir != "." && dir != "/"; dir = path.Dir(dir) {
			if ok, _ := path.Match(p, dir); ok {
				ignored = !exception
				break
			}
		}
	}
	return ignored
}

func TestDockerIgnore(t *testing.T) {
	data, err := os.ReadFile(root + ".dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	patterns := strings.Split(string(data), "\n")
	for _, secret := range []string{".env", ".env.production", "volunteers.yaml", "catalogue-files/activities.xlsx", ".git/config"} {
		if !dockerIgnored(patterns, secret) {
			t.Errorf("%s would be sent to the Docker build; want it kept out", secret)
		}
	}
	for _, needed := range []string{"go.mod", "go.sum", "cmd/heritageline/main.go", "catalogue/sample/sample.csv", "places/gb-outcodes.csv", ".env.example"} {
		if dockerIgnored(patterns, needed) {
			t.Errorf("%s is kept out of the Docker build; the build needs it", needed)
		}
	}
}

func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile(root + "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`HEALTHCHECK`, `"/heritageline", "healthcheck"`, `-X main.version=${VERSION}`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("Dockerfile lacks %s", want)
		}
	}
}

func TestLicense(t *testing.T) {
	data, err := os.ReadFile(root + "LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "9. Accepting Warranty or Additional Liability.", "END OF TERMS AND CONDITIONS"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("LICENSE lacks %q: want the whole Apache-2.0 text", want)
		}
	}
}
