import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HarnessError, type HarnessErrorContext } from '../../errors';
import { maxRecursiveDepth } from './maxRecursiveDepth';

/** The body is not well-formed XML; `line`/`column` point into it. */
export class MalformedXmlError extends HarnessError {
  override name = 'MalformedXmlError' as const;

  constructor(message: string, context: HarnessErrorContext = {}) {
    super(message, context);
  }
}

/** Bound to this URI by the XML spec itself, without a declaration. */
const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';
/** Not an XML namespace (that would be an error); a stable stand-in so the document still compares. */
const undeclaredPrefix = (prefix: string): string => `urn:undeclared-prefix:${prefix}`;

/**
 * The parser keeps document order and leaves all values as strings: a code "0900" must not become
 * the number 900, and namespace scoping needs each element's own declarations in order.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  // Decodes numeric character references (&#233;) as XML requires; the default leaves them as is.
  htmlEntities: true,
});

/** One node of fast-xml-parser's ordered output: `{ tag: children, ':@'?: attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

/**
 * XML as a JSON-ish tree that two equivalent documents share, so `diffJson` can compare it and
 * report paths such as `$.fault.code`:
 *
 * - An element is keyed by its LOCAL name; namespace prefixes never appear. Its namespace URI is
 *   kept as an `"@xmlns"` member where it differs from the parent's (the root's, when it has one),
 *   so `ams:fault` and `wso2:fault` bound to the same URI are equal and a different URI is a
 *   difference at `$.fault["@xmlns"]`. An undeclared prefix gets `urn:undeclared-prefix:<prefix>`.
 * - Attributes become `"@name"` members (`"@{uri}name"` for namespaced ones); their order does not
 *   matter, `xmlns` declarations are dropped.
 * - Text: the element's direct text (CDATA included, entities decoded) concatenated and trimmed;
 *   whitespace-only text between elements disappears. An element with nothing but text is that
 *   string ('' when empty), otherwise its text is the `"#text"` member. Values stay strings.
 * - Repeated child elements of one name become an array in document order. Order between
 *   children of different names is not kept (it is not compared), and an element that occurs once
 *   on one side and twice on the other is a `type` difference (string/object vs array).
 * - Comments, processing instructions and the XML declaration are dropped.
 *
 * Throws `MalformedXmlError` when the text is not well-formed XML with exactly one root element.
 */
export function canonicalizeXml(text: string): unknown {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new MalformedXmlError(`malformed XML at line ${line}${col === undefined ? '' : `, column ${col}`}: ${msg}`, { line, column: col });
  }
  const roots = (parser.parse(text) as OrderedNode[]).filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    throw new MalformedXmlError(`malformed XML: a document needs exactly one root element, found ${roots.length}`);
  }
  const root = roots[0]!;
  return { [localName(elementName(root)!)]: canonicalElement(root, new Map([['xml', xmlNamespace]]), '', 0) };
}

function canonicalElement(node: OrderedNode, parentScope: Scope, parentNamespace: string, depth: number): unknown {
  if (depth >= maxRecursiveDepth) {
    throw new MalformedXmlError(`XML nested deeper than ${maxRecursiveDepth} elements is not compared`);
  }
  const qualifiedName = elementName(node)!;
  const attributes = (node[':@'] ?? {}) as Record<string, string>;
  const scope = declaredScope(attributes, parentScope);
  const namespace = resolvePrefix(prefixOf(qualifiedName), scope, true);
  const out: Record<string, unknown> = {};
  if (namespace !== parentNamespace) out['@xmlns'] = namespace;
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const prefix = prefixOf(name);
    out[prefix === '' ? `@${name}` : `@{${resolvePrefix(prefix, scope, false)}}${localName(name)}`] = value;
  }
  let text = '';
  for (const child of (node[qualifiedName] ?? []) as OrderedNode[]) {
    const childName = elementName(child);
    if (childName === undefined) {
      if (typeof child['#text'] === 'string') text += child['#text'];
      continue;
    }
    addMember(out, localName(childName), canonicalElement(child, scope, namespace, depth + 1));
  }
  text = text.trim();
  if (Object.keys(out).length === 0) return text;
  if (text !== '') out['#text'] = text;
  return out;
}

/** Repeated names collect into an array (an element's own value is never an array). */
function addMember(out: Record<string, unknown>, name: string, value: unknown): void {
  const existing = out[name];
  if (existing === undefined) out[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else out[name] = [existing, value];
}

/** The element's tag, or undefined for text and other non-element nodes. */
function elementName(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@' && !key.startsWith('#') && !key.startsWith('?')) return key;
  return undefined;
}

function declaredScope(attributes: Record<string, string>, parent: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), value);
  }
  return scope ?? parent;
}

/** The URI a prefix stands for; unprefixed elements take the default namespace, attributes none. */
function resolvePrefix(prefix: string, scope: Scope, isElement: boolean): string {
  if (prefix === '') return isElement ? (scope.get('') ?? '') : '';
  return scope.get(prefix) ?? undeclaredPrefix(prefix);
}

function prefixOf(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(':');
  return colon < 0 ? '' : qualifiedName.slice(0, colon);
}

function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}
