package words

// Every sentence the line speaks or texts is a method here, with named
// parameters; each language's file has the words. The keys group them by
// who hears them: a caller (voice), a texter (sms), a volunteer
// (volunteer), and the parts of an activity's description and details.

const (
	// What a caller hears.
	kGreeting               key = "voice.greeting"
	kMainMenu               key = "voice.main_menu"
	kMainMenuAlone          key = "voice.main_menu_alone"
	kLostPlace              key = "voice.lost_place"
	kStartAgain             key = "voice.start_again"
	kFindingVolunteer       key = "voice.finding_volunteer"
	kNotCaught              key = "voice.not_caught"
	kHeardNothing           key = "voice.heard_nothing"
	kAskPlace               key = "voice.ask_place"
	kStillNotCaught         key = "voice.still_not_caught"
	kPlaceNotCaught         key = "voice.place_not_caught"
	kDidYouMean             key = "voice.did_you_mean"
	kDidYouMeanIn           key = "voice.did_you_mean_in"
	kWhichPlace             key = "voice.which_place"
	kTownsIntro             key = "voice.towns_intro"
	kTownKey                key = "voice.town_key"
	kVolunteerKey           key = "voice.volunteer_key"
	kNothingOfKind          key = "voice.nothing_of_kind"
	kNothingThisWeek        key = "voice.nothing_this_week"
	kNothingOnDay           key = "voice.nothing_on_day"
	kOnDay                  key = "voice.on_day"
	kFound                  key = "voice.found"
	kFoundFurther           key = "voice.found_further"
	kNoneFound              key = "voice.none_found"
	kNoneOptions            key = "voice.none_options"
	kNoneOptionsAlone       key = "voice.none_options_alone"
	kResultOptions          key = "voice.result_options"
	kResultOptionsAlone     key = "voice.result_options_alone"
	kResultOptionsKind      key = "voice.result_options_kind"
	kResultOptionsKindAlone key = "voice.result_options_kind_alone"
	// The same, once the call has sent as many texts as it may.
	kResultOptionsNoText          key = "voice.result_options_no_text"
	kResultOptionsNoTextAlone     key = "voice.result_options_no_text_alone"
	kResultOptionsKindNoText      key = "voice.result_options_kind_no_text"
	kResultOptionsKindNoTextAlone key = "voice.result_options_kind_no_text_alone"
	kNoPhone                      key = "voice.no_phone"
	kPhoneIs                      key = "voice.phone_is"
	kTextsUsedUp                  key = "voice.texts_used_up"
	kHiddenNoText                 key = "voice.hidden_no_text"
	kOnlyUKMobiles                key = "voice.only_uk_mobiles"
	kTextSent                     key = "voice.text_sent"
	kTextOptedOut                 key = "voice.text_opted_out"
	kTextsLater                   key = "voice.texts_later"
	kTextFailed                   key = "voice.text_failed"
	kKindMenu                     key = "voice.kind_menu"
	kEndOptions                   key = "voice.end_options"
	kEndOptionsAlone              key = "voice.end_options_alone"
	kGoodbye                      key = "voice.goodbye"
	kGoodbyeText                  key = "voice.goodbye_text"
	kNoVolunteersFree             key = "voice.no_volunteers_free"
	kNoPeopleVoice                key = "voice.no_people"
	kCannotRingBack               key = "voice.cannot_ring_back"
	kPuttingThrough               key = "voice.putting_through"
	kMessageOffer                 key = "voice.message_offer"
	kNoVolunteerAnswer            key = "voice.no_volunteer_answered"
	kThanksForMessage             key = "voice.thanks_for_message"
	kSilenceRingBack              key = "voice.silence_ring_back"
	kCallbackPrompt               key = "voice.callback_prompt"
	kHiddenNoCallback             key = "voice.hidden_no_callback"
	kOutsideGB                    key = "voice.outside_gb"
	kCallbackFailed               key = "voice.callback_failed"
	kCallbackComing               key = "voice.callback_coming"
	kCallbackComingNum            key = "voice.callback_coming_number"
	kThanksGoodbye                key = "voice.thanks_goodbye"
	kVoiceFallback                key = "voice.fallback"
	kLanguageOffer                key = "voice.language_offer"
	kDetailsInEnglish             key = "voice.details_in_english"

	// The parts of an activity as a caller hears it (Describe).
	kAt       key = "activity.at"
	kDistance key = "activity.distance"
	kWhen     key = "activity.when"
	kNextIs   key = "activity.next_is"
	kFree     key = "activity.free"
	// kOfferedIn says an activity is held in the book's language too.
	kOfferedIn key = "activity.offered_in"

	// What a texter reads.
	kHelpIntro          key = "sms.help_intro"
	kHelpExampleBoth    key = "sms.help_example_both"
	kHelpExampleTown    key = "sms.help_example_town"
	kHelpReply          key = "sms.help_reply"
	kHelpReplyAlone     key = "sms.help_reply_alone"
	kHelpRing           key = "sms.help_ring"
	kExamplesNone       key = "sms.examples_none"
	kExamplesTown       key = "sms.examples_town"
	kExamplesBoth       key = "sms.examples_both"
	kCallbackBooked     key = "sms.callback_booked"
	kCallbackBookedFrom key = "sms.callback_booked_from"
	kNoPeopleText       key = "sms.no_people"
	kYourReference      key = "sms.your_reference"
	kOptedIn            key = "sms.opted_in"
	kTooMany            key = "sms.too_many"
	kTooManyRing        key = "sms.too_many_ring"
	kEmpty              key = "sms.empty"
	kPictureOnly        key = "sms.picture_only"
	kNotUnderstood      key = "sms.not_understood"
	kOrCall             key = "sms.or_call"
	kWhereToLook        key = "sms.where_to_look"
	kPlaceNotFound      key = "sms.place_not_found"
	kNothingFiltered    key = "sms.nothing_filtered"
	kWiderHeading       key = "sms.wider_heading"
	kNothingNear        key = "sms.nothing_near"
	kNothingNearAlone   key = "sms.nothing_near_alone"
	kOtherPlace         key = "sms.other_place"
	kOutsideGBText      key = "sms.outside_gb"
	kOutsideGBTextAlone key = "sms.outside_gb_alone"
	kListHeading        key = "sms.list_heading"
	kListFootMore       key = "sms.list_foot_more"
	kListFootMoreAlone  key = "sms.list_foot_more_alone"
	kListFootLast       key = "sms.list_foot_last"
	kListFootLastAlone  key = "sms.list_foot_last_alone"
	kAllShown           key = "sms.all_shown"
	kAllShownAlone      key = "sms.all_shown_alone"
	kNoListYet          key = "sms.no_list_yet"
	kNoSuchNumber       key = "sms.no_such_number"
	kNoLongerListed     key = "sms.no_longer_listed"
	kSMSFallback        key = "sms.fallback"
	kSMSFallbackRing    key = "sms.fallback_ring"
	kLanguageChosen     key = "sms.language_chosen"
	kLanguageList       key = "sms.language_list"

	// The parts of a list and an activity's details in a text.
	kItemTitle       key = "text.item_title"
	kItemSep         key = "text.item_separator"
	kFreeShort       key = "text.free"
	kOfferedInShort  key = "text.offered_in"
	kCostRange       key = "text.cost_range"
	kStop            key = "text.full_stop"
	kDetailsBy       key = "text.details_by"
	kDetailsWhere    key = "text.details_where"
	kDetailsWhen     key = "text.details_when"
	kDetailsNext     key = "text.details_next"
	kDetailsCost     key = "text.details_cost"
	kDetailsAccess   key = "text.details_access"
	kDetailsBook     key = "text.details_book"
	kDetailsPhone    key = "text.details_phone"
	kDetailsBookOnly key = "text.details_book_only"
	kDetailsReferral key = "text.details_referral"

	// What a volunteer hears or reads.
	kScreening           key = "volunteer.screening"
	kScreeningIn         key = "volunteer.screening_in"
	kConnectFailed       key = "volunteer.connect_failed"
	kVolunteerHelp       key = "volunteer.help"
	kWhichCallback       key = "volunteer.which_callback"
	kNoteMissing         key = "volunteer.note_missing"
	kVolunteerError      key = "volunteer.error"
	kOnDuty              key = "volunteer.on_duty"
	kOnDutyAlways        key = "volunteer.on_duty_always"
	kOffDuty             key = "volunteer.off_duty"
	kTextsBackOn         key = "volunteer.texts_back_on"
	kVolunteerUnknown    key = "volunteer.not_understood"
	kNoOpenCallbacks     key = "volunteer.no_open_callbacks"
	kOpenCallbacks       key = "volunteer.open_callbacks"
	kOpenOldest          key = "volunteer.open_oldest"
	kOpenNewest          key = "volunteer.open_newest"
	kOpenCallbackLine    key = "volunteer.open_callback_line"
	kOpenCallbackTaken   key = "volunteer.open_callback_taken"
	kOpenCallbackNotes   key = "volunteer.open_callback_notes"
	kOpenCallbackBoth    key = "volunteer.open_callback_taken_notes"
	kCallbacksWaiting    key = "volunteer.callbacks_waiting"
	kNoteClosed          key = "volunteer.note_closed"
	kNotesDeleted        key = "volunteer.notes_deleted"
	kNoNotes             key = "volunteer.no_notes"
	kNotesHeading        key = "volunteer.notes_heading"
	kNoteLine            key = "volunteer.note_line"
	kKindVoicemail       key = "volunteer.kind_voicemail"
	kKindVoice           key = "volunteer.kind_voice"
	kKindSMS             key = "volunteer.kind_sms"
	kNoOpenCallback      key = "volunteer.no_open_callback"
	kAlreadyDone         key = "volunteer.already_done"
	kAlreadyTaken        key = "volunteer.already_taken"
	kCannotRing          key = "volunteer.cannot_ring"
	kCouldNotRingYou     key = "volunteer.could_not_ring_you"
	kTaken               key = "volunteer.taken"
	kNoCallback          key = "volunteer.no_callback"
	kAlreadyClosed       key = "volunteer.already_closed"
	kClosed              key = "volunteer.closed"
	kNoteKept            key = "volunteer.note_kept"
	kRingVoicemail       key = "volunteer.ring_voicemail"
	kRingSMS             key = "volunteer.ring_sms"
	kRingVoice           key = "volunteer.ring_voice"
	kRingOther           key = "volunteer.ring_other"
	kRingPress           key = "volunteer.ring_press"
	kRingPressMessage    key = "volunteer.ring_press_message"
	kConnectRefused      key = "volunteer.connect_refused"
	kConnectNoOpen       key = "volunteer.connect_no_open"
	kConnectClosed       key = "volunteer.connect_closed"
	kConnectNotTaken     key = "volunteer.connect_not_taken"
	kConnectOther        key = "volunteer.connect_other"
	kConnectReleased     key = "volunteer.connect_released"
	kConnectCannotRing   key = "volunteer.connect_cannot_ring"
	kHereIsMessage       key = "volunteer.here_is_message"
	kConnecting          key = "volunteer.connecting"
	kCallEnded           key = "volunteer.call_ended"
	kReleasedNotPressed  key = "volunteer.released_not_pressed"
	kReleasedUnanswered  key = "volunteer.released_unanswered"
	kFreeAgain           key = "volunteer.free_again"
	kCallbackRequested   key = "volunteer.callback_requested"
	kCallbackRequestedIn key = "volunteer.callback_requested_in"
	kVoicemailKept       key = "volunteer.voicemail_kept"
)

