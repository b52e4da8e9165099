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
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
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

	if !rep.Total.FollowUps.Any() {
		wt, err := p.WriterTo(24*vg.Centimeter, 12*vg.Centimeter, "png")
		if err != nil {
			return fmt.Errorf("figures: chart: %w", err)
		}
		if _, err := wt.WriteTo(w); err != nil {
			return fmt.Errorf("figures: chart: %w", err)
		}
		return nil
	}
	// The follow-up's outcomes for the period go below, small counts
	// suppressed as in the markdown report.
	fp, err := followUpChart(rep)
	if err != nil {
		return err
	}
	img := vgimg.New(24*vg.Centimeter, 22*vg.Centimeter)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadX: vg.Millimeter * 2, PadY: vg.Millimeter * 6, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align([][]*plot.Plot{{p}, {fp}}, tiles, dc)
	p.Draw(canvases[0][0])
	fp.Draw(canvases[1][0])
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(w); err != nil {
		return fmt.Errorf("figures: chart: %w", err)
	}
	return nil
}

// followUpChart draws the period's follow-up outcomes as bars, a count of
// fewer than MinCell people drawn as nothing and labelled "<5".
func followUpChart(rep Report) (*plot.Plot, error) {
	f := rep.Total.FollowUps
	bars := []struct {
		name string
		n    int
	}{
		{"Texts sent", f.Sent}, {"Answered", f.Answered()}, {"Went", f.Went}, {"Not yet", f.NotYet},
		{"Won't go", f.No}, {"Buddy asked", f.BuddiesRequested}, {"Buddy taken", f.BuddiesTaken},
	}
	p := plot.New()
	p.Title.Text = "Follow-up: did they go? (people; fewer than 5 not shown)"
	p.Title.TextStyle.Font.Size = vg.Points(12)
	p.Y.Label.Text = "People"
	p.Y.Tick.Marker = plot.TickerFunc(wholeTicks)
	values := make(plotter.Values, len(bars))
	names := make([]string, len(bars))
	labels := plotter.XYLabels{XYs: make(plotter.XYs, len(bars)), Labels: make([]string, len(bars))}
	top := 0.0
	for i, b := range bars {
		names[i] = b.name
		label := strconv.Itoa(b.n)
		if b.name == "Answered" && f.answeredHidden() {
			label = "not shown"
		} else if Suppressed(b.n) {
			label = "<" + strconv.Itoa(MinCell)
		} else {
			values[i] = float64(b.n)
		}
		top = max(top, values[i])
		labels.XYs[i] = plotter.XY{X: float64(i), Y: values[i]}
		labels.Labels[i] = label
	}
	p.Y.Min, p.Y.Max = 0, max(3, math.Ceil(top*1.25))
	p.X.Min, p.X.Max = -0.6, float64(len(bars))-0.4
	chart, err := plotter.NewBarChart(values, vg.Points(30))
	if err != nil {
		return nil, fmt.Errorf("figures: chart follow-up: %w", err)
	}
	chart.Color = callsColour
	chart.LineStyle.Width = 0
	p.Add(chart)
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, fmt.Errorf("figures: chart follow-up: %w", err)
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign = draw.XCenter
		l.TextStyle[i].YAlign = draw.YBottom
	}
	p.Add(l)
	p.NominalX(names...)
	return p, nil
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
