import { noticeBounceAddress, readNoticeBounceAddress } from './bounce-address';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-use';
const NOTICE = '0b6f1c2a-3d4e-4f50-8a9b-0c1d2e3f4a5b';

describe('notice bounce addresses (VERP)', () => {
  it('tags the bounce address with the notice, and reads it back whatever the case', () => {
    const address = noticeBounceAddress('SEG@example.org', NOTICE, SECRET);
    expect(address).toMatch(/^SEG\+b\.0b6f1c2a3d4e4f508a9b0c1d2e3f4a5b\.[0-9a-f]{10}@example\.org$/);
    expect(readNoticeBounceAddress(address, 'SEG@example.org', SECRET)).toBe(NOTICE);
    expect(readNoticeBounceAddress(address.toUpperCase(), 'seg@example.org', SECRET)).toBe(NOTICE);
  });

  it('refuses addresses it did not make: another secret, another base, a changed notice', () => {
    const address = noticeBounceAddress('seg@example.org', NOTICE, SECRET);
    expect(readNoticeBounceAddress(address, 'seg@example.org', 'another-secret-of-sufficient-length-here')).toBeNull();
    expect(readNoticeBounceAddress(address, 'other@example.org', SECRET)).toBeNull();
    expect(readNoticeBounceAddress(address.replace('0b6f', '1b6f'), 'seg@example.org', SECRET)).toBeNull();
    expect(readNoticeBounceAddress('seg@example.org', 'seg@example.org', SECRET)).toBeNull();
  });
});
