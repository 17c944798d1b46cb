#!/usr/bin/env node
/**
 * `sitrep <command> [args]`: the one entry point of the npm package (issue #14). Each command is
 * scripts/<command>.ts of this package, run by tsx with the remaining arguments, in the current
 * directory — the project folder (or SITREP_PROJECT) whose content/ it reads and writes.
 *
 * Plain JavaScript on purpose: it must start before tsx is loaded, and it only dispatches.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));

/** The commands, in the order `sitrep --help` lists them, each with its one line of help. */
const COMMANDS = [
  ['init', 'write content/status.yml, the workflow and the issue forms for a new repository'],
  ['sync', 'read the incident issues from GitHub into content/snapshot.json'],
  ['build', 'build the status page from content/ into dist/'],
  ['preview', 'sync your real issues into a temporary snapshot, build and serve the page locally'],
  ['start', 'build (the demo until a snapshot exists) and serve it on localhost'],
  ['templates', 'write the issue forms in .github/ISSUE_TEMPLATE/ from the config (--check: compare only)'],
  ['labels', 'create or update the labels the config uses'],
  ['announce', 'after a deploy: pin active P0/P1 incidents and comment the page link on each'],
  ['respond', 'page the on-call responders of unacknowledged incidents, and escalate'],
  ['notify', 'after a deploy: tell the configured chat channels and subscribers what changed'],
  ['monitor', 'run the configured monitors; open, update and resolve their incidents'],
  ['keepalive', 're-enable the scheduled workflow so GitHub never switches it off for inactivity'],
];

function readVersion() {
  return JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')).version;
}

/** Commands whose script is in this package (init arrives with its own change; a missing one is unknown). */
function availableCommands() {
  return COMMANDS.filter(([name]) => existsSync(path.join(PACKAGE, 'scripts', `${name}.ts`)));
}

function usage() {
  const commands = availableCommands();
  const width = Math.max(...commands.map(([name]) => name.length));
  return [
    `sitrep ${readVersion()}: a static status page built from GitHub issues`,
    '',
    'Usage: sitrep <command> [options]   (sitrep <command> --help for its options)',
    '',
    'Commands:',
    ...commands.map(([name, help]) => `  ${name.padEnd(width)}  ${help}`),
    '',
    'The project folder is the current directory, or SITREP_PROJECT: content/status.yml is read there,',
    'and content/snapshot.json, .github/ISSUE_TEMPLATE/ and dist/ are written there.',
  ].join('\n');
}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  console.log(usage());
  process.exit(command === undefined ? 2 : 0);
}
if (command === '--version' || command === '-v') {
  console.log(readVersion());
  process.exit(0);
}
if (!availableCommands().some(([name]) => name === command)) {
  console.error(`sitrep: unknown command "${command}"\n\n${usage()}`);
  process.exit(2);
}

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const child = spawn(process.execPath, [tsx, path.join(PACKAGE, 'scripts', `${command}.ts`), ...rest], { stdio: 'inherit' });
// Ctrl+C reaches the whole process group; a signal sent to this process alone is passed on (tsx
// relays it to the script). This process only waits and passes the outcome on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`sitrep: could not start ${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (code !== null || !signal) process.exit(code ?? 1);
  // Die of the same signal, so a shell sees it (without the listener that would catch it).
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
