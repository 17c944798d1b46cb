/**
 * `sitrep templates --publish` (the workflow's `forms` job): commits the issue forms regenerated
 * from the default branch's content/status.yml, or opens one pull request where the branch is
 * protected (src/github/forms-publish.ts). Environment: GITHUB_TOKEN (contents: write,
 * pull-requests: write), GITHUB_REPOSITORY (else the config's `repository`), GITHUB_API_URL.
 */
import { loadConfig, parseConfigText } from '../../src/data/load-config.ts';
import { resolveDataPaths } from '../../src/data/paths.ts';
import { formatPublishResult, publishForms } from '../../src/github/forms-publish.ts';
import { generateIssueTemplates } from '../../src/lib/issue-templates.ts';
import { ExitError, githubEnv, printWarning } from './cli.ts';

/** The config's path in the repository: where `sitrep init` writes it. */
const CONFIG_PATH = 'content/status.yml';

export async function publishIssueForms(json: boolean): Promise<number> {
  const { token, apiUrl, throttle } = githubEnv(process.env);
  if (!token) throw new ExitError('GITHUB_TOKEN is not set. Publishing the forms needs a token with contents: write and pull-requests: write.');
  const repository = process.env['GITHUB_REPOSITORY']?.trim() || loadConfig(resolveDataPaths().config, {}).repository;
  const result = await publishForms({
    repository,
    configPath: CONFIG_PATH,
    token,
    apiUrl,
    throttle,
    warn: (message) => printWarning('templates', message),
    // As `templates` itself: the forms belong to the repository, whatever GITHUB_REPOSITORY / SITREP_SITE_URL say.
    renderForms: (text, where) => generateIssueTemplates(parseConfigText(text, where)),
  });
  console.log(json ? JSON.stringify({ ok: true, ...result }, null, 2) : formatPublishResult(result));
  return 0;
}
