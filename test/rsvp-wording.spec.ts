import { RSVP_WORDING } from '@seg/rules';
import { RSVP_LABELS } from '../apps/web/src/api/types';

/** One wording of a reply everywhere: emails, the RSVP page, the web app and the secretariat's views. */
describe('the wording of a reply', () => {
  it('is the same in the web app as in emails and downloads', () => {
    expect(RSVP_LABELS).toEqual(RSVP_WORDING);
  });
});
