import { deliveryEstimateText, duration, heldEmailsText } from '../apps/web/src/secretariat/delivery-wording';

describe('web app: how long an invitation call takes to send', () => {
  const estimate = {
    notices: 480,
    ahead: 0,
    provider: 'microsoft365' as const,
    ratePerMinute: 30,
    dailyLimit: 9500,
    laterDays: 0,
    minutes: 16,
    lastGoesAt: '2026-12-07T09:16:00+00:00',
  };

  it("gives the time at the provider's rate", () => {
    expect(deliveryEstimateText(estimate)).toBe("480 invitations: about 16 minutes at your provider's 30 a minute.");
    expect(deliveryEstimateText({ ...estimate, notices: 1, ahead: 30, minutes: 2 })).toBe(
      "1 invitation: about 2 minutes at your provider's 30 a minute (after 30 emails already waiting).",
    );
    expect(deliveryEstimateText({ ...estimate, notices: 4, ratePerMinute: 3000, minutes: 0 })).toBe(
      "4 invitations: less than a minute at your provider's 3,000 a minute.",
    );
    expect(duration(0)).toBe('less than a minute');
    expect(duration(317)).toBe('5 hours 17 minutes');
    expect(duration(120)).toBe('2 hours');
  });

  it("says how many wait for the next days, over the day's limit, and when the last should go", () => {
    expect(
      deliveryEstimateText({
        ...estimate,
        notices: 12000,
        laterDays: 2500,
        minutes: 24 * 60 + 84,
        lastGoesAt: '2026-12-08T10:24:00+00:00',
      }),
    ).toBe(
      "12,000 invitations: more than your provider's 9,500 a day allows, so 2,500 wait for the next day; the last should go about Tuesday 8 December 2026, 10:24 GMT.",
    );
    expect(heldEmailsText(1, '2026-07-08T10:24:00+01:00')).toBe(
      "1 email waits for a later day (the day's sending limit is reached); the last should go about Wednesday 8 July 2026, 10:24 BST.",
    );
    expect(heldEmailsText(0, null)).toBeNull();
  });
});
