import * as argon2 from 'argon2';
import { ARGON2_OPTIONS, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  beforeAll(() => hasher.onModuleInit());

  it('hashes with argon2id, 19 MiB, 2 passes, 1 lane, and a fresh salt each time', async () => {
    const a = await hasher.hash('river walk in the rain');
    const b = await hasher.hash('river walk in the rain');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(a).not.toBe(b);
    expect(hasher.needsRehash(a)).toBe(false);
  });

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('river walk in the rain');
    await expect(hasher.verify(hash, 'river walk in the rain')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'River walk in the rain')).resolves.toBe(false);
  });

  it('compares the NFKC form, and still accepts a hash of the password as typed', async () => {
    const composed = 'caf\u00e9 by the river';
    const decomposed = 'cafe\u0301 by the river';
    await expect(hasher.verify(await hasher.hash(composed), decomposed)).resolves.toBe(true);
    const beforeNormalising = await argon2.hash(decomposed, ARGON2_OPTIONS);
    await expect(hasher.verify(beforeNormalising, decomposed)).resolves.toBe(true);
    await expect(hasher.verify(beforeNormalising, 'cafe by the river')).resolves.toBe(false);
  });

  it('answers false, never throws, without a usable hash', async () => {
    await expect(hasher.verify(null, 'anything at all')).resolves.toBe(false);
    await expect(hasher.verify(undefined, '')).resolves.toBe(false);
    await expect(hasher.verify('not-a-hash', 'anything at all')).resolves.toBe(false);
  });

  it('asks for a rehash of a hash made with weaker settings', async () => {
    const weak = '$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI';
    expect(hasher.needsRehash(weak)).toBe(true);
  });
});
