import { csvCell, csvLine, splitList } from './members-csv';

describe('members CSV helpers', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
  });

  it('defuses formulas but keeps phone numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+44 7700 900123')).toBe('+44 7700 900123');
    expect(csvCell('-cmd')).toBe("'-cmd");
  });

  it('joins a line and splits lists', () => {
    expect(csvLine(['a', null, 'c d'])).toBe('a,,c d\r\n');
    expect(splitList(' BAI ; Wandsworth (HMP);; ')).toEqual(['BAI', 'Wandsworth (HMP)']);
  });
});