// ---- What a caller hears ----

// Greeting welcomes a caller: "Welcome to Heritage Line."
func (b *Book) Greeting(line string) string { return b.say(kGreeting, "line", line) }

// MainMenu is the main menu's choices: near you (1), the next seven days
// (2), a volunteer (0), hear it again (3).
func (b *Book) MainMenu() string { return b.say(b.pick(kMainMenu, kMainMenuAlone)) }

// LostPlace restarts a call whose state was lost.
func (b *Book) LostPlace() string { return b.say(kLostPlace) }

// StartAgain restarts at the main menu after a step the line does not know.
func (b *Book) StartAgain() string { return b.say(kStartAgain) }

// FindingVolunteer comes before putting a caller through after repeated
// misses.
func (b *Book) FindingVolunteer() string { return b.say(kFindingVolunteer) }

// NotCaught answers something the line did not understand.
func (b *Book) NotCaught() string { return b.say(kNotCaught) }

// HeardNothing answers silence.
func (b *Book) HeardNothing() string { return b.say(kHeardNothing) }

// AskPlace asks where the caller is.
func (b *Book) AskPlace() string { return b.say(kAskPlace) }

// StillNotCaught comes before the keypad menu of towns.
func (b *Book) StillNotCaught() string { return b.say(kStillNotCaught) }

