// Runs `npm ci` only when node_modules does not match package-lock.json (npm writes its copy
// of the lock to node_modules/.package-lock.json); a rebuild then costs no network and no time.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.cwd();
const lock = join(dir, 'package-lock.json');
const installed = join(dir, 'node_modules', '.package-lock.json');

function upToDate() {
  if (!existsSync(installed)) return false;
  const wanted = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  return Object.entries(wanted).every(([path, meta]) => path === '' || (have[path] && have[path].version === meta.version));
}

if (upToDate()) {
  console.log(`node_modules of ${dir} is up to date`);
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
}
