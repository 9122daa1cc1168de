import { attendanceCsv } from './meeting-follow-up.service';

describe('attendance CSV', () => {
  it('lists regions, categories and the total, quoting and defusing cells', () => {
    const counts = { invitees: 3, accepted: 1, tentative: 0, declined: 1, noReply: 1, attended: 2 };
    const csv = attendanceCsv({
      meetingId: 'm',
      totals: counts,
      byRegion: [{ code: 'london', name: 'London, Greater', ...counts }],
      byCategory: [{ code: null, name: '=HYPERLINK("x")', ...counts }],
    });
    expect(csv.split('\r\n')).toEqual([
      'group,code,name,invitees,accepted,tentative,declined,noReply,attended',
      'region,london,"London, Greater",3,1,0,1,1,2',
      `category,,"'=HYPERLINK(""x"")",3,1,0,1,1,2`,
      'total,,Everyone,3,1,0,1,1,2',
      '',
    ]);
  });
});
