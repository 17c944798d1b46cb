import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { componentId, pagesUrl, parseGitHubRemote, renderInitConfig, splitComponentNames } from '../../src/lib/init-config.ts';

describe('parseGitHubRemote', () => {
  test.each([
    { url: 'https://github.com/acme/widgets.git', repository: 'acme/widgets' },
    { url: 'https://github.com/acme/widgets', repository: 'acme/widgets' },
    { url: 'https://github.com/acme/widgets/', repository: 'acme/widgets' },
    { url: 'https://x-access-token:abc@github.com/acme/widgets.git', repository: 'acme/widgets' },
    { url: 'git@github.com:acme/widgets.git', repository: 'acme/widgets' },
    { url: 'ssh://git@github.com/acme/my.site.git', repository: 'acme/my.site' },
    { url: 'ssh://git@github.com:22/acme/widgets', repository: 'acme/widgets' },
    { url: ' git@github.com:acme/widgets.git\n', repository: 'acme/widgets' },
    { url: 'https://gitlab.com/acme/widgets.git', repository: undefined },
    { url: 'git@github.example.com:acme/widgets.git', repository: undefined },
    { url: 'https://github.com/acme', repository: undefined },
    { url: '', repository: undefined },
  ])('$url → $repository', ({ url, repository }) => {
    expect(parseGitHubRemote(url)).toBe(repository);
  });
});

describe('pagesUrl', () => {
  test.each([
    { repository: 'acme/widgets', url: 'https://acme.github.io/widgets' },
    { repository: 'Acme/Widgets-Status', url: 'https://acme.github.io/Widgets-Status' },
    { repository: 'acme/acme.github.io', url: 'https://acme.github.io' },
  ])('$repository → $url', ({ repository, url }) => {
    expect(pagesUrl(repository)).toBe(url);
  });
});

describe('component names and ids', () => {
  test.each([
    { name: 'CLI', id: 'cli' },
    { name: 'npm packages', id: 'npm-packages' },
    { name: '  Editor extension (VS Code) ', id: 'editor-extension-vs-code' },
    { name: 'Café API', id: 'cafe-api' },
    { name: '☁', id: 'component' },
  ])('$name → $id', ({ name, id }) => {
    expect(componentId(name)).toBe(id);
  });

  test('splits a comma-separated list, dropping empties and repeats', () => {
    expect(splitComponentNames(' Website, CLI,,CLI , ')).toEqual(['Website', 'CLI']);
  });
});

describe('renderInitConfig', () => {
  test('is a config the real schema accepts, with unique component ids', () => {
    const text = renderInitConfig({
      title: 'Acme: status',
      repository: 'acme/widgets',
      site: 'https://acme.github.io/widgets',
      components: ['API', 'api', 'Docs'],
    });
    expect(parseConfigText(text, 'content/status.yml')).toMatchObject({
      title: 'Acme: status',
      description: 'Live status of widgets, from its GitHub issues.',
      components: [
        { id: 'api', name: 'API' },
        { id: 'api-2', name: 'api' },
        { id: 'docs', name: 'Docs' },
      ],
      maintainers: [],
    });
  });
});