// PlaceNotCaught answers a place the line could not find.
func (b *Book) PlaceNotCaught() string { return b.say(kPlaceNotCaught) }

// DidYouMean confirms a place: "Did you mean Frome? Press 1 for yes, 2 to
// try again."
func (b *Book) DidYouMean(place string) string { return b.say(kDidYouMean, "place", place) }

// DidYouMeanIn confirms a place that shares its name with others, naming
// its area: "Did you mean Newport, in Shropshire? ..."
func (b *Book) DidYouMeanIn(place, area string) string {
	return b.say(kDidYouMeanIn, "place", place, "area", area)
}

// TownsIntro introduces the keypad menu of the catalogue's towns.
func (b *Book) TownsIntro() string { return b.say(kTownsIntro) }

// TownKey is one town of the keypad menu: "For Frome, press 1."
func (b *Book) TownKey(town string, key int) string {
	return b.say(kTownKey, "town", town, "key", itoa(key))
}

// VolunteerKey ends a menu: "For a volunteer, press 0."
func (b *Book) VolunteerKey() string { return b.say(kVolunteerKey) }

// NothingOfKind says the kind asked for left nothing within far miles, so
// the nearest of any kind follow.
func (b *Book) NothingOfKind(far int) string { return b.say(kNothingOfKind, "far", itoa(far)) }

// NothingThisWeek says nothing is on in the next seven days within far
// miles, so the nearest at any time follow.
func (b *Book) NothingThisWeek(far int) string { return b.say(kNothingThisWeek, "far", itoa(far)) }

// NothingOnDay says nothing is on day (as Date says it: "this Saturday,
// the fifth of December") within far miles, so the nearest on other days
// follow.
func (b *Book) NothingOnDay(day string, far int) string {
	return b.say(kNothingOnDay, "day", day, "far", itoa(far))
}

// OnDay heads the activities on the day a caller asked for (as Date says
// it): "Here is what's on tomorrow."
func (b *Book) OnDay(day string) string { return b.say(kOnDay, "day", day) }

