import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const WEB_SRC = resolve(__dirname, '../apps/web/src');
const LIMIT = 80;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/** The name a function goes by: its own, or the variable it is assigned to (through memo(...) and the like). */
function nameOf(node: ts.FunctionLikeDeclaration): string | undefined {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  let parent: ts.Node = node.parent;
  while (ts.isCallExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))
    parent = parent.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/** Every React component function (a PascalCase name) in the file with its length in lines. */
function componentLengths(file: string, text: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
      const name = nameOf(node);
      if (name && /^[A-Z]/.test(name)) {
        const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        found.push({ name, lines: last - first + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A component that does three things is three components; over 80 lines is the sign (issue 20, item 4). */
describe('web components', () => {
  const all = tsxFiles(WEB_SRC).flatMap((file) =>
    componentLengths(file, readFileSync(file, 'utf8')).map((c) => ({
      ...c,
      key: `${relative(WEB_SRC, file)} ${c.name}`,
    })),
  );

  it(`keeps every React component function in apps/web/src to ${LIMIT} lines or fewer`, () => {
    const tooLong = all.filter((c) => c.lines > LIMIT);
    expect(tooLong.map((c) => `${c.key} is ${c.lines} lines`)).toEqual([]);
  });

  it('measures function components, arrow components and components wrapped in memo, nested ones apart', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const text = [
      `export function Card() {\n${body(3)}\n  return <p />;\n}`,
      `const Row = ({ x }: { x: number }) => {\n${body(79)}\n  return <td>{x}</td>;\n};`,
      `export const Chip = memo(function Chip() {\n  const Inner = () => <b />;\n  return <Inner />;\n});`,
      `const useThing = () => {\n${body(90)}\n};`,
    ].join('\n');
    expect(componentLengths('x.tsx', text)).toEqual([
      { name: 'Card', lines: 6 },
      { name: 'Row', lines: 82 },
      { name: 'Chip', lines: 4 },
      { name: 'Inner', lines: 1 },
    ]);
  });
});
