import { createHash } from 'node:crypto';
import { ERASED } from './stripped-notice';

/** The free text staff write about a meeting, by field: where a member's name may stand. */
export interface MeetingTexts {
  id: string;
  title: string;
  agenda: string | null;
  venue: string | null;
  theme: string | null;
  learningOutcomes: string[];
}

/** A place in staff text where an erased member's name or email stood when they were erased. */
export interface StaffTextMention {
  meetingId: string;
  /** `title`, `agenda`, `venue`, `theme` or `learningOutcomes[i]`. */
  field: string;
  /** The text around the first match, every match replaced by [erased]. */
  snippet: string;
  /** SHA-256 of the field's whole text then: the place is listed until that text changes. */
  textDigest: string;
}

const SNIPPET_SIDE = 40;
/** Shorter words match inside too many other words to point at anyone. */
const SHORTEST_WORD = 4;

/** Each field of a meeting that staff write, with its text. */
export function meetingTextFields(meeting: MeetingTexts): { field: string; text: string }[] {
  const fields = [
    { field: 'title', text: meeting.title },
    { field: 'agenda', text: meeting.agenda },
    { field: 'venue', text: meeting.venue },
    { field: 'theme', text: meeting.theme },
    ...meeting.learningOutcomes.map((text, i) => ({ field: `learningOutcomes[${i}]`, text })),
  ];
  return fields.filter((f): f is { field: string; text: string } => !!f.text);
}

export function textDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * What to look for of a person in other people's text: each full name and email they had, and
 * each name's last word (people write "Dr Okafor"), when long enough to mean something.
 */
export function mentionNeedles(names: string[], emails: string[]): string[] {
  const needles = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed.length >= SHORTEST_WORD) needles.add(trimmed);
    const last = trimmed.split(/\s+/).pop() ?? '';
    if (last.length >= SHORTEST_WORD) needles.add(last);
  }
  for (const email of emails) if (email.trim()) needles.add(email.trim());
  // Longest first, so a full name is replaced whole before its last word is looked for.
  return [...needles].sort((a, b) => b.length - a.length);
}

/** Every field of these meetings that holds one of the needles (in any case), with a snippet. */
export function findMentions(meetings: MeetingTexts[], needles: string[]): StaffTextMention[] {
  if (!needles.length) return [];
  const pattern = new RegExp(needles.map(escapeRegExp).join('|'), 'giu');
  return meetings.flatMap((meeting) =>
    meetingTextFields(meeting).flatMap(({ field, text }) => {
      const masked = text.replace(pattern, ERASED);
      const at = masked.indexOf(ERASED);
      if (at < 0 || masked === text) return [];
      const from = Math.max(0, at - SNIPPET_SIDE);
      const to = Math.min(masked.length, at + ERASED.length + SNIPPET_SIDE);
      let middle = masked.slice(from, to);
      // Cut at whole words, so the snippet reads as text.
      if (from > 0) middle = middle.replace(/^\S*\s+/, '');
      if (to < masked.length) middle = middle.replace(/\s+\S*$/, '');
      const snippet = `${from > 0 ? '…' : ''}${middle.replace(/\s+/g, ' ').trim()}${to < masked.length ? '…' : ''}`;
      return [{ meetingId: meeting.id, field, snippet, textDigest: textDigest(text) }];
    }),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
