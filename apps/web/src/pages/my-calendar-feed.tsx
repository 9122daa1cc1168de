import { useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage, Loading } from '../components/ui';
import { useResource } from '../hooks';

/** The member's private calendar feed: subscribe once, and every meeting they are invited to stays current. */
export function MyCalendarFeed() {
  const feed = useResource(() => answer(client.GET('/me/calendar')), []);
  const [links, setLinks] = useState<Api.CalendarFeedLinks | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const shown = links ?? feed.data;

  async function reset() {
    const ask = 'Make a new calendar link? Calendars subscribed to the old one stop updating at once.';
    if (!window.confirm(ask)) return;
    setError(null);
    try {
      setLinks(await answer(client.POST('/me/calendar/reset')));
      setNote('Your calendar has a new link: subscribe to it again where you use it. The old one no longer works.');
    } catch (err) {
      setError(err);
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setNote('The link is copied.');
    } catch {
      setNote('Select the link and copy it.');
    }
  }

  return (
    <section className="section" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">Meetings in your own calendar</h2>
      <p>
        Subscribe to this private link in Outlook, Google Calendar or Apple Calendar: every meeting you are invited to
        appears there, with your reply, and changes or cancellations follow by themselves.
      </p>
      <p className="hint">Keep the link to yourself: anyone who has it sees your meetings.</p>
      {feed.loading && !shown ? <Loading what="Finding your calendar link" /> : null}
      <ErrorMessage error={error ?? (shown ? null : feed.error)} retry={shown ? undefined : feed.reload} />
      {shown ? (
        <>
          <p>
            <a className="button" href={shown.webcalUrl}>
              Subscribe in my calendar program
            </a>
          </p>
          <div className="field">
            <label htmlFor="calendar-feed-url">
              Or paste this link into your calendar (“subscribe from a web address”)
            </label>
            <input
              id="calendar-feed-url"
              type="url"
              readOnly
              value={shown.httpsUrl}
              onFocus={(e) => e.target.select()}
            />
          </div>
          <div className="button-row">
            <button type="button" className="button secondary" onClick={() => copy(shown.httpsUrl)}>
              Copy the link
            </button>
            <button type="button" className="button secondary" onClick={reset}>
              Reset my calendar link
            </button>
          </div>
        </>
      ) : null}
      {note ? <Alert kind="success">{note}</Alert> : null}
    </section>
  );
}
