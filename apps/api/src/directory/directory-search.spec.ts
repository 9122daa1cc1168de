import { isSelective, roughKeyLength } from './directory.repository';

describe('directory search planning', () => {
  it('measures a search key as the database makes it: no accents, spaces or punctuation', () => {
    expect(roughKeyLength("O'Brien")).toBe(6);
    expect(roughKeyLength('Zoë')).toBe(3);
    expect(roughKeyLength('  a-b ')).toBe(2);
    expect(roughKeyLength('%_%')).toBe(0);
  });

  it('gathers matches first only for searches narrowed by an index of their own', () => {
    expect(isSelective({ q: 'smi' })).toBe(true);
    expect(isSelective({ q: 'zo' })).toBe(false);
    expect(isSelective({ regionCode: 'london', categoryCode: 'prison-gp' })).toBe(false);
    expect(isSelective({ establishmentId: 'x' })).toBe(true);
    expect(isSelective({ repsOnly: true })).toBe(true);
  });
});
