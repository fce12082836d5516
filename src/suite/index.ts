/** The suite stage's public API, listed by name. */
export { loadSuiteFile, type LoadSuiteOptions } from './loadSuiteFile';
export { loadSuites, type LoadSuitesOptions, type SuiteLoadResult } from './loadSuites';
export { loadGlobalConfig, globalConfigFiles, type GlobalConfig } from './loadGlobalConfig';
export { discoverSuites, suiteDiscoveryDefaults } from './discoverSuites';
export { mergeRules, emptyRules } from './mergeRules';
export { applyCaptures, type CaptureOutcome } from './capture';
export {
  builtinNames,
  createBuiltins,
  createTemplateScope,
  expandTemplate,
  expandValue,
  hasTemplate,
  parseTemplate,
  templateReferences,
  templateVariables,
  type TemplateBuiltins,
  type TemplateReference,
  type TemplateScope,
} from './template';
export { SuiteErrorList } from './suiteIssues';
export { didYouMean, editDistance } from './didYouMean';
