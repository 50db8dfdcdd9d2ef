import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The site's own style sheet and script: small, written for it, never the staff app's bundle. */
export const siteAssets = {
  'site.css': { type: 'text/css; charset=utf-8', body: read('site.css') },
  'site.js': { type: 'text/javascript; charset=utf-8', body: read('site.js') },
} as const;
export type SiteAsset = keyof typeof siteAssets;

function read(name: string): Buffer {
  return fs.readFileSync(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)));
}

// The address names the content, so a page may be cached while an asset changes under it.
const versions = Object.fromEntries(
  Object.entries(siteAssets).map(([name, asset]) => [name, createHash('sha256').update(asset.body).digest('hex').slice(0, 12)]),
) as Record<SiteAsset, string>;

export const assetPath = (name: SiteAsset) => `/help/assets/${versions[name]}/${name}`;
export const isCurrentAsset = (name: string, version: string): name is SiteAsset =>
  name in versions && versions[name as SiteAsset] === version;
