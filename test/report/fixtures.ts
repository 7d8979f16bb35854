// Two small reports shared by the report tests: a complete gold run and an incomplete model run.
import { scoreModel, type ModelReport } from '../../src/score/index.js';
import { bits, cycle, inst, infra } from '../score/helpers.js';

export function reports(): ModelReport[] {
  const gold = scoreModel('gold', [
    inst('npm-st-CVE-2014-3744', bits(1, 1, 1), { repo: 'st' }),
    inst('npm-st-CVE-2014-3744-m1', bits(1, 1, 1), { seed: false, mutation_of: 'npm-st-CVE-2014-3744', repo: 'st' }),
    inst('npm-x-CVE-1', bits(1, 1, 1), { cwe: 'CWE-78', language: 'typescript', repo: 'x' }),
  ], { cycles: 3, bootstrap: 200 });
  const model = scoreModel('openai:test, "quoted"', [
    inst('npm-st-CVE-2014-3744', [cycle(), cycle({ static_findings: 2 }), infra('sandbox: bwrap failed, "EPERM"\nretry later')], { repo: 'st' }),
    inst('npm-st-CVE-2014-3744-m1', [cycle({ functional: null, poc_triggered: null }), cycle({ merged: false }), cycle()], { seed: false, mutation_of: 'npm-st-CVE-2014-3744', repo: 'st' }),
    inst('npm-x-CVE-1', bits(0, 0, 0), { cwe: 'CWE-78', language: 'typescript', repo: 'x' }),
  ], { cycles: 3, bootstrap: 200 });
  return [gold, model];
}
