/**
 * One attempt of an `npm` monitor — "can users install it": the registry's metadata for the
 * package answers, names a version for the tag, and that version's tarball downloads and matches
 * its published integrity (sha512 SRI, else the legacy sha1 shasum).
 * https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md
 */
import { createHash } from 'node:crypto';
import { verifyTarballIntegrity } from '../lib/monitor/result.ts';
import type { NpmCheck } from '../lib/schema/monitors.ts';
import type { Attempt } from './http-check.ts';
import { describeNetworkError } from './network-error.ts';

interface PackumentJson {
  'dist-tags'?: Record<string, string>;
  versions?: Record<string, { dist?: { tarball?: string; integrity?: string; shasum?: string } }>;
}

/** Scoped names keep the `@` and escape the slash, as the npm CLI asks for them. */
export function packumentUrl(registry: string, name: string): string {
  return `${registry.replace(/\/+$/, '')}/${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
}

export async function checkNpmOnce(check: NpmCheck, timeoutMs: number): Promise<Attempt> {
  const host = new URL(check.registry).host;
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const fail = (reason: Attempt['reason'], detail: string, httpStatus?: number): Attempt => ({
    outcome: 'failed',
    reason,
    detail,
    latencyMs: null,
    host,
    httpStatus,
  });
  try {
    const meta = await fetch(packumentUrl(check.registry, check.package), { headers: { accept: 'application/json' }, signal });
    if (!meta.ok) return fail('http-status', `registry answered HTTP ${meta.status} for ${check.package}`, meta.status);
    const packument = (await meta.json()) as PackumentJson;
    const version = packument['dist-tags']?.[check.tag];
    if (!version) return fail('error', `no version tagged "${check.tag}"`);
    const dist = packument.versions?.[version]?.dist;
    if (!dist?.tarball) return fail('error', `${check.package}@${version} has no tarball in the metadata`);
    const tarball = await fetch(dist.tarball, { signal });
    if (!tarball.ok) return fail('http-status', `tarball of ${version} answered HTTP ${tarball.status}`, tarball.status);
    const bytes = Buffer.from(await tarball.arrayBuffer());
    const verdict = verifyTarballIntegrity(dist, {
      sha512Base64: createHash('sha512').update(bytes).digest('base64'),
      sha1Hex: createHash('sha1').update(bytes).digest('hex'),
    });
    const latencyMs = Math.round(performance.now() - started);
    if (!verdict.ok) return { ...fail('integrity', `${version}: ${verdict.detail}`), latencyMs };
    return { outcome: 'ok', detail: `${check.package}@${version} installs (${bytes.length} bytes, ${verdict.detail})`, latencyMs, host };
  } catch (error) {
    const { reason, detail } = describeNetworkError(error);
    return fail(reason, reason === 'timeout' ? `timed out after ${Math.round(timeoutMs / 1000)} s` : detail);
  }
}
