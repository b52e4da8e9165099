package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/heritage-line/heritageline/coordinators"
)

// loginPage is the sign-in form.
type loginPage struct {
	Action string
	Email  string
}

// loginForm answers GET /console/login.
func (c *Console) loginForm(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, "login", http.StatusOK, page{Title: "Sign in", Body: loginPage{Action: c.urls.Console("login")}})
}

// login answers POST /console/login: email and password (and code, for an
// account with a second factor). A right one sets the session cookie and
// goes to Today (303); a wrong one shows the form again, saying why, with a
// 401, or a 429 while the account is locked.
func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	s, err := c.Accounts.SignIn(r.Context(), email, r.PostForm.Get("password"), r.PostForm.Get("code"))
	if err != nil {
		var locked *coordinators.LockedError
		status, msg := http.StatusUnauthorized, ""
		switch {
		case errors.As(err, &locked):
			status = http.StatusTooManyRequests
			msg = fmt.Sprintf("This account is locked after %d wrong passwords. Try again after %s, or ask another coordinator to check the audit log.",
				coordinators.MaxFailures, locked.Until.In(london).Format("15:04"))
		case errors.Is(err, coordinators.ErrWrongPassword):
			msg = "That email address and password don't match an account. Please check them and try again."
		case errors.Is(err, coordinators.ErrCodeNeeded):
			msg = "This account needs the six-digit code from your authenticator app. Please enter the current code."
		default:
			c.fail(w, r, err)
			return
		}
		c.log.WarnContext(r.Context(), "console: sign-in refused", "reason", status)
		c.render(w, r, "login", status, page{Title: "Sign in", Error: msg,
			Body: loginPage{Action: c.urls.Console("login"), Email: email}})
		return
	}
	http.SetCookie(w, c.cookie(sessionCookie, s.Token, 0))
	if err := c.Audit.Record(r.Context(), s.Email, "signed in"); err != nil {
		c.log.ErrorContext(r.Context(), "console: audit", "err", err)
	}
	http.Redirect(w, r, c.urls.Console(""), http.StatusSeeOther)
}

// logout answers POST /console/logout: the session ends.
func (c *Console) logout(w http.ResponseWriter, r *http.Request) {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		if err := c.Accounts.SignOut(r.Context(), ck.Value); err != nil {
			c.fail(w, r, err)
			return
		}
	}
	c.clearCookie(w, sessionCookie)
	c.done(w, r, "signed out", "You have signed out.", c.urls.Console("login"))
}
