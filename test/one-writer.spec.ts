import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** Each shared column and the one repository (of @seg/records) whose SQL may set it once the row exists. */
const ONE_WRITER: { table: string; column: string; writer: string }[] = [
  { table: 'invitations', column: 'rsvp', writer: 'libs/records/src/invitation-replies.repository.sql' },
  { table: 'posts', column: 'ends_on', writer: 'libs/records/src/post-changes.repository.sql' },
  { table: 'members', column: 'status', writer: 'libs/records/src/member-statuses.repository.sql' },
];

function snapshotFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : snapshotFiles(path);
    return entry.name.endsWith('.repository.sql') ? [path] : [];
  });
}

/** Every UPDATE in the SQL snapshots, as `file Class.method` with the columns it sets, per table. */
function updates(): { where: string; table: string; columns: string[] }[] {
  return [join(ROOT, 'apps'), join(ROOT, 'libs')].flatMap(snapshotFiles).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return text.split(/^-- (?=\w+\.\w+)/m).flatMap((part) => {
      const method = part.split('\n')[0];
      return [...part.matchAll(/^update "(\w+)"\nset\n([\s\S]*?)\n(?:where|returning|from)\b/gm)].map((m) => ({
        where: `${relative(ROOT, file)} ${method}`,
        table: m[1],
        columns: [...m[2].matchAll(/^\s+"(\w+)" =/gm)].map((c) => c[1]),
      }));
    });
  });
}

/**
 * A reply, a post's end and a member's status each have one writer, shared by the API and the
 * worker (issue 20, item 2): read from the SQL every repository runs (its checked snapshot).
 */
describe('one writer per shared record', () => {
  const all = updates();

  it.each(ONE_WRITER)('only $writer sets $column of $table', ({ table, column, writer }) => {
    const setters = all.filter((u) => u.table === table && u.columns.includes(column)).map((u) => u.where);
    expect(setters.length).toBeGreaterThan(0);
    expect(setters.filter((where) => !where.startsWith(`${writer} `))).toEqual([]);
  });
});
