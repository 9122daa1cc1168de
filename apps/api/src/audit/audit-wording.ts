import { formatLondon, RSVP_WORDING } from '@seg/rules';

/**
 * The audit trail in the secretariat's words: "Kwame Mensah's phone changed", with names in
 * place of ids. Pure, so every wording is checked without a database.
 */

/** Names of the records an audit page mentions, looked up once per page. */
export interface AuditNames {
  members: Map<string, string>;
  regions: Map<string, string>;
  categories: Map<string, string>;
  establishments: Map<string, string>;
  meetings: Map<string, string>;
  /** A post's holder, role and region, for entries about posts. */
  posts: Map<string, { memberId: string; role: string; regionId: string | null }>;
  /** An invitation's invitee and meeting, for replies. */
  invitations: Map<string, { memberId: string; meetingId: string }>;
}

export interface AuditLine {
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditChangeLine {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface AuditWording {
  subject: string;
  summary: string;
  changes: AuditChangeLine[];
}

type Lookup = keyof Omit<AuditNames, 'posts' | 'invitations'>;

/** Fields holding ids, and where their names are. */
const ID_FIELDS: Record<string, Lookup> = {
  memberId: 'members',
  regionId: 'regions',
  mergedIntoId: 'regions',
  categoryId: 'categories',
  establishmentIds: 'establishments',
  meetingId: 'meetings',
  createdById: 'members',
  invitedById: 'members',
};

const LABELS: Record<string, string> = {
  memberId: 'member',
  regionId: 'region',
  mergedIntoId: 'merged into',
  categoryId: 'category',
  establishmentIds: 'establishments',
  meetingId: 'meeting',
  emailVisibility: 'who sees the email',
  phoneVisibility: 'who sees the phone',
  startsOn: 'start date',
  endsOn: 'end date',
  startsAt: 'start',
  endsAt: 'end',
  onlineUrl: 'online link',
  rsvp: 'reply',
  respondedAt: 'replied at',
  emailStatus: 'email delivery',
  listed: 'listed in the directory',
};

/** Bookkeeping that changes with every write and says nothing to a reader. */
const QUIET = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'nameKey',
  'revision',
  'sequence',
  'detailsConfirmedAt',
  'detailsRequestedAt',
  'detailsRemindedAt',
]);

/** The ids an entry mentions, so one query per table finds every name on a page. */
export function idsMentioned(line: AuditLine): { lookup: Lookup; id: string }[] {
  const found: { lookup: Lookup; id: string }[] = [];
  const own: Partial<Record<string, Lookup>> = {
    member: 'members',
    region: 'regions',
    category: 'categories',
    establishment: 'establishments',
    meeting: 'meetings',
  };
  const lookup = own[line.entity];
  if (lookup) found.push({ lookup, id: line.entityId });
  for (const record of [line.before, line.after]) {
    for (const [field, value] of Object.entries(asRecord(record))) {
      const table = ID_FIELDS[field];
      if (!table) continue;
      for (const id of Array.isArray(value) ? value : [value])
        if (typeof id === 'string') found.push({ lookup: table, id });
    }
  }
  return found;
}

export function describeAudit(line: AuditLine, names: AuditNames): AuditWording {
  const subject = subjectOf(line, names);
  const changes = changedFields(line, names);
  return { subject, summary: summaryOf(line, subject, changes, names), changes };
}

function subjectOf(line: AuditLine, names: AuditNames): string {
  const { entity, entityId } = line;
  switch (entity) {
    case 'member':
      return names.members.get(entityId) ?? 'A member no longer on record';
    case 'region':
      return `the region ${names.regions.get(entityId) ?? 'no longer on record'}`;
    case 'category':
      return `the category ${names.categories.get(entityId) ?? 'no longer on record'}`;
    case 'establishment':
      return names.establishments.get(entityId) ?? 'An establishment no longer on record';
    case 'meeting':
      return `“${names.meetings.get(entityId) ?? 'a meeting no longer on record'}”`;
    case 'post': {
      const post = names.posts.get(entityId);
      return post
        ? `the post of ${post.role}, ${post.regionId ? (names.regions.get(post.regionId) ?? 'a region') : 'hub'}`
        : 'a post';
    }
    case 'invitation': {
      const invitation = names.invitations.get(entityId);
      return invitation
        ? `${names.members.get(invitation.memberId) ?? 'A member'}'s invitation to “${names.meetings.get(invitation.meetingId) ?? 'a meeting'}”`
        : 'an invitation';
    }
    default:
      return `${entity} ${entityId}`;
  }
}

