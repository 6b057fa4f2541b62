// What every bench script shares: an environment that no caller's shell can leak into (an
// assistant's variables, a global core.hooksPath), and a seeded random source for fixtures.
import path from 'node:path';

/** git and the hooks run with this alone: a HOME and git config of the fixture's own, no system
 *  config, a fixed locale; `extra` adds what one bench needs (identities, TMPDIR, NO_COLOR). */
export function isolatedEnv(cache, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: path.join(cache, 'home'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(cache, 'home', 'gitconfig'),
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so every build of a bench fixture makes the same repository. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
