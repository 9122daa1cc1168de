import { plainKey, ReferenceMatcher } from './import-references';

// Place keys come from PostgreSQL (seg_place_words, proven by the import's e2e test); here a
// stand-in that drops an "HMP" and what is in brackets.
const placeKey = (text: string) => plainKey(text.replace(/\(.*\)|^HMP /gi, ''));

describe('import references', () => {
  const categories = new ReferenceMatcher(
    [
      { code: 'prison-gp', name: 'Prison GP' },
      { code: 'patient-rep', name: 'Patient / service-user representative' },
    ],
    'category',
  );
  const places = new ReferenceMatcher(
    [
      { code: 'BXI', name: 'Brixton (HMP)' },
      { code: 'ACI', name: 'Altcourse (HMP & YOI)' },
      { code: null, name: 'Broadmoor Hospital' },
      { code: 'WWI', name: 'Wandsworth (HMP & YOI)' },
      ...Array.from({ length: 30 }, (_, i) => ({ code: `X${i}`, name: `Elsewhere ${i} (HMP)` })),
    ],
    'establishment',
    placeKey,
  );

  it('reads a category by code or name, whatever the case and punctuation', () => {
    for (const value of ['prison-gp', 'Prison GP', 'PRISON_GP', 'prison gp'])
      expect(categories.match(value)).toEqual({ found: expect.objectContaining({ code: 'prison-gp' }) });
    expect(plainKey('Zoë-Jane')).toBe('zoejane');
  });

  it('reads an establishment by code, or by name through its key', () => {
    for (const value of ['HMP Brixton', 'Brixton', 'brixton (hmp)', 'BXI', 'bxi'])
      expect(places.match(value)).toEqual({ found: expect.objectContaining({ code: 'BXI' }) });
    expect(places.match('Broadmoor Hospital')).toEqual({
      found: expect.objectContaining({ name: 'Broadmoor Hospital' }),
    });
  });

  it('lists the accepted values of a short list, and the nearest of a long one', () => {
    expect(categories.match('astronaut')).toEqual({
      error:
        '"astronaut" is not a category; use one of: Prison GP (prison-gp), Patient / service-user representative (patient-rep)',
    });
    const unknown = places.match('HMP Brixtn');
    expect(unknown).toEqual({
      error: expect.stringMatching(/^"HMP Brixtn" is not an establishment; the nearest are Brixton \(HMP\) \(BXI\), /),
    });
  });
});
