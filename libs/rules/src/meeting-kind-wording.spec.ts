import { MEETING_KINDS } from '@seg/db';
import { MEETING_KIND_WORDING } from './meeting-kind-wording';

describe('the wording of a meeting kind', () => {
  it('words every kind the database holds, and no other', () => {
    expect(Object.keys(MEETING_KIND_WORDING).sort()).toEqual([...MEETING_KINDS].sort());
  });
});
