package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/heritage-line/heritageline/catalogue"
	"github.com/heritage-line/heritageline/catalogue/publish"
	"github.com/heritage-line/heritageline/catalogue/published"
	"github.com/heritage-line/heritageline/catalogue/redisstore"
	"github.com/heritage-line/heritageline/catalogue/source"
	"github.com/heritage-line/heritageline/config"
	"github.com/heritage-line/heritageline/coordinators"
	"github.com/heritage-line/heritageline/feed"
	"github.com/heritage-line/heritageline/figures"
	"github.com/heritage-line/heritageline/followup"
	"github.com/heritage-line/heritageline/internal/twiliosig"
	"github.com/heritage-line/heritageline/ivr"
	"github.com/heritage-line/heritageline/llm"
	"github.com/heritage-line/heritageline/metrics"
	"github.com/heritage-line/heritageline/outbound"
	"github.com/heritage-line/heritageline/phonepolicy"
	"github.com/heritage-line/heritageline/places"
	"github.com/heritage-line/heritageline/privacy"
	"github.com/heritage-line/heritageline/session"
	"github.com/heritage-line/heritageline/sms"
	"github.com/heritage-line/heritageline/understand"
	"github.com/heritage-line/heritageline/volunteers"
	"github.com/heritage-line/heritageline/web"
	"github.com/heritage-line/heritageline/words"
)

// demoVolunteers is the roster of the embedded default: two made-up volunteers
// (numbers from Ofcom's drama range) on duty at all hours, so a simulated call
// can be put through. A real line names its own file in VOLUNTEERS.
//
//go:embed demo-volunteers.yaml
var demoVolunteers []byte

// line is the whole application: every part, wired together.
type line struct {
	cfg       config.Config
	log       *slog.Logger
	rdb       redis.UniversalClient
	refresher *catalogue.Refresher
	metrics   *metrics.Metrics
	voice     *ivr.Line
	text      *sms.Line
	feed      *feed.Feed
	catalogue *publish.Service // the coordinator's uploads, versions and roll backs
	handler   http.Handler
	accounts  *coordinators.Store
	audit     *coordinators.Audit
	closers   []func() // run in reverse order by close
}

