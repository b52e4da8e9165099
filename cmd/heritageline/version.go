package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// version is set at build time when the build has no version control
// information to stamp (the Docker image: -ldflags "-X main.version=v1.2.3").
var version string

// versionText says which build this is: the module's version, or the
// version given at build time, and the version control revision, its time
// and whether the tree had changes, as the Go toolchain recorded them
// (debug.ReadBuildInfo); and the Go version.
func versionText(info *debug.BuildInfo, ok bool, given string) string {
	v := "(unknown version)"
	var rev, when string
	modified := false
	goVersion := ""
	if ok && info != nil {
		goVersion = info.GoVersion
		if m := info.Main.Version; m != "" && m != "(devel)" {
			v = m
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if given = strings.TrimSpace(given); given != "" && (v == "(unknown version)" || rev == "") {
		v = given
	}
	if v == "(unknown version)" && rev != "" {
		v = "(development build)"
	}
	out := "heritageline " + v
	var details []string
	if rev != "" {
		r := "revision " + rev[:min(12, len(rev))]
		if modified {
			r += " with uncommitted changes"
		}
		details = append(details, r)
	}
	if when != "" {
		details = append(details, "committed "+when)
	}
	if goVersion != "" {
		details = append(details, "built with "+goVersion)
	}
	if len(details) > 0 {
		out += " (" + strings.Join(details, ", ") + ")"
	}
	return out
}

func versionCommand(args []string, stdout io.Writer) error {
	if err := noArgs("version", args); err != nil {
		return err
	}
	info, ok := debug.ReadBuildInfo()
	_, err := fmt.Fprintln(stdout, versionText(info, ok, version))
	return err
}
