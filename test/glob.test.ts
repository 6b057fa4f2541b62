import { describe, expect, it } from 'vitest';
import { compileGlob, globError } from '../src/policy/glob.js';

describe('compileGlob matches whole git paths', () => {
  // [pattern, path, matches when case-insensitive (the default), matches when case-sensitive]
  const table: [string, string, boolean, boolean][] = [
    // a folder glob covers the folder path itself and everything below
    ['benchmarks/**', 'benchmarks', true, true],
    ['benchmarks/**', 'benchmarks/a.json', true, true],
    ['benchmarks/**', 'benchmarks/a/b/c.json', true, true],
    ['benchmarks/**', 'benchmarksx/a.json', false, false],
    ['benchmarks/**', 'benchmarksx', false, false],
    ['benchmarks/**', 'src/benchmarks/a.json', false, false],
    ['benchmarks/**', 'benchmarks/', false, false],
    // case variants
    ['benchmarks/**', 'Benchmarks/x', true, false],
    ['datasets/**', 'DATASETS/y', true, false],
    ['datasets/**', 'DataSets', true, false],
    ['data/[a-c]*.json', 'data/B1.json', true, false],
    // `**` spans zero or more segments
    ['**/secret.txt', 'secret.txt', true, true],
    ['**/secret.txt', 'a/b/secret.txt', true, true],
    ['**/secret.txt', 'a/b/notsecret.txt', false, false],
    ['a/**/b', 'a/b', true, true],
    ['a/**/b', 'a/x/y/b', true, true],
    ['a/**/b', 'a/xb', false, false],
    ['a/**/**/b', 'a/b', true, true],
    ['**/evals/**', 'evals', true, true],
    ['**/evals/**', 'x/evals/y', true, true],
    ['**', 'anything/at/all', true, true],
    ['**', 'top', true, true],
    // `*` and `?` stay within one segment
    ['datasets/*', 'datasets/a.json', true, true],
    ['datasets/*', 'datasets/a/b.json', false, false],
    ['datasets/*', 'datasets', false, false],
    ['datasets/*.json', 'datasets/.hidden.json', true, true],
    ['datasets/*.json', 'datasets/x/.json', false, false],
    ['d/a**b', 'd/axyb', true, true],
    ['d/a**b', 'd/ax/yb', false, false],
    ['d/?.json', 'd/a.json', true, true],
    ['d/?.json', 'd/ab.json', false, false],
    ['d?x', 'd/x', false, false],
    // classes
    ['d/[abc].txt', 'd/b.txt', true, true],
    ['d/[abc].txt', 'd/d.txt', false, false],
    ['d/[!abc].txt', 'd/d.txt', true, true],
    ['d/[^abc].txt', 'd/a.txt', false, false],
    ['d[!x]e', 'd/e', false, false],
    ['d/[]]', 'd/]', true, true],
    ['d/[*?[{]', 'd/*', true, true],
    ['d/[*?[{]', 'd/{', true, true],
    ['d/[*?[{]', 'd/x', false, false],
    ['d/[a-]', 'd/-', true, true],
    // alternatives, including across '/'
    ['{benchmarks,evals/private}/**', 'evals/private/x', true, true],
    ['{benchmarks,evals/private}/**', 'evals/public/x', false, false],
    ['{benchmarks,evals/private}/**', 'benchmarks', true, true],
    ['d/*.{json,jsonl}', 'd/a.jsonl', true, true],
    ['d/*.{json,jsonl}', 'd/a.csv', false, false],
    ['a{,b}/x', 'ab/x', true, true],
    ['a{,b}/x', 'a/x', true, true],
    // regex metacharacters are literal
    ['d/a+b(c).json', 'd/a+b(c).json', true, true],
    ['d/a+b(c).json', 'd/aab(c)xjson', false, false],
    ['d/$x^', 'd/$x^', true, true],
    // non-ASCII and spaces
    ['datasets/**', 'datasets/naïve/ü.json', true, true],
    ['datasets/naïve/*.json', 'datasets/naïve/ü.json', true, true],
    ['datasets/naïve/*.json', 'DATASETS/NAÏVE/Ü.JSON', true, false],
    ['datasets/naïve/?.json', 'datasets/naïve/ü.json', true, true],
    ['datasets/naïve/**', 'datasets/nai\u0308ve/x', true, true],
    ['d/??.txt', 'd/😀x.txt', true, true],
    ['my data/**', 'my data/file one.csv', true, true],
    ['my data/*.csv', 'my data/file one.csv', true, true],
    ['my data/**', 'mydata/x', false, false],
    // the literal start of a pattern, checked before the regex, says what the regex would say
    ['datasets/**', 'dataset', false, false],
    ['datasets/**', 'd', false, false],
    ['data/file.txt', 'DATA/FILE.TXT', true, false],
    ['data/file.txt', 'data/file.txtx', false, false],
    ['data/[f]ile.txt', 'data/File.txt', true, false],
    ['Data/**', 'data/x', true, false],
    ['kdata/**', '\u212Adata/x', true, false], // KELVIN SIGN folds to k
    ['\u017Fdata/**', 'sdata/x', true, false], // LONG S folds to s
    // names a Windows or macOS checkout writes into the protected folder (issue 19)
    ['benchmarks/**', 'BENCHM~1/x', true, true], // 8.3 short name
    ['benchmarks/**', 'bench~12/x', true, true],
    ['benchmarks/**', 'BE1F3A~1/x', true, true], // the hashed form
    ['evals/private/**', 'EVALS~1/PRIVAT~1/x', true, true],
    ['datasets/*.json', 'datasets/TASK-1~1.JSO', true, true], // a file's short name
    ['benchmarks/**', 'X~1/y', false, false], // a short name cannot start with another letter
    ['.cleanroom/**', 'CLEANR~1/policy.yaml', true, true], // short names drop leading dots
    ['.cleanroom/**', 'clean/x', false, false],
    ['benchmarks/**', 'benchmarks~/x', false, false], // an editor's backup name is no short name
    ['benchmarks/**', 'benchmarks./x', true, true], // trailing dots and spaces dropped
    ['benchmarks/**', 'benchmarks . ./x', true, true],
    ['benchmarks/**', 'Benchmarks./x', true, false],
    ['data/file.txt', 'data/file.txt.', true, true],
    ['benchmarks/**', '.../x', false, false],
    ['benchmarks/**', 'benchmarks\\x', true, true], // backslash as a separator
    ['benchmarks/**', 'benchmarks::$INDEX_ALLOCATION/x', true, true], // the folder's NTFS stream
    ['benchmarks/**', 'benchmarks:$I30:$INDEX_ALLOCATION/x', true, true],
    ['benchmarks/**', 'bench\u200Cmarks/x', true, true], // HFS+ ignorable code points
    ['benchmarks/**', '\uFEFFbenchmarks\u206F/x', true, true],
    ['données/**', 'donne\u0301es/x', true, true], // NFD of an NFC name
    ['donne\u0301es/**', 'données/x', true, true], // and the other way
    ['données/**', 'DONNE\u0301ES/x', true, false],
    ['données/**', 'donnees/x', false, false],
  ];

  it.each(table)('%s vs %s', (pattern, path, insensitive, sensitive) => {
    expect(globError(pattern)).toBeUndefined();
    expect(compileGlob(pattern, false)(path)).toBe(insensitive);
    expect(compileGlob(pattern, true)(path)).toBe(sensitive);
  });
});

