// Static analysis stage (architecture.md): parsing, the syntax verdict, the taint engine, rules,
// findings and SARIF. Everything else in this folder is internal.
export { checkSyntax, type SyntaxResult } from './syntax.js';
export { languageOfFile, parseText } from './parse.js';
export { loadRules, parseRuleFile, rulePack, rulesRoot, type Rule } from './rules.js';
export { analyze, createAnalysisCache, type AnalysisCache, type AnalyzeOptions } from './project.js';
export { testRuleFile, testFilesOf, type RuleTestResult } from './ruletest.js';
export { toSarif } from './sarif.js';
