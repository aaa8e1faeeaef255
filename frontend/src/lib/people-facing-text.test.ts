// Text people read names no rule codes: "(R10)" or "(R13, R23)" means nothing to a Security Official.
// Comments keep citing the rules; this guard reads every string and JSX text of the SPA's sources (not
// the tests, not the generated GraphQL code) with the TypeScript parser, so comments are never read.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const sourceRoot = join(__dirname, '..');
/** A rule code as a word; tracking numbers (R261128-AAAAAA) have six digits and a dash. */
const ruleCode = /\bR\d{1,2}\b(?!-)/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' || entry.name === 'test' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every string literal, template part and JSX text of a module, with its line. */
function textsOf(fileName: string, source: string): { line: number; text: string }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return; // module paths
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('people-facing text', () => {
  it('names no rule codes anywhere in the SPA', () => {
    const files = sourceFiles(sourceRoot);
    expect(files.length).toBeGreaterThan(40);
    const offending = files.flatMap((path) =>
      textsOf(path, readFileSync(path, 'utf8'))
        .filter(({ text }) => ruleCode.test(text))
        .map(({ line, text }) => `${relative(sourceRoot, path)}:${String(line)}: ${text.trim()}`),
    );
    expect(offending).toEqual([]);
  });

  it('reads strings, templates and JSX text, and never comments', () => {
    const source = `
      // A comment citing R14 is fine.
      /** So is R30 here. */
      const a = 'Approved (R9).';
      const b = \`Due \${when} (R30)\`;
      const c = <p>Once a year (R30). Request R261128-AAAAAA.</p>;
    `;
    expect(
      textsOf('module.tsx', source)
        .filter(({ text }) => ruleCode.test(text))
        .map(({ line }) => line),
    ).toEqual([4, 5, 6]);
  });
});
