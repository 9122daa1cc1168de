import commonPasswords from './common-passwords/passwords.json';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let denyList: Set<string> | null = null;

/** The shipped list of common passwords (see common-passwords/README.md), loaded once. */
function commonPasswordSet(): Set<string> {
  denyList ??= new Set(commonPasswords);
  return denyList;
}

/**
 * What is wrong with a new password for this member, or null when it is acceptable. Length is
 * counted in characters as people see them (code points), not UTF-16 units.
 */
export function passwordProblem(password: string, member: { email: string; name?: string | null }): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;

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
