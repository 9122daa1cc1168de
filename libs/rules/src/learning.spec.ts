import {
  appraisalYear,
  appraisalYearOf,
  checkInWindow,
  formatHours,
  hasClosed,
  hasStarted,
  inAppraisalYear,
  learningDay,
  minutesOfHours,
  newCertificateNumber,
  newCheckInCode,
  readCertificateNumber,
  readCheckInCode,
} from './learning';

describe('learning rules', () => {
  const meeting = { startsAt: new Date('2026-03-10T10:00:00Z'), endsAt: new Date('2026-03-10T12:00:00Z') };

  it('opens check-in at the start and closes it an hour after the end, when the meeting closes', () => {
    expect(checkInWindow(meeting)).toEqual({
      opensAt: new Date('2026-03-10T10:00:00Z'),
      closesAt: new Date('2026-03-10T13:00:00Z'),
    });
    expect(hasStarted(meeting, new Date('2026-03-10T09:59:59Z'))).toBe(false);
    expect(hasStarted(meeting, new Date('2026-03-10T10:00:00Z'))).toBe(true);
    expect(hasClosed(meeting, new Date('2026-03-10T12:59:59Z'))).toBe(false);
    expect(hasClosed(meeting, new Date('2026-03-10T13:00:00Z'))).toBe(true);
    // An archived summit known by its year only has long started and closed.
    const undated = { startsAt: null, endsAt: null, summitYear: 2023 };
    expect(checkInWindow(undated)).toBeNull();
    expect(hasClosed(undated, new Date('2000-01-01'))).toBe(true);
    expect(learningDay(undated)).toBe('2023-06-01');
  });

  it('counts a meeting on its London day', () => {
    // 23:30 UTC on 31 March is 00:30 BST on 1 April: the next appraisal year when it starts in April.
    const late = { startsAt: new Date('2026-03-31T23:30:00Z'), endsAt: new Date('2026-04-01T00:30:00Z') };
    expect(learningDay(late)).toBe('2026-04-01');
    expect(appraisalYearOf(learningDay(late)!, 4).year).toBe(2026);
  });

  it('names an appraisal year by the year it starts in, across the year boundary', () => {
    expect(appraisalYear(2025, 4)).toEqual({
      year: 2025,
      startMonth: 4,
      startsOn: '2025-04-01',
      endsOn: '2026-03-31',
      label: 'April 2025 to March 2026',
    });
    expect(appraisalYear(2024, 3).endsOn).toBe('2025-02-28');
    expect(appraisalYear(2023, 3).endsOn).toBe('2024-02-29');
    expect(appraisalYear(2026, 1)).toMatchObject({ startsOn: '2026-01-01', endsOn: '2026-12-31', label: '2026' });
    expect(appraisalYearOf('2026-03-31', 4).year).toBe(2025);
    expect(appraisalYearOf('2026-04-01', 4).year).toBe(2026);
    expect(appraisalYearOf('2026-01-15', 1).year).toBe(2026);
    expect(inAppraisalYear('2026-03-31', appraisalYear(2025, 4))).toBe(true);
    expect(inAppraisalYear('2026-04-01', appraisalYear(2025, 4))).toBe(false);
  });

  it('counts hours in quarters up to a long summit', () => {
    expect(minutesOfHours(1.5)).toBe(90);
    expect(minutesOfHours(0.25)).toBe(15);
    expect(minutesOfHours(100)).toBe(6000);
    for (const bad of [0, -1, 0.1, 1.3, 100.25, Number.NaN]) expect(minutesOfHours(bad)).toBeNull();
    expect(formatHours(60)).toBe('1 hour');
    expect(formatHours(90)).toBe('1.5 hours');
    expect(formatHours(45)).toBe('0.75 hours');
    expect(formatHours(1440)).toBe('24 hours');
  });

  it('reads check-in codes and certificate numbers as people type them', () => {
    const code = newCheckInCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(readCheckInCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
    expect(readCheckInCode('K7MO1L')).toBe('K7M011');
    expect(readCheckInCode('K7MQ2')).toBeNull();
    expect(readCheckInCode('K7MQ2U')).toBeNull();

    const number = newCertificateNumber();
    expect(number).toMatch(/^SEG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(readCertificateNumber(number.toLowerCase())).toBe(number);
    expect(readCertificateNumber(number.replace(/-/g, ''))).toBe(number);
    expect(readCertificateNumber(number.slice(4))).toBe(number);
    expect(readCertificateNumber('SEG-1234')).toBeNull();
    expect(readCertificateNumber('<script>')).toBeNull();
  });
});
