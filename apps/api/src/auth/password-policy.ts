import commonPasswords from './common-passwords/passwords.json';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** Twelve spaces, or one key held down, is not a password. */
export const PASSWORD_MIN_DISTINCT = 5;

/** The policy in words, for the forms that ask for a new password (GET /about). */
export const PASSWORD_RULES = `At least ${PASSWORD_MIN_LENGTH} characters, at least ${PASSWORD_MIN_DISTINCT} of them different; not one of the most common passwords, nor your email address or name.`;

// C0 controls, DEL and C1 controls: nobody types them, and they vanish or differ between devices.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The form a password is checked, hashed and compared in: NFKC, so the same passphrase typed on
 * two keyboards (composed or decomposed accents, full-width letters) is one password.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

let denyList: Set<string> | null = null;

/** The shipped list of common passwords (see common-passwords/README.md), loaded once. */
function commonPasswordSet(): Set<string> {
  denyList ??= new Set(commonPasswords);
  return denyList;
}

/**
 * What is wrong with a new password for this member, or null when it is acceptable. Checked in
 * its normalised form; length is counted in code points, not UTF-16 units.
 */
export function passwordProblem(given: string, member: { email: string; name?: string | null }): string | null {
  const password = normalisePassword(given);
  if (CONTROL_CHARACTER.test(password)) return 'must not contain control characters';
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (characters.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(characters).size < PASSWORD_MIN_DISTINCT)
    return `must use at least ${PASSWORD_MIN_DISTINCT} different characters`;

  const lowered = password.trim().toLowerCase();
  if (commonPasswordSet().has(lowered)) return 'is one of the most common passwords; choose another';

  const email = member.email.trim().toLowerCase();
  const name = member.name?.trim().toLowerCase() ?? '';
  const personal = [email, email.split('@')[0], name, name.replace(/\s+/g, '')].filter((s) => s.length > 0);
  if (personal.includes(lowered) || personal.includes(lowered.replace(/\s+/g, ''))) {
    return 'must not be your email address or name';
  }
  return null;
}
