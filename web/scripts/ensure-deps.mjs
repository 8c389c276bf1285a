// Runs `npm ci` when node_modules does not match package-lock.json (or is missing), and does nothing
// otherwise: `npm ci` wipes node_modules (~100 MB with the test browser), too slow for every build.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const lock = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const stamp = 'node_modules/.chirpchat-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) {
  console.log('web: node_modules matches package-lock.json');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  writeFileSync(stamp, lock);
}
