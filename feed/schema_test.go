package feed

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// ukProfile is where the UK profile's OpenAPI document says its schemas live;
// testdata/hsds-uk-3.0 holds copies (SOURCE.md says which commit).
const ukProfile = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

// schemas compiles the published HSDS-UK 3.0 schemas from testdata: one
// service (GET /services/{id}) and one list page (GET /services: the Page
// schema with contents of service_list.json). With assertFormat, "format"
// is checked too (uuid, uri, email, date-time), not only noted.
func schemas(t testing.TB, assertFormat bool) (service, page *jsonschema.Schema) {
	t.Helper()
	c := jsonschema.NewCompiler()
	if assertFormat {
		c.AssertFormat()
	}
	for _, name := range []string{"compiled/service.json", "compiled/service_list.json", "openapi.json"} {
		f, err := os.Open(filepath.Join("testdata/hsds-uk-3.0/schema", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(ukProfile+name, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	service, err := c.Compile(ukProfile + "compiled/service.json")
	if err != nil {
		t.Fatal(err)
	}
	page, err = c.Compile(ukProfile + "openapi.json#/paths/~1services/get/responses/200/content/application~1json/schema")
	if err != nil {
		t.Fatal(err)
	}
	return service, page
}

// getJSON fetches u and decodes its body for the validator.
func getJSON(t testing.TB, u string) any {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, body)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return doc
}

// leaves returns the errors at the ends of err's tree of causes.
func leaves(err *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(err.Causes) == 0 {
		return []*jsonschema.ValidationError{err}
	}
	var out []*jsonschema.ValidationError
	for _, c := range err.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// onlyServiceIDs checks that every error err holds is the uuid format of a
// service's own id (at /id, or /contents/N/id in a page): the feed gives each
// service the activity's id, which need not be a UUID, and every other id a
// UUID.
func onlyServiceIDs(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		t.Fatalf("%s: %v", what, err)
	}
	for _, l := range leaves(ve) {
		at := "/" + strings.Join(l.InstanceLocation, "/")
		f, isFormat := l.ErrorKind.(*kind.Format)
		serviceID := at == "/id" || len(l.InstanceLocation) == 3 && l.InstanceLocation[0] == "contents" && l.InstanceLocation[2] == "id"
		if !isFormat || f.Want != "uuid" || !serviceID {
			t.Errorf("%s: %s: %v", what, at, l)
		}
	}
}

// The validator accepts the UK profile's own full example service, and
// refuses a service without a name and with an unknown status: the schemas
// are compiled and really applied.
func TestSchemasWork(t *testing.T) {
	for _, assert := range []bool{false, true} {
		service, _ := schemas(t, assert)
		f, err := os.Open("testdata/hsds-uk-3.0/examples/service_full.json")
		if err != nil {
			t.Fatal(err)
		}
		example, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := service.Validate(example); err != nil {
			t.Errorf("format asserted %v: the UK profile's example: got %v; want valid", assert, err)
		}
		bad := map[string]any{"id": "x", "status": "open"}
		if err := service.Validate(bad); err == nil {
			t.Errorf("format asserted %v: a service with no name and status \"open\": got valid; want an error", assert)
		}
	}
}

// Every page of the sample catalogue (and of the edge cases) and every one of
// its services is valid against the published HSDS-UK 3.0 schema; with formats
// asserted, the only complaint is that a service's own id is not a UUID.
func TestValidAgainstHSDSUK(t *testing.T) {
	serviceLoose, pageLoose := schemas(t, false)
	serviceStrict, pageStrict := schemas(t, true)
	for _, tc := range []struct {
		name string
		cat  *fakeCatalogue
	}{
		{"sample", &fakeCatalogue{version: "v1", acts: sampleActs(t)}},
		{"edges", &fakeCatalogue{version: "v1", acts: edgeActs(t)}},
		{"empty", &fakeCatalogue{version: "v0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := serve(t, tc.cat)
			pages := (len(offered(tc.cat.acts)) + 9) / 10
			for n := 1; n <= max(pages, 1); n++ {
				u := fmt.Sprintf("%s/openreferral/services?page=%d&per_page=10", srv.URL, n)
				doc := getJSON(t, u)
				if err := pageLoose.Validate(doc); err != nil {
					t.Errorf("page %d: %v", n, err)
				}
				onlyServiceIDs(t, fmt.Sprintf("page %d", n), pageStrict.Validate(doc))
				// service_list.json holds a service's own fields only; the
				// feed lists services in full, so each must be a valid
				// full service too.
				for i, item := range doc.(map[string]any)["contents"].([]any) {
					if err := serviceLoose.Validate(item); err != nil {
						t.Errorf("page %d item %d: %v", n, i, err)
					}
					onlyServiceIDs(t, fmt.Sprintf("page %d item %d", n, i), serviceStrict.Validate(item))
				}
				for _, key := range []string{"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"} {
					if _, ok := doc.(map[string]any)[key]; !ok {
						t.Errorf("page %d: no %q", n, key)
					}
				}
			}
			for _, a := range offered(tc.cat.acts) {
				doc := getJSON(t, srv.URL+"/openreferral/services/"+url.PathEscape(a.ID))
				if err := serviceLoose.Validate(doc); err != nil {
					t.Errorf("service %s: %v", a.ID, err)
				}
				onlyServiceIDs(t, "service "+a.ID, serviceStrict.Validate(doc))
			}
		})
	}
}

// A service whose activity id is a UUID passes with every format asserted.
func TestUUIDServiceIDFullyValid(t *testing.T) {
	acts := sampleActs(t)[:1]
	acts[0].ID = uuidFor("any activity")
	srv := serve(t, &fakeCatalogue{acts: acts})
	service, _ := schemas(t, true)
	if err := service.Validate(getJSON(t, srv.URL+"/openreferral/services/"+acts[0].ID)); err != nil {
		t.Errorf("got %v; want valid", err)
	}
}

// The ids the feed makes are RFC 9562 version 5 UUIDs, stable and distinct.
func TestUUIDFor(t *testing.T) {
	a, b := uuidFor("location", "frome-cafe"), uuidFor("location", "frome-caf", "e")
	if a != uuidFor("location", "frome-cafe") || a == b {
		t.Errorf("got %s and %s; want the same parts to give the same id and different parts different ids", a, b)
	}
	if len(a) != 36 || a[14] != '5' || !slices.Contains([]byte("89ab"), a[19]) {
		t.Errorf("got %s; want a version 5, RFC 9562 variant UUID", a)
	}
	var v map[string]any
	if json.Unmarshal([]byte(`{"id":"`+a+`"}`), &v) != nil {
		t.Error("not JSON-safe")
	}
}