// Found says how many activities are within miles: "I found 8 within 10
// miles."
func (b *Book) Found(n, miles int) string { return b.count(kFound, n, "miles", itoa(miles)) }

// FoundFurther says there was nothing within near miles but n within far.
func (b *Book) FoundFurther(n, near, far int) string {
	return b.count(kFoundFurther, n, "near", itoa(near), "far", itoa(far))
}

// NoneFound says there is nothing within far miles.
func (b *Book) NoneFound(far int) string { return b.say(kNoneFound, "far", itoa(far)) }

// NoneOptions follows NoneFound: somewhere else (1), a volunteer (0).
func (b *Book) NoneOptions() string { return b.say(b.pick(kNoneOptions, kNoneOptionsAlone)) }

// ResultOptions follows an activity: next (1), again (2), by text (3),
// phone number (4), a kind of activity (5, "a different kind" when
// kindChosen), the menu (star), a volunteer (0).
func (b *Book) ResultOptions(kindChosen bool) string {
	if kindChosen {
		return b.say(b.pick(kResultOptionsKind, kResultOptionsKindAlone))
	}
	return b.say(b.pick(kResultOptions, kResultOptionsAlone))
}

// ResultOptionsNoText is ResultOptions without sending it by text, once
// the call has sent as many texts as it may.
func (b *Book) ResultOptionsNoText(kindChosen bool) string {
	if kindChosen {
		return b.say(b.pick(kResultOptionsKindNoText, kResultOptionsKindNoTextAlone))
	}
	return b.say(b.pick(kResultOptionsNoText, kResultOptionsNoTextAlone))
}

// NoPhone says the activity has no phone number.
func (b *Book) NoPhone() string { return b.say(kNoPhone) }

// PhoneIs reads a phone number twice; spoken is SpokenPhone's reading.
func (b *Book) PhoneIs(spoken string) string { return b.say(kPhoneIs, "number", spoken) }

// TextsUsedUp says the call has had as many texts as it may: n.
func (b *Book) TextsUsedUp(n int) string { return b.count(kTextsUsedUp, n) }

// HiddenNoText says a withheld number cannot be texted.
func (b *Book) HiddenNoText() string { return b.say(kHiddenNoText) }

// OnlyUKMobiles says the line texts only UK mobiles.
func (b *Book) OnlyUKMobiles() string { return b.say(kOnlyUKMobiles) }

// TextSent says the details went by text.
func (b *Book) TextSent() string { return b.say(kTextSent) }

// TextOptedOut says the caller's number opted out of texts, and how to
// opt back in.
func (b *Book) TextOptedOut() string { return b.say(kTextOptedOut) }

// TextsLater says no more texts can go just now.
func (b *Book) TextsLater() string { return b.say(kTextsLater) }

// TextFailed says the text did not go.
func (b *Book) TextFailed() string { return b.say(kTextFailed) }

// KindMenu offers the kinds of activity: walks (1), museums (2), groups,
// talks and cafés (3), crafts and archaeology (4), everything (5).
func (b *Book) KindMenu() string { return b.say(kKindMenu) }

// EndOptions follows the last activity: again (1), somewhere else (2), a
// volunteer (0), end the call (9).
func (b *Book) EndOptions() string { return b.say(b.pick(kEndOptions, kEndOptionsAlone)) }

// Goodbye ends a call; with the line's number read out (spokenNumber, from
// SpokenPhone) it mentions texting the line too.
func (b *Book) Goodbye(line, spokenNumber string) string {
	if spokenNumber == "" {
		return b.say(kGoodbye, "line", line)
	}
	return b.say(kGoodbyeText, "line", line, "number", spokenNumber)
}

// NoVolunteersFree says nobody can take a call now.
func (b *Book) NoVolunteersFree() string { return b.say(kNoVolunteersFree) }

// NoPeopleVoice tells a caller to a line with nobody to take calls (a real
// line with no volunteers file) that nobody can take the call or ring back,
// and offers activities' details by text instead.
func (b *Book) NoPeopleVoice() string { return b.say(kNoPeopleVoice) }

// NoPeopleText answers a text asking for a call back on a line with nobody
// to ring back: no promise, and what the line can do instead.
func (b *Book) NoPeopleText() string { return b.say(kNoPeopleText) }

// CannotRingBack tells a caller whose number the number policy refuses (a
// premium, personal or foreign number) that nobody can ring it back, and
// how to reach a volunteer instead; it does not invite a retry.
func (b *Book) CannotRingBack() string { return b.say(kCannotRingBack) }

// PuttingThrough comes before ringing the volunteers.
func (b *Book) PuttingThrough() string { return b.say(kPuttingThrough) }

// MessageOffer invites a message after the beep, or 2 for a callback.
func (b *Book) MessageOffer() string { return b.say(kMessageOffer) }

// NoVolunteerAnswered says the volunteers rung did not take the call.
func (b *Book) NoVolunteerAnswered() string { return b.say(kNoVolunteerAnswer) }

