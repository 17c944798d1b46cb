import { describe, expect, test } from 'vitest';
import type { NotifyEvent } from '../../src/lib/notify/events.ts';
import { listSubscriptionKeys, readSubscribeMarker, subscribeMarker, subscriptionWants, writeSubscribeIssue } from '../../src/lib/notify/subscriptions.ts';
import { config } from '../support/records.ts';

describe('the hidden marker', () => {
  test.each([
    { name: 'first line', body: `${subscribeMarker('cli')}\nSubscribe…`, key: 'cli' },
    { name: 'everything', body: subscribeMarker('all'), key: 'all' },
    { name: 'quoted further down', body: `Look:\n${subscribeMarker('cli')}`, key: null },
    { name: 'a different comment', body: '<!-- sitrep:status-link -->', key: null },
    { name: 'no body', body: null, key: null },
  ])('$name', ({ body, key }) => {
    expect(readSubscribeMarker(body)).toBe(key);
  });
});

describe('subscribe issues', () => {
  test('one for everything, then one per component in config order', () => {
    expect(listSubscriptionKeys(config())).toEqual(['all', 'cli', 'npm', 'docs', 'site']);
  });

  test.each([
    { key: 'all', components: ['docs'], wants: true },
    { key: 'all', components: [], wants: true },
    { key: 'cli', components: ['cli', 'docs'], wants: true },
    { key: 'cli', components: ['docs'], wants: false },
  ])('$key hears an event naming $components: $wants', ({ key, components, wants }) => {
    expect(subscriptionWants(key, { components } as unknown as NotifyEvent)).toBe(wants);
  });

  test('the body starts with the marker and escapes names', () => {
    const cfg = config({ components: [{ id: 'cli', name: '@everyone [CLI](https://evil.example) #1' }] });
    const { title, body } = writeSubscribeIssue('cli', cfg, 'https://x.example/components/cli/', 'https://x.example/feeds/components/cli.atom');
    expect(readSubscribeMarker(body)).toBe('cli');
    expect(title).toBe('Subscribe: @everyone [CLI](https://evil.example) #1 status updates');
    expect(body).not.toMatch(/@everyone|(?<!\\)\[|#1/);
    expect(body).toContain('`/feed subscribe https://x.example/feeds/components/cli.atom`');
  });
});
