import commonPasswords from './common-passwords/passwords.json';
import { DEMO_LOGINS } from '../demo/demo-network.data';
import { passwordProblem } from './password-policy';

const member = { email: 'Asha.Patel@nhs.net', name: 'Asha Patel' };

describe('passwordProblem', () => {
  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('heather on the moor at dusk', member)).toBeNull();
  });

  it('ships at least the 10,000 most common passwords', () => {
    expect(commonPasswords.length).toBeGreaterThanOrEqual(10_000);
    expect(commonPasswords.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
  });

  it('refuses fewer than 12 and more than 128 characters', () => {
    expect(passwordProblem('elevenchars', member)).toBe('must be at least 12 characters');
    expect(passwordProblem('x'.repeat(129), member)).toBe('must be at most 128 characters');
    expect(passwordProblem('quiet'.repeat(25) + 'end', member)).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    // Eleven emoji are 22 UTF-16 units but only 11 characters.
    expect(passwordProblem('🔒'.repeat(11), member)).toBe('must be at least 12 characters');
  });

  it('refuses a common password whatever its case', () => {
    const common = commonPasswords.find((p) => p.length >= 12)!;
    expect(passwordProblem(common, member)).toMatch(/most common passwords/);
    expect(passwordProblem(common.toUpperCase(), member)).toMatch(/most common passwords/);
  });

  it('refuses the email address or the name', () => {
    expect(passwordProblem('asha.patel@NHS.net', member)).toMatch(/email address or name/);
    expect(passwordProblem('Asha Patel MD', { ...member, name: 'Asha Patel Jones' })).toBeNull();
    expect(passwordProblem('ashapateljones', { ...member, name: 'Asha Patel Jones' })).toMatch(/email address or name/);
    expect(passwordProblem('Asha Patel Jones', { ...member, name: 'Asha Patel Jones' })).toMatch(
      /email address or name/,
    );
  });

  it('refuses control characters and too few different characters', () => {
    expect(passwordProblem(' '.repeat(12), member)).toBe('must use at least 5 different characters');
    expect(passwordProblem('\u0000'.repeat(12), member)).toBe('must not contain control characters');
    expect(passwordProblem('heather moor\u0007', member)).toBe('must not contain control characters');
    expect(passwordProblem('abcdabcdabcd', member)).toBe('must use at least 5 different characters');
    expect(passwordProblem('abcdeabcdeab', member)).toBeNull();
  });

  it('checks the NFKC form: full-width letters are the letters', () => {
    // Twelve full-width 'ａ' are twelve 'a' once normalised; ligature 'ﬃ' is three letters.
    expect(passwordProblem('\uff41'.repeat(12), member)).toBe('must use at least 5 different characters');
    expect(passwordProblem('\ufb03\ufb03\ufb03\ufb03', member)).toBe('must use at least 5 different characters');
  });

  it('keeps the demo passwords valid', () => {
    for (const login of DEMO_LOGINS) expect(passwordProblem(login.password, login)).toBeNull();
  });
});
