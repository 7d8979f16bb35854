// SARIF 2.1.0 output: one run, rules from the findings, codeFlows from traces, URIs relative to
// the scanned folder (uriBaseId SRCROOT). Files we could not analyse become notifications whose
// id starts with `unsupported` or `parse-error`, and executionSuccessful turns false, so a
// consumer can never read them as clean.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnalysisResult, Finding, Location } from '../core/index.js';

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'note' };

function physical(loc: Location): Record<string, unknown> {
  return {
    artifactLocation: { uri: loc.file.split(path.sep).join('/'), uriBaseId: 'SRCROOT' },
    region: {
      startLine: loc.line,
      ...(loc.column !== undefined ? { startColumn: loc.column } : {}),
      ...(loc.endLine !== undefined ? { endLine: loc.endLine } : {}),
      ...(loc.endColumn !== undefined ? { endColumn: loc.endColumn } : {}),
    },
  };
}

/** Converts an analysis result to a SARIF 2.1.0 log (a plain JSON object). */
export function toSarif(result: AnalysisResult, root: string, toolVersion = '0.1.0'): Record<string, unknown> {
  const ruleIds = [...new Set(result.findings.map((f) => f.rule_id))].sort();
  const rules = ruleIds.map((id) => {
    const f = result.findings.find((x) => x.rule_id === id)!;
    return {
      id,
      shortDescription: { text: f.message.split('. ')[0]!.slice(0, 200) },
      fullDescription: { text: f.message },
      defaultConfiguration: { level: LEVEL[f.severity] },
      properties: { tags: ['security', ...(f.cwe !== undefined ? [f.cwe] : [])] },
    };
  });
  const results = result.findings.map((f) => ({
    ruleId: f.rule_id,
    ruleIndex: ruleIds.indexOf(f.rule_id),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physical(f.location) }],
    codeFlows: f.trace.length === 0 ? [] : [{
      threadFlows: [{
        locations: f.trace.map((s, i) => ({
          location: { physicalLocation: physical(s.location), message: { text: s.message } },
          executionOrder: i,
        })),
      }],
    }],
  }));
  const notifications = result.notices.map((n) => ({
    descriptor: { id: n.kind === 'unsupported-language' ? 'unsupported-language' : n.kind },
    level: n.kind === 'rule-error' ? 'error' : 'warning',
    message: { text: `${n.file}: ${n.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: n.file.split(path.sep).join('/'), uriBaseId: 'SRCROOT' } } }],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'ase-bench', informationUri: 'https://github.com/', version: toolVersion, rules } },
      originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(path.resolve(root)).href}/` } },
      invocations: [{
        executionSuccessful: result.notices.length === 0,
        toolExecutionNotifications: notifications,
      }],
      results,
    }],
  };
}
