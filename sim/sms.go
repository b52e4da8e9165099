package sim

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/heritage-line/heritageline/privacy"
)

// Message is one <Message> of the line's reply to a text.
type Message struct {
	To   string // the addressee: the resident unless the line sent it elsewhere
	Body string
}

// Text sends body to the line as an SMS from From: it posts the messaging
// webhook to URL + "/twilio/sms" and returns the bodies of the <Message>
// verbs addressed to the sender, in order (an empty, non-nil slice for an
// empty <Response/>). It follows <Redirect>. The errors are those of
// TextAll.
func (l *Line) Text(ctx context.Context, body string) ([]string, error) {
	msgs, err := l.TextAll(ctx, body)
	if err != nil {
		return nil, err
	}
	replies := []string{}
	for _, m := range msgs {
		if privacy.Normalise(m.To) == privacy.Normalise(l.from()) {
			replies = append(replies, m.Body)
		}
	}
	return replies, nil
}

// TextAll is Text returning every <Message>, including those the line
// addressed elsewhere with a to attribute. It returns a *ResponseError when
// the line answers with anything but a 200 and a TwiML document,
// ErrTooManySteps (wrapped) for a <Redirect> loop, an error naming any verb
// other than Message and Redirect, a transport error, or ctx's.
func (l *Line) TextAll(ctx context.Context, body string) ([]Message, error) {
	sid := newSID("SM")
	p := map[string]string{
		"MessageSid":    sid,
		"SmsMessageSid": sid,
		"SmsSid":        sid,
		"AccountSid":    l.accountSID(),
		"From":          l.from(),
		"To":            l.to(),
		"Body":          body,
		"NumMedia":      "0",
		"NumSegments":   strconv.Itoa(segments(body)),
		"SmsStatus":     "received",
		"ApiVersion":    "2010-04-01",
		"FromCountry":   "GB",
		"ToCountry":     "GB",
		"FromCity":      "",
		"FromState":     "",
		"FromZip":       "",
		"ToCity":        "",
		"ToState":       "",
		"ToZip":         "",
	}
	steps := &stepper{max: l.maxSteps()}
	msgs := []Message{}
	next := &request{method: http.MethodPost, target: l.endpoint("/twilio/sms")}
	for next != nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := steps.next(next.target); err != nil {
			return nil, err
		}
		root, base, _, err := l.fetchTwiML(ctx, next.method, next.target, p)
		if err != nil {
			return nil, err
		}
		next = nil
	verbs:
		for _, v := range root.Children {
			switch v.Name {
			case "Message":
				m := Message{To: v.attr("to", l.from()), Body: v.Raw}
				for _, c := range v.Children {
					if c.Name == "Body" {
						m.Body = c.Raw
					}
				}
				msgs = append(msgs, m)
			case "Redirect":
				target, err := resolve(base, v.Text)
				if err != nil {
					return nil, err
				}
				next = &request{method: v.attr("method", http.MethodPost), target: target}
				break verbs
			default:
				return nil, fmt.Errorf("sim: unsupported verb <%s> in messaging TwiML from %s", v.Name, base)
			}
		}
	}
	return msgs, nil
}