// ThanksForMessage follows a recorded message.
func (b *Book) ThanksForMessage() string { return b.say(kThanksForMessage) }

// SilenceRingBack says that after silence a volunteer will ring back.
func (b *Book) SilenceRingBack() string { return b.say(kSilenceRingBack) }

// CallbackPrompt offers a callback (2) or a message after all (1).
func (b *Book) CallbackPrompt() string { return b.say(kCallbackPrompt) }

// HiddenNoCallback says a withheld number cannot be rung back.
func (b *Book) HiddenNoCallback() string { return b.say(kHiddenNoCallback) }

// CallbackFailed says a callback could not be arranged.
func (b *Book) CallbackFailed() string { return b.say(kCallbackFailed) }

// CallbackComing says a volunteer will ring back from the line's number,
// read out when spokenNumber is not empty.
func (b *Book) CallbackComing(spokenNumber string) string {
	if spokenNumber == "" {
		return b.say(kCallbackComing)
	}
	return b.say(kCallbackComingNum, "number", spokenNumber)
}

// ThanksGoodbye ends a call briefly.
func (b *Book) ThanksGoodbye() string { return b.say(kThanksGoodbye) }

// VoiceFallback apologises for an error on the line's side.
func (b *Book) VoiceFallback() string { return b.say(kVoiceFallback) }

// LanguageOffer is one offer of the language choice at the start of a call,
// in b's language: "For English, press 1."
func (b *Book) LanguageOffer(key int) string { return b.say(kLanguageOffer, "key", itoa(key)) }

// DetailsInEnglish says, once a call, that activity details are in English
// where the catalogue has no translation.
func (b *Book) DetailsInEnglish() string { return b.say(kDetailsInEnglish) }

// FreeWord is "Free." as a caller hears it of an activity.
func (b *Book) FreeWord() string { return b.say(kFree) }

// ---- What a texter reads ----

// Help is the guide to the SMS line; town and postcode make its example
// (either may be ""), number is the line's number to ring ("" for none).
func (b *Book) Help(line, number, town, postcode string) string {
	ex := ""
	switch {
	case town != "" && postcode != "":
		ex = b.say(kHelpExampleBoth, "town", town, "postcode", postcode)
	case town != "":
		ex = b.say(kHelpExampleTown, "town", town)
	}
	ring := ""
	if number != "" && !b.alone {
		ring = b.say(kHelpRing, "number", number)
	}
	return b.join(b.say(kHelpIntro, "line", line), ex, b.say(b.pick(kHelpReply, kHelpReplyAlone)), ring)
}

// Examples says what to text, with a town and a postcode from the
// catalogue as examples when there are any.
func (b *Book) Examples(town, postcode string) string {
	switch {
	case town == "":
		return b.say(kExamplesNone)
	case postcode == "":
		return b.say(kExamplesTown, "town", town)
	}
	return b.say(kExamplesBoth, "town", town, "postcode", postcode)
}

// CallbackBooked thanks a texter who asked to be rung back: from number
// ("" when the line has none), with their reference ref ("" for none).
func (b *Book) CallbackBooked(number, ref string) string {
	s := b.say(kCallbackBooked)
	if number != "" {
		s = b.say(kCallbackBookedFrom, "number", number)
	}
	if ref != "" {
		s = b.join(s, b.say(kYourReference, "ref", ref))
	}
	return s
}

// OptedIn welcomes back a texter who opted back in.
func (b *Book) OptedIn(line string) string { return b.say(kOptedIn, "line", line) }

// TooMany says the line will be quiet for a while; number is the line's
// number to ring ("" for none).
func (b *Book) TooMany(line, number string) string {
	if number == "" {
		return b.say(kTooMany, "line", line)
	}
	return b.say(kTooManyRing, "line", line, "number", number)
}

// Empty answers an empty text.
func (b *Book) Empty(line, town, postcode string) string {
	return b.join(b.say(kEmpty, "line", line), b.Examples(town, postcode))
}

// PictureOnly answers a text that was only a picture.
func (b *Book) PictureOnly(line, town, postcode string) string {
	return b.join(b.say(kPictureOnly, "line", line), b.Examples(town, postcode))
}

// NotUnderstood answers a text the line could not read.
func (b *Book) NotUnderstood(town, postcode string) string {
	if b.alone {
		return b.join(b.say(kNotUnderstood), b.Examples(town, postcode))
	}
	return b.join(b.say(kNotUnderstood), b.Examples(town, postcode), b.say(kOrCall))
}

// WhereToLook asks a texter for a place.
func (b *Book) WhereToLook(town, postcode string) string {
	return b.join(b.say(kWhereToLook), b.Examples(town, postcode))
}

// PlaceNotFound says the place texted is not known.
func (b *Book) PlaceNotFound(town, postcode string) string {
	return b.join(b.say(kPlaceNotFound), b.Examples(town, postcode))
}

