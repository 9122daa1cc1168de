import { establishmentKey, plainKey, ReferenceMatcher } from './import-references';

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
    establishmentKey,
  );

  it('reads a category by code or name, whatever the case and punctuation', () => {
    for (const value of ['prison-gp', 'Prison GP', 'PRISON_GP', 'prison gp']) expect(categories.match(value)).toEqual({ found: expect.objectContaining({ code: 'prison-gp' }) });
    expect(plainKey('Zoë-Jane')).toBe('zoejane');
  });

  it('reads an establishment with or without its usual prefixes and suffixes', () => {
    for (const value of ['HMP Brixton', 'Brixton', 'brixton (hmp)', 'BXI', 'bxi', 'Brixton Prison']) expect(places.match(value)).toEqual({ found: expect.objectContaining({ code: 'BXI' }) });
    expect(places.match('HMP & YOI Altcourse')).toEqual({ found: expect.objectContaining({ code: 'ACI' }) });
    expect(places.match('broadmoor')).toEqual({ found: expect.objectContaining({ name: 'Broadmoor Hospital' }) });
  });

  it('lists the accepted values of a short list, and the nearest of a long one', () => {
    expect(categories.match('astronaut')).toEqual({ error: '"astronaut" is not a category; use one of: Prison GP (prison-gp), Patient / service-user representative (patient-rep)' });
    const unknown = places.match('HMP Brixtn');
    expect(unknown).toEqual({ error: expect.stringMatching(/^"HMP Brixtn" is not an establishment; the nearest are Brixton \(HMP\) \(BXI\), /) });
  });
});
