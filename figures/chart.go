package figures

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// ErrEmptyReport means a chart was asked for a report with no weeks.
var ErrEmptyReport = errors.New("figures: report has no weeks")

// Chart colours: a dark blue and an orange that stay distinct in greyscale
// and for the commonest colour blindness.
var (
	callsColour = color.RGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff}
	textsColour = color.RGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}
)

// WriteChart draws the chart (Chart) into the file at path as a PNG
// (whatever path's extension), replacing any file there. It returns
// ErrEmptyReport for a report with no weeks, and otherwise the plotting or
// file error, wrapped.
func WriteChart(path string, rep Report) error {
	if len(rep.Weeks) == 0 {
		return ErrEmptyReport
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("figures: chart: %w", err)
	}
	if err := Chart(f, rep); err != nil {
		f.Close()
		return fmt.Errorf("figures: chart %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("figures: chart %s: %w", path, err)
	}
	return nil
}

// Chart draws calls and texts per week as side-by-side bars and writes the
// chart to w as a PNG. Weeks are labelled by their Monday; with many weeks
// only some are labelled. It returns ErrEmptyReport for a report with no
// weeks, and otherwise the plotting or writer's error, wrapped.
func Chart(w io.Writer, rep Report) error {
	if len(rep.Weeks) == 0 {
		return ErrEmptyReport
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Heritage Line: calls and texts per week, %s to %s", shortDate(rep.From), shortDate(rep.To.AddDate(0, 0, 6)))
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.X.Label.Text = "Week beginning"
	p.Y.Label.Text = "Number"
	p.Y.Tick.Marker = plot.TickerFunc(wholeTicks)

	calls := make(plotter.Values, len(rep.Weeks))
	texts := make(plotter.Values, len(rep.Weeks))
	names := make([]string, len(rep.Weeks))
	every := (len(rep.Weeks) + 11) / 12 // at most about twelve labels
	for i, wk := range rep.Weeks {
		calls[i], texts[i] = float64(wk.Calls), float64(wk.Texts)
		if i%every == 0 {
			names[i] = wk.Start.Format("2 Jan")
		}
	}
	top := 0.0
	for i := range calls {
		top = max(top, calls[i], texts[i])
	}
	// Room above the tallest bar for the key, and whole numbers up the side.
	p.Y.Min, p.Y.Max = 0, max(3, math.Ceil(top*1.3))
	n := float64(len(rep.Weeks))
	p.X.Min, p.X.Max = -0.6, n-0.4
	// Each pair of bars fills about 70% of its week.
	width := vg.Points(max(1.5, min(40, 280/n)))
	for _, s := range []struct {
		name   string
		values plotter.Values
		colour color.Color
		offset vg.Length
	}{
		{"Calls", calls, callsColour, -width / 2},
		{"Texts", texts, textsColour, width / 2},
	} {
		bars, err := plotter.NewBarChart(s.values, width)
		if err != nil {
			return fmt.Errorf("figures: chart %s: %w", s.name, err)
		}
		bars.Color = s.colour
		bars.LineStyle.Width = 0
		bars.Offset = s.offset
		p.Add(bars)
		p.Legend.Add(s.name, bars)
	}
	p.Legend.Top = true
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	p.Add(grid)
	p.NominalX(names...)

	wt, err := p.WriterTo(24*vg.Centimeter, 12*vg.Centimeter, "png")
	if err != nil {
		return fmt.Errorf("figures: chart: %w", err)
	}
	if _, err := wt.WriteTo(w); err != nil {
		return fmt.Errorf("figures: chart: %w", err)
	}
	return nil
}

// wholeTicks labels the count axis with whole numbers only, about five of
// them, at steps of 1, 2 or 5 times a power of ten.
func wholeTicks(lo, hi float64) []plot.Tick {
	step := 1.0
	for p := 1.0; ; p *= 10 {
		found := false
		for _, m := range []float64{1, 2, 5} {
			if (hi-lo)/(m*p) <= 6 {
				step, found = m*p, true
				break
			}
		}
		if found {
			break
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return ticks
}