// NothingFiltered heads a list that dropped the filters: nothing like f
// within far miles of place, so the nearest of any kind.
func (b *Book) NothingFiltered(f Filters, place string, far int) string {
	return b.say(kNothingFiltered, "filters", b.g.filters(f), "far", itoa(far), "place", place)
}

// WiderHeading heads a list from the wider search: nothing within near
// miles of place, so these are within far.
func (b *Book) WiderHeading(place string, near, far int) string {
	return b.say(kWiderHeading, "place", place, "near", itoa(near), "far", itoa(far))
}

// WhichPlace asks which of two places of one name the caller means, by
// their areas: "Did you mean Newport in Wales, or in Shropshire? For Wales,
// press 1. ..."; 3 is somewhere else.
func (b *Book) WhichPlace(place, first, second string) string {
	return b.say(kWhichPlace, "place", place, "first", first, "second", second)
}

// OutsideGB tells a caller who named a place in Northern Ireland that the
// line covers England, Scotland and Wales only; the choices (somewhere
// else, a volunteer) follow it.
func (b *Book) OutsideGB() string { return b.say(kOutsideGB) }

// OutsideGBText tells a texter who named a place in Northern Ireland that
// the line covers England, Scotland and Wales only, and how to have a
// volunteer ring them.
func (b *Book) OutsideGBText() string { return b.say(b.pick(kOutsideGBText, kOutsideGBTextAlone)) }

// OtherPlace tells a texter how to have another place of the same name:
// "Not this one? Text: Newport, Shropshire". other is that place as the line
// understands it ("Newport, Shropshire").
func (b *Book) OtherPlace(other string) string { return b.say(kOtherPlace, "other", other) }

// NothingNear says there is nothing at all within far miles of place.
func (b *Book) NothingNear(place string, far int) string {
	return b.say(b.pick(kNothingNear, kNothingNearAlone), "place", place, "far", itoa(far))
}

// ListFoot ends a list: with MORE when more follow.
func (b *Book) ListFoot(more bool) string {
	if more {
		return b.say(b.pick(kListFootMore, kListFootMoreAlone))
	}
	return b.say(b.pick(kListFootLast, kListFootLastAlone))
}

// AllShown says every activity within miles of place has been listed.
func (b *Book) AllShown(place string, miles int) string {
	return b.say(b.pick(kAllShown, kAllShownAlone), "place", place, "miles", itoa(miles))
}

// NoListYet answers a number texted before any list.
func (b *Book) NoListYet(town, postcode string) string {
	return b.join(b.say(kNoListYet), b.Examples(town, postcode))
}

// NoSuchNumber answers a number not in the list of max items.
func (b *Book) NoSuchNumber(n, max int) string {
	return b.say(kNoSuchNumber, "number", itoa(n), "max", itoa(max))
}

// NoLongerListed says an activity has gone from the catalogue.
func (b *Book) NoLongerListed() string { return b.say(kNoLongerListed) }

// SMSFallback apologises for an error on the line's side; number is the
// line's number to ring ("" for none).
func (b *Book) SMSFallback(number string) string {
	if number == "" || b.alone {
		return b.say(kSMSFallback)
	}
	return b.say(kSMSFallbackRing, "number", number)
}

// LanguageChosen confirms a texter's choice of b's language.
func (b *Book) LanguageChosen(line string) string { return b.say(kLanguageChosen, "line", line) }

// LanguageList lists the languages a texter may choose: choices is each
// language's name in itself, already joined.
func (b *Book) LanguageList(choices string) string {
	return b.say(kLanguageList, "choices", choices)
}

// ---- What a volunteer hears or reads ----

// Screening is what a volunteer hears on answering a forwarded call.
func (b *Book) Screening(line string) string { return b.say(kScreening, "line", line) }

// ScreeningIn is Screening for a caller who chose another language,
// named in b's language.
func (b *Book) ScreeningIn(line, language string) string {
	return b.say(kScreeningIn, "line", line, "language", language)
}

// ConnectFailed tells a volunteer the line could not connect their callback.
func (b *Book) ConnectFailed() string { return b.say(kConnectFailed) }

// VolunteerHelp lists the volunteers' commands.
func (b *Book) VolunteerHelp(line string) string { return b.say(kVolunteerHelp, "line", line) }

// WhichCallback asks for the reference a command needs.
func (b *Book) WhichCallback(verb string) string { return b.say(kWhichCallback, "verb", verb) }

// NoteMissing asks for the note after NOTE and its reference.
func (b *Book) NoteMissing(ref string) string { return b.say(kNoteMissing, "ref", ref) }

// VolunteerError apologises to a volunteer for an error.
func (b *Book) VolunteerError() string { return b.say(kVolunteerError) }

// OnDuty confirms a volunteer on duty during hours.
func (b *Book) OnDuty(name, hours string) string {
	return b.say(kOnDuty, "name", name, "hours", hours)
}

// OnDutyAlways confirms a volunteer on duty when calls come at any time.
func (b *Book) OnDutyAlways(name string) string { return b.say(kOnDutyAlways, "name", name) }

