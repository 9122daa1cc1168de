import type * as Api from './api/openapi.generated';

/**
 * The kinds of meeting email a member may turn off, as members and the secretariat read them:
 * the field of `/me/notice-preferences`, the code of `?noticesOff=`, and the words of the
 * emails' unsubscribe page.
 */
export const NOTICE_CHOICES: { field: keyof Api.NoticePreferences; code: string; label: string; covers: string }[] = [
  {
    field: 'hubMeetings',
    code: 'hub-meetings',
    label: 'Hub meetings and national events',
    covers: 'Invitations to meetings of the national group, the Health and Justice Summit and other national events.',
  },
  {
    field: 'regionalMeetings',
    code: 'regional-meetings',
    label: 'Regional meetings',
    covers: 'Invitations to regional meetings.',
  },
  {
    field: 'reminders',
    code: 'reminders',
    label: 'Reminders',
    covers: 'A reminder before a meeting you are going to or have not answered yet.',
  },
];
