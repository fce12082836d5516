/**
 * A structural check of JUnit XML against the rules of the Jenkins xUnit plugin's junit-10.xsd
 * (element nesting, allowed and required attributes, the SUREFIRE_TIME pattern), plus the counts
 * a CI reader relies on. It lets the tests prove validity without xmllint; where xmllint exists,
 * the tests also run it against the real xsd.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

interface ElementRule {
  allowed: string[];
  required: string[];
  /** Allowed child elements; `text` says whether character data may appear. */
  children: string[];
  text: boolean;
}

const outcome: ElementRule = { allowed: ['type', 'message'], required: [], children: [], text: true };
const rerun: ElementRule = { allowed: ['type', 'message'], required: ['type'], children: ['stackTrace', 'system-out', 'system-err'], text: true };
const textOnly: ElementRule = { allowed: [], required: [], children: [], text: true };

/** Read from junit-10.xsd: which element may hold which, with which attributes. */
const junitRules: Record<string, ElementRule> = {
  testsuites: { allowed: ['name', 'time', 'tests', 'failures', 'errors'], required: [], children: ['testsuite'], text: false },
  testsuite: {
    allowed: ['name', 'tests', 'failures', 'errors', 'group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    required: ['name', 'tests', 'failures', 'errors'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    text: false,
  },
  properties: { allowed: [], required: [], children: ['property'], text: false },
  property: { allowed: ['name', 'value'], required: ['name', 'value'], children: [], text: false },
  testcase: {
    allowed: ['name', 'time', 'classname', 'group'],
    required: ['name'],
    children: ['skipped', 'error', 'failure', 'rerunFailure', 'rerunError', 'flakyFailure', 'flakyError', 'system-out', 'system-err'],
    text: false,
  },
  failure: outcome,
  error: outcome,
  skipped: outcome,
  rerunFailure: rerun,
  rerunError: rerun,
  flakyFailure: rerun,
  flakyError: rerun,
  'system-out': textOnly,
  'system-err': textOnly,
  stackTrace: textOnly,
};

const surefireTime = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;
// eslint-disable-next-line no-control-regex
const illegalXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNode(entry: Ordered): XmlNode | undefined {
  const name = Object.keys(entry).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?')) return undefined;
  const raw = (entry[name] as Ordered[]) ?? [];
  const children = raw.map(toNode).filter((n): n is XmlNode => n !== undefined);
  const text = raw.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
  return { name, attrs: entry[':@'] ?? {}, children, text };
}

function parseXml(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
  });
  const roots = (parser.parse(xml) as Ordered[]).map(toNode).filter((n): n is XmlNode => n !== undefined);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0]!;
}

const count = (suite: XmlNode, child: string): number => suite.children.filter((c) => c.name === 'testcase' && c.children.some((x) => x.name === child)).length;

/**
 * What the `consumer` flavour adds to junit-10.xsd: `file` and `line` on `<testcase>` and a
 * `<properties>` child there (the shape GitLab, the GitHub annotation actions and Jenkins read).
 */
const consumerRules: Record<string, ElementRule> = {
  ...junitRules,
  testcase: { ...junitRules.testcase!, allowed: [...junitRules.testcase!.allowed, 'file', 'line'], children: ['properties', ...junitRules.testcase!.children] },
};

/**
 * Every rule violation found; empty means the document is structurally valid. `strict` (the
 * default) is junit-10.xsd; `consumer` allows the harness's default flavour's additions.
 */
export function checkJunit(xml: string, options: { flavour?: 'strict' | 'consumer' } = {}): { errors: string[]; root: XmlNode } {
  const rules = options.flavour === 'consumer' ? consumerRules : junitRules;
  const errors: string[] = [];
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) errors.push('missing the XML declaration with UTF-8 encoding');
  if (illegalXml.test(xml)) errors.push('contains a character XML 1.0 does not allow');
  const root = parseXml(xml);
  if (root.name !== 'testsuites') errors.push(`root is <${root.name}>, expected <testsuites>`);

  const walk = (node: XmlNode, where: string): void => {
    const rule = rules[node.name];
    if (!rule) {
      errors.push(`${where}: <${node.name}> is not in the schema`);
      return;
    }
    for (const attr of Object.keys(node.attrs)) if (!rule.allowed.includes(attr)) errors.push(`${where}: attribute "${attr}" is not allowed on <${node.name}>`);
    for (const attr of rule.required) if (node.attrs[attr] === undefined) errors.push(`${where}: <${node.name}> lacks required attribute "${attr}"`);
    if (!rule.text && node.text.trim() !== '') errors.push(`${where}: <${node.name}> may not contain text`);
    if ((node.name === 'testsuite' || node.name === 'testsuites') && node.attrs.time !== undefined && !surefireTime.test(node.attrs.time)) {
      errors.push(`${where}: time "${node.attrs.time}" does not match SUREFIRE_TIME`);
    }
    node.children.forEach((child, i) => {
      const at = `${where}/${child.name}[${i}]`;
      if (!rule.children.includes(child.name)) errors.push(`${at}: <${child.name}> may not appear inside <${node.name}>`);
      walk(child, at);
    });
  };
  walk(root, `/${root.name}`);

  const suites = root.children.filter((c) => c.name === 'testsuite');
  for (const suite of suites) {
    const testcases = suite.children.filter((c) => c.name === 'testcase').length;
    const expect = { tests: testcases, failures: count(suite, 'failure'), errors: count(suite, 'error'), skipped: count(suite, 'skipped') };
    for (const [attr, value] of Object.entries(expect)) {
      if (suite.attrs[attr] !== undefined && Number(suite.attrs[attr]) !== value) errors.push(`testsuite "${suite.attrs.name}": ${attr}="${suite.attrs[attr]}" but it holds ${value}`);
    }
  }
  for (const attr of ['tests', 'failures', 'errors'] as const) {
    const sum = suites.reduce((n, s) => n + Number(s.attrs[attr] ?? 0), 0);
    if (root.attrs[attr] !== undefined && Number(root.attrs[attr]) !== sum) errors.push(`testsuites: ${attr}="${root.attrs[attr]}" but the suites sum to ${sum}`);
  }
  return { errors, root };
}