// newLine builds the line from cfg. Output meant for a person (the demo's
// texts) goes to out. The catalogue's first load is started, not awaited:
// until it lands /readyz says 503 and webhooks apologise with a way to a person.
func newLine(ctx context.Context, cfg config.Config, log *slog.Logger, out io.Writer) (*line, error) {
	l := &line{cfg: cfg, log: log}
	ok := false
	defer func() {
		if !ok {
			l.close()
		}
	}()

	rdb, closeRedis, err := openRedis(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	l.rdb = rdb
	l.onClose(closeRedis)
	if cfg.RedisURL == "" && cfg.DemoToken && cfg.AnalyticsSalt == "token:"+cfg.AuthToken {
		// The demo's token is new at every start: keep its pseudonyms' key
		// with its data, or what DATA_DIR keeps could not be found again.
		salt, err := demoSalt(cfg.DataDir)
		if err != nil {
			log.Warn("demo line: pseudonyms will change at the next start", "err", err)
		} else {
			cfg.AnalyticsSalt, l.cfg.AnalyticsSalt = salt, salt
		}
	}
	shared, closeShared := autoPipeline(rdb, cfg.RedisAutoPipeline, log)
	l.onClose(closeShared)

	ix, err := places.Load()
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	if cfg.PostcodesFile != "" {
		if err := loadPostcodes(ix, cfg.PostcodesFile, log); err != nil {
			return nil, err
		}
	}
	// One number policy for every path that rings or texts anyone.
	numbers, err := phonepolicy.New(cfg.SMSAllowedPrefix)
	if err != nil {
		return nil, &config.Error{Problems: []config.Problem{{Name: "SMS_ALLOWED_PREFIXES",
			Value: strings.Join(cfg.SMSAllowedPrefix, ","), Reason: err.Error()}}}
	}
	roster, err := loadRoster(cfg, numbers, log)
	if err != nil {
		return nil, err
	}

	l.metrics = metrics.New()
	store := redisstore.New(rdb, redisstore.Options{Logger: log, Shared: shared})
	// Figures are written off the request path, in batches; close writes
	// what is waiting.
	figs := figures.NewRedis(rdb, figures.Options{
		Retention:     cfg.Retention,
		FlushInterval: figures.DefaultFlushInterval,
		OnError:       l.metrics.RedisErrorFunc("figures"),
	}, log)
	l.onClose(func() { figs.Close() })
	rec := figures.Multi(figs, l.metrics)

	hasher := privacy.NewHasher([]byte(cfg.AnalyticsSalt))
	// What Redis cannot take while it is down (callbacks, STOPs) waits on
	// disk, and is applied when it is back.
	sp, err := openSpool(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	var desk *volunteers.Desk
	sender, err := newSender(cfg, numbers, roster, rdb, hasher, log, out, l, sp.Stopped, func(hash string) bool {
		return desk != nil && desk.IsVolunteerHash(hash)
	})
	if err != nil {
		return nil, err
	}
	langs := lineLanguages(cfg)
	// One package owns every route and builds every URL the line hands Twilio.
	urls := web.NewURLs(cfg.PublicURL)
	// The desk decides what a volunteer's call says; ivr writes it as TwiML.
	desk = volunteers.NewDesk(roster, rdb, sender, ivr.Ringer{Caller: sender}, cfg.PhoneNumber, cfg.PublicURL, time.Now, log,
		// Volunteers hear and read the line's default language.
		volunteers.WithLanguage(langs[0]), volunteers.WithVoice(cfg.Voice), volunteers.WithLineName(cfg.LineName), volunteers.WithNumbers(numbers), volunteers.WithHasher(hasher),
		// The roster is kept in Redis sealed, so it never holds a number in the clear.
		volunteers.WithRosterKey([]byte(cfg.AnalyticsSalt)), volunteers.WithURLs(urls),
		// References are never given twice, even by a Redis that lost its data.
		volunteers.WithRefMark(volunteers.NewFileRefMark(filepath.Join(cfg.DataDir, "callback-refs"))),
		volunteers.WithSpool(sp), volunteers.WithOnSpooled(func(kind string) { l.metrics.Spooled(kind, "kept") }),
		volunteers.WithOnChange(func(ctx context.Context, t volunteers.Timing) {
			e := figures.Event{Time: time.Now(), Channel: figures.Voice, Kind: figures.Callback, Outcome: t.Stage()}
			if t.Kind == "sms" {
				e.Channel = figures.SMS
			}
			if t.Kind == volunteers.KindBuddy {
				// Asked for by text, after the follow-up: counted apart.
				e.Channel, e.Kind = figures.SMS, figures.Buddy
			}
			if e.Outcome == "done" {
				e.Seconds = int(t.Done.Sub(t.Requested).Seconds())
			}
			rec.Record(ctx, e)
		}))
	// The volunteers file is the roster's first import; once changed from
	// the console, the roster in Redis is the one every instance uses.
	switch did, err := desk.ImportFile(ctx); {
	case err != nil:
		log.Warn("volunteers: the roster in Redis could not be read; using the volunteers file until it can", "err", err)
	case did == volunteers.KeptConsole:
		log.Info("volunteers: using the roster changed from the console; the volunteers file was its first import and is not read again", "file", cfg.Volunteers)
	case did == volunteers.ImportedFile:
		log.Info("volunteers: imported the volunteers file as the roster", "file", cfg.Volunteers, "volunteers", len(roster.Volunteers))
	}

	rules := &swapUnderstander{}
	rules.set(understand.New(ix, nil))
	var understander catalogue.Understander = rules
	if cfg.OpenAIKey != "" {
		// The model classifies what the rules cannot settle; the rules answer
		// whenever it is slow, failing or makes no sense.
		understander = llm.New(llm.Config{
			APIKey: cfg.OpenAIKey, BaseURL: cfg.OpenAIBaseURL, Model: cfg.OpenAIModel,
			Deadline: cfg.OpenAITimeout, Places: ix, OnFallback: l.metrics.UnderstandingFallback,
		}, rules, rdb, log)
	}

	accept := newAcceptMark(cfg.DataDir, log)
	srcOpts := source.Options{}
	srcOpts.OpenReferral.Taxonomy = cfg.TaxonomyMap
	srcOpts.OpenReferral.Logger = log
	// The coordinator's published version, when there is one, is the
	// catalogue every instance serves; otherwise the CATALOGUE source is.
	pubStore := published.New(rdb, published.Options{})
	l.catalogue = publish.New(pubStore, uploadReader(cfg.TaxonomyMap, log), previewRenderers, store,
		publish.Options{MaxDrop: cfg.CatalogueMaxDrop, Logger: log})
	load := l.catalogue.Loader(func(ctx context.Context) (catalogue.Load, error) {
		return source.Load(ctx, cfg.Catalogue, srcOpts)
	})
	l.refresher = catalogue.NewRefresher(func(ctx context.Context) (catalogue.Load, error) {
		ld, err := load(ctx)
		if err != nil {
			l.metrics.CatalogueLoaded(time.Now(), 0, err) // counted; the catalogue in service stays
		}
		return ld, err
	}, store, catalogue.RefresherOptions{Interval: cfg.CatalogueRefresh, Logger: log,
		MaxDrop: cfg.CatalogueMaxDrop, AcceptDrop: func(h catalogue.Hold) bool {
			return l.catalogue.AcceptDrop(h) || accept.accepts(h)
		}})
	l.catalogue.SetReload(l.refresher.Refresh)
	l.refresher.OnLoad(func(ctx context.Context, ld catalogue.Load, version string) {
		accept.used()
		// Venues give their full postcodes exact points, and same-named
		// places near the catalogue win; the rules learn the towns by name.
		var pts []places.Point
		towns := map[string]bool{}
		var names []string
		for _, a := range ld.Activities {
			if !a.Active {
				continue
			}
			ix.AddVenue(a.Postcode, a.Lat, a.Lon)
			pts = append(pts, places.Point{Lat: a.Lat, Lon: a.Lon})
			if !towns[a.Town] {
				towns[a.Town] = true
				names = append(names, a.Town)
			}
		}
		ix.Prefer(pts)
		ix.SetNamed(namedPlaces(ld.Activities))
		rules.set(understand.New(ix, names))
		l.metrics.CatalogueLoaded(time.Now(), len(pts), nil)
	})
	if !cfg.DemoToken {
		// A real line does not start without a catalogue it can offer: the
		// first load is awaited, and a source that cannot be read, yields
		// no activity or is cut off stops start-up naming it. (The demo
		// starts at once; /readyz says 503 until its catalogue is in.)
		if err := l.refresher.Refresh(ctx); err != nil && !errors.Is(err, catalogue.ErrReplacedElsewhere) {
			return nil, &config.Error{Problems: []config.Problem{{Name: "CATALOGUE", Value: cfg.Catalogue,
				Reason: fmt.Sprintf("gives the line nothing to offer: %v", err)}}}
		}
	}
	runCtx, stopRefresh := context.WithCancel(context.WithoutCancel(ctx))
	refreshDone, watchDone := make(chan struct{}), make(chan struct{})
	go func() { defer close(refreshDone); l.refresher.Run(runCtx) }()
	// A version published or rolled back on any instance is put in service
	// here at once, with this instance's towns and places learnt from it.
	go func() {
		defer close(watchDone)
		pubStore.Watch(runCtx, func() { l.refresher.Refresh(runCtx) })
	}()
	l.onClose(func() { stopRefresh(); <-refreshDone; <-watchDone })

	sessions := session.New(shared, "hl:")
	// The follow-up (FOLLOWUP): the diary, or followup.Off.
	var textFollowUps sms.FollowUps = followup.Off{}
	var voiceFollowUps ivr.FollowUps = followup.Off{}
	unstaffed := lineUnstaffed(cfg, desk)
	diary, err := l.newFollowUp(cfg, followUpDeps{rdb: rdb, texter: sender, desk: desk, unstaffed: unstaffed, numbers: numbers, figures: rec, hasher: hasher, log: log})
	if err != nil {
		return nil, err
	}
	if diary != nil {
		textFollowUps, voiceFollowUps = diary, diary
	}

	l.voice = ivr.New(ivr.Config{
		PublicURL: cfg.PublicURL, LineName: cfg.LineName, LineNumber: cfg.PhoneNumber, Voice: cfg.Voice,
		Languages: langs, TakesTexts: lineTakesTexts(cfg), Now: lineNow, Unstaffed: unstaffed, Numbers: numbers,
	}, ivr.Deps{
		Finder: store, Towns: store, Places: ix, Sessions: sessions, Desk: desk, Texter: sender,
		Understander: understander, Figures: rec, Hasher: hasher, Log: log,
		FollowUps: voiceFollowUps,
	})
	l.text = sms.New(sms.Config{
		LineName: cfg.LineName, LineNumber: privacy.Display(cfg.PhoneNumber), PublicURL: cfg.PublicURL,
		RepliesPerHour: cfg.SMSRepliesPerHour, RepliesGlobalPerHour: cfg.SMSRepliesGlobal, Numbers: numbers,
		Languages: langs, Now: lineNow, Unstaffed: unstaffed,
	}, sms.Deps{
		Finder: store, Towns: store, Places: ix, Sessions: sessions, Understand: understander,
		Desk: desk, OptOuts: sender, Figures: rec, Hasher: hasher, Log: log,
		OnReply:      func(n int) { l.metrics.SMSSegments(metrics.Reply, n) },
		OnUnanswered: l.metrics.SMSUnanswered,
		FollowUps:    textFollowUps,
		Spool:        sp, OnSpooled: func(what string) { l.metrics.Spooled(what, "kept") },
	})
	spoolCtx, stopSpool := context.WithCancel(context.WithoutCancel(ctx))
	spoolDone := make(chan struct{})
	go func() {
		defer close(spoolDone)
		drainSpool(spoolCtx, sp, rdb, desk, sender, func(what string) { l.metrics.Spooled(what, "applied") }, log)
	}()
	l.onClose(func() { stopSpool(); <-spoolDone })
	l.feed = feed.New(store, log)
	l.watchStats(store, sender)
	l.watchRefresher()

	l.accounts = coordinators.New(rdb)
	l.audit = coordinators.NewAudit(rdb, nil)
	console, err := web.NewConsole(web.ConsoleDeps{
		Accounts: l.accounts, Audit: l.audit, URLs: urls, LineName: cfg.LineName, Log: log,
		Desk: desk, Roster: desk, Figures: withWellbeing{figs, rdb}, Catalogue: l.refresher.Status, Publisher: l.catalogue,
	})
	if err != nil {
		return nil, err
	}
	// Refused webhooks are logged as counts, at most once a second.
	refused := twiliosig.NewRefusalLog(log, time.Second)
	l.onClose(refused.Close)
	// Each webhook request acts once: a retry or a replay gets the first
	// answer again and changes nothing.
	// On the shared, autopipelined client: its look and mark share round
	// trips with the other webhooks' commands.
	replays := web.NewReplays(shared, cfg.AnalyticsSalt, web.ReplaysOptions{OnReplay: l.metrics.Replayed, Log: log})
	l.onClose(replays.Close)
	l.handler = web.Routes(web.Config{
		PublicURL: cfg.PublicURL, AuthTokens: []string{cfg.AuthToken, cfg.AuthTokenSecondary},
		SigningKey: cfg.WebhookSigningKey, Refused: refused,
		WebhookTimeout: cfg.WebhookTimeout, Log: log, Replays: replays,
	}, web.Handlers{
		SMS: l.text.Handler(), Voice: l.voice.Incoming(), VoiceStep: l.voice.Step(), Status: l.voice.Status(),
		Ready: http.HandlerFunc(l.readyz), Metrics: l.metrics.Handler(), Instrument: l.metrics.Instrument,
		OpenReferral: l.feed.Index(), OpenReferralServices: l.feed.Services(), OpenReferralService: l.feed.Service(),
		Console:   console,
		SMSReplay: web.Replay{Key: sms.RequestKey}, VoiceReplay: web.Replay{Key: ivr.RequestKey, Again: l.voice.Repeated()},
	})
	ok = true
	return l, nil
}

// lineNow is the time the line's voice and text answers are made at: the
// wall clock, fixed only by the tests whose transcripts must not change
// with the day they run (TestLanguageTranscripts).
var lineNow = time.Now

// lineLanguages are LANGUAGES as the book of words' codes (config has
// checked each is known).
func lineLanguages(cfg config.Config) []words.Lang {
	langs := make([]words.Lang, 0, len(cfg.Languages))
	for _, c := range cfg.Languages {
		langs = append(langs, words.Lang(c))
	}
	if len(langs) == 0 {
		langs = append(langs, words.English)
	}
	return langs
}

// loadRoster reads VOLUNTEERS. With none set, the embedded default (no Twilio
// account) uses the demo roster, and a real line has nobody to forward to:
// callers are offered a message or a callback instead.
func loadRoster(cfg config.Config, numbers *phonepolicy.Policy, log *slog.Logger) (volunteers.Roster, error) {
	switch {
	case cfg.Volunteers != "":
		return volunteers.LoadWith(cfg.Volunteers, numbers)
	case cfg.DemoToken:
		return volunteers.ParseWith("demo-volunteers.yaml", demoVolunteers, numbers)
	}
	log.Warn("no VOLUNTEERS file: nobody to put calls through to or ring back; the line will not offer a person, a message or a callback")
	return volunteers.Roster{}, nil
}

// lineUnstaffed says whether the line has nobody to take calls or ring
// back: a real line (not the demo) whose roster (the volunteers file, or
// what the console has made of it) has no volunteer. It then never promises
// a person.
func lineUnstaffed(cfg config.Config, desk *volunteers.Desk) func() bool {
	if cfg.DemoToken {
		return func() bool { return false }
	}
	return func() bool { return len(desk.Roster().Volunteers) == 0 }
}

// newSender is the line's only way out to Twilio's REST API. The embedded
// default has no Twilio account, so it talks to demoTwilio on loopback.
func newSender(cfg config.Config, numbers *phonepolicy.Policy, roster volunteers.Roster, rdb redis.UniversalClient, hasher privacy.Hasher, log *slog.Logger, out io.Writer, l *line, stopped, isVolunteer func(hash string) bool) (*outbound.Sender, error) {
	oc := outbound.Config{
		Stopped:       stopped,
		UnlimitedHash: isVolunteer,
		AccountSID:    cfg.AccountSID, AuthToken: cfg.AuthToken, From: cfg.PhoneNumber,
		Numbers: numbers, PerNumberPerHour: cfg.SMSPerNumberHour, GlobalPerHour: cfg.SMSGlobalPerHour,
		OnSent: func(n int) { l.metrics.SMSSegments(metrics.Outbound, n) },
	}
	// Volunteers get an alert for every callback: the per-number cap is for
	// residents, not for them.
	for _, v := range roster.Volunteers {
		oc.Unlimited = append(oc.Unlimited, v.Phone)
	}
	switch {
	case cfg.TwilioAPIBase != "":
		oc.APIBase = cfg.TwilioAPIBase
	case cfg.DemoToken:
		demo, err := startDemoTwilio(out)
		if err != nil {
			return nil, err
		}
		l.onClose(demo.Close)
		oc.APIBase = demo.URL
	}
	return outbound.New(oc, rdb, hasher, log), nil
}

func (l *line) onClose(f func()) { l.closers = append(l.closers, f) }

// close releases everything in the reverse order of creation.
func (l *line) close() {
	for i := len(l.closers) - 1; i >= 0; i-- {
		l.closers[i]()
	}
	l.closers = nil
}

// swapUnderstander lets the rules be rebuilt with the catalogue's towns at
// every reload while webhooks keep using them.
type swapUnderstander struct {
	p atomic.Pointer[understand.Rules]
}

func (s *swapUnderstander) set(r *understand.Rules) { s.p.Store(r) }

func (s *swapUnderstander) Understand(ctx context.Context, text string) catalogue.Request {
	return s.p.Load().Understand(ctx, text)
}

// loadPostcodes reads POSTCODES_FILE (ONS Postcode Directory, OS Code-Point
// Open or Doogal's file) so full postcodes resolve to exact points.
func loadPostcodes(ix *places.Index, path string, log *slog.Logger) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("POSTCODES_FILE: %w", err)
	}
	defer f.Close()
	loaded, skipped, err := ix.LoadPostcodes(f, path)
	if err != nil {
		return fmt.Errorf("POSTCODES_FILE: %w", err)
	}
	log.Info("postcodes loaded", "file", path, "loaded", loaded, "skipped", skipped)
	return nil
}

// readyz says whether the line can serve callers: Redis answers and a
// catalogue is loaded. 503 otherwise, with the reason.
func (l *line) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := l.rdb.Ping(r.Context()).Err(); err != nil {
		http.Error(w, "redis not answering", http.StatusServiceUnavailable)
		return
	}
	if !l.refresher.Status().Loaded() {
		http.Error(w, "no catalogue loaded yet", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}

// namedPlaces are the active activities' venues and titles as places, so a
// resident who names one ("Delapre Abbey") finds it and what is near it.
func namedPlaces(acts []catalogue.Activity) []places.Named {
	var named []places.Named
	for _, a := range acts {
		if !a.Active {
			continue
		}
		out := a.Postcode
		if _, o, ok := places.ParsePostcode(a.Postcode); ok {
			out = o
		}
		for _, n := range []string{a.Venue, a.Title} {
			if n != "" {
				named = append(named, places.Named{Name: n, Lat: a.Lat, Lon: a.Lon, Outcode: out})
			}
		}
	}
	return named
}
