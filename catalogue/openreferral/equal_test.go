package openreferral

import (
	"reflect"

	"github.com/heritage-line/heritageline/catalogue"
)

func deepEqual(a, b any) bool { return reflect.DeepEqual(a, b) }

func equalActivity(a, b catalogue.Activity) bool { return reflect.DeepEqual(a, b) }