describe('globError', () => {
  const bad: [string, string][] = [
    ['', 'empty glob'],
    ['../x', 'has a ".." segment'],
    ['a/../b', 'has a ".." segment'],
    ['./a', 'has a "." segment'],
    ['a/.', 'has a "." segment'],
    ['/abs', 'starts with "/"'],
    ['/', 'starts with "/"'],
    ['a//b', 'has an empty segment'],
    ['benchmarks/', 'ends with "/"'],
    ['a\\b', 'contains a backslash'],
    ['{a,b', 'unclosed "{"'],
    ['a}', 'without a "{"'],
    ['{a,{b}}', 'nests "{"'],
    ['{,x}/y', 'starts with "/"'],
    ['{..,x}/y', 'has a ".." segment'],
    ['{}', 'alternative that is empty'],
    ['a[bc', 'unclosed "["'],
    ['a[b/c]', 'unclosed "["'],
    ['a[]', 'unclosed "["'],
    ['d/[z-a]', 'reversed'],
    ['{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}', 'expected at most 256'],
  ];

  it.each(bad)('%j is rejected: %s', (pattern, problem) => {
    const message = globError(pattern);
    expect(message).toContain(problem);
    expect(message).toMatch(/; expected /);
    expect(() => compileGlob(pattern, false)).toThrow();
  });

  it.each(['benchmarks/**', '**', 'a/**/b', 'd/[{]x', 'd/[,]{a,b}', '{a,b}/**', 'x{a,b}y', 'my data/ü*'])('%j is accepted', (pattern) => {
    expect(globError(pattern)).toBeUndefined();
  });
});