function summaryOf(line: AuditLine, subject: string, changes: AuditChangeLine[], names: AuditNames): string {
  const { entity, action } = line;
  const after = asRecord(line.after);
  const fields = listed(changes.map((c) => c.label));
  if (entity === 'post') {
    const post = names.posts.get(line.entityId);
    const holder = post ? (names.members.get(post.memberId) ?? 'A member') : 'A member';
    if (action === 'create') return capital(`${holder} given ${subject}`);
    if (action === 'end') return capital(`${holder}'s ${subject.replace(/^the /, '')} ended`);
    return capital(`${holder}'s ${subject.replace(/^the /, '')}: ${fields || 'saved'} changed`);
  }
  if (entity === 'invitation' && action === 'rsvp') {
    const invitation = names.invitations.get(line.entityId);
    const who = invitation ? (names.members.get(invitation.memberId) ?? 'A member') : 'A member';
    const meeting = invitation ? (names.meetings.get(invitation.meetingId) ?? 'a meeting') : 'a meeting';
    const via = typeof after.replyFrom === 'string' ? ` by calendar reply from ${after.replyFrom}` : '';
    return `${who} replied “${replyWords(after.rsvp)}” to “${meeting}”${via}`;
  }
  const owner = entity === 'member' ? `${subject}'s` : `${capital(subject)}:`;
  switch (action.split(':')[0]) {
    case 'create':
      return capital(`${subject} added`);
    case 'update':
      if (action.startsWith('update:'))
        return capital(
          `${subject} ${STATUS_WORDS[action.slice(7)] ?? `is now ${action.slice(7)}`}${changes.length > 1 ? `; ${listed(changes.filter((c) => c.field !== 'status').map((c) => c.label))} changed` : ''}`,
        );
      return fields ? capital(`${owner} ${fields} changed`) : capital(`${subject} saved without a change`);
    case 'cancel':
      return capital(`${subject} cancelled`);
    case 'invite':
      return capital(`Invitations to ${subject} sent`);
    case 'resend-notices':
      return capital(`Notices of ${subject} sent again`);
    case 'merge':
      return capital(`${subject} merged into ${names.regions.get(String(after.mergedIntoId)) ?? 'another region'}`);
    case 'activate':
      return `${subject} activated their account`;
    case 'password-change':
      return `${subject} changed their password`;
    case 'password-reset':
      return `${subject} set a new password from a reset link`;
    case 'resend-activation':
      return `A new activation link sent to ${subject}`;
    case 'end-sessions':
      return `Every login of ${subject} ended`;
    case 'email-change':
      return `${subject} confirmed a new email address`;
    case 'sign-out-others':
      return `${subject} signed out everywhere else`;
    case 'erase':
      return `${subject} erased`;
    default:
      return capital(`${subject}: ${action.replace(/-/g, ' ')}`);
  }
}

const STATUS_WORDS: Record<string, string> = {
  left: 'marked as left',
  suspended: 'suspended',
  active: 'made active',
  invited: 'set back to invited',
};

function changedFields(line: AuditLine, names: AuditNames): AuditChangeLine[] {
  const before = asRecord(line.before);
  const after = asRecord(line.after);
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter(
      (k) =>
        !QUIET.has(k) &&
        !(empty(before[k]) && empty(after[k])) &&
        JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    )
    .map((field) => ({
      field,
      label: LABELS[field] ?? words(field),
      before: shown(field, before[field], names),
      after: shown(field, after[field], names),
    }));
}

function shown(field: string, value: unknown, names: AuditNames): string | null {
  if (value === undefined || value === null) return null;
  const table = ID_FIELDS[field];
  if (table) {
    const ids = Array.isArray(value) ? value : [value];
    if (!ids.length) return null;
    return ids.map((id) => names[table].get(String(id)) ?? 'no longer on record').join(', ');
  }
  if (field === 'rsvp') return replyWords(value);
  if (typeof value === 'string') return INSTANT.test(value) ? formatLondon(new Date(value)) : value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((item) => shown(field, item, names) ?? 'none').join(', ');
  if (typeof value === 'object') {
    // Counts and settings kept as an object ({"left":0,"suspended":0}) read as "left 0, suspended 0".
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${LABELS[key] ?? words(key)} ${shown(key, item, names) ?? 'none'}`)
      .join(', ');
  }
  return String(value);
}

/** An instant as the database and JSON write it (`2027-04-15T08:30:00.000Z`): shown in UK time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function replyWords(rsvp: unknown): string {
  return RSVP_WORDING[rsvp as keyof typeof RSVP_WORDING] ?? String(rsvp);
}

/** `emailStatus` → "email status", for fields without a label of their own. */
function words(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "phone", "phone and email", "phone, email and region". */
function listed(items: string[]): string {
  if (items.length < 2) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