// OffDuty confirms a volunteer off duty.
func (b *Book) OffDuty(name string) string { return b.say(kOffDuty, "name", name) }

// TextsBackOn confirms a volunteer opted back in to texts.
func (b *Book) TextsBackOn(name string) string { return b.say(kTextsBackOn, "name", name) }

// VolunteerNotUnderstood answers a volunteer's text that is no command.
func (b *Book) VolunteerNotUnderstood(line string) string {
	return b.join(b.say(kVolunteerUnknown), b.VolunteerHelp(line))
}

// NoOpenCallbacks answers LIST when there are none.
func (b *Book) NoOpenCallbacks() string { return b.say(kNoOpenCallbacks) }

// OpenCallbacks heads LIST: n open, oldest first.
func (b *Book) OpenCallbacks(n int) string { return b.count(kOpenCallbacks, n) }

// OpenOldest heads a LIST too long to give whole: n open, the oldest few
// first.
func (b *Book) OpenOldest(n, oldest int) string {
	return b.count(kOpenOldest, n, "oldest", itoa(oldest))
}

// OpenNewest comes between the oldest and the newest of a LIST cut short:
// n more left out, then the newest few.
func (b *Book) OpenNewest(n, newest int) string {
	return b.count(kOpenNewest, n, "newest", itoa(newest))
}

// OpenCallback is one line of LIST: reference, how long ago, how it was
// asked for (CallbackKind), the masked number, who took it ("" when nobody
// has) and how many notes it has.
func (b *Book) OpenCallback(ref, age, kind, number, takenBy string, notes int) string {
	switch {
	case takenBy == "" && notes == 0:
		return b.say(kOpenCallbackLine, "ref", ref, "age", age, "kind", kind, "number", number)
	case notes == 0:
		return b.say(kOpenCallbackTaken, "ref", ref, "age", age, "kind", kind, "number", number, "name", takenBy)
	case takenBy == "":
		return b.say(kOpenCallbackNotes, "ref", ref, "age", age, "kind", kind, "number", number, "notes", itoa(notes))
	}
	return b.say(kOpenCallbackBoth, "ref", ref, "age", age, "kind", kind, "number", number, "name", takenBy, "notes", itoa(notes))
}

// CallbacksWaiting texts the volunteers on duty once a quarter hour when
// many callbacks are waiting: n of them, the newest ref requested at
// ("14:05").
func (b *Book) CallbacksWaiting(n int, ref, at string) string {
	return b.count(kCallbacksWaiting, n, "ref", ref, "time", at)
}

// NoteClosed answers NOTE for a callback that is closed.
func (b *Book) NoteClosed(ref string) string { return b.say(kNoteClosed, "ref", ref) }

// NotesDeleted answers NOTES for a callback that is closed.
func (b *Book) NotesDeleted(ref string) string { return b.say(kNotesDeleted, "ref", ref) }

// NoNotes answers NOTES for a callback with none.
func (b *Book) NoNotes(ref string) string { return b.say(kNoNotes, "ref", ref) }

// NotesHeading heads NOTES: the notes on ref, newest first.
func (b *Book) NotesHeading(ref string) string { return b.say(kNotesHeading, "ref", ref) }

// NoteLine is one note of NOTES: who wrote it, when (ShortDayTime) and the
// note.
func (b *Book) NoteLine(name, when, note string) string {
	return b.say(kNoteLine, "name", name, "when", when, "note", note)
}

// CallbackKind names how a callback was asked for: "voicemail", "voice" or
// "sms"; anything else is given back as it is.
func (b *Book) CallbackKind(kind string) string {
	switch kind {
	case "voicemail":
		return b.say(kKindVoicemail)
	case "voice":
		return b.say(kKindVoice)
	case "sms":
		return b.say(kKindSMS)
	}
	return kind
}

// NoOpenCallback answers TAKE for a callback that is not open.
func (b *Book) NoOpenCallback(ref string) string { return b.say(kNoOpenCallback, "ref", ref) }

// AlreadyDone answers TAKE for a callback already closed by name.
func (b *Book) AlreadyDone(ref, name string) string {
	return b.say(kAlreadyDone, "ref", ref, "name", name)
}

// AlreadyTaken answers TAKE for a callback another volunteer took.
func (b *Book) AlreadyTaken(ref, name string) string {
	return b.say(kAlreadyTaken, "ref", ref, "name", name)
}

// CannotRing says a callback's number may not be rung from the line.
func (b *Book) CannotRing(ref string) string { return b.say(kCannotRing, "ref", ref) }

// CouldNotRingYou says the line could not ring the volunteer just now.
func (b *Book) CouldNotRingYou(ref string) string { return b.say(kCouldNotRingYou, "ref", ref) }

// Taken confirms TAKE: the line is ringing the volunteer now.
func (b *Book) Taken(ref, name string) string { return b.say(kTaken, "ref", ref, "name", name) }

// NoCallback answers DONE or NOTE for a callback that does not exist.
func (b *Book) NoCallback(ref string) string { return b.say(kNoCallback, "ref", ref) }

