import { Type } from 'class-transformer';
import { IsString } from 'class-validator';
import { jsonDepth } from './request-body';
import { findBadText, MultilineText, textProblem } from './text-fields';

class Note {
  @IsString()
  title: string;

  @MultilineText()
  body: string;
}

class Folder {
  @Type(() => Note)
  notes: Note[];
}

const note = (title: string, body: string) => Object.assign(new Note(), { title, body });

describe('text fields', () => {
  it('refuses control characters, all of them on one line, all but tab and newline on several', () => {
    expect(textProblem('Zoë O’Brien', false)).toBeNull();
    expect(textProblem('a\u0000b', false)).toMatch(/control characters/);
    expect(textProblem('a\r\nb', false)).toMatch(/line breaks/);
    expect(textProblem('a\u0085b', false)).toMatch(/control/);
    expect(textProblem('one\n\ttwo', true)).toBeNull();
    expect(textProblem('one\r\ntwo', true)).toMatch(/other than tab and newline/);
    expect(textProblem('bell\u0007', true)).toMatch(/control/);
  });

  it('refuses lone surrogates and keeps pairs', () => {
    expect(textProblem('\ud800@x.org', false)).toBe('is not valid Unicode text');
    expect(textProblem('x\udc00', true)).toBe('is not valid Unicode text');
    expect(textProblem('smile \ud83d\ude00', false)).toBeNull();
  });

  it('names the field, nested and in lists, and knows multi-line fields from the DTO', () => {
    const folder = Object.assign(new Folder(), { notes: [note('ok', 'line\nline'), note('bad\n', 'x\u0000')] });
    expect(findBadText(folder, '')).toEqual([
      { field: 'notes[1].title', message: expect.stringMatching(/line breaks/) },
      { field: 'notes[1].body', message: expect.stringMatching(/control/) },
    ]);
    expect(findBadText({ q: 'a\nb' }, '', true)).toEqual([]);
    expect(findBadText('a\u0000', 'q')).toEqual([{ field: 'q', message: expect.any(String) }]);
  });
});

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth(Buffer.from('{"a":[1,{"b":2}]}'))).toBe(3);
    expect(jsonDepth(Buffer.from('{"a":"[[[[\\"[[["}'))).toBe(1);
    expect(jsonDepth(Buffer.from('1'))).toBe(0);
    expect(jsonDepth(Buffer.from('['.repeat(1500)))).toBe(1500);
  });
});
