/**
 * The architecture rules (README, "Architecture"), read from the source with the TypeScript
 * parser: what each file imports and whether it reaches for `process` or the network.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every file under `dir` (relative to the repository root) whose name matches `name`: .ts and .mts files by default. */
export function sourceFiles(dir: string, name: RegExp = /\.m?ts$/): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && name.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .sort();
}

export interface FileFacts {
  /** Module specifiers of static imports, re-exports, dynamic imports and require(). */
  readonly imports: readonly string[];
  /** Free uses of these globals (not property names, not declared locally). */
  readonly globals: readonly string[];
}

const WATCHED_GLOBALS = new Set(['process', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'require']);

export function readFacts(text: string, fileName = 'file.ts'): FileFacts {
  const imports = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const globals = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && WATCHED_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) && parent.name === node);
      const isDeclaration = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent)) && parent.name === node;
      const isImportName = ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent);
      if (!isPropertyName && !isDeclaration && !isImportName) globals.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, globals: [...globals].sort() };
}

const NODE_BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'tls',
  'dns',
  'child_process',
  'url',
  'util',
  'crypto',
  'stream',
  'events',
  'worker_threads',
]);
const NETWORK_MODULES = /^(node:)?(http|https|http2|net|tls|dns|dgram)$|^@octokit\/|^octokit$|^undici$|^node-fetch$/;

/** Why `file` (repository-relative) breaks the pure-core rule, if it does: src/lib imports no I/O, framework or edge code. */
export function pureCoreViolations(file: string, facts: FileFacts): string[] {
  const problems: string[] = [];
  for (const spec of facts.imports) {
    const resolved = spec.startsWith('.') ? path.posix.join(path.posix.dirname(file), spec) : spec;
    if (spec.startsWith('node:') || NODE_BUILTINS.has(spec)) problems.push(`imports ${spec} (Node.js)`);
    else if (spec.startsWith('astro:') || spec === 'astro' || (spec.startsWith('astro/') && spec !== 'astro/zod')) problems.push(`imports ${spec} (Astro)`);
    else if (/octokit/.test(spec)) problems.push(`imports ${spec} (octokit)`);
    else if (resolved.startsWith('src/data/') || resolved.startsWith('src/github/') || resolved.startsWith('src/demo/'))
      problems.push(`imports ${spec} (edge code)`);
    else if (resolved.startsWith('tests/') || resolved.startsWith('scripts/')) problems.push(`imports ${spec}`);
  }
  for (const name of facts.globals) problems.push(`uses ${name}`);
  return problems;
}

/**
 * The edge: the only folders of src/ whose code talks to the network — GitHub (src/github), the
 * monitors' probes of the project's sites and registries (src/monitor) and the chat webhooks
 * (src/notify) — besides the commands in scripts/.
 */
export const NETWORK_EDGE = ['src/github/', 'src/monitor/', 'src/notify/'] as const;

/** The benchmark reuses the tests' local servers (a GitHub-compatible API, monitor targets); the commands never import tests/. */
export function isBenchmark(file: string): boolean {
  return file === 'scripts/bench.ts' || file.startsWith('scripts/lib/bench-') || file.endsWith('-bench.ts');
}

/** Why a command's `file` (under scripts/) imports test code, if it does. */
export function scriptViolations(file: string, facts: FileFacts): string[] {
  if (isBenchmark(file)) return [];
  return facts.imports
    .filter((spec) => spec.startsWith('.') && path.posix.join(path.posix.dirname(file), spec).startsWith('tests/'))
    .map((spec) => `imports ${spec} (test code)`);
}

/** Why `file` breaks "only the edge and scripts/ touch the network", if it does. */
export function networkViolations(facts: FileFacts): string[] {
  return [
    ...facts.imports.filter((spec) => NETWORK_MODULES.test(spec)).map((spec) => `imports ${spec}`),
    ...facts.globals.filter((name) => ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].includes(name)).map((name) => `uses ${name}`),
  ];
}

/**
 * Why an .astro file's styles would be lost, if they would: every page is one string
 * (src/lib/document-html.ts) holding the one stylesheet, global.css, so a component's `<style>`
 * or a stylesheet it imports has no `<head>` for Astro to put it in.
 */
export function stylesheetViolations(text: string): string[] {
  return [
    ...(/<style[\s>]/i.test(text) ? ['has a <style> element (put the rules into src/styles/global.css)'] : []),
    ...[...text.matchAll(/^\s*import\s+(?:[\w{}\s,*]+\s+from\s+)?['"]([^'"]+\.(?:css|scss|sass|less))['"]/gm)].map(
      (m) => `imports the stylesheet ${m[1]} (the document carries global.css alone)`,
    ),
  ];
}
