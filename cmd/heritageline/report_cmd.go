package main

import (
	"context"
	"errors"
	"io"
)

func reportCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return errors.New("report: not yet available")
}