// AlreadyClosed answers DONE for a callback closed already by name.
func (b *Book) AlreadyClosed(ref, name string) string {
	return b.say(kAlreadyClosed, "ref", ref, "name", name)
}

// Closed confirms DONE.
func (b *Book) Closed(ref, name string) string { return b.say(kClosed, "ref", ref, "name", name) }

// NoteKept confirms NOTE.
func (b *Book) NoteKept(ref string) string { return b.say(kNoteKept, "ref", ref) }

// RingVolunteer is what a volunteer hears when the line rings them for a
// callback they took: the line, the callback's reference (spoken, "C 7"),
// how the resident asked (kind: "voicemail", "sms", "voice" or other), when
// ("14:05"), and press 1 to be connected (to hear the message first when
// hasMessage).
func (b *Book) RingVolunteer(line, ref, kind, at string, hasMessage bool) string {
	k := kRingOther
	switch kind {
	case "voicemail":
		k = kRingVoicemail
	case "sms":
		k = kRingSMS
	case "voice":
		k = kRingVoice
	}
	press := b.say(kRingPress)
	if hasMessage {
		press = b.say(kRingPressMessage)
	}
	return b.join(b.say(k, "line", line, "ref", ref, "time", at), press)
}

// ConnectRefused tells a volunteer a callback cannot be connected.
func (b *Book) ConnectRefused() string { return b.say(kConnectRefused) }

// ConnectNoOpen says there is no open callback ref.
func (b *Book) ConnectNoOpen(ref string) string { return b.say(kConnectNoOpen, "ref", ref) }

// ConnectClosed says callback ref is closed already.
func (b *Book) ConnectClosed(ref string) string { return b.say(kConnectClosed, "ref", ref) }

// ConnectNotTaken says callback ref is not taken.
func (b *Book) ConnectNotTaken(ref string) string { return b.say(kConnectNotTaken, "ref", ref) }

// ConnectOther says callback ref is with another volunteer.
func (b *Book) ConnectOther(ref string) string { return b.say(kConnectOther, "ref", ref) }

// ConnectReleased says callback ref went back on the list.
func (b *Book) ConnectReleased(ref string) string { return b.say(kConnectReleased, "ref", ref) }

// ConnectCannotRing says callback ref's number may not be rung.
func (b *Book) ConnectCannotRing(ref string) string {
	return b.say(kConnectCannotRing, "ref", ref)
}

// HereIsMessage comes before a resident's recorded message.
func (b *Book) HereIsMessage() string { return b.say(kHereIsMessage) }

// Connecting comes before dialling the resident.
func (b *Book) Connecting() string { return b.say(kConnecting) }

// CallEnded follows a callback call.
func (b *Book) CallEnded(ref string) string { return b.say(kCallEnded, "ref", ref) }

// Released texts a volunteer whose callback went back on the list:
// unanswered when the call was not answered, otherwise 1 was not pressed.
func (b *Book) Released(ref string, unanswered bool) string {
	if unanswered {
		return b.say(kReleasedUnanswered, "ref", ref)
	}
	return b.say(kReleasedNotPressed, "ref", ref)
}

// FreeAgain texts the volunteers on duty that callback ref, requested at
// ("14:05") by kind (CallbackKind), is free again.
func (b *Book) FreeAgain(ref, at, kind string) string {
	return b.say(kFreeAgain, "ref", ref, "time", at, "kind", kind)
}

// CallbackRequested texts the volunteers on duty about a new callback.
func (b *Book) CallbackRequested(ref, at, kind string) string {
	return b.say(kCallbackRequested, "ref", ref, "time", at, "kind", kind)
}

// CallbackRequestedIn is CallbackRequested for a resident who uses another
// language, named in b's language.
func (b *Book) CallbackRequestedIn(ref, at, kind, language string) string {
	return b.say(kCallbackRequestedIn, "ref", ref, "time", at, "kind", kind, "language", language)
}

// VoicemailKept texts the volunteers on duty a voicemail's recording at
// once when Redis could not queue its callback: it is kept on disk and
// queued, with a reference, when Redis is back.
func (b *Book) VoicemailKept(at, url string) string {
	return b.say(kVoicemailKept, "time", at, "url", url)
}

// The names of the languages, as each language calls them.
const (
	kNameEnglish   key = "language.en"
	kNameWelsh     key = "language.cy"
	kNamePolish    key = "language.pl"
	kNameRomanian  key = "language.ro"
	kNameArabic    key = "language.ar"
	kNameCantonese key = "language.yue"
)

// NameOf names language l in b's language: "Welsh" in English, "Saesneg"
// (English) in Welsh.
func (b *Book) NameOf(l Lang) string {
	switch l {
	case Welsh:
		return b.say(kNameWelsh)
	case Polish:
		return b.say(kNamePolish)
	case Romanian:
		return b.say(kNameRomanian)
	case Arabic:
		return b.say(kNameArabic)
	case Cantonese:
		return b.say(kNameCantonese)
	}
	return b.say(kNameEnglish)
}
