/**
 * `tsx scripts/notify.ts` as a real process: the record is written atomically and read back, so a
 * second run sends nothing; --dry-run sends and writes nothing; bad input fails with the file named;
 * a failing channel never fails the command.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { NotifyStateSchema } from '../../src/lib/schema/notify-state.ts';
import { issue, snapshot } from '../support/records.ts';
import { runScript } from '../support/run-script.ts';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const CONFIG = `title: Acme status
description: Status of Acme widgets.
repository: acme/widgets
site: https://acme.github.io/status-sub
components:
  - { id: cli, name: CLI }
notify:
  - { kind: slack, urlEnv: SLACK_WEBHOOK_URL }
`;

let dir: string;
let receiver: WebhookReceiver;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sitrep-notify-'));
  writeFileSync(path.join(dir, 'status.yml'), CONFIG);
  writeFileSync(
    path.join(dir, 'snapshot.json'),
    JSON.stringify(snapshot([issue({ number: 3, title: 'Docs down', labels: ['incident', 'P1', 'component:cli'], createdAt: '2026-11-21T11:50:00Z' })])),
  );
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

const statePath = () => path.join(dir, 'notify-state.json');
const run = (args: string[] = [], env: Record<string, string | undefined> = {}) =>
  runScript('scripts/notify.ts', args, {
    SITREP_CONFIG: path.join(dir, 'status.yml'),
    SITREP_SNAPSHOT: path.join(dir, 'snapshot.json'),
    SITREP_POSTMORTEMS: path.join(dir, 'postmortems'),
    SITREP_NOTIFY_STATE: statePath(),
    SITREP_NOW: '2026-11-21T12:00:00Z',
    SLACK_WEBHOOK_URL: `${receiver.url}/services/T/B/secret`,
    ...env,
  });

describe('npm run notify', () => {
  test('sends once, records it, sends nothing the second time', async () => {
    const first = await run(['--json']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('GITHUB_TOKEN is not set: the subscribe issues are skipped');
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, dryRun: false, targets: [{ id: 'slack:SLACK_WEBHOOK_URL', sent: ['incident-3:declared'] }] });
    const state = NotifyStateSchema.parse(JSON.parse(readFileSync(statePath(), 'utf8')));
    expect(state.deliveries['incident-3:declared']?.channels['slack:SLACK_WEBHOOK_URL']?.status).toBe('delivered');

    const second = await run([], { SITREP_NOW: '2026-11-21T12:05:00Z' });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('slack:SLACK_WEBHOOK_URL: sent 0');
    expect(receiver.received).toHaveLength(1);
  });

  test('--dry-run sends and writes nothing', async () => {
    const dry = await run(['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('slack:SLACK_WEBHOOK_URL: would send 1');
    expect(receiver.received).toEqual([]);
    expect(existsSync(statePath())).toBe(false);
  });

  test('a failing channel warns and exits 0; another repository or a corrupt record fails naming the file, which is left as it was', async () => {
    receiver.mode = { kind: 'status', status: 404 };
    const failing = await run();
    expect(failing.code).toBe(0);
    expect(failing.stderr).toMatch(/warning: notify "slack:SLACK_WEBHOOK_URL": incident-3:declared failed \(HTTP 404/);
    expect(failing.stderr).not.toContain('/services/T/B/secret');

    const otherRepository = await run([], { GITHUB_REPOSITORY: 'acme/other' });
    expect(otherRepository.code).toBe(1);
    expect(otherRepository.stderr).toContain('holds the issues of "acme/widgets", but this site is for "acme/other"');

    writeFileSync(statePath(), '{"schemaVersion": 1, "updatedAt": ');
    const corrupt = await run();
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain('notify-state.json is not valid JSON');
    expect(readFileSync(statePath(), 'utf8')).toBe('{"schemaVersion": 1, "updatedAt": ');
  });
});
